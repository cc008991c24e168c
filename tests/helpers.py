"""Helpers for tests: copies of the real repository and the real ``sapat`` command."""

from __future__ import annotations

import contextlib
import functools
import io
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import material
from markdown.extensions.toc import TocExtension

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("manual", "processes", "schemas", "site_config", "mkdocs.yml", ".gitignore")

OBJECTIVES = "processes/objectives.yml"
THREE_YEARS_ANCHOR = "  - id: multilevel-education\n"
#: Objective 4 with a baseline and three years of values, as the quality department would enter
#: them (test data: the real file has none).
THREE_YEARS_OF_VALUES = (THREE_YEARS_ANCHOR
                         + "    indicator: {ky: 'көп баскычтуу программаларда окугандардын үлүшү', "
                         "ru: 'доля обучающихся по многоуровневым программам'}\n"
                         "    unit: {ky: '%', ru: '%'}\n"
                         "    baseline: {year: 2023, value: 58}\n"
                         "    target: {value: 70, better: higher}\n"
                         "    due: 2027-06-30\n"
                         "    owner: vice_rector_academic\n"
                         "    measured:\n"
                         "      - {year: 2024, value: 61}\n"
                         "      - {year: 2025, value: 64.5}\n"
                         "      - {year: 2026, value: 71}\n")


def copy_sources(destination: Path, editions: bool = False) -> Path:
    """A copy of everything a build reads, so a test can break it freely. Without ``editions``
    it is the manual before its first release (``manual/editions/`` left out): the tests that
    need frozen editions release them in git, as an editor would."""
    destination.mkdir(parents=True, exist_ok=True)
    frozen = None if editions else shutil.ignore_patterns("editions")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=frozen)
        else:
            shutil.copy2(source, destination / name)
    return destination


def replace_once(root: Path, path: str, old: str, new: str) -> int:
    """Replace the first ``old`` in the file ``path`` of ``root`` (a mistake an editor makes);
    the 1-based line it was on, where the check must report it."""
    file = root / path
    text = file.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    file.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


#: A file system in memory (Linux), where the tests put sapat's temporary folders (conftest).
IN_MEMORY = Path("/dev/shm")


def in_memory_with_room() -> bool:
    """Whether :data:`IN_MEMORY` has room for sapat's temporary folders during a run (2 GiB free:
    a container's is often 64 MB)."""
    return IN_MEMORY.is_dir() and shutil.disk_usage(IN_MEMORY).free >= 2 * 1024**3


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def sapat(root: Path, *args: str, env: Mapping[str, str | None] | None = None) -> Run:
    """``sapat`` on a repository copy, run in this process by :func:`sapat.cli.main` as its
    console script runs it: in ``root``, with a fixed git identity and ``env`` (a name given
    None is removed), what it prints to stdout and stderr read back. A traceback here is an
    exception that fails the test. What the console script adds, a process's exit status and
    no traceback on its stderr, is tested on the real command: :func:`sapat_process`.

    The builders a build forks inherit this process's stderr, not the one read back here, so
    MkDocs' own log lines (which no test reads from ``sapat build``) are not in ``output``."""
    from sapat.cli import main

    changed = {**GIT_IDENTITY, **(env or {})}
    before = {name: os.environ.get(name) for name in changed}
    out, err = io.StringIO(), io.StringIO()
    try:
        _set_environment(changed)
        with contextlib.chdir(root), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                status = main(["--root", str(root), *args])
            except SystemExit as exit:  # argparse: --help, or a usage error
                status = exit.code if isinstance(exit.code, int) else 1
    finally:
        _set_environment(before)
    return Run(status, out.getvalue(), err.getvalue())


def _set_environment(values: Mapping[str, str | None]) -> None:
    for name, value in values.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


def sapat_process(root: Path, *args: str, env: Mapping[str, str | None] | None = None) -> Run:
    """The real ``sapat`` console script (``.venv/bin/sapat``) in a process of its own, on a
    repository copy: for what only a process shows, its exit status and its stderr."""
    environment = {**os.environ, **GIT_IDENTITY, **(env or {})}
    done = subprocess.run([str(Path(sys.executable).parent / "sapat"), "--root", str(root), *args],
                          capture_output=True, text=True, cwd=root, timeout=300,
                          env={name: value for name, value in environment.items() if value is not None})
    return Run(done.returncode, done.stdout, done.stderr)


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                break

    def handle_data(self, data):
        for element in self.open:
            element.text += data


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "path", "rect", "line", "circle", "polygon", "polyline", "use"}


