"""Editors who are not programmers: messages in their language, annotations on a pull request,
a check before each commit, one command for a new page, the guide, and "Edit this page"."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, Run, copy_sources, elements, sapat
from sapat.core.load import load_project
from sapat.core.model.control import TranslationState
from sapat.core.model.editions import DRAFT, draft_edition
from sapat.core.model.links import Location
from sapat.core.publishing.page_header import page_header

KY = "manual/ky"
BIN = ROOT / ".venv" / "bin"


def change(root: Path, path: str, old: str, new: str) -> None:
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")


def sapat_in(root: Path, *args: str, **environment: str) -> Run:
    """``sapat`` (in this process, as helpers.sapat) with the environment changed: SAPAT_LANG
    removed unless given."""
    return sapat(root, *args, env={"SAPAT_LANG": None, **environment})


@pytest.fixture
def bad_reference(sources: Path) -> Path:
    change(sources, f"{KY}/07-product-realization.md", "([[7.3.1]])", "([[7.3.9]])")
    return sources


# --------------------------------------------------------------------------- the editor's language

SAME_MISTAKE = {
    "ky": "manual/ky/07-product-realization.md:115: error: [[7.3.9]] шилтемеси эч бир пунктка алып барбайт\n"
          "    hint: '7.3.7' деп жазгыңыз келдиби?\n",
    "ru": "manual/ky/07-product-realization.md:115: error: ссылка [[7.3.9]] не ведёт ни к одному пункту\n"
          "    hint: возможно, имелось в виду '7.3.7'?\n",
    "en": "manual/ky/07-product-realization.md:115: error: reference [[7.3.9]] points to no clause\n"
          "    hint: did you mean '7.3.7'?\n",
}


def test_the_same_mistake_is_reported_in_kyrgyz_russian_and_english(bad_reference, plain_notices):
    by_option_first = sapat_in(bad_reference, "--lang", "ky", "check")
    by_option_after = sapat_in(bad_reference, "check", "--lang", "ru")
    by_environment = sapat_in(bad_reference, "check", SAPAT_LANG="en")
    for run, language in ((by_option_first, "ky"), (by_option_after, "ru"), (by_environment, "en")):
        assert run.returncode == 1
        assert SAME_MISTAKE[language] in run.stderr, run.stderr
    notices = plain_notices + 2  # the text of 7.3.1 changed since it was approved and translated
    assert f"sapat: текшерилген барактар: 42, каталар: 1, эскертүүлөр: {notices}" in by_option_first.stderr
    assert f"sapat: проверено страниц: 42, ошибок: 1, замечаний: {notices}" in by_option_after.stderr
    assert f"sapat: pages checked: 42, errors: 1, notices: {notices}" in by_environment.stderr


def test_the_repository_chooses_the_language_unless_the_editor_does(bad_reference):
    assert SAME_MISTAKE["ky"] in sapat_in(bad_reference, "check").stderr  # messages: ky in mkdocs.yml
    change(bad_reference, "mkdocs.yml", "messages: ky", "messages: ru")
    assert SAME_MISTAKE["ru"] in sapat_in(bad_reference, "check").stderr
    assert SAME_MISTAKE["en"] in sapat_in(bad_reference, "check", SAPAT_LANG="en").stderr
    change(bad_reference, "mkdocs.yml", "      messages: ru\n", "")
    assert SAME_MISTAKE["en"] in sapat_in(bad_reference, "check").stderr  # nothing set: English


def test_the_help_is_in_the_editors_language(sources):
    run = sapat_in(sources, "new", "--help", "--lang", "ru")
    assert run.returncode == 0
    assert "заголовок страницы на кыргызском языке" in run.stdout


def test_the_mkdocs_log_speaks_the_chosen_language(bad_reference):
    env = {key: value for key, value in os.environ.items() if key != "SAPAT_LANG"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-f", "mkdocs.yml", "-d", "out"],
                          capture_output=True, text=True, cwd=bad_reference, env=env, timeout=300)
    assert done.returncode == 1
    assert "[[7.3.9]] шилтемеси эч бир пунктка алып барбайт" in done.stderr
    assert "колдонмонун булак файлдарындагы каталар: 1; эч нерсе курулган жок" in done.stderr


# --------------------------------------------------------------------------- GitHub

def test_check_prints_github_annotations_and_a_job_summary(bad_reference, tmp_path):
    model = bad_reference / "processes/model.yml"
    lines = model.read_text(encoding="utf-8").split("\n")
    bad_line = next(number for number, line in enumerate(lines, 1) if line.startswith("caption:"))
    lines[bad_line - 1] = "caption: Тиркеме: 1"  # a second ': ' on the line
    model.write_text("\n".join(lines), encoding="utf-8")
    summary = tmp_path / "summary.md"
    summary.write_text("earlier steps\n", encoding="utf-8")
    run = sapat_in(bad_reference, "check", "--format", "github", SAPAT_LANG="en",
                   GITHUB_STEP_SUMMARY=str(summary), GITHUB_SERVER_URL="https://github.com",
                   GITHUB_REPOSITORY="jasu/sapat", GITHUB_SHA="abc123")
    assert run.returncode == 1
    commands = run.stdout.splitlines()
    assert ("::error file=manual/ky/07-product-realization.md,line=115,title=sapat%3A error::"
            "reference [[7.3.9]] points to no clause%0Adid you mean '7.3.7'?") in commands
    assert (f"::error file=processes/model.yml,line={bad_line},title=sapat%3A error::"
            "invalid YAML: a second ': ' on this line%0Aput a value containing ': ' in quotes") in commands
    assert ("::notice file=manual/ky/07-product-realization.md,line=13,title=sapat%3A notice::the text changed "
            "since it was approved on 2018-12-21: the site shows the page as a draft%0Aonce the new text is "
            "approved, run 'sapat approve manual/ky/07-product-realization.md'") in commands
    assert all(line.startswith(("::error ", "::notice ")) for line in commands)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier steps\n## sapat check\n")  # appended, as GitHub expects
    assert ("| [manual/ky/07-product-realization.md:115](https://github.com/jasu/sapat/blob/abc123/"
            "manual/ky/07-product-realization.md#L115) | error | reference \\[\\[7.3.9\\]\\] points to no clause | "
            "did you mean '7.3.7'? |") in text


def test_the_workflow_runs_the_check_then_the_tests_on_the_locked_environment():
    workflow = ROOT / ".github/workflows/check.yml"
    steps = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]["check"]["steps"]
    runs = [step.get("run", "") for step in steps]
    check = next(i for i, run in enumerate(runs) if run.startswith("make check"))
    test = next(i for i, run in enumerate(runs) if run.startswith("make test-all"))  # the slow tests too
    diff = next(i for i, run in enumerate(runs) if 'sapat diff "$BASE_SHA" HEAD --format markdown' in run)
    assert check < diff < test and "FORMAT=github" in runs[check]
    cache = next(step for step in steps if step.get("uses", "").startswith("actions/cache"))
    assert "hashFiles('requirements.lock'" in cache["with"]["key"] and cache["with"]["path"] == ".venv"


def test_the_workflow_is_valid_against_githubs_schema(tmp_path):
    def validate(path: Path) -> subprocess.CompletedProcess:
        return subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                               str(path)], capture_output=True, text=True, timeout=120)

    workflow = ROOT / ".github/workflows/check.yml"
    valid = validate(workflow)
    assert valid.returncode == 0, valid.stdout + valid.stderr
    broken = tmp_path / "check.yml"
    broken.write_text(workflow.read_text(encoding="utf-8").replace("runs-on:", "runs_on:"), encoding="utf-8")
    assert validate(broken).returncode != 0  # the validation can fail


def test_pre_commit_stops_a_commit_with_a_bad_reference_and_lets_the_fix_through(tmp_path):
    repo = copy_sources(tmp_path / "repo")
    shutil.copy2(ROOT / ".pre-commit-config.yaml", repo)
    (repo / ".venv").symlink_to(ROOT / ".venv")
    env = {key: value for key, value in os.environ.items() if key != "SAPAT_LANG"} | {
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"), "GIT_AUTHOR_NAME": "Editor",
        "GIT_AUTHOR_EMAIL": "editor@example.org", "GIT_COMMITTER_NAME": "Editor",
        "GIT_COMMITTER_EMAIL": "editor@example.org", "PATH": f"{BIN}:{os.environ['PATH']}"}

    def run(*command: str) -> subprocess.CompletedProcess:
        return subprocess.run(command, cwd=repo, env=env, capture_output=True, text=True, timeout=300)

    assert run("git", "init", "-q", "-b", "main").returncode == 0
    (repo / ".gitignore").write_text("/.venv\n", encoding="utf-8")
    installed = run(str(BIN / "pre-commit"), "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    run("git", "add", "-A")
    first = run("git", "commit", "-q", "-m", "the manual")
    assert first.returncode == 0, first.stdout + first.stderr
    change(repo, f"{KY}/07-product-realization.md", "([[7.3.1]])", "([[7.3.9]])")
    run("git", "add", "-A")
    refused = run("git", "commit", "-q", "-m", "a bad reference")
    assert refused.returncode != 0
    assert SAME_MISTAKE["ky"] in refused.stdout + refused.stderr
    change(repo, f"{KY}/07-product-realization.md", "([[7.3.9]])", "([[7.3.7]])")
    run("git", "add", "-A")
    fixed = run("git", "commit", "-q", "-m", "the reference fixed")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "sapat check" in fixed.stdout + fixed.stderr and "Passed" in fixed.stdout + fixed.stderr
    assert run("git", "log", "--format=%s").stdout.split("\n")[:2] == ["the reference fixed", "the manual"]


# --------------------------------------------------------------------------- sapat new

def test_sapat_new_adds_a_page_its_translation_to_do_and_the_nav_entry_then_make_check_passes(sources,
                                                                                             plain_notices):
    mkdocs_before = (sources / "mkdocs.yml").read_text(encoding="utf-8")
    run = sapat_in(sources, "new", "11-training.md", "--title", "11. Кызматкерлерди окутуу", SAPAT_LANG="en")
    assert run.returncode == 0, run.output
    assert ("sapat: created manual/ky/11-training.md (ЖАМУ-СМС-13, draft) and manual/ru/11-training.md "
            "(to translate); the nav entry is at mkdocs.yml:37") in run.stderr
    page = yaml.safe_load((sources / KY / "11-training.md").read_text(encoding="utf-8").split("---")[1])
    assert page == {"document_code": "ЖАМУ-СМС-13", "title": "11. Кызматкерлерди окутуу", "revision": 1,
                    "status": "draft", "owner_role": "vice_rector_academic",
                    "change_summary": "Жаңы документтин долбоору."}
    mkdocs_after = (sources / "mkdocs.yml").read_text(encoding="utf-8").split("\n")
    assert mkdocs_after[35:37] == ["  - 10-rating.md", "  - 11-training.md"]
    assert "\n".join(mkdocs_after[:36] + mkdocs_after[37:]) == mkdocs_before  # one line added, nothing else
    for name in ("Makefile", "pyproject.toml", "requirements.lock"):
        shutil.copy2(ROOT / name, sources / name)
    (sources / ".venv").symlink_to(ROOT / ".venv")
    # -o: the .venv linked in is the one installed from requirements.lock; make is not to rebuild it.
    check = subprocess.run(["make", "-o", ".venv/.sapat-ready", "check"], cwd=sources, capture_output=True,
                           text=True, timeout=300, env=os.environ | {"SAPAT_LANG": "en"})
    assert check.returncode == 0, check.stdout + check.stderr
    assert ("manual/ru/11-training.md:1: notice: not translated yet: this page does not translate "
            "manual/ky/11-training.md") in check.stderr
    assert f"errors: 0, notices: {plain_notices + 1}" in check.stderr
    # Readers are told too: the Russian page says it is not translated yet, and so does the status page.
    project = load_project(sources)
    assert project.translation_state("11-training.md", "ru") is TranslationState.UNTRANSLATED
    header = page_header(project, Location("ru", "11-training.md"), lambda target: None, draft_edition())
    assert "sapat-notice--untranslated" in header and "Эта страница ещё не переведена." in header
    assert "ещё не выполнен" in project.languages["ru"].generated["translation-status.md"].body
    assert project.control("11-training.md").shown_status == "draft"


def test_sapat_new_refuses_what_it_cannot_do_cleanly(sources):
    taken = sapat_in(sources, "new", "04-qms.md", "--title", "x", SAPAT_LANG="en")
    assert (taken.returncode, "sapat: manual/ky/04-qms.md already exists" in taken.stderr) == (1, True)
    bad_name = sapat_in(sources, "new", "Жаңы барак.md", "--title", "x", SAPAT_LANG="ru")
    assert bad_name.returncode == 1 and "не может быть именем страницы" in bad_name.stderr
    owner = sapat_in(sources, "new", "12-x.md", "--title", "x", "--owner", "rectr", SAPAT_LANG="en")
    assert owner.returncode == 1 and "did you mean 'rector'?" in owner.stderr
    assert not (sources / KY / "12-x.md").exists()


# --------------------------------------------------------------------------- the guide

#: A line of sapat's output as the guide quotes it: a finding (``file:line: error: …``), its hint,
#: or what a command says (``sapat: …``).
QUOTED = re.compile(r"(manual|processes)/\S+:\d+: (error|notice): |    hint: |sapat: ")
#: A finding's file and line: ``manual/ky/04-qms.md:5: error: …``.
LINE_NUMBER = re.compile(r"^(\S+?):(\d+): ")


def without_line_number(line: str) -> str:
    return LINE_NUMBER.sub(r"\1:", line)


@pytest.fixture(scope="module")
def guide_output(tmp_path_factory) -> dict[str, set[str]]:
    """What sapat really says, in both languages, for the mistakes the guide describes: the
    lines, number and all, by their text without the line number."""
    sources = copy_sources(tmp_path_factory.mktemp("guide") / "repo")
    change(sources, f"{KY}/07-product-realization.md", "([[7.3.1]])", "([[7.3.9]])")
    change(sources, f"{KY}/08-measurement.md", "([[8.2.1]])", "(8.2.1)")
    change(sources, f"{KY}/04-qms.md", "status: approved", "status: aproved")
    change(sources, f"{KY}/04-qms.md", "approval_date: 2018-12-21", "approval_date: 2018-12-32")
    real = "".join(sapat_in(sources, "--lang", language, "check").stderr for language in ("ky", "ru"))
    for language in ("ky", "ru"):
        new_page = copy_sources(sources.parent / f"new-{language}")
        real += sapat_in(new_page, "--lang", language, "new", "11-training.md",
                         "--title", "11. Кызматкерлерди окутуу").stderr
    said: dict[str, set[str]] = {}
    for line in real.splitlines():
        said.setdefault(without_line_number(line), set()).add(line)
    return said


def quoted_output(page: Path) -> list[str]:
    """The lines of sapat's output a guide page quotes in its ``text`` blocks."""
    return [line for block in re.findall(r"```text\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL)
            for line in block.splitlines() if QUOTED.match(line)]


def test_the_guide_quotes_what_sapat_really_says(guide_output):
    """Every message the guide shows (file:line: error|notice: … and its hint, and what a command
    says) is sapat's own output for the mistakes the guide describes, in the guide's language,
    line number and all; a quoted line whose number moved is shown beside what sapat says now."""
    quoted = 0
    for page in sorted((ROOT / "manual").glob("*/guide/*.md")):
        for line in quoted_output(page):
            quoted += 1
            said = guide_output.get(without_line_number(line), set())
            assert line in said, f"{page.name} quotes {line!r}; sapat says {sorted(said) or 'nothing like it'}"
    assert quoted >= 30


def test_the_guide_gives_the_line_numbers_sapat_gives(guide_output):
    """A line number the guide's prose explains ("`115` — the line in the file") is read from
    sapat's output for the message quoted on the same page, so it cannot drift from its example."""
    explained = 0
    for page in sorted((ROOT / "manual").glob("*/guide/*.md")):
        prose = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.DOTALL)
        real_lines = {match.group(2) for line in quoted_output(page)
                      for said in guide_output.get(without_line_number(line), set())
                      if (match := LINE_NUMBER.match(said))}
        for number in re.findall(r"`(\d+)`", prose):
            explained += 1
            assert number in real_lines, f"{page.name} explains line {number}; sapat's lines: {sorted(real_lines)}"
    assert explained >= 2  # errors.md explains the line number of its example in both languages


