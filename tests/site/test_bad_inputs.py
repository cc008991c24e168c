"""An editor's mistakes: each one stops the build with file, line and a fix, and no traceback,
and the previously built site/ stays exactly as it was."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers import ROOT, Run, copy_sources, sapat, sapat_process

KY = "manual/ky"


def digest(folder: Path) -> str:
    """One hash over every file name and content under ``folder``."""
    return _digest({path.relative_to(folder): path for path in folder.rglob("*") if path.is_file()})


def published_digest(edition: Path, language: str) -> str:
    """What :func:`digest` gives for the web root's folder of the frozen edition kept in
    ``edition`` (``manual/editions/<version>``): its files of ``language`` as frozen, and the
    offline copy added after its release, if any (sapat add-offline publishes it beside them)."""
    frozen = edition / "site" / language
    files = {path.relative_to(frozen): path for path in frozen.rglob("*") if path.is_file()}
    return _digest(files | {Path(copy.name): copy for copy in (edition / "offline").glob(f"*-{language}-offline.zip")})


def _digest(files: dict[Path, Path]) -> str:
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.as_posix().encode())
        h.update(files[name].read_bytes())
    return h.hexdigest()


def replace(path: str, old: str, new: str) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        file = root / path
        text = file.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return change


def write_bytes(path: str, data: bytes) -> Callable[[Path], None]:
    def change(root: Path) -> None:
        (root / path).write_bytes(data)
    return change


def append(path: str, text: str) -> Callable[[Path], None]:
    """``text`` at the end of ``path`` (the file is created, with its folder, if it is missing)."""
    def change(root: Path) -> None:
        file = root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text((file.read_text(encoding="utf-8") if file.exists() else "") + text, encoding="utf-8")
    return change


def line_of(root: Path, path: str, text: str) -> int:
    lines = (root / path).read_text(encoding="utf-8").split("\n")  # an absolute path stays as it is
    return next(number for number, line in enumerate(lines, 1) if text in line)


ALIAS_BOMB = "\n".join(['---', 'a: &a ["x","x","x","x","x","x","x","x","x"]',
                        *[f'{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]'
                          for i in range(8)], '---', '# 4. Title', ''])

# id: (change, file, the expected line (a number, None for 1, or a text on it), words of the message)
MISTAKES = {
    "unknown reference": (replace(f"{KY}/07-product-realization.md", "([[7.3.1]])", "([[7.3.9]])"),
                          f"{KY}/07-product-realization.md", "[[7.3.9]]", ["7.3.9", "did you mean"]),
    "clause defined twice": (replace(f"{KY}/06-resources.md", "## 6.3 ", "## 6.2 "),
                             f"{KY}/06-resources.md", "## 6.2 Инфраструктура", ["defined twice"]),
    "bare clause number": (replace(f"{KY}/08-measurement.md", "([[8.2.1]])", "(8.2.1)"),
                           f"{KY}/08-measurement.md", "(8.2.1)", ["[[8.2.1]]"]),
    "unknown metadata key": (replace(f"{KY}/04-qms.md", "revision: 2", "revison: 2"),
                             f"{KY}/04-qms.md", "revison:", ["unknown key", "did you mean 'revision'"]),
    "impossible date": (replace(f"{KY}/04-qms.md", "approval_date: 2018-12-21", "approval_date: 2018-02-30"),
                        f"{KY}/04-qms.md", "approval_date:", ["$.approval_date", "YYYY-MM-DD"]),
    "misspelt status": (replace(f"{KY}/04-qms.md", "status: approved", "status: aproved"),
                        f"{KY}/04-qms.md", "status:", ["$.status", "did you mean 'approved'"]),
    "revision going backwards": (replace(f"{KY}/04-qms.md", "  - revision: 1", "  - revision: 5"),
                                 f"{KY}/04-qms.md", "revision: 2", ["not newer", "revision: 6"]),
    "change after approval": (replace(f"{KY}/04-qms.md", "    protocol: \"3\"",
                                      "    protocol: \"3\"\n    date: 2019-03-01"),
                              f"{KY}/04-qms.md", "approval_date:", ["cannot be newer than its approval"]),
    "document code used twice": (replace(f"{KY}/09-export.md", "ЖАМУ-СМС-09", "ЖАМУ-СМС-04"),
                                 f"{KY}/09-export.md", "document_code:", ["already used by manual/ky/04-qms.md"]),
    "misspelt field listed as inferred": (replace(f"{KY}/04-qms.md", "  next_review_date:\n", "  next_reviw_date:\n"),
                                          f"{KY}/04-qms.md", "  next_reviw_date:",
                                          ["unknown key", "did you mean 'next_review_date'"]),
    "unknown owner role": (replace(f"{KY}/04-qms.md", "owner_role: vice_rector_academic",
                                   "owner_role: vice_rector_academik"),
                           f"{KY}/04-qms.md", "owner_role:", ["did you mean 'vice_rector_academic'"]),
    "malformed YAML": (replace(f"{KY}/04-qms.md", "owner_role: vice_rector_academic",
                               "owner_role: проректор: окуу иштери"),
                       f"{KY}/04-qms.md", "owner_role:", ["invalid YAML", "quotes"]),
    "YAML alias bomb": (write_bytes(f"{KY}/04-qms.md", ALIAS_BOMB.encode()),
                        f"{KY}/04-qms.md", "b: &b", ["aliases"]),
    "non-UTF-8 bytes": (write_bytes(f"{KY}/09-export.md", "---\ntitle: x\n---\n# 9. Б".encode("cp1251")),
                        f"{KY}/09-export.md", 4, ["not UTF-8", "save the file as UTF-8"]),
    "empty file": (write_bytes(f"{KY}/10-rating.md", b""), f"{KY}/10-rating.md", None, ["empty"]),
    "scan error in Kyrgyz": (replace(f"{KY}/09-export.md", "билим берүү прог", "билим беруу прог"),
                             f"{KY}/09-export.md", "беруу", ["scan error", "берүү"]),
    "page nobody can reach": (replace("mkdocs.yml", "  - 10-rating.md\n", ""),
                              f"{KY}/10-rating.md", None, ["not in the nav", "- 10-rating.md"]),
    "hand-over to a process that does not exist": (
        replace("processes/purchasing.yml", "  - process: education-delivery", "  - process: education-delivry"),
        "processes/purchasing.yml", "education-delivry", ["education-delivry", "did you mean 'education-delivery'"]),
    "clause in process data that does not exist": (
        replace("processes/purchasing.yml", 'clause: "7.4.1"', 'clause: "7.4.9"'),
        "processes/purchasing.yml", '"7.4.9"', ["clause 7.4.9", "did you mean '7.4.1'"]),
    "clause in the ISO 9001 coverage that does not exist": (
        replace("manual/standards/iso9001.yml", 'clauses: ["8.2.2"]', 'clauses: ["8.2.6"]'),
        "manual/standards/iso9001.yml", '"8.2.6"', ["clause 8.2.6 does not exist", "did you mean"]),
    "broken mkdocs.yml": (replace("mkdocs.yml", "  - 04-qms.md\n", "  - 04-qms.md\n - 05: [\n"),
                          "mkdocs.yml", " - 05: [", ["invalid YAML"]),
    "non-standard Russian term": (replace("manual/ru/08-measurement.md", "Корректирующие действия",
                                          "Корректировочные действия"),
                                  "manual/ru/08-measurement.md", "Корректировочные", ["корректирующие действия"]),
    "change marks in the manual's text": (replace("manual/ru/06-resources.md", "## 6.3 Инфраструктура\n",
                                                  "## 6.3 Инфраструктура\n\nТекст {--удалён--}.\n"),
                                          "manual/ru/06-resources.md", "{--удалён--}",
                                          ["'{--удалён--}' is CriticMarkup", "change mark"]),
}


def new_page(name: str, body: str) -> Callable[[Path], None]:
    """A draft page (with its translation and nav entry) whose text is ``body``."""
    def change(root: Path) -> None:
        front = {"ky": ("document_code: ЖАМУ-СМС-101\ntitle: Жол-жобо\nrevision: 1\nstatus: draft\n"
                        "owner_role: rector\nchange_summary: Долбоор.\n"),
                 "ru": ("title: Процедура\ntranslation_of:\n  revision: 1\n  fingerprint: "
                        "sha256:" + "0" * 64 + "\n")}
        for language, meta in front.items():
            path = root / "manual" / language / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f"---\n{meta}---\n{body}", encoding="utf-8")
        replace("mkdocs.yml", "  - register.md\n", f"  - {name}\n  - register.md\n")(root)
    return change


def renumber(clause: str, new: str) -> Callable[[Path], None]:
    """Renumber a clause consistently: its heading in both languages and the YAML naming it."""
    def change(root: Path) -> None:
        for path in [*root.glob("manual/*/*.md"), *root.glob("processes/*.yml")]:
            text = path.read_text(encoding="utf-8")
            path.write_text(text.replace(f" {clause} ", f" {new} ").replace(f'"{clause}"', f'"{new}"'),
                            encoding="utf-8")
    return change


LABELS_KY = ROOT / "plugins/sapat/core/i18n/languages/ky.py"

# Three mistakes that 'sapat check' once let through while the build published them broken.
MISTAKES.update({
    "clause referred to by sapat's own words": (
        renumber("5.4.1", "5.4.9"), str(LABELS_KY), '"objectives.source":', ["clause 5.4.1", "objectives.source"]),
    "nav entry inside a folder that names no page": (
        replace("mkdocs.yml", "  - processes/index.md\n", "  - processes/index.md\n  - processes/nowhere.md\n"),
        "mkdocs.yml", "processes/nowhere.md", ["nav names 'processes/nowhere.md'"]),
    "unknown reference on a page in a folder": (
        new_page("procedures/pr-01.md", "# 101. Жол-жобо\n\nКараңыз [[7.3.9]].\n"),
        f"{KY}/procedures/pr-01.md", "[[7.3.9]]", ["7.3.9", "points to no clause"]),
    "link to a heading that does not exist": (
        replace(f"{KY}/09-export.md", "билим берүү прог", "[билим](04-qms.md#4.2.9) берүү прог"),
        f"{KY}/09-export.md", "(04-qms.md#4.2.9)", ["no heading '#4.2.9'", "did you mean '4.2.4'"]),
})

#: YAML nested far past the limit (64): PyYAML's composer recursed until Python gave up.
DEEP = "[" * 3000 + "]" * 3000


def deeply_nested_block(levels: int) -> str:
    """A front-matter key whose value is ``levels`` mappings inside each other, in block style."""
    return "".join("  " * level + "k:\n" for level in range(1, levels)) + "  " * levels + "k: 1\n"


# Untrusted sources: YAML nested thousands deep in every kind of YAML sapat reads.
MISTAKES.update({
    "front matter nested thousands deep": (
        replace(f"{KY}/04-qms.md", "revision: 2\n", f"revision: 2\nextra: {DEEP}\n"),
        f"{KY}/04-qms.md", "extra: [[[", ["nested more than 64 levels"]),
    "front matter nested deep in block style": (
        replace(f"{KY}/05-management.md", "revision: 2\n", "revision: 2\nextra:\n" + deeply_nested_block(70)),
        f"{KY}/05-management.md", "  " * 64 + "k:", ["nested more than 64 levels"]),
    "process file nested thousands deep": (
        append("processes/purchasing.yml", f"extra: {DEEP}\n"),
        "processes/purchasing.yml", "extra: [[[", ["nested more than 64 levels"]),
    "glossary nested thousands deep": (
        append("manual/glossary.yml", f"extra: {DEEP}\n"), "manual/glossary.yml", "extra: [[[",
        ["nested more than 64 levels"]),
    "ISO 9001 coverage nested thousands deep": (
        append("manual/standards/iso9001.yml", f"extra: {DEEP}\n"), "manual/standards/iso9001.yml",
        "extra: [[[", ["nested more than 64 levels"]),
    "editions file nested thousands deep": (
        append("manual/editions/editions.yml", f"editions: {DEEP}\n"), "manual/editions/editions.yml",
        "editions: [[[", ["nested more than 64 levels"]),
    "nav nested thousands deep": (
        replace("mkdocs.yml", "  - 10-rating.md\n", f"  - 10-rating.md\n  - {DEEP}\n"),
        "mkdocs.yml", "  - [[[", ["nested more than 64 levels"]),
})


def link_outside(path: str, target: str = "outside.md") -> Callable[[Path], None]:
    """``path`` becomes a symbolic link to ``target`` beside the repository: a named pipe, which
    anything that opened it to read would wait on for ever, or a folder holding one."""
    def change(root: Path) -> None:
        outside = root.parent / target
        if not outside.exists():
            if "." in target:
                os.mkfifo(outside)
            else:
                outside.mkdir()
                os.mkfifo(outside / "secret.md")
        link = root / path
        if link.is_dir() and not link.is_symlink():
            shutil.rmtree(link)
        else:
            link.unlink(missing_ok=True)
        link.symlink_to(outside)
    return change


def link_to_git_settings(root: Path) -> None:
    """A link inside the repository, to git's own settings (where a CI checkout keeps its token)."""
    (root / ".git").mkdir()
    (root / ".git/config").write_text("[remote]\n", encoding="utf-8")
    (root / KY / "git.txt").symlink_to("../../.git/config")


