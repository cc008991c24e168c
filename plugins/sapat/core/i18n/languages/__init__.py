"""Every language of the site in one table: adding a language means adding one module here.

A :class:`Language` holds everything sapat needs to know about a language: its code, the
MkDocs configuration of its edition, the site's title, the word for an appendix in
references (``[[тиркеме 1]]``), its alphabet for sorting, and the words sapat adds to pages
(:data:`Language.labels`). The manual's text is Kyrgyz; every other language translates it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import ModuleType

from . import ky, ru


@dataclass(frozen=True)
class Language:
    """One language edition of the manual."""

    code: str
    #: The language's name for itself, as the language selector shows it.
    name: str
    #: The MkDocs configuration of this edition, relative to the repository.
    config_file: str
    #: The title of the whole site in this language.
    site_title: str
    #: The word an editor writes for an appendix: ``[[тиркеме 1]]``.
    appendix_word: str
    #: The alphabet in its own order; letters not in it sort after it, by code point.
    alphabet: str
    #: The words sapat adds to pages, by key (see :func:`sapat.core.i18n.labels.label`).
    labels: Mapping[str, str] = field(repr=False)
    #: The module that defines the language (where its labels are, for diagnostics).
    module: ModuleType = field(repr=False, compare=False)

    def sort_key(self, text: str) -> tuple[int, ...]:
        """A key that sorts words in this language's alphabetical order (ң after н, ө after о)."""
        order = {letter: index for index, letter in enumerate(self.alphabet)}
        return tuple(order.get(ch, len(order) + ord(ch)) for ch in text.lower())


def _language(module: ModuleType) -> Language:
    return Language(code=module.CODE, name=module.NAME, config_file=module.CONFIG_FILE,
                    site_title=module.SITE_TITLE, appendix_word=module.APPENDIX_WORD,
                    alphabet=module.ALPHABET, labels=module.LABELS, module=module)


#: Every language, the source language first.
LANGUAGES: dict[str, Language] = {module.CODE: _language(module) for module in (ky, ru)}
#: The language of the approved text; every other edition translates it.
SOURCE_LANGUAGE = "ky"
TRANSLATIONS = tuple(code for code in LANGUAGES if code != SOURCE_LANGUAGE)



def in_language(text: object, language: str) -> str:
    """A text of the front matter (a change summary) as ``language`` shows it: one written in
    every language (``{ky: …, ru: …}``) gives that language's; one written once is the source
    language's, shown as it is."""
    if isinstance(text, Mapping):
        return str(text.get(language) or text.get(SOURCE_LANGUAGE) or "")
    return "" if text is None else str(text)


__all__ = ["LANGUAGES", "Language", "SOURCE_LANGUAGE", "TRANSLATIONS", "in_language"]
