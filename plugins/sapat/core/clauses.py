"""Clauses and references between them: scanning, anchors and resolution.

An editor writes a reference as ``[[4.2.4]]`` or ``[[тиркеме 1]]`` / ``[[приложение 1]]``.
Scanning works on the Markdown source so that every finding has a line number; resolution
happens once, after every page has been collected, so the order of pages never matters
(MkDocs' own anchor validation works the same way).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Callable

from .diagnostics import Diagnostic, did_you_mean

CLAUSE_NUMBER = r"\d+(?:\.\d+)*"
HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.+?)[ \t]*#*[ \t]*$")
CLAUSE_TEXT = re.compile(rf"^(?P<number>{CLAUSE_NUMBER})\.?(?:\s+(?P<title>.*))?$")
APPENDIX_WORDS = ("тиркеме", "приложение", "appendix")
APPENDIX_TEXT = re.compile(rf"^(?:{'|'.join(APPENDIX_WORDS)})\s+(?P<number>\d+)\b\.?\s*(?P<title>.*)$",
                           re.IGNORECASE)
REFERENCE = re.compile(r"\[\[\s*(?P<target>[^\[\]\n]+?)\s*\]\]")
BARE_REFERENCE = re.compile(r"(?<=[(;])\s*(?P<number>\d+\.\d+(?:\.\d+)*)\.?\s*(?=[);])")
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


def clause_anchor(clause: str) -> str:
    """The HTML id of a clause heading; one place decides it for the whole site."""
    return clause


@dataclass(frozen=True)
class Clause:
    """A numbered heading: something a reference can point at."""

    id: str
    title: str
    heading: str
    page: str
    line: int


@dataclass(frozen=True)
class Reference:
    """A ``[[...]]`` in running text."""

    target: str
    written: str
    page: str
    line: int


@dataclass(frozen=True)
class PageScan:
    """What one page defines and refers to."""

    page: str
    clauses: tuple[Clause, ...]
    references: tuple[Reference, ...]
    bare_numbers: tuple[Reference, ...]


def scan_page(page: str, body: str, first_line: int = 1) -> PageScan:
    """Collect clause headings, ``[[references]]`` and bare "(4.2.4)" numbers of one page."""
    clauses: list[Clause] = []
    references: list[Reference] = []
    bare: list[Reference] = []
    in_fence = False
    for offset, raw in enumerate(body.split("\n")):
        line = first_line + offset
        if FENCE.match(raw):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        text = INLINE_CODE.sub("", raw)
        if heading := HEADING.match(text):
            heading_text = REFERENCE.sub(lambda m: m.group("target"), heading.group("text"))
            if ident := clause_id(heading_text):
                clauses.append(Clause(ident, _title(heading_text), heading_text, page, line))
        for match in REFERENCE.finditer(text):
            references.append(Reference(reference_id(match.group("target")),
                                        match.group("target"), page, line))
        for match in BARE_REFERENCE.finditer(REFERENCE.sub("", text)):
            bare.append(Reference(match.group("number"), match.group("number"), page, line))
    return PageScan(page, tuple(clauses), tuple(references), tuple(bare))


def _title(heading_text: str) -> str:
    match = CLAUSE_TEXT.match(heading_text) or APPENDIX_TEXT.match(heading_text)
    title = (match.group("title") or "").strip() if match else ""
    return title or heading_text.strip()


@dataclass
class ClauseIndex:
    """All clauses and references of one language edition, resolved together."""

    scans: list[PageScan] = field(default_factory=list)
    clauses: dict[str, Clause] = field(default_factory=dict)
    backlinks: dict[str, list[Reference]] = field(default_factory=lambda: defaultdict(list))

    def add(self, scan: PageScan) -> None:
        """Collect one page; nothing is resolved until :meth:`resolve`."""
        self.scans.append(scan)

    def resolve(self) -> list[Diagnostic]:
        """Index every clause, then check every reference against the complete index."""
        problems: list[Diagnostic] = []
        self.clauses.clear()
        self.backlinks.clear()
        for scan in self.scans:
            for clause in scan.clauses:
                if first := self.clauses.get(clause.id):
                    problems.append(Diagnostic(
                        clause.page, clause.line,
                        f"clause {clause.id} is defined twice (first at {first.page}:{first.line})",
                        "renumber one of the two headings"))
                else:
                    self.clauses[clause.id] = clause
        for scan in self.scans:
            for ref in scan.references:
                if ref.target in self.clauses:
                    self.backlinks[ref.target].append(ref)
                else:
                    problems.append(Diagnostic(
                        ref.page, ref.line, f"reference [[{ref.written}]] points to no clause",
                        did_you_mean(ref.target, self.clauses) or
                        "write a clause number such as [[4.2.4]] or an appendix such as [[тиркеме 1]]"))
            for bare in scan.bare_numbers:
                if bare.target in self.clauses:
                    problems.append(Diagnostic(
                        bare.page, bare.line,
                        f"clause number {bare.target} is written as plain text",
                        f"write it as a reference: [[{bare.target}]]"))
        return problems

    def referenced_from(self, clause: str) -> list[Reference]:
        """References to ``clause``, in page order, one per referring clause section."""
        return self.backlinks.get(clause, [])

    def enclosing_clause(self, ref: Reference) -> Clause | None:
        """The clause whose text holds ``ref`` (the nearest heading above it on its page)."""
        best = None
        for scan in self.scans:
            if scan.page != ref.page:
                continue
            for clause in scan.clauses:
                if clause.line <= ref.line and (best is None or clause.line > best.line):
                    best = clause
        return best


@dataclass(frozen=True)
class Target:
    """Where a link goes: a page (relative to the docs folder), an anchor, and what it shows."""

    page: str
    anchor: str
    label: str
    title: str


def clause_targets(index: ClauseIndex, page_name: Callable[[str], str]) -> dict[str, Target]:
    """Every clause of a resolved index as a link target; ``page_name`` maps a file to its page."""
    return {ident: Target(page_name(c.page), clause_anchor(ident), *_shown(c))
            for ident, c in index.clauses.items()}


def _shown(clause: Clause) -> tuple[str, str]:
    """A link's text and tooltip: "7.3.1" and "7.3.1 Title"; an appendix by its heading
    ("Тиркеме 1") in the reader's language, never by its id ("appendix-1")."""
    if CLAUSE_TEXT.match(clause.heading.strip()):
        return clause.id, f"{clause.id} {clause.title}"
    return clause.heading.strip(), clause.heading.strip()


def backlink_targets(index: ClauseIndex, targets: dict[str, Target]) -> dict[str, list[Target]]:
    """For each clause, the clauses whose text refers to it (each once, in reading order)."""
    result: dict[str, list[Target]] = {}
    for ident in index.clauses:
        seen: dict[str, Target] = {}
        for ref in index.referenced_from(ident):
            source = index.enclosing_clause(ref)
            if source is not None and source.id != ident:
                seen.setdefault(source.id, targets[source.id])
        if seen:
            result[ident] = list(seen.values())
    return result
