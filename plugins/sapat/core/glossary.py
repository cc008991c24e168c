"""The terminology glossary and the check that translations use its terms."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from .diagnostics import Diagnostic
from .languages import LANGUAGES, SOURCE_LANGUAGE, TRANSLATIONS
from .messages import Message

_WORD_CHAR = r"[\wөүңӨҮҢ-]"


@cache
def phrase_pattern(stem_phrase: str) -> re.Pattern[str]:
    """A stem phrase such as ``"сапат менеджменти систем"`` as a regex for inflected text.

    Each word is a prefix (Kyrgyz and Russian inflect by endings), words in order.
    """
    words = [re.escape(word) for word in stem_phrase.split()]
    return re.compile(r"(?<![\wөүңӨҮҢ])" + (_WORD_CHAR + r"*\s+").join(words) + _WORD_CHAR + "*",
                      re.IGNORECASE)


def _may_contain(text: str, stem_phrase: str) -> bool:
    """A cheap test that rules out most texts before the regex runs."""
    word = stem_phrase.split()[0]
    return word in text or word.capitalize() in text or word.upper() in text


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

    def used_in(self, text: str) -> bool:
        """Whether a source-language text uses the term in any inflected form."""
        return any(_may_contain(text, stem) and phrase_pattern(stem).search(text)
                   for stem in self.source_stems)


def terminology_problems(terms: Iterable[Term], source_body: str, language: str, display: str,
                         translation_body: str, first_line: int) -> list[Diagnostic]:
    """A translation that uses a non-standard variant where the source uses a glossary term."""
    problems = []
    for term in terms:
        avoid = term.avoid.get(language, ())
        if not avoid or not term.used_in(source_body):
            continue
        for stem in avoid:
            if not _may_contain(translation_body, stem):
                continue
            for match in phrase_pattern(stem).finditer(translation_body):
                line = first_line + translation_body.count("\n", 0, match.start())
                problems.append(Diagnostic(
                    display, line,
                    Message("term.not_standard", found=match.group(0), term=term.name(SOURCE_LANGUAGE)),
                    Message("term.not_standard.hint", iso_clause=term.iso_clause, standard=term.name(language),
                            entry=term.id)))
    return problems
