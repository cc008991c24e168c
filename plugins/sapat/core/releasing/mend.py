"""Mending an edition: its pages and PDFs made again with today's code, its text unchanged.

A frozen edition carries the code that built it: a later fix of presentation, accessibility or
security would never reach it. ``sapat mend`` is the one act that may change a frozen edition's
files (see docs/editions.md for why this design and what it costs):

- the edition is built again from its own frozen sources (``manual/editions/<v>/sources/``)
  with today's code and theme (:func:`build_folder` lays them out);
- the text of every clause, read off every page of the frozen edition and of the new build as
  a reader sees it (sapat's own additions aside: :data:`DECORATIONS`), must be the same, or
  nothing changes (:func:`text_changes`);
- editions.yml records the act (date, reason, the manifest digest it replaced), so the history
  says why the files changed, and a copy published before still verifies.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from html.parser import HTMLParser
from pathlib import Path

from ..diagnostics import Diagnostic, SapatError
from ..i18n.languages import LANGUAGES, SOURCE_LANGUAGE
from ..i18n.messages import Message
from ..model.editions import PUBLISHED, SOURCES, Edition, Mend, editions_folder, write_editions
from ..model.frameworks import CRITERIA
from ..publishing.pdf.sheets import ACKNOWLEDGEMENT
from ..sources.repository import Repository
from .manifests import seal

#: The classes of what sapat or the theme adds to a page around the manual's text: document
#: control, notices, links to the PDF, backlinks, records, figures drawn from processes/, permalinks.
DECORATIONS = frozenset({"sapat-control", "sapat-provenance", "sapat-notice", "sapat-pdf", "sapat-backlinks",
                         "sapat-records",
                         "sapat-edition-record", "sapat-draft-mark", "sapat-due", "sapat-diagram", "headerlink",
                         "md-content__button"})
#: Elements whose text is never the manual's: drawings, scripts, styles.
_SILENT = frozenset({"svg", "script", "style", "template"})
#: Elements that have no end tag, so that nesting is followed correctly.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
                   "wbr"})
_HEADING = re.compile(r"h[1-6]")
#: Elements that end a run of words (their text is not glued to the next element's).
_BLOCKS = frozenset({"p", "div", "li", "ul", "ol", "dl", "dt", "dd", "table", "tr", "td", "th", "blockquote", "br",
                     "h1", "h2", "h3", "h4", "h5", "h6", "pre", "section", "details", "summary"})
#: The id of a clause's heading: its number, or appendix-N (see clauses.clause_id).
_CLAUSE_ID = re.compile(r"\d+(?:\.\d+)*|appendix-\d+")
@dataclass(frozen=True)
class TextChange:
    """A clause whose text on a page of the edition would change."""

    page: str  # the page's path in the edition's folder: site/ky/04-qms/index.html
    clause: str


class _ClauseText(HTMLParser):
    """The text of each clause of a page's article, by clause number."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.clauses: dict[str, list[str]] = {}
        self._open: list[bool] = []  # for each open element: whether it silences its text
        self._in_article = False
        self._current: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "article":
            self._in_article = True
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        silent = tag in _SILENT or bool(classes & DECORATIONS) or "hidden" in values
        if _HEADING.fullmatch(tag) and _CLAUSE_ID.fullmatch(values.get("id") or ""):
            self._current = values["id"]
        self._break(tag)
        if tag not in _VOID:
            self._open.append(silent)

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self._in_article = False
        if tag not in _VOID and self._open:
            self._open.pop()
        self._break(tag)

    def _break(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.handle_data(" ")

    def handle_data(self, data: str) -> None:
        if self._in_article and self._current and not any(self._open):
            self.clauses.setdefault(self._current, []).append(data)


def clause_texts(html: str) -> dict[str, str]:
    """The text of every clause of a published page as its reader sees it (white space folded),
    by clause number: from the clause's heading to the next clause's."""
    parser = _ClauseText()
    parser.feed(html)
    return {clause: " ".join("".join(parts).split()) for clause, parts in parser.clauses.items()}


def text_changes(old: Path, new: Path, prefix: str, new_as_files: bool = False) -> list[TextChange]:
    """Every clause whose text differs between the pages of ``old`` and ``new`` (one language's
    site of an edition), or that one of them lacks; ``prefix`` names the folder in reports.
    ``new_as_files``: ``new`` is an offline copy, whose pages are files (``04-qms.html`` is the
    site's ``04-qms/index.html``)."""
    changes = []
    before_pages, after_pages = _pages(old, False), _pages(new, new_as_files)
    for page in sorted(before_pages.keys() | after_pages.keys()):
        before, after = (clause_texts(side[page].read_text(encoding="utf-8")) if page in side else {}
                         for side in (before_pages, after_pages))
        changes += [TextChange(f"{prefix}/{page}", clause)
                    for clause in sorted(before.keys() | after.keys()) if before.get(clause) != after.get(clause)]
    return changes


def _pages(folder: Path, as_files: bool) -> dict[str, Path]:
    """The HTML pages of a site by their path on the site (``04-qms/index.html``), whether its
    pages are folders or files."""
    pages = {}
    for path in folder.rglob("*.html"):
        page = path.relative_to(folder)
        if as_files and page.name not in ("index.html", "404.html"):
            page = page.with_suffix("") / "index.html"
        pages[page.as_posix()] = path
    return pages


def refusal(changes: list[TextChange], message: Message) -> SapatError:
    """The act refused with ``message``, naming every page and its clauses whose text would change."""
    return SapatError(message, problems=[
        Diagnostic(page, None, Message("mend.text_changed", clauses=", ".join(clauses)),
                   Message("mend.text_changed.hint"))
        for page, clauses in _by_page(changes).items()])


def build_folder(repository: Repository, editions: list[Edition], version: str, target: Path) -> Path:
    """A repository to build edition ``version`` from: its frozen sources (``manual/``,
    ``processes/``, ``mkdocs.yml``), today's theme, settings and schemas, and the editions
    before it, so that its changes page compares it with the one it followed, as at its release."""
    shutil.copytree(editions_folder(repository) / version / SOURCES, target)
    for code in ("site_config", "schemas"):  # today's theme, settings and schemas read the frozen sources
        shutil.rmtree(target / code, ignore_errors=True)
        shutil.copytree(repository.root / code, target / code)
    earlier = editions[:[edition.version for edition in editions].index(version)]
    folder = editions_folder(Repository(target))
    folder.mkdir(parents=True, exist_ok=True)
    for edition in earlier:
        shutil.copytree(editions_folder(repository) / edition.version, folder / edition.version)
    write_editions(Repository(target), earlier)
    return target


#: What the release put in an edition beside what a build makes, which a mend keeps as released:
#: the evidence, the criteria spreadsheets and the acknowledgement sheets of the release day.
KEPT_AT_RELEASE = ("evidence", CRITERIA, ACKNOWLEDGEMENT)


def replace_published(repository: Repository, version: str, built: Path) -> None:
    """The edition's published files replaced by ``built/<language>/``; what its release kept
    beside them (:data:`KEPT_AT_RELEASE`) stays."""
    folder = editions_folder(repository) / version / PUBLISHED
    for language in LANGUAGES:
        for name in KEPT_AT_RELEASE:
            if (folder / language / name).is_dir():
                shutil.copytree(folder / language / name, built / language / name, dirs_exist_ok=True)
        shutil.rmtree(folder / language)
        shutil.copytree(built / language, folder / language)


#: Builds an edition in every language into a folder (``out/<language>/``) with its PDFs, from
#: a repository, attaching the evidence files (sapat.mkdocs.site.build_edition, behind a callback so
#: that the act itself needs no MkDocs).
Build = Callable[[Repository, Edition, Path, tuple[Path, ...]], None]


def build_again(repository: Repository, editions: list[Edition], edition: Edition, work: Path, build: Build,
                failed: str) -> Path:
    """``edition`` built again from its frozen sources with today's code, with its evidence,
    into ``work/built/<language>/``; a failed build is the SapatError ``failed`` (a message key)."""
    evidence = tuple(sorted((editions_folder(repository) / edition.version / PUBLISHED / SOURCE_LANGUAGE / "evidence")
                            .glob("*")))
    built = work / "built"
    try:
        build(Repository(build_folder(repository, editions, edition.version, work / "repo")), edition, built, evidence)
    except SapatError as exc:
        raise SapatError(Message(failed, reason=exc.reason), problems=exc.problems) from None
    return built


def mend(repository: Repository, editions: list[Edition], version: str, reason: Mapping[str, str],
         today: dt.date, build: Build) -> Edition:
    """Make edition ``version``'s pages and PDFs again with today's code; replace its published
    files, seal a new manifest and record the act in editions.yml. Nothing is changed when the
    build fails or the text of any clause would change: a SapatError says which."""
    edition = next(edition for edition in editions if edition.version == version)
    mended = replace(edition, mends=(*edition.mends, Mend(today.isoformat(), dict(reason),
                                                          edition.manifest_digest or "")))
    folder = editions_folder(repository) / version
    with tempfile.TemporaryDirectory(prefix="sapat-mend-") as work:
        built = build_again(repository, editions, mended, Path(work), build, "mend.build_failed")
        shown = repository.display(folder / PUBLISHED)
        changes = [change for language in LANGUAGES
                   for change in text_changes(folder / PUBLISHED / language, built / language, f"{shown}/{language}")]
        if changes:
            raise refusal(changes, Message("mend.refused", version=version, count=len(changes)))
        replace_published(repository, version, built)
    mended = replace(mended, manifest_digest=seal(folder, LANGUAGES))
    write_editions(repository, [mended if other.version == version else other for other in editions])
    return mended


def _by_page(changes: list[TextChange]) -> dict[str, list[str]]:
    pages: dict[str, list[str]] = {}
    for change in changes:
        pages.setdefault(change.page, []).append(change.clause)
    return pages


__all__ = ["DECORATIONS", "KEPT_AT_RELEASE", "Build", "TextChange", "build_again", "build_folder", "clause_texts",
           "mend", "refusal", "replace_published", "text_changes"]
