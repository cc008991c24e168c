"""Changes between editions: ``sapat diff`` and the changes page, on a real git repository.

The first edition is a copy of the repository, committed; the second changes one clause (4.2.3),
adds one (4.2.5), removes one (1.5) and moves one to another page (6.4, from 06-resources.md to
09-export.md), in both languages, and the Academic Council approves 04-qms.md again (revision 3,
protocol 5). Every way of naming the two editions must show exactly those four clauses.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from helpers import FIRST, copy_sources, git, sapat
from sapat.core.i18n.labels import label
from sapat.core.load import load_project
from sapat.core.model.clauses import scan_page
from sapat.core.model.links import Location
from sapat.core.model.project import Project
from sapat.core.publishing.generated.changes import changes_page, edition_changes_page, terminal_report
from sapat.core.releasing.compare import compare
from sapat.markdown import ReferencesExtension

FOUR = {("~", "4.2.3"), ("+", "4.2.5"), ("-", "1.5"), (">", "6.4")}
AGAINST = "2018-12-21 · бекитилген, протокол № 4"  # as the tests release it: an approval stated
CHANGED_WORD = {"ky": "бардык", "ru": "все"}
SENTENCE = {"ky": ("ЖАМУ СМСнын документтерин башкаруу", "ЖАМУ СМСнын бардык документтерин башкаруу"),
            "ru": ("ЖАГУ поддерживает документы СМК", "ЖАГУ поддерживает все документы СМК")}
ADDED = {"ky": "\n### 4.2.5 Электрондук документтер\n\nЭлектрондук документтер [[4.2.3]] боюнча башкарылат.\n",
         "ru": "\n### 4.2.5 Электронные документы\n\nЭлектронные документы управляются согласно [[4.2.3]].\n"}


def edit(root: Path, path: str, change) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, path
    file.write_text(changed, encoding="utf-8")


def cut_clause(text: str, heading: str) -> tuple[str, str]:
    """The page without its last clause (which starts at ``heading``), and that clause."""
    start = text.index(heading)
    return text[:start].rstrip("\n") + "\n", text[start:]


def second_edition(root: Path) -> None:
    """One clause changed, one added, one removed, one moved, in every language."""
    for language in ("ky", "ru"):
        pages = root / "manual" / language
        qms = (pages / "04-qms.md").read_text(encoding="utf-8")
        assert SENTENCE[language][0] in qms
        (pages / "04-qms.md").write_text(qms.replace(*SENTENCE[language], 1).rstrip("\n") + "\n" + ADDED[language],
                                         encoding="utf-8")
        general, _ = cut_clause((pages / "01-general.md").read_text(encoding="utf-8"), "## 1.5")
        (pages / "01-general.md").write_text(general, encoding="utf-8")
        resources, moved = cut_clause((pages / "06-resources.md").read_text(encoding="utf-8"), "## 6.4")
        (pages / "06-resources.md").write_text(resources, encoding="utf-8")
        export = (pages / "09-export.md").read_text(encoding="utf-8")
        (pages / "09-export.md").write_text(export.rstrip("\n") + "\n\n" + moved, encoding="utf-8")
    # the data that named the removed clause name it no more, as the check asks of an editor
    mapping = root / "manual/frameworks/kg-accreditation.yml"
    named = mapping.read_text(encoding="utf-8")
    assert 'clauses: ["1.5", "5.1", "5.5.2"]' in named
    mapping.write_text(named.replace('clauses: ["1.5", "5.1", "5.5.2"]', 'clauses: ["5.1", "5.5.2"]'), encoding="utf-8")
    approve = sapat(root, "approve", str(root / "manual/ky/04-qms.md"), "--by", "academic_council",
                    "--protocol", "5", "--date", "2026-01-15", "--summary", "4.2.3 өзгөртүлдү, 4.2.5 кошулду")
    assert approve.returncode == 0, approve.output


@pytest.fixture(scope="module")
def released_then_changed(tmp_path_factory, released) -> Path:
    """A git repository with the first edition released (``sapat release``: a copy of the shared
    ``released``) and the changes of a second one committed on top: HEAD~1 is the release, HEAD
    the second edition's text."""
    root = tmp_path_factory.mktemp("editions") / "repo"
    shutil.copytree(released, root)
    assert git(root, "tag") == f"edition/{FIRST}\n" and git(root, "log", "-1", "--format=%s").startswith("Release")
    second_edition(root)
    git(root, "add", "--all")
    git(root, "commit", "--quiet", "-m", "second edition")
    return root


