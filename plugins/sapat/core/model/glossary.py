"""The terminology glossary and the check that translations use its terms."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache

from ..diagnostics import Diagnostic
from ..i18n.languages import LANGUAGES, SOURCE_LANGUAGE, TRANSLATIONS
from ..i18n.messages import Message

_WORD_CHAR = r"[\wөүңӨҮҢ-]"


@cache
def phrase_pattern(stem_phrase: str) -> re.Pattern[str]:
    """A stem phrase such as ``"сапат менеджменти систем"`` as a regex for inflected text.

    Each word is a prefix (Kyrgyz and Russian inflect by endings), words in order.
    """
    words = [re.escape(word) for word in stem_phrase.split()]
    return re.compile(r"(?<![\wөүңӨҮҢ])" + (_WORD_CHAR + r"*\s+").join(words) + _WORD_CHAR + "*",
                      re.IGNORECASE)


@cache
def _words(stem_phrase: str) -> tuple[str, ...]:
    return tuple(stem_phrase.lower().split())


def _in_word(char: str) -> bool:
    """What ``\\w`` matches (str.isalnum or the underscore)."""
    return char.isalnum() or char == "_"


def _phrase_end(words: tuple[str, ...], lowered: str, start: int) -> int | None:
    """Where the phrase whose first word starts at ``start`` ends in ``lowered``, or None where
    it does not start there: what :func:`phrase_pattern` matches (each word a prefix of a word of
    the text, the words apart by white space), without compiling it."""
    if start and _in_word(lowered[start - 1]):
        return None
    end, length = start, len(lowered)
    for number, word in enumerate(words):
        if number:
            spaced = end
            while end < length and lowered[end].isspace():
                end += 1
            if end == spaced:
                return None
        if not lowered.startswith(word, end):
            return None
        end += len(word)
        while end < length and (_in_word(lowered[end]) or lowered[end] == "-"):
            end += 1
    return end


def occurrences(stem_phrase: str, text: str, lowered: str) -> Iterator[tuple[int, int]]:
    """Where the inflected occurrences of ``stem_phrase`` are in ``text``, as (start, end)
    (``lowered`` is ``text.lower()``).

    Each is looked for only where the phrase's first word occurs: a full regex scan of every page
    for every term made the check quadratic in practice. No regex is compiled: compiling one for
    each of some 130 phrases took 0.08 s of the 0.19 s the glossary's check took at + 400 pages
    (profiled)."""
    if len(lowered) != len(text):  # a letter whose lower case is longer: offsets would not agree
        yield from (match.span() for match in phrase_pattern(stem_phrase).finditer(text))
        return
    words = _words(stem_phrase)
    start = lowered.find(words[0])
    while start != -1:
        end = _phrase_end(words, lowered, start)
        if end is not None:
            yield start, end
        start = lowered.find(words[0], end if end is not None else start + 1)


@dataclass(frozen=True)
class Term:
    """One glossary entry: the term in every language, the source-language stems that show the
    term is used, and the variants each translation must avoid for it."""

    id: str
    iso_clause: str
    names: Mapping[str, str]
    source_stems: tuple[str, ...]
    avoid: Mapping[str, tuple[str, ...]]

    @classmethod
    def from_yaml(cls, entry: Mapping) -> Term:
        return cls(entry["id"], entry["iso_clause"], {code: entry[code] for code in LANGUAGES},
                   tuple(entry[f"{SOURCE_LANGUAGE}_match"]),
                   {code: tuple(entry.get(f"{code}_avoid", ())) for code in TRANSLATIONS})

    def name(self, language: str) -> str:
        return self.names[language]

    def used_in(self, text: str, lowered: str | None = None) -> bool:
        """Whether a source-language text uses the term in any inflected form (``lowered``:
        ``text.lower()``, when the caller asks about many terms)."""
        lowered = text.lower() if lowered is None else lowered
        return any(next(occurrences(stem, text, lowered), None) for stem in self.source_stems)


def terminology_problems(terms: Iterable[Term], source_body: str, language: str, display: str,
                         translation_body: str, first_line: int) -> list[Diagnostic]:
    """A translation that uses a non-standard variant where the source uses a glossary term."""
    problems = []
    source_lowered, translation_lowered = source_body.lower(), translation_body.lower()
    for term in terms:
        avoid = term.avoid.get(language, ())
        if not avoid or not term.used_in(source_body, source_lowered):
            continue
        for stem in avoid:
            for start, end in occurrences(stem, translation_body, translation_lowered):
                line = first_line + translation_body.count("\n", 0, start)
                problems.append(Diagnostic(
                    display, line,
                    Message("term.not_standard", found=translation_body[start:end],
                            term=term.name(SOURCE_LANGUAGE)),
                    Message("term.not_standard.hint", iso_clause=term.iso_clause, standard=term.name(language),
                            entry=term.id)))
    return problems