# Untrusted sources: a symbolic link out of the repository, in every kind of source, is named
# (without a line) and nothing is read through it: the check stops before it reads any source.
OUT_OF_REPOSITORY = {
    "page that is a link out of the repository": (link_outside(f"{KY}/04-qms.md"), f"{KY}/04-qms.md", 0,
                                                  ["symbolic link", "not part of the repository"]),
    "folder of pages that is a link out of the repository": (
        link_outside("manual/ru/guide", "outside-folder"), "manual/ru/guide", 0, ["symbolic link"]),
    "image that is a link out of the repository": (link_outside(f"{KY}/logo.png", "outside.png"),
                                                   f"{KY}/logo.png", 0, ["symbolic link"]),
    "process file that is a link out of the repository": (link_outside("processes/purchasing.yml"),
                                                           "processes/purchasing.yml", 0, ["symbolic link"]),
    "glossary that is a link out of the repository": (link_outside("manual/glossary.yml"),
                                                      "manual/glossary.yml", 0, ["symbolic link"]),
    "schema that is a link out of the repository": (link_outside("schemas/page.schema.json"),
                                                    "schemas/page.schema.json", 0, ["symbolic link"]),
    "mkdocs.yml that is a link out of the repository": (link_outside("mkdocs.yml"), "mkdocs.yml", 0,
                                                        ["symbolic link"]),
    "theme file that is a link out of the repository": (
        link_outside("site_config/overrides/main.html"), "site_config/overrides/main.html", 0, ["symbolic link"]),
    "link to git's settings": (link_to_git_settings, f"{KY}/git.txt", 0, ["symbolic link"]),
}
MISTAKES.update(OUT_OF_REPOSITORY)