def test_the_guide_is_published_in_both_languages_outside_the_controlled_manual(draft_site):
    for language, section in (("ky", "Редакторлор үчүн нускама"), ("ru", "Руководство для редакторов")):
        pages = sorted(path.relative_to(draft_site / language / DRAFT / "guide").as_posix()
                       for path in (draft_site / language / DRAFT / "guide").rglob("index.html"))
        assert pages == ["add-a-page/index.html", "after-approval/index.html", "change-a-clause/index.html",
                         "errors/index.html", "index.html", "preview/index.html", "references/index.html",
                         "translation/index.html"]
        guide = draft_site / language / DRAFT / "guide/errors/index.html"
        html = guide.read_text(encoding="utf-8")
        assert "sapat-control" not in html and section in html  # no document control; its own nav section
        for listing in ("register", "translation-status"):  # the lists of controlled pages leave the guide out
            html = (draft_site / language / DRAFT / listing / "index.html").read_text(encoding="utf-8")
            assert "guide/" not in html[html.index("<article"):html.index("</article>")]
    references = elements(draft_site / "ru/draft/guide/references/index.html")
    assert any(e.tag == "a" and "sapat-ref" in e.attrs.get("class", "") and e.text == "4.2.4" for e in references)


def test_a_guide_page_may_not_number_its_headings(sources):
    change(sources, "manual/ru/guide/preview.md", "## Проверка\n", "## 12.1 Проверка\n")
    run = sapat_in(sources, "check", SAPAT_LANG="en")
    assert run.returncode == 1
    assert ("manual/ru/guide/preview.md:6: error: a guide page has no clauses: the heading '12.1 Проверка' "
            "reads as clause 12.1") in run.stderr