def test_a_new_page_is_listed_once_and_its_clauses_named_in_one_line(released_then_changed, tmp_path):
    root = tmp_path / "repo"
    shutil.copytree(released_then_changed, root)
    new = {"ky": ("Жол-жобо", "Биринчи сүйлөм", "пункттары: 3"), "ru": ("Процедура", "Первое предложение", "3")}
    for language, (title, sentence, _) in new.items():
        (root / f"manual/{language}/11-procedure.md").write_text(
            f"# 11. {title}\n\n## 11.1 {title}\n\n{sentence}.\n\n## 11.2 {title}\n\n{sentence}.\n", encoding="utf-8")
    for language, (_, sentence, count) in new.items():
        page = edition_changes_page(load_project(root), language)
        assert "11-procedure.md" in page and sentence not in page
        assert re.search(rf"^\*\*\[\[11\]\] … \[\[11\.2\]\]\*\*: .*«11-procedure\.md».*{count}$", page, re.M), page
        assert "[[11.1]]" not in page
        assert "**[[4.2.5]]**" in page and "{++" in page  # a clause added to a page that was there is quoted


def clause_lines(output: str, language: str) -> set[tuple[str, str]]:
    """The (symbol, clause) lines of one language's section of the terminal report."""
    section = output.split(f"\n{language} (")[1].split("\n\n")[0]
    return {(match.group(1), match.group(2)) for match in re.finditer(r"^  ([-+~>]) (\S+) ", section, re.M)}


@pytest.mark.parametrize("sides", [("HEAD~1", "HEAD"), ("HEAD~1",), ("2018-12-21", "HEAD"), ("latest", "draft"),
                                   ("manual/editions/2018-12-21/sources",)])
def test_diff_shows_exactly_the_four_changes_in_both_languages(released_then_changed, sides):
    run = sapat(released_then_changed, "diff", *sides)
    assert run.returncode == 0 and "Traceback" not in run.output, run.output
    for language in ("ky", "ru"):
        assert clause_lines(run.stdout, language) == FOUR, run.stdout
    assert f"{{++{CHANGED_WORD['ky']}++}}" in run.stdout and f"{{++{CHANGED_WORD['ru']}++}}" in run.stdout
    assert "[06-resources.md → 09-export.md]" in run.stdout
    # The Academic Council's new approval of 04-qms.md, in the words of each language.
    metadata = re.findall(r"^  page 04-qms\.md: (.*)$", run.stdout, re.M)
    assert len(metadata) == 2, run.stdout
    for line in metadata:
        assert line.startswith("revision 2 → 3; approval_date 2018-12-21 → 2026-01-15; protocol 4 → 5"), line
    assert len(re.findall(r"^  page ", run.stdout, re.M)) == 2  # no other page changed


def test_sides_are_named_in_the_title(released_then_changed):
    run = sapat(released_then_changed, "diff", "2018-12-21", "HEAD~1", "--language", "ky")
    head = git(released_then_changed, "rev-parse", "--short=7", "HEAD~1").strip()
    assert run.stdout.startswith(f"Changes from edition 2018-12-21 to revision HEAD~1 ({head})\n")
    assert "ky (Кыргызча): no changes" in run.stdout and "ru (" not in run.stdout