# Untrusted sources: anything in a page that could run script in a reader's browser or load
# from another host, in its several forms, in the manual, a translation and the guide.
MISTAKES.update({
    "script in a page": (append(f"{KY}/02-policy.md", "\n<script>alert(1)</script>\n"),
                         f"{KY}/02-policy.md", "<script>", ["<script> is not allowed"]),
    "event handler in a page": (append(f"{KY}/02-policy.md", '\n<img src="x" onerror="alert(1)">\n'),
                                f"{KY}/02-policy.md", "onerror", ["'onerror' runs script"]),
    "script link in a translation": (
        replace("manual/ru/08-measurement.md", "Корректирующие действия проводятся",
                "[Корректирующие действия](javascript:alert(1)) проводятся"),
        "manual/ru/08-measurement.md", "javascript:", ["'javascript:' address"]),
    "handler in an attribute list": (append(f"{KY}/06-resources.md", '\nТекст.\n{: onmouseover="alert(1)" }\n'),
                                     f"{KY}/06-resources.md", "onmouseover", ["'onmouseover' runs script"]),
    "style that loads from another host": (
        append(f"{KY}/06-resources.md", '\n<p style="background: url(https://evil.example/t.png)">Текст.</p>\n'),
        f"{KY}/06-resources.md", "evil.example", ["loads or runs something"]),
    "image from another host": (append(f"{KY}/09-export.md", "\n![логотип](https://evil.example/t.png)\n"),
                                f"{KY}/09-export.md", "evil.example", ["loaded from another host"]),
    "link definition that runs script": (
        append(f"{KY}/09-export.md", "\n[Шилтеме][x].\n\n[x]: vbscript:msgbox(1)\n"),
        f"{KY}/09-export.md", "vbscript:", ["'vbscript:' address"]),
    "frame in a guide page": (append("manual/ru/guide/preview.md", '\n<iframe src="https://evil.example/"></iframe>\n'),
                              "manual/ru/guide/preview.md", "<iframe", ["<iframe> is not allowed"]),
})