# --------------------------------------------------------------------------- "Edit this page"

def test_edit_this_page_leads_to_the_source_file_only_when_repo_url_is_set(sources, draft_site):
    assert not any('rel="edit"' in page.read_text(encoding="utf-8") for page in draft_site.rglob("*.html"))
    change(sources, "mkdocs.yml", "site_dir: site/ky\n", "site_dir: site/ky\nrepo_url: https://github.com/jasu/sapat\n")
    run = sapat(sources, "build")
    assert run.returncode == 0, run.output
    built = sources / "site"

    def edit_links(page: str) -> list[str]:
        return [e.attrs["href"] for e in elements(built / page) if e.tag == "a" and e.attrs.get("rel") == "edit"]

    assert edit_links("ky/draft/04-qms/index.html") == ["https://github.com/jasu/sapat/edit/main/manual/ky/04-qms.md"]
    assert edit_links("ru/draft/04-qms/index.html") == ["https://github.com/jasu/sapat/edit/main/manual/ru/04-qms.md"]
    assert edit_links("ru/draft/guide/errors/index.html") == [
        "https://github.com/jasu/sapat/edit/main/manual/ru/guide/errors.md"]
    for generated in ("ky/draft/register/index.html", "ru/draft/glossary/index.html", "ky/draft/processes/index.html"):
        assert edit_links(generated) == []
    # The repository link is shown, but Material's script that asks the host's API for stars is not wired.
    header = (built / "ky/draft/04-qms/index.html").read_text(encoding="utf-8")
    assert 'class="md-source"' in header and 'data-md-component="source"' not in header