def test_markdown_for_a_job_summary(released_then_changed):
    run = sapat(released_then_changed, "diff", "HEAD~1", "HEAD", "--format", "markdown", "--language", "ru")
    assert run.returncode == 0, run.output
    summary = run.stdout
    assert summary.startswith("# Changes from revision HEAD~1") and "## Русский" in summary
    assert "Добавлено пунктов: 1, исключено: 1, изменено: 1, перенесено на другую страницу: 1." in summary
    sections = dict(re.findall(r"^### (.+)\n\n((?:(?!^### ).*\n)*)", summary, re.M))
    assert set(sections) == {"Страницы", "Добавленные пункты", "Исключённые пункты", "Изменённые пункты",
                             "Пункты, перенесённые на другую страницу"}
    numbers = {title: [number.replace("\\", "") for number in re.findall(r"^\*\*(\S+)\*\*", body, re.M)]
               for title, body in sections.items()}
    assert numbers == {"Страницы": [], "Добавленные пункты": ["4.2.5"], "Исключённые пункты": ["1.5"],
                       "Изменённые пункты": ["4.2.3"], "Пункты, перенесённые на другую страницу": ["6.4"]}
    assert "> ЖАГУ поддерживает <ins>все</ins> документы СМК в управляемом состоянии." in summary
    assert "| Редакция | 2 | 3 |" in summary and "| Протокол № | 4 | 5 |" in summary
    assert "[[" not in summary  # GitHub does not know sapat's references: numbers are plain text


def test_a_name_that_is_nothing_is_refused_without_a_traceback(released_then_changed):
    run = sapat(released_then_changed, "diff", "no-such-edition")
    assert run.returncode == 1 and "Traceback" not in run.output
    assert "'no-such-edition' is not a folder, an edition of manual/editions/editions.yml, 'draft' or a git " \
           "revision of the repository" in run.stderr
    no_git = subprocess.run([sys.executable, "-m", "sapat.cli", "--root", str(released_then_changed), "diff", "HEAD~1"],
                            capture_output=True, text=True, cwd=released_then_changed,
                            env={**os.environ, "PATH": str(Path(sys.executable).parent)})
    assert no_git.returncode == 1 and "Traceback" not in no_git.stderr
    assert "git is not installed to read revisions" in no_git.stderr


def site_markdown(root: Path, project: Project, language: str) -> markdown.Markdown:
    """Python-Markdown as the site configures it (mkdocs.yml), with sapat's references."""
    config = load_config(str(root / "mkdocs.yml"))
    here = Location(language, "changes.md")
    references = ReferencesExtension(resolve=lambda ident: project.clause_link(ident, here),
                                     backlinks=lambda ident: [], on_missing=pytest.fail, backlinks_label="")
    return markdown.Markdown(extensions=[*config.markdown_extensions, references],
                             extension_configs=config.mdx_configs)


def test_changes_page_lists_the_four_clauses_with_marked_words(released_then_changed):
    new = load_project(released_then_changed)
    # What the draft's changes page against 'latest' will be made from.
    page = edition_changes_page(new, "ky")  # the draft's changes page, against 'latest'
    first = load_project(released_then_changed / "manual/editions/2018-12-21/sources")
    compared = changes_page(compare(first, new), "ky", AGAINST)
    # then the audit checklists the changes changed: 4.2.3 governs documentation management
    assert page == compared + (f"\n## {label('changes.checklists', 'ky')}\n\n{label('changes.checklists_intro', 'ky')}"
                               "\n\n- [Документ жүргүзүүнү башкаруу](audits/documentation-management.md) ([[4.2.3]])\n")
    assert page.startswith("# Өзгөртүүлөр\n\nСалыштырылган басылыш: 2018-12-21 · бекитилген, протокол № 4.\n")
    entries = re.findall(r"^## (.+)\n\n((?:(?!^## ).*\n)*)", page, re.M)
    numbers = {title: re.findall(r"^\*\*(\S+)\*\*", body, re.M) for title, body in entries}
    assert numbers == {"Барактар": [], "Кошулган пункттар": ["[[4.2.5]]"], "Алынып салынган пункттар": ["1\\.5"],
                       "Өзгөртүлгөн пункттар": ["[[4.2.3]]"],
                       "Башка баракка жылдырылган пункттар": ["[[6.4]]"], "Өзгөргөн аудит чек-барактары": []}
    assert "> ЖАМУ СМСнын {++бардык++} документтерин башкаруу абалында кармайт." in page

    html = site_markdown(released_then_changed, new, "ky").convert(page)
    inserted = re.findall(r'<ins class="critic">(.*?)</ins>', html)
    deleted = re.findall(r'<del class="critic">(.*?)</del>', html)
    assert "бардык" in inserted
    # The added clause is inserted text whose reference still links to the clause it names.
    assert any('<a class="sapat-ref" href="04-qms.md#4.2.3"' in text for text in inserted), inserted
    # The removed clause is deleted text, every line of it, and its number links nowhere.
    assert "керектөөчүгө багыт алуу;" in deleted and "1.5" not in re.findall(r">([\d.]+)</a>", html)
    assert len(inserted) == 2 and len(deleted) == 1 + 8  # 4.2.3's word, 4.2.5's text; 1.5's intro and list
    assert re.search(r'<strong><a class="sapat-ref" href="06-resources.md#6.4"', html) is None
    assert '<strong><a class="sapat-ref" href="09-export.md#6.4"' in html
    assert "<td>Редакция</td>\n<td>2</td>\n<td>3</td>" in html
    assert "<p>«6. Ресурстар менеджменти» барагынан «9. Билим берүүнү экспорттоо» барагына жылдырылды.</p>" in html


