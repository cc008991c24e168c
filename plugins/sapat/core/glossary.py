"""The bilingual terminology glossary and the check that translations use its terms."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Mapping

from .diagnostics import Diagnostic


@lru_cache(maxsize=None)
def phrase_pattern(stem_phrase: str) -> re.Pattern[str]:
    """A stem phrase such as ``"сапат менеджменти систем"`` as a regex for inflected text.

    Each word is a prefix (Kyrgyz and Russian inflect by endings), words in order.
    """
    words = [re.escape(word) for word in stem_phrase.split()]
    return re.compile(r"(?<![\wөүңӨҮҢ])" + r"[\wөүң-]*\s+".join(words) + r"[\wөүң-]*", re.IGNORECASE)


def _may_contain(text: str, stem_phrase: str) -> bool:
    """A cheap test that rules out most texts before the regex runs."""
    word = stem_phrase.split()[0]
    return word in text or word.capitalize() in text or word.upper() in text


@dataclass(frozen=True)
class Term:
    """One glossary entry."""

    id: str
    iso_clause: str
    ky: str
    ru: str
    ky_match: tuple[str, ...]
    ru_avoid: tuple[str, ...]

    @classmethod
    def from_yaml(cls, entry: Mapping) -> "Term":
        return cls(entry["id"], entry["iso_clause"], entry["ky"], entry["ru"],
                   tuple(entry["ky_match"]), tuple(entry["ru_avoid"]))

    def used_in(self, text: str) -> bool:
        """Whether a Kyrgyz text uses the term in any inflected form."""
        return any(_may_contain(text, stem) and phrase_pattern(stem).search(text)
                   for stem in self.ky_match)


def terminology_problems(terms: Iterable[Term], source_body: str, display: str,
                         translation_body: str, first_line: int) -> list[Diagnostic]:
    """A translation that uses a non-standard variant where the source uses a glossary term."""
    problems = []
    for term in terms:
        if not term.used_in(source_body):
            continue
        for stem in term.ru_avoid:
            if not _may_contain(translation_body, stem):
                continue
            for match in phrase_pattern(stem).finditer(translation_body):
                line = first_line + translation_body.count("\n", 0, match.start())
                problems.append(Diagnostic(
                    display, line, f"'{match.group(0)}' is not the standard term for «{term.ky}»",
                    f"GOST ISO 9001-2011 ({term.iso_clause}) says «{term.ru}» "
                    f"(glossary entry '{term.id}')"))
    return problems
