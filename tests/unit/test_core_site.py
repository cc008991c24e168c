"""What the core decides for the published site: links, languages, generated pages and the
header of each page, in-process on the real repository (or a copy a test changes)."""

from __future__ import annotations

import re
import string

import pytest
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from helpers import ROOT, copy_sources
from sapat.core.diagrams.interaction import flow_order
from sapat.core.i18n.languages import LANGUAGES, SOURCE_LANGUAGE
from sapat.core.load import load_project
from sapat.core.model.control import DocumentControl, TranslationState
from sapat.core.model.editions import Edition, draft_edition
from sapat.core.model.links import LinkForm, Location, alternates, href, page_url
from sapat.core.model.roles import Roles
from sapat.core.publishing.generated import (
    GENERATED_PAGES,
    nav_levels,
    nav_with_folder_sections,
    nav_with_process_pages,
)
from sapat.core.publishing.page_header import control_block, edition_badge, page_header
from sapat.core.publishing.pdf.document import printed_pages
from sapat.core.sources.repository import NavEntry, read_nav


@pytest.fixture(scope="module")
def project(real_project):
    """The real repository as of 2026-11-29 (conftest.real_project), read, never changed."""
    return real_project


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_language_has_every_label_with_the_same_placeholders():
    source = LANGUAGES[SOURCE_LANGUAGE].labels
    for code, language in LANGUAGES.items():
        assert set(language.labels) == set(source), code
        for key, text in language.labels.items():
            assert placeholders(text) == placeholders(source[key]), (code, key)


def test_every_label_is_used_by_sapat():
    code = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "plugins/sapat").rglob("*.py")
                     if "languages" not in path.parts)

    def used(key: str) -> bool:
        """Named in quotes, or (for "kind.core") built from its prefix: f"kind.{...}", "kind." + ..."""
        prefix = key.rsplit(".", 1)[0] + "."
        return bool(re.search(rf"""['"]{re.escape(key)}['"]""", code) or
                    ("." in key and re.search(rf"""['"]{re.escape(prefix)}(['"]|{{)""", code)))

    assert [key for key in LANGUAGES[SOURCE_LANGUAGE].labels if not used(key)] == []


def test_kyrgyz_sorts_in_its_own_alphabet():
    words = ["өзгөртүү", "ооз", "үй", "уя", "ңа", "нан"]
    assert sorted(words, key=LANGUAGES["ky"].sort_key) == ["нан", "ңа", "ооз", "өзгөртүү", "уя", "үй"]


@pytest.mark.parametrize("page", ["index.md", "04-qms.md", "processes/index.md", "processes/purchasing.md"])
@pytest.mark.parametrize("target", ["index.md", "07-product-realization.md", "processes/index.md",
                                    "processes/internal-audit.md"])
def test_urls_agree_with_mkdocs(page, target):
    def url(name: str) -> str:
        return File(name, "/docs", "/site", use_directory_urls=True).url

    assert page_url(target) in (url(target), "")
    assert href(Location("ky", target), Location("ky", page), LinkForm.URL) == get_relative_url(url(target), url(page))


def test_links_in_both_forms():
    here = Location("ky", "processes/purchasing.md")
    assert href(Location("ky", "07-product-realization.md", "7.4"), here, LinkForm.SOURCE) == \
        "../07-product-realization.md#7.4"
    assert href(Location("ky", "07-product-realization.md", "7.4"), here, LinkForm.URL) == \
        "../../07-product-realization/#7.4"
    assert href(Location("ru", "processes/purchasing.md", "x"), here, LinkForm.URL) == \
        "../../../ru/processes/purchasing/#x"
    with pytest.raises(ValueError):
        href(Location("ru", "index.md"), here, LinkForm.SOURCE)
    assert [(code, link) for code, _, link in alternates(Location("ru", "04-qms.md"))] == \
        [("ky", "../../ky/04-qms/"), ("ru", "./")]


def test_symbolic_targets_are_located_in_the_right_page(project):
    here = Location("ru", "processes/index.md")
    assert project.link("clause:7.3.1", here, LinkForm.URL) == "../07-product-realization/#7.3.1"
    assert project.link("process:purchasing", here, LinkForm.URL) == "purchasing/"
    assert project.link("page:register.md", here, LinkForm.URL) == "../register/"
    assert project.link("clause:9.9.9", here, LinkForm.URL) is None
    link = project.clause_link("appendix-2", Location("ky", "03-process-approach.md"))
    assert (link.href, link.label) == ("appendix-2.md#appendix-2", "Тиркеме 2")


