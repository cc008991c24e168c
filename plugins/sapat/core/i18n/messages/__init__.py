"""Everything sapat tells an editor, in the editor's language: Kyrgyz, Russian or English.

A message is a key and its values, ``Message("reference.unknown", written="7.3.9")``; the
texts live in one module per language (:mod:`.en`, :mod:`.ky`, :mod:`.ru`), each a dict from
key to a text with ``{placeholders}``. A :class:`~sapat.core.diagnostics.Diagnostic` keeps
the message, not a text, and is rendered in the chosen language only when it is shown (the
``sapat`` command, the MkDocs log, GitHub annotations), so the checks never depend on it.

Adding a message: choose a key ``<area>.<what>``, add it with the same placeholders to
``en.py``, ``ky.py`` and ``ru.py``, and write ``Message("<area>.<what>", name=value)``.
``tests/unit/test_messages.py`` fails when a key is missing from a language, when the
placeholders differ, or when a Kyrgyz or Russian text contains English words.

The language is chosen by ``--lang``, else the ``SAPAT_LANG`` environment variable, else the
repository's setting (``plugins: - sapat: messages: ky`` in mkdocs.yml), else English.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Union

from . import en, ky, ru

#: Every language sapat speaks to editors in, by code.
CATALOGS: dict[str, Mapping[str, str]] = {"ky": ky.MESSAGES, "ru": ru.MESSAGES, "en": en.MESSAGES}
MESSAGE_LANGUAGES = tuple(CATALOGS)
#: When neither the command line, the environment nor the repository chooses a language.
FALLBACK_LANGUAGE = "en"
ENVIRONMENT_VARIABLE = "SAPAT_LANG"

Value = Union[str, int, float, "Message"]


@dataclass(frozen=True, init=False)
class Message:
    """A message by key, with the values of its placeholders; rendered in any language."""

    key: str
    values: tuple[tuple[str, Value], ...]

    def __init__(self, key: str, /, **values: Value) -> None:
        if key not in en.MESSAGES:  # fail where the typo is, not when a message is shown
            raise KeyError(f"no message {key!r} in sapat.core.i18n.messages")
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "values", tuple(values.items()))

    def render(self, language: str) -> str:
        """The text in ``language``, with nested messages rendered in the same language."""
        values = {name: value.render(language) if isinstance(value, Message) else value
                  for name, value in self.values}
        return CATALOGS[language][self.key].format_map(values)

    def value(self, name: str) -> Value | None:
        """The value given for placeholder ``name`` (for code that decides on a message's content)."""
        return dict(self.values).get(name)

    def __str__(self) -> str:
        """English, for exceptions and logs that no editor reads in their own language."""
        return self.render(FALLBACK_LANGUAGE)


def choose_language(option: str | None, environment: Mapping[str, str],
                    configured: str | None) -> str:
    """The language of messages: the command-line option, else ``SAPAT_LANG``, else the
    repository's setting, else English. ``ru_RU.UTF-8`` counts as ``ru``; an unknown
    value is passed over, so a stray setting never silences the check."""
    for candidate in (option, environment.get(ENVIRONMENT_VARIABLE), configured):
        code = language_code(candidate)
        if code is not None:
            return code
    return FALLBACK_LANGUAGE


def language_code(value: str | None) -> str | None:
    """``value`` as a message language code (``ky``, ``ru``, ``en``), or None if it is none."""
    if not value:
        return None
    code = value.strip().lower().replace("-", "_").split("_")[0].split(".")[0]
    return code if code in CATALOGS else None


#: sapat's own log. Its records' messages are :class:`Message` objects, rendered in the editor's
#: language by whoever shows them (:class:`InLanguage`: the ``sapat`` command on stderr, the MkDocs
#: plugin through MkDocs' log); Python's own last resort shows them in English.
LOG = logging.getLogger("sapat")


class InLanguage(logging.Formatter):
    """Shows a record whose message is a :class:`Message` in ``language``; any other as logging does."""

    def __init__(self, language: str):
        super().__init__()
        self.language = language

    def format(self, record: logging.LogRecord) -> str:
        if isinstance(record.msg, Message) and not record.args:
            return record.msg.render(self.language)
        return super().format(record)


def listing(items: Iterable[object]) -> str:
    """Values shown in a message as a list: ``a, b, c``."""
    return ", ".join(str(item) for item in items)


__all__ = ["CATALOGS", "ENVIRONMENT_VARIABLE", "FALLBACK_LANGUAGE", "LOG", "MESSAGE_LANGUAGES", "InLanguage",
           "Message", "choose_language", "language_code", "listing"]