# Mistakes also run through the full build, which must stop before MkDocs and keep site/.
BUILT = ("unknown reference", "non-UTF-8 bytes", "YAML alias bomb", "broken mkdocs.yml",
         "clause referred to by sapat's own words", "nav entry inside a folder that names no page",
         "unknown reference on a page in a folder", "front matter nested thousands deep",
         "process file nested thousands deep", "nav nested thousands deep",
         "page that is a link out of the repository", "folder of pages that is a link out of the repository",
         "image that is a link out of the repository", "mkdocs.yml that is a link out of the repository",
         "script in a page", "event handler in a page", "script link in a translation", "frame in a guide page")


def expected_line(root: Path, path: str, marker) -> int:
    """The line a mistake is reported on: a number (0: the file alone, no line), 1 for None, or
    the line holding a text."""
    if isinstance(marker, int):
        return marker
    return 1 if marker is None else line_of(root if not path.startswith("/") else Path("/"), path, marker)


def assert_reported(run, path: str, line: int, words: list[str]) -> None:
    assert run.returncode == 1, run.output
    assert "Traceback" not in run.output
    place = f"{path}:{line}" if line else path
    assert f"\n{place}: error:" in "\n" + run.output, run.output
    for word in words:
        assert word.lower() in run.output.lower(), run.output