def test_every_generated_page_is_there_in_every_language_and_its_references_resolve(project):
    for language, pages in project.languages.items():
        names = set(pages.generated)
        assert {page.name for page in GENERATED_PAGES} <= names
        assert {f"processes/{pid}.md" for pid in project.process_model.processes} <= names
        assert all(page.scan.references or page.name not in ("objectives.md",) for page in pages.generated.values())
        assert pages.index.unresolved == [], language


def test_the_nav_gets_a_section_of_process_pages(project):
    nav = nav_with_process_pages(["index.md", "processes/index.md", "register.md"], project, "ru")
    section = nav[1]["Процессы"]
    assert section[:2] == ["processes/index.md", "interaction-matrix.md"]
    assert section[2:] == [f"processes/{pid}.md" for pid in flow_order(project.process_model)]


def test_the_pages_of_a_folder_become_a_section_titled_by_its_index_page(project):
    nav = ["index.md", "guide/index.md", "01-general.md", "guide/errors.md", "procedures/hr/pr-1.md",
           "procedures/it/pr-3.md", "procedures/hr/pr-2.md", {"Процессы": ["processes/index.md"]}]
    assert nav_with_folder_sections(nav, project.languages["ru"]) == [
        "index.md", {"Руководство для редакторов": ["guide/index.md", "guide/errors.md"]}, "01-general.md",
        {"procedures": [{"hr": ["procedures/hr/pr-1.md", "procedures/hr/pr-2.md"]}, {"it": ["procedures/it/pr-3.md"]}]},
        {"Процессы": ["processes/index.md"]}]


def test_mkdocs_yml_gives_the_nav_as_mkdocs_reads_it_and_each_page_with_its_line(tmp_path):
    mkdocs_yml = tmp_path / "mkdocs.yml"
    mkdocs_yml.write_text("nav:\n  - index.md\n  - Тиркемелер:\n      - appendix-1.md\n      - Схема: appendix-2.md\n"
                          "  - https://jasu.kg\nslugify: !!python/name:os.system\n", encoding="utf-8")
    nav = read_nav(mkdocs_yml)  # composed: the tag is never run
    assert nav.items == ["index.md", {"Тиркемелер": ["appendix-1.md", {"Схема": "appendix-2.md"}]}, "https://jasu.kg"]
    assert nav.entries == [NavEntry("index.md", 2), NavEntry("appendix-1.md", 4), NavEntry("appendix-2.md", 5)]


def test_each_level_of_the_nav_lists_its_own_pages(project):
    """A titled page stands in its level; a section, a folder's or one of mkdocs.yml, is a level."""
    nav = ["index.md", "procedures/hr/pr-1.md", {"Бекитилген": "04-qms.md"}, "procedures/it/pr-3.md",
           "procedures/hr/pr-2.md", {"Тиркемелер": ["appendix-1.md", {"Схемалар": ["appendix-2.md"]}]}]
    assert nav_levels(nav_with_folder_sections(nav, project.languages["ru"])) == [
        ["index.md", "04-qms.md"], [], ["procedures/hr/pr-1.md", "procedures/hr/pr-2.md"], ["procedures/it/pr-3.md"],
        ["appendix-1.md"], ["appendix-2.md"]]


def test_the_glossary_page_lists_terms_in_the_readers_alphabet(project):
    page = project.languages["ky"].generated["glossary.md"].body
    first_column = [row.split("|")[1].strip() for row in page.splitlines()[6:]]
    assert first_column == sorted(first_column, key=LANGUAGES["ky"].sort_key)
    assert page.splitlines()[4].startswith("| Кыргызча |")
    assert project.languages["ru"].generated["glossary.md"].body.splitlines()[4].startswith("| На русском |")


@pytest.mark.parametrize("page", ["register.md", "translation-status.md"])
def test_the_register_lists_the_documents_as_the_pdf_does(project, page):
    """A reader comparing the register with the PDF's control table finds the same order: the
    navigation's, the title page (ЖАМУ-СМС-00) first. Files read by name had put index.md last."""
    body = project.languages["ru"].generated[page].body
    assert re.findall(r"^\|[^\n]*?\]\(([^)]+\.md)\)", body, re.MULTILINE) == \
        [p.name for p in printed_pages(project, "ru")]
    codes = re.findall(r"^\| (ЖАМУ-СМС-\d\d) \|", project.languages["ru"].generated["register.md"].body, re.MULTILINE)
    assert codes == [f"ЖАМУ-СМС-{n:02d}" for n in range(13)]


