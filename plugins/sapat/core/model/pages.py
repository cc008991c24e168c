"""Pages: the Markdown files of one language, and the pages sapat generates beside them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic, SapatError
from ..i18n.messages import Message
from ..runtime.cache import kept
from ..sources.active_html import active_content
from ..sources.files import YamlData, decode_text, load_yaml, split_front_matter
from ..sources.fingerprints import fingerprint
from .clauses import ClauseIndex, PageScan, scan_page

#: The folder (in every language) of the guide for editors: published with the manual, but
#: not part of its controlled text: no document control, no clauses, no translation record.
GUIDE_FOLDER = "guide/"


@dataclass
class Page:
    """One page of one language: a file of ``manual/<language>/`` or a generated page."""

    language: str
    #: The page's path inside its language's folder, with forward slashes: ``04-qms.md``.
    name: str
    #: Where an editor finds it: ``manual/ky/04-qms.md``, or the data a generated page shows.
    display: str
    meta: YamlData
    body: str
    body_line: int
    scan: PageScan
    #: The whole file as read (front matter included), for commands that rewrite it.
    text: str = ""
    path: Path | None = None
    #: False when the file or its front matter could not be read or breaks its schema (already
    #: reported): nothing is derived from such a page's metadata.
    valid: bool = True
    generated: bool = False

    @cached_property
    def fingerprint(self) -> str:
        """Approvals, translations and the register each ask for it."""
        return fingerprint(self.body)

    @property
    def in_guide(self) -> bool:
        """A page of the guide for editors (``guide/…``)."""
        return self.name.startswith(GUIDE_FOLDER)

    @property
    def controlled(self) -> bool:
        """A page of the manual itself, under document control (neither generated nor the guide)."""
        return not self.generated and not self.in_guide

    @property
    def title(self) -> str:
        return str(self.get("title") or self.name)

    def get(self, key: str, default: Any = None) -> Any:
        value = self.meta.value if isinstance(self.meta.value, Mapping) else {}
        return value.get(key, default)


@dataclass
class LanguagePages:
    """Every page of one language, with the clause index they share."""

    language: str
    #: The Markdown files of ``manual/<language>/``, by name.
    files: dict[str, Page] = field(default_factory=dict)
    #: The pages sapat writes (register, glossary, processes...), by name.
    generated: dict[str, Page] = field(default_factory=dict)
    index: ClauseIndex = field(default_factory=ClauseIndex)
    by_display: dict[str, Page] = field(default_factory=dict)

    def add(self, page: Page) -> None:
        """Take a page in; its clauses count once :meth:`ClauseIndex.resolve` runs."""
        (self.generated if page.generated else self.files)[page.name] = page
        self.by_display[page.display] = page
        # The guide's headings are never clauses (checks.guide_pages reports one that reads as a number).
        self.index.add(replace(page.scan, clauses=()) if page.in_guide else page.scan)

    def controlled(self) -> dict[str, Page]:
        """The files under document control, by name (the guide's pages left out)."""
        return {name: page for name, page in self.files.items() if page.controlled}

    def page(self, name: str) -> Page | None:
        return self.files.get(name) or self.generated.get(name)

    def names(self) -> set[str]:
        return set(self.files) | set(self.generated)


def read_page(path: Path, name: str, language: str, display: str, report: list[Diagnostic]) -> Page:
    """One page file. A page whose text or front matter is broken is still scanned for clauses,
    so that one mistake is reported once rather than again by every reference to the page.
    Parsing is kept between runs (:mod:`..runtime.cache`): a check, and ``make serve`` at every
    save, read all pages, and all but the edited ones read as before."""
    page, problems = kept(_parse_page, path.read_bytes(), name, language, display)
    report.extend(problems)
    return replace(page, path=path)


def _parse_page(data: bytes, name: str, language: str, display: str) -> tuple[Page, tuple[Diagnostic, ...]]:
    """A page's front matter parsed and its body scanned, for clauses and for anything that
    could run script in a reader's browser."""
    problems: list[Diagnostic] = []
    meta: YamlData | None = None
    text = ""
    try:
        text = decode_text(data, display)
        document = split_front_matter(text)
        if document.front_matter is None:
            raise SapatError.about(Diagnostic(display, 1, Message("page.no_front_matter"),
                                         Message("page.no_front_matter.hint")))
        meta = load_yaml(document.front_matter, display, document.front_matter_line)
    except SapatError as exc:
        problems.extend(exc.problems)
        document = split_front_matter(data.decode("utf-8", "replace"))
    if meta is not None and not isinstance(meta.value, Mapping):
        problems.append(Diagnostic(display, document.front_matter_line, Message("page.front_matter_not_mapping"),
                                   Message("page.front_matter_not_mapping.hint")))
        meta = None
    problems += active_content(display, document.body, document.body_line)
    page = Page(language, name, display, meta or YamlData({}), document.body, document.body_line,
                scan_page(display, document.body, document.body_line), text, valid=meta is not None)
    return page, tuple(problems)


def generated_page(language: str, name: str, display: str, markdown: str) -> Page:
    """A page sapat writes: scanned like a file, so its references and links are checked like
    an editor's (a number in parentheses is sapat's own wording there, not a forgotten reference)."""
    scan = replace(scan_page(display, markdown), bare_numbers=())
    return Page(language, name, display, YamlData({}), markdown, 1, scan, markdown, generated=True)
