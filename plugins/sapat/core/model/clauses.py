"""Clauses, references between them, headings and links: scanning and resolution.

An editor writes a reference as ``[[4.2.4]]`` or ``[[тиркеме 1]]`` / ``[[приложение 1]]``.
Scanning works on the Markdown source so that every finding has a line number; resolution
happens once, after every page has been collected, so the order of pages never matters
(MkDocs' own anchor validation works the same way).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from ..diagnostics import Diagnostic, did_you_mean
from ..i18n.languages import LANGUAGES
from ..i18n.messages import Message
from ..sources.fingerprints import short_fingerprint

CLAUSE_NUMBER = r"\d+(?:\.\d+)*"
HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.+?)[ \t]*#*[ \t]*$")
HEADING_ATTRIBUTES = re.compile(r"\s*\{[^}]*#(?P<id>[\w.:-]+)[^}]*\}\s*$")
CLAUSE_TEXT = re.compile(rf"^(?P<number>{CLAUSE_NUMBER})\.?(?:\s+(?P<title>.*))?$")
APPENDIX_WORDS = tuple(language.appendix_word for language in LANGUAGES.values()) + ("appendix",)
APPENDIX_TEXT = re.compile(rf"^(?:{'|'.join(APPENDIX_WORDS)})\s+(?P<number>\d+)\b\.?\s*(?P<title>.*)$",
                           re.IGNORECASE)
REFERENCE = re.compile(r"\[\[\s*(?P<target>[^\[\]\n]+?)\s*\]\]")
BARE_REFERENCE = re.compile(r"(?<=[(;])\s*(?P<number>\d+\.\d+(?:\.\d+)*)\.?\s*(?=[);])")
LINK = re.compile(r"(?P<image>!?)\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*<?(?P<target>[^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^\s*(```|~~~)")
INLINE_CODE = re.compile(r"`[^`\n]*`")


def clause_id(heading_text: str) -> str | None:
    """The stable id of a clause heading: ``"4.2.3"`` or ``"appendix-1"``; None for others."""
    text = heading_text.strip()
    if match := CLAUSE_TEXT.match(text):
        return match.group("number")
    if match := APPENDIX_TEXT.match(text):
        return f"appendix-{match.group('number')}"
    return None


def reference_id(target: str) -> str:
    """Normalise what an editor wrote inside ``[[...]]`` to a clause id."""
    text = " ".join(target.split()).rstrip(".")
    if re.fullmatch(CLAUSE_NUMBER, text):
        return text
    if match := APPENDIX_TEXT.match(text):
        return f"appendix-{match.group('number')}"
    return text


def heading_id(text: str, separator: str = "-") -> str:
    """The HTML id of a heading: a clause's number (``4.2.3``), otherwise a Unicode slug.

    This is the ``toc`` extension's slugify (see mkdocs.yml), so the ids that links and
    references are checked against are exactly the ids the site gets.
    """
    if ident := clause_id(text):
        return ident
    slug = re.sub(r"[^\w\s-]", "", unicodedata.normalize("NFC", text).lower())
    return re.sub(r"[\s-]+", separator, slug).strip(separator)


@dataclass(frozen=True)
class Clause:
    """A numbered heading and its own text, up to the next clause heading."""

    id: str
    title: str
    heading: str
    page: str
    line: int
    #: The last line of the clause's own text (its sub-clauses are clauses of their own).
    end_line: int
    text: str

    @property
    def label(self) -> str:
        """How a link to the clause reads: its number, or "Тиркеме 1" for an appendix."""
        match = APPENDIX_TEXT.match(self.heading)
        return match.group(0)[: match.start("title")].strip(" .") if match else self.id

    @property
    def fingerprint(self) -> str:
        """A short digest of the heading and text: changes when a reader would see a change."""
        return short_fingerprint(f"{self.heading}\n{self.text}")


@dataclass(frozen=True)
class Reference:
    """A ``[[...]]`` in running text."""

    target: str
    written: str
    page: str
    line: int


@dataclass(frozen=True)
class Link:
    """An ordinary Markdown link or image with a relative target (``04-qms.md#4.2.4``)."""

    target: str
    image: bool
    page: str
    line: int


@dataclass(frozen=True)
class PageScan:
    """What one page defines and refers to."""

    page: str
    clauses: tuple[Clause, ...]
    references: tuple[Reference, ...]
    bare_numbers: tuple[Reference, ...]
    #: The ids of all headings, for checking links with a #fragment.
    anchors: frozenset[str] = frozenset()
    links: tuple[Link, ...] = ()


def scan_page(page: str, body: str, first_line: int = 1) -> PageScan:
    """Collect headings, clauses, ``[[references]]``, bare "(4.2.4)" numbers and links of a page."""
    headings: list[tuple[int, str]] = []
    references: list[Reference] = []
    bare: list[Reference] = []
    links: list[Link] = []
    lines = body.split("\n")
    in_fence = False
    for offset, raw in enumerate(lines):
        line = first_line + offset
        # Each pattern runs only on lines holding the character it needs: most lines are prose.
        if ("`" in raw or "~" in raw) and FENCE.match(raw):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        text = INLINE_CODE.sub("", raw) if "`" in raw else raw
        if text.startswith("#") and (heading := HEADING.match(text)):
            headings.append((offset, REFERENCE.sub(lambda m: m.group("target"), heading.group("text"))))
        plain = text
        if "[[" in text:
            for match in REFERENCE.finditer(text):
                references.append(Reference(reference_id(match.group("target")),
                                            match.group("target"), page, line))
            plain = REFERENCE.sub("", text)
        if "(" in plain or ";" in plain:
            for match in BARE_REFERENCE.finditer(plain):
                bare.append(Reference(match.group("number"), match.group("number"), page, line))
        if "](" in plain:
            for match in LINK.finditer(plain):
                links.append(Link(match.group("target"), bool(match.group("image")), page, line))
    return PageScan(page, _clauses(page, lines, headings, first_line), tuple(references),
                    tuple(bare), frozenset(_anchor(text) for _, text in headings), tuple(links))


def _anchor(heading_text: str) -> str:
    if match := HEADING_ATTRIBUTES.search(heading_text):
        return match.group("id")
    return heading_id(heading_text)


def _clauses(page: str, lines: list[str], headings: list[tuple[int, str]],
             first_line: int) -> tuple[Clause, ...]:
    """Each clause heading with its text: the lines up to the next clause heading."""
    numbered = [(offset, text, ident) for offset, text in headings if (ident := clause_id(text))]
    clauses = []
    for index, (offset, text, ident) in enumerate(numbered):
        end = numbered[index + 1][0] if index + 1 < len(numbered) else len(lines)
        own = lines[offset + 1:end]
        while own and not own[-1].strip():
            own.pop()
        clauses.append(Clause(ident, _title(text), text.strip(), page, first_line + offset,
                              first_line + offset + len(own), "\n".join(own).strip("\n")))
    return tuple(clauses)


def _title(heading_text: str) -> str:
    match = CLAUSE_TEXT.match(heading_text) or APPENDIX_TEXT.match(heading_text)
    title = (match.group("title") or "").strip() if match else ""
    return title or heading_text.strip()


@dataclass
class ClauseIndex:
    """All clauses and references of one language, resolved together."""

    scans: list[PageScan] = field(default_factory=list)
    clauses: dict[str, Clause] = field(default_factory=dict)
    backlinks: dict[str, list[Reference]] = field(default_factory=lambda: defaultdict(list))
    #: References to clauses that do not exist; the caller says what to do about them.
    unresolved: list[Reference] = field(default_factory=list)
    #: Each page's scan, by page, for the clause around a reference (every page may refer to 4.2.4).
    _pages: dict[str, PageScan] = field(default_factory=dict, repr=False)
    #: How many scans ``_pages`` was made from (a page scanned twice counts twice there).
    _indexed: int = field(default=0, repr=False)

    def add(self, scan: PageScan) -> None:
        """Collect one page; nothing is resolved until :meth:`resolve`."""
        self.scans.append(scan)

    def resolve(self) -> list[Diagnostic]:
        """Index every clause, then check every reference against the complete index.

        Returns clauses defined twice and clause numbers written as plain text; references
        that point to no clause are left in :attr:`unresolved` (see :meth:`unresolved_problem`).
        """
        problems: list[Diagnostic] = []
        self.clauses.clear()
        self.backlinks.clear()
        self.unresolved.clear()
        for scan in self.scans:
            for clause in scan.clauses:
                if first := self.clauses.get(clause.id):
                    problems.append(Diagnostic(
                        clause.page, clause.line,
                        Message("clause.defined_twice", clause=clause.id, first=f"{first.page}:{first.line}"),
                        Message("clause.defined_twice.hint")))
                else:
                    self.clauses[clause.id] = clause
        for scan in self.scans:
            for ref in scan.references:
                if ref.target in self.clauses:
                    self.backlinks[ref.target].append(ref)
                else:
                    self.unresolved.append(ref)
            for bare in scan.bare_numbers:
                if bare.target in self.clauses:
                    problems.append(Diagnostic(
                        bare.page, bare.line, Message("clause.bare_number", clause=bare.target),
                        Message("clause.bare_number.hint", clause=bare.target)))
        return problems

    def unresolved_problem(self, ref: Reference, appendix_word: str) -> Diagnostic:
        """What an editor is told about a reference to a clause that does not exist
        (``appendix_word`` is how the page's language writes an appendix)."""
        return Diagnostic(ref.page, ref.line, Message("reference.unknown", written=ref.written),
                          did_you_mean(ref.target, self.clauses) or
                          Message("reference.unknown.hint", appendix=appendix_word))

    def enclosing_clause(self, ref: Reference) -> Clause | None:
        """The clause whose text holds ``ref``."""
        if self._indexed != len(self.scans):  # pages were added since: index them again
            self._pages = {scan.page: scan for scan in reversed(self.scans)}
            self._indexed = len(self.scans)
        scan = self._pages.get(ref.page)
        return next((c for c in scan.clauses if c.line <= ref.line <= c.end_line), None) if scan else None

    def referring_clauses(self, clause: str) -> list[Clause]:
        """The clauses whose text refers to ``clause``: each once, in clause-number order."""
        found: dict[str, Clause] = {}
        for ref in self.backlinks.get(clause, []):
            source = self.enclosing_clause(ref)
            if source is not None and source.id != clause:
                found.setdefault(source.id, source)
        return sorted(found.values(), key=lambda c: clause_order(c.id))


@cache
def clause_order(ident: str) -> tuple[int, ...]:
    """Sorts clause ids as a reader counts them: 4.2 < 4.10 < 10 < appendix 1. (Kept: a check
    sorts the same ids thousands of times; at + 400 pages 0.060 s of the check profiled, 0.008
    s kept.)"""
    if ident.startswith("appendix-"):
        return (1_000_000, int(ident.split("-", 1)[1]))
    return tuple(int(part) for part in ident.split("."))