#: The mistakes checked each in a run of its own: the others are checked several in one run
#: (:func:`runs_of`), each in a file no other of its run changes or reads. These change what
#: every file is read against (mkdocs.yml's nav, the schemas, the theme, clause numbers across
#: files), stop the check before it reads the rest, or are about another file's text.
ALONE = frozenset({
    "broken mkdocs.yml", "nav nested thousands deep", "mkdocs.yml that is a link out of the repository",
    "page nobody can reach", "nav entry inside a folder that names no page",
    "unknown reference on a page in a folder", "schema that is a link out of the repository",
    "theme file that is a link out of the repository", "clause referred to by sapat's own words",
    "link to a heading that does not exist", "editions file nested thousands deep",
})


def stage(mistake: str) -> str:
    """When the check finds a mistake: a link out of the repository before any source is read
    (the check stops there), any other once the sources are read."""
    return "links" if mistake in OUT_OF_REPOSITORY else "sources"


def document(path: str) -> str:
    """The document a file is one language of (a page's translation is read against its
    original): ``manual/ky/04-qms.md`` and ``manual/ru/04-qms.md`` are ``manual/*/04-qms.md``."""
    return re.sub(r"^manual/(ky|ru)/", "manual/*/", path)


def runs_of(mistakes: dict) -> list[tuple[str, ...]]:
    """The mistakes grouped into the check runs that report them: each of ALONE in a run of its
    own, the others together with mistakes found at the same stage, as long as no two of a run
    are in the same document."""
    runs: list[list[str]] = []
    for mistake in mistakes:
        where = document(mistakes[mistake][1])
        shared = next((run for run in runs if mistake not in ALONE and run[0] not in ALONE
                       and stage(run[0]) == stage(mistake)
                       and where not in {document(mistakes[other][1]) for other in run}), None)
        if shared is None:
            runs.append([mistake])
        else:
            shared.append(mistake)
    return [tuple(run) for run in runs]


@dataclass
class CheckRun:
    """A copy of the sources with some mistakes made, and what ``sapat check`` said of it."""

    root: Path
    run: Run


