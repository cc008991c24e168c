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
def _first_word(stem_phrase: str) -> str:
    return stem_phrase.split()[0].lower()


def occurrences(stem_phrase: str, text: str, lowered: str) -> Iterator[re.Match[str]]:
    """The inflected occurrences of ``stem_phrase`` in ``text`` (``lowered`` is ``text.lower()``).

    The regex is tried only where the phrase's first word occurs: a full regex scan of every
    page for every term made the check quadratic in practice. It is compiled only then too:
    most phrases occur on no page, and compiling each of them cost every check."""
    if len(lowered) != len(text):  # a letter whose lower case is longer: offsets would not agree
        yield from phrase_pattern(stem_phrase).finditer(text)
        return
    first_word = _first_word(stem_phrase)
    start = lowered.find(first_word)
    if start == -1:
        return
    pattern = phrase_pattern(stem_phrase)
    while start != -1:
        match = pattern.match(text, start)
        if match:
            yield match
        start = lowered.find(first_word, match.end() if match else start + 1)


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
        # Most terms are not on most pages: the stem's first word tells without a search.
        return any(_first_word(stem) in lowered and next(occurrences(stem, text, lowered), None)
                   for stem in self.source_stems)


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
            for match in occurrences(stem, translation_body, translation_lowered):
                line = first_line + translation_body.count("\n", 0, match.start())
                problems.append(Diagnostic(
                    display, line,
                    Message("term.not_standard", found=match.group(0), term=term.name(SOURCE_LANGUAGE)),
                    Message("term.not_standard.hint", iso_clause=term.iso_clause, standard=term.name(language),
                            entry=term.id)))
    return problems
