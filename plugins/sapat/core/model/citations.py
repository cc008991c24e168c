"""Which documents of external origin the manual and the coverage files cite.

A citation is found by its form, whatever the register says (:data:`DETECTORS`): a standard's
number (``ISO 9001:2008``, ``ГОСТ ISO 9001-2011``, ``ГОСТ Р ИСО 9001-2015``, ``ISO/FDIS 9001``),
an amendment (``Amd 1:2024``), ESG, the number of a decree (``№ 670`` where the words around it
say постановление / токтом / decree) and a law's title (``Закон КР «Об образовании»``,
``«Билим берүү жөнүндөгү» мыйзам``). It cites the document of ``processes/external-documents.yml``
one of whose ``cited_as`` words cover it where it stands (the same letters, any spacing and
case); when several do, the longest words decide. A citation no document covers is one the
register lacks (:mod:`sapat.core.checks.registers` says where).

Searched: every line of every page of the manual in every language (the editors' guide too), and
the name, edition and source of every coverage file (:attr:`.frameworks.Frameworks.citing`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from .frameworks import CitingText
from .pages import Page
from .registers import ExternalDocument

#: The forms of a citation; where a pattern has a group ``cite``, that group is the citation.
DETECTORS = (
    re.compile(r"(?<![\w/])(?:ГОСТ\s+(?:Р\s+)?)?(?:ISO|ИСО)(?:/[^\W\d_]+)*\s*\d+(?:[.-]\d+)*(?::\d{4})?"),
    re.compile(r"(?<![\w/])(?:ГОСТ(?:\s+Р)?|СТ\s+КР)\s+\d+(?:[.-]\d+)*"),
    re.compile(r"\bAmd\s*\d+:\d{4}"),
    re.compile(r"\bESG\b(?:\s+\d{4})?"),
    re.compile(r"[Зз]акон\w*\s+(?:КР\s+|Кыргызской\s+Республики\s+)?(?P<cite>«[^»\n]{1,120}»)"),
    re.compile(r"(?P<cite>«[^»\n]{1,120}»)\s*[Мм]ыйзам"),
)
#: A number that cites a decree where the words around it say so.
NUMBER = re.compile(r"№\s*\d+")
DECREE_WORDS = re.compile(r"[Пп]остановлени|[Тт]октом|[Dd]ecree")
#: How far around a number the words that make it a decree's are looked for.
DECREE_REACH = 120


@dataclass(frozen=True)
class Citation:
    """A citation as written, where, and the document of the register it cites (None: none)."""

    written: str
    display: str
    line: int | None
    document: str | None
    #: Whether it is in the manual's own text (not in a coverage file).
    in_manual: bool


def page_texts(pages: Iterable[Page]) -> list[CitingText]:
    """The lines of ``pages`` (files, not generated pages) that hold a mark of a citation
    (:data:`MARKS`), with their line numbers: the others cite nothing. Found by searching each
    page's body once, not line by line: at 2,000 procedures a language the pages have some
    130,000 lines, and splitting and testing each was most of the citations' check."""
    texts = []
    for page in pages:
        if page.generated:
            continue
        body, line, counted = page.body, page.body_line, 0
        while mark := MARK.search(body, counted):
            start = body.rfind("\n", 0, mark.start()) + 1
            end = body.find("\n", mark.end())
            end = len(body) if end == -1 else end
            line += body.count("\n", counted, start)
            texts.append(CitingText(page.display, line, body[start:end]))
            counted = start
            if end == len(body):
                break
            line, counted = line + 1, end + 1
    return texts


#: What every citation's form holds: a text without any of them cites nothing (most lines).
MARKS = ("ISO", "ИСО", "ГОСТ", "СТ КР", "Amd", "ESG", "№", "«")
MARK = re.compile("|".join(re.escape(mark) for mark in MARKS))


def spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` cites a document, by the forms of :data:`DETECTORS` and decree numbers."""
    if not MARK.search(text):
        return []
    found = {match.span("cite") if "cite" in match.groupdict() else match.span()
             for detector in DETECTORS for match in detector.finditer(text)}
    found |= {match.span() for match in NUMBER.finditer(text)
              if DECREE_WORDS.search(text, max(0, match.start() - DECREE_REACH), match.end() + DECREE_REACH)}
    return sorted(found)


@cache
def _words(cited_as: str) -> re.Pattern[str]:
    """``cited_as`` as a pattern: its letters in any case, any spacing, not inside a longer number."""
    pattern = r"\s*".join(re.escape(part) for part in cited_as.split())
    return re.compile(pattern + (r"(?!\d)" if cited_as[-1:].isdigit() else ""), re.IGNORECASE)


def cited_document(text: str, span: tuple[int, int], documents: Sequence[ExternalDocument]) -> str | None:
    """The document whose ``cited_as`` words cover ``span`` of ``text``: the longest words decide."""
    best: tuple[int, str] | None = None
    for document in documents:
        for words in document.cited_as:
            for match in _words(words).finditer(text):
                if match.start() <= span[0] and span[1] <= match.end() and (best is None or len(match[0]) > best[0]):
                    best = (len(match[0]), document.id)
    return best[1] if best else None


def citations(texts: Iterable[CitingText], documents: Sequence[ExternalDocument], in_manual: bool) -> list[Citation]:
    """Every citation in ``texts`` and the document each cites."""
    return [Citation(" ".join(text.text[start:end].split()), text.display, text.line,
                     cited_document(text.text, (start, end), documents), in_manual)
            for text in texts for start, end in spans(text.text)]