@pytest.fixture(scope="module")
def check_of(tmp_path_factory) -> Callable[[str], CheckRun]:
    """The check run that reports a mistake, made once for all the mistakes of its run."""
    made: dict[tuple[str, ...], CheckRun] = {}
    run_of = {mistake: run for run in runs_of(MISTAKES) for mistake in run}

    def check(mistake: str) -> CheckRun:
        mistakes = run_of[mistake]
        if mistakes not in made:
            root = copy_sources(tmp_path_factory.mktemp("mistakes") / "repo")
            for each in mistakes:
                MISTAKES[each][0](root)
            made[mistakes] = CheckRun(root, sapat(root, "check"))
        return made[mistakes]
    return check


def diagnostic_at(output: str, place: str, words: list[str]) -> str | None:
    """The error reported at ``place`` (``path:line`` or ``path``), with its hint, that holds
    every one of ``words``, if the output has one."""
    blocks = re.split(r"\n(?=\S)", "\n" + output)
    return next((block for block in blocks if block.startswith(f"{place}: error:")
                 and all(word.lower() in block.lower() for word in words)), None)


def test_the_mistakes_are_checked_several_at_a_time_but_never_two_in_one_document():
    runs = runs_of(MISTAKES)
    assert sorted(mistake for run in runs for mistake in run) == sorted(MISTAKES)
    assert len(runs) < len(MISTAKES) / 2
    for run in runs:
        assert len({document(MISTAKES[mistake][1]) for mistake in run}) == len(run)
        assert len(run) == 1 or not ALONE & set(run)
        assert len({stage(mistake) for mistake in run}) == 1


@pytest.mark.parametrize("mistake", MISTAKES, ids=list(MISTAKES))
def test_check_reports_each_mistake_with_file_line_and_hint(check_of, mistake):
    """Each mistake is reported where it is, with its hint, in a run that reports the others
    of its run too (one run, every mistake: what an editor gets)."""
    _, path, marker, words = MISTAKES[mistake]
    checked = check_of(mistake)
    line = expected_line(checked.root, path, marker)
    assert checked.run.returncode == 1, checked.run.output
    assert "Traceback" not in checked.run.output
    place = f"{path}:{line}" if line else path
    assert diagnostic_at(checked.run.output, place, words), checked.run.output


@pytest.mark.parametrize("mistake", BUILT)
def test_a_mistake_stops_the_build_and_keeps_the_old_site(repo, mistake):
    change, path, marker, words = MISTAKES[mistake]
    before = digest(repo / "site")
    change(repo)
    assert_reported(sapat(repo, "build"), path, expected_line(repo, path, marker), words)
    assert digest(repo / "site") == before
    assert not list(repo.glob(".site-*")), "the staging folder was left behind"


def test_all_mistakes_of_a_run_are_reported_together(sources):
    chosen = ("unknown reference", "clause defined twice", "scan error in Kyrgyz",
              "non-standard Russian term", "empty file")
    repo = sources
    for mistake in chosen:
        MISTAKES[mistake][0](repo)
    run = sapat(repo, "check")
    assert run.returncode == 1
    for mistake in chosen:
        _, path, marker, _ = MISTAKES[mistake]
        line = 1 if marker is None else line_of(repo, path, marker)
        assert f"{path}:{line}: error:" in run.output, run.output
    assert "Traceback" not in run.output


def test_a_missing_translation_fails_the_build_naming_the_page(repo):
    before = digest(repo / "site")
    (repo / "manual/ru/05-management.md").unlink()
    run = sapat(repo, "build")
    assert run.returncode == 1
    assert "manual/ru/05-management.md: error: the Russian translation of manual/ky/05-management.md is missing" \
        in run.output
    assert digest(repo / "site") == before


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_folder_that_is_not_the_repository_is_named_without_a_traceback(tmp_path, command):
    """The console script itself, in a process of its own: its exit status and its stderr (the
    other tests here run ``sapat`` in this process, where a traceback fails the test)."""
    run = sapat_process(tmp_path, command)
    assert run.returncode == 1 and "Traceback" not in run.output
    assert str(tmp_path) in run.output and ("mkdocs.yml" in run.output or "schemas" in run.output), run.output
    assert not (tmp_path / "site").exists()