def elements(html_file: Path) -> list[Element]:
    """Every element of an HTML file with its attributes and text (stdlib parser). A file is
    parsed again only when it changed (another file, or written again): many tests read the
    same built pages, and parsing them again was some 10 s of CPU of a test run. Read only."""
    found = html_file.stat()
    return _parsed(html_file, found.st_ino, found.st_mtime_ns, found.st_size)


@functools.lru_cache(maxsize=256)
def _parsed(html_file: Path, inode: int, modified: int, size: int) -> list[Element]:
    return html_elements(html_file.read_text(encoding="utf-8"))


def html_elements(html: str) -> list[Element]:
    """Every element of an HTML text, as :func:`elements` (a page as a server sent it)."""
    collector = _Collector()
    collector.feed(html)
    return collector.elements


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(site_dir.rglob("*.html"))


def resolve_link(page: Path, href: str) -> tuple[Path, str]:
    """The file and fragment a relative link on ``page`` leads to."""
    target, _, fragment = href.partition("#")
    path = (page.parent / target).resolve() if target else page
    if path.is_dir():
        path = path / "index.html"
    return path, fragment


def broken_links(site: Path, pages: Iterable[Path]) -> tuple[list[str], int]:
    """Every relative link (``href`` or ``src``) of ``pages`` that leads to no file, or to no
    element with its fragment's id; and how many links were followed. Each page is parsed once
    however many links lead into it."""
    ids: dict[Path, set[str]] = {}

    def read(page: Path) -> list[Element]:
        found = elements(page)
        ids[page] = {element.attrs["id"] for element in found if element.attrs.get("id")}
        return found

    def ids_of(page: Path) -> set[str]:
        if page not in ids:
            read(page)
        return ids[page]

    broken, followed = [], 0
    for page in pages:
        for element in read(page):
            address = element.attrs.get("href") or element.attrs.get("src")
            if not address or address.startswith(("mailto:", "data:")) or ":" in address.split("/")[0]:
                continue
            followed += 1
            target, fragment = resolve_link(page, address.split("?")[0])
            if not target.is_file() or (fragment and target.suffix == ".html" and fragment not in ids_of(target)):
                broken.append(f"{page.relative_to(site).as_posix()}: {address}")
    return broken, followed


# --------------------------------------------------------------------------- git and releases

#: The editions the tests release: the manual as the Council amended it, then a change of 6.3.
FIRST, SECOND = "2018-12-21", "2026-11-20"
#: Where the two_editions fixture keeps what ``sapat release`` said of its second edition, beside
#: the repository.
SECOND_RELEASE_OUTPUT = "second-release.txt"
#: The site's address the released repository sets (conftest.released), where its offline copies lead.
SITE_ADDRESS = "https://qms.jasu.invalid/"
GIT_IDENTITY = {"GIT_AUTHOR_NAME": "Quality department", "GIT_AUTHOR_EMAIL": "quality@jasu.invalid",
                "GIT_COMMITTER_NAME": "Quality department", "GIT_COMMITTER_EMAIL": "quality@jasu.invalid"}


def git(root: Path, *args: str) -> str:
    """Run real git in ``root`` with a fixed identity; a failure fails the test with git's words."""
    done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, text=True,
                          env={**os.environ, **GIT_IDENTITY})
    assert done.returncode == 0, done.stderr
    return done.stdout


def git_repository(destination: Path) -> Path:
    """A copy of the sources as a git repository with one commit on ``main``."""
    copy_sources(destination)
    git(destination, "init", "-q", "-b", "main")
    git(destination, "add", "-A")
    git(destination, "commit", "-q", "-m", "The manual")
    return destination


def release(root: Path, date: str, protocol: str, *extra: str) -> Run:
    """``sapat release`` of the working copy as approved by the Academic Council on ``date``."""
    return sapat(root, "release", "--by", "academic_council", "--protocol", protocol, "--date", date, *extra)