def test_the_changes_page_makes_the_sources_own_markup_inert(released_then_changed, tmp_path):
    hostile = ("<script>alert(1)</script> {++жасалма++} {>>эскертүү<<} ![сүрөт](http://evil.example/x.png) "
               "[шилтеме](javascript:alert(1)) <img src=x onerror=alert(1)> `{--код--}` **[[4.2.4]]** |")
    root = copy_sources(tmp_path / "repo")
    edit(root, "manual/ky/04-qms.md", lambda text: text.replace(
        "ЖАМУ СМСнын документтерин башкаруу абалында кармайт.", f"ЖАМУ СМСнын документтерин {hostile}", 1))
    new = load_project(root)
    assert any("CriticMarkup" in str(d.message) for d in new.errors())  # the editor is told, the page stays safe
    first = load_project(released_then_changed / "manual/editions/2018-12-21/sources")
    page = changes_page(compare(first, new), "ky", AGAINST)
    assert scan_page("changes.md", page).links == ()  # nothing for the link check of a generated page
    html = site_markdown(root, new, "ky").convert(page)
    assert re.findall(r"<(script|img|iframe|span)\b", html) == []
    links = [target for target in re.findall(r'href="([^"]*)"', html) if not target.startswith("#")]  # not permalinks
    assert links == ["04-qms.md#4.2.3", "04-qms.md#4.2.4"]
    assert re.findall(r"<(ins|del)\b", html) == ["del", "ins"]
    assert "{++жасалма++}" in html.replace("&#123;", "{").replace("&#125;", "}")
    assert "<code>&#123;--код--&#125;</code>" in html
    assert "<strong><a class=\"sapat-ref\" href=\"04-qms.md#4.2.4\"" in html


def test_a_renamed_page_is_one_page_removed_one_added_and_its_clauses_moved(released_then_changed, tmp_path):
    root = copy_sources(tmp_path / "repo")
    for language in ("ky", "ru"):
        (root / f"manual/{language}/10-rating.md").rename(root / f"manual/{language}/11-rating.md")
    edit(root, "mkdocs.yml", lambda text: text.replace("  - 10-rating.md\n", "  - 11-rating.md\n"))
    diff = compare(load_project(released_then_changed / "manual/editions/2018-12-21/sources"), load_project(root))
    report = terminal_report(diff, ["ru"], "10 → 11", "en")
    assert report.splitlines()[2:] == ["ru (Русский): 0 added, 0 removed, 0 changed, 1 moved",
                                       "  page 10-rating.md: removed",
                                       "  page 11-rating.md: added",
                                       "  > 10 Рейтинговые исследования  [10-rating.md → 11-rating.md]"]
    page = changes_page(diff, "ky", AGAINST)
    assert "- 10\\. Рейтинг аркылуу изилдөөлөр (10-rating.md): алынып салынган барак" in page
    assert "- 10\\. Рейтинг аркылуу изилдөөлөр (11-rating.md): кошулган барак" in page