def test_a_stale_translation_names_the_clauses_that_changed(tmp_path):
    root = copy_sources(tmp_path / "repo")
    page = root / "manual/ky/06-resources.md"
    page.write_text(page.read_text(encoding="utf-8").replace("## 6.3 Инфраструктура\n",
                                                             "## 6.3 Инфраструктура\n\nЖаңы сүйлөм.\n"),
                    encoding="utf-8")
    project = load_project(root)
    assert project.translation_state("06-resources.md", "ru") is TranslationState.STALE
    assert project.lagging_clauses("06-resources.md", "ru") == ["6.3"]
    status = project.languages["ru"].generated["translation-status.md"].body
    assert "устарел: [[6.3]]" in status
    header = page_header(project, Location("ru", "06-resources.md"), lambda target: None, draft_edition())
    assert "sapat-notice--stale" in header and "отстают пункты: 6.3" in header
    assert 'href="../../ky/06-resources/"' in header


def test_the_control_block_escapes_what_editors_write():
    control = DocumentControl(code="<b>X</b>", title="t", revision=2, status="approved", owner_role="r<i>",
                              approved_by="academic_council", approval_date="2018-12-21",
                              protocol='4" onmouseover="x', effective_date=None, next_review_date="2019-12-21",
                              change_summary="", changed_since_approval=False, review_overdue=True)
    html = control_block(control, Roles({"academic_council": {"ky": "Кеңеш & <ко>"}}), "ky", draft_edition())
    assert "<b>X</b>" not in html and "&lt;b&gt;X&lt;/b&gt;" in html
    assert "r&lt;i&gt;" in html and "Кеңеш &amp; &lt;ко&gt;" in html and '4&quot; onmouseover' in html
    assert "мөөнөтү өтүп кеткен" in html and "sapat-control--approved" in html


def test_the_header_names_the_edition_read():
    """The draft warns; an edition shows its version, its whole name as tooltip, escaped."""
    draft = edition_badge(draft_edition(), "ru")
    assert 'class="md-header__option sapat-badge sapat-badge--draft"' in draft and ">ПРОЕКТ</div>" in draft
    frozen = edition_badge(Edition("2018-12-21", "academic_council", "2018-12-21", protocol='4"<'), "ky")
    assert '<span class="sapat-visually-hidden">Басылышы: </span>2018-12-21</div>' in frozen
    assert 'title="Колдонмонун «2018-12-21 · бекитилген, протокол № 4&quot;&lt;» басылышы"' in frozen


def test_an_appendix_shows_its_figure_under_its_heading_and_other_pages_none(project):
    link = lambda target: "#"  # noqa: E731
    assert 'id="sapat-appendix-2"' in page_header(project, Location("ky", "appendix-2.md"), link, draft_edition())
    assert "<figure" not in page_header(project, Location("ky", "04-qms.md"), link, draft_edition())
    assert page_header(project, Location("ky", "register.md"), link, draft_edition()) == ""


def test_a_project_loaded_again_reports_the_same_mistakes_and_sees_every_edit(tmp_path):
    """Pages are parsed once per content (make serve reloads at every save): a second load must
    still report a broken page, and an edited page must be read anew."""
    root = copy_sources(tmp_path / "repo")
    broken, edited = root / "manual/ky/05-management.md", root / "manual/ky/06-resources.md"
    broken.write_text(broken.read_text(encoding="utf-8").replace("revision:", "revision: [", 1), encoding="utf-8")
    first, second = load_project(root), load_project(root)
    assert [str(d) for d in first.diagnostics] == [str(d) for d in second.diagnostics]
    assert any(d.path == "manual/ky/05-management.md" for d in second.errors())
    assert not second.source.files["05-management.md"].valid
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("## 6.1 ", "## 6.1 Жаңы "), encoding="utf-8")
    third = load_project(root)
    assert third.languages["ky"].index.clauses["6.1"].title.startswith("Жаңы ")
    assert third.source.files["06-resources.md"] is not second.source.files["06-resources.md"]
    assert third.source.files["06-resources.md"].path == edited