def stand_in_pdf(version: str, language: str) -> bytes:
    """What stands in for an edition's PDF where no test reads its typesetting (stand_in_pdfs):
    a few bytes naming the edition and language it was written for."""
    return f"%PDF-1.7\n% stands in for the PDF of edition {version} ({language}): tests/helpers.py\n".encode()


def write_stand_in_pdf(project, edition, language: str, target: Path, evidence=()) -> None:
    """Where an edition's PDF goes, its stand-in (called as sapat.mkdocs.site calls write_pdf)."""
    target.write_bytes(stand_in_pdf(edition.version, language))


@contextlib.contextmanager
def _typesetting(write_pdf) -> Iterator[None]:
    """Inside, builds call ``write_pdf`` where sapat.mkdocs.site typesets an edition's PDF."""
    from sapat.mkdocs import site

    real, site.write_pdf = site.write_pdf, write_pdf
    try:
        yield
    finally:
        site.write_pdf = real


def stand_in_pdfs() -> contextlib.AbstractContextManager[None]:
    """Releases and mends made inside write a stand-in (stand_in_pdf) where an edition's PDF goes
    instead of typesetting it (seconds per language). Every other step of the release is the real
    one: the file is published, listed in the manifest and verified as a PDF is. The typesetting
    is test_pdf's: the whole manual as the draft, and an edition's cover, approval and evidence."""
    return _typesetting(write_stand_in_pdf)


def refuse_pdf(project, edition, language: str, target: Path, evidence=()) -> None:
    raise AssertionError(f"a PDF of edition {edition.version} ({language}) was typeset")


def no_pdfs_typeset() -> contextlib.AbstractContextManager[None]:
    """Inside, a build that typesets a PDF fails: for a command that must typeset none."""
    return _typesetting(refuse_pdf)


# --------------------------------------------------------------------------- theme English

def theme_english() -> dict[str, re.Pattern]:
    """The English a reader would see if the theme's or Python-Markdown's defaults leaked onto
    a page, read from the installed packages: Material's English UI strings, the toc
    extension's permalink title, the heading of Material's own 404 page."""
    templates = Path(material.__file__).parent / "templates"
    strings = json.loads("{" + (templates / "partials/languages/en.html").read_text(encoding="utf-8")
                         .split("{{ {", 1)[1].split("}[key]", 1)[0] + "}")
    texts = [text for key, text in strings.items()
             if key not in ("language", "direction") and not key.startswith("search.config.")]
    texts.append(TocExtension().getConfig("permalink_title"))
    texts += re.findall(r"<h1>(.*?)</h1>", (templates / "404.html").read_text(encoding="utf-8"))
    return {text: re.compile(r"(?<![A-Za-z])" + re.escape(text).replace(r"\#", r"\d+") + r"(?![A-Za-z])")
            for text in texts if len(re.sub(r"[^A-Za-z]", "", text)) >= 3}


def english_in(texts: Iterable[str], patterns: dict[str, re.Pattern]) -> set[str]:
    """Which of the theme's English strings occur in ``texts``: each searched for once in all
    of them, kept apart by a character no string has (a page's thousands of texts searched one
    by one for each string cost seconds of CPU a test run)."""
    joined = "\x00".join(texts)
    return {english for english, pattern in patterns.items() if pattern.search(joined)}


class _ReaderText(HTMLParser):
    """What a reader can be shown: text (not scripts or styles, except the theme's UI strings
    in its configuration) and attribute values (tooltips, labels, placeholders...)."""

    HIDDEN = {"script", "style"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.inside: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        self.texts += [value for name, value in attrs if value and name not in ("href", "src", "d")]
        if tag not in VOID:
            shown = tag not in self.HIDDEN or ("id", "__config") in attrs
            self.inside.append((tag, shown))

    def handle_endtag(self, tag):
        for index in range(len(self.inside) - 1, -1, -1):
            if self.inside[index][0] == tag:
                del self.inside[index:]
                break

    def handle_data(self, data):
        if all(shown for _, shown in self.inside):
            self.texts.append(data)


def reader_text(html_file: Path) -> list[str]:
    """The texts and attribute values of a built page that a reader may see or hear."""
    parser = _ReaderText()
    parser.feed(html_file.read_text(encoding="utf-8"))
    return parser.texts
