"""Diagnostics: what an editor is told about a mistake, with file, line and a fix.

A diagnostic holds a :class:`~sapat.core.i18n.messages.Message` (a key and values), not a text: it
is rendered in the editor's language when it is shown.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ..i18n.messages import Message


class Severity(StrEnum):
    """An error fails ``make check`` and the build; a notice is information only.

    The words stay English in ``file:line: error: message``, whatever the language of the
    message: editors, IDEs and CI logs recognise a finding by them.
    """

    ERROR = "error"
    NOTICE = "notice"


@dataclass(frozen=True)
class Diagnostic:
    """One finding about one place in the sources."""

    path: str
    line: int | None
    message: Message
    hint: Message | None = None
    severity: Severity = Severity.ERROR

    @property
    def place(self) -> str:
        """``file:line``, or the file alone when the finding has no line."""
        return f"{self.path}:{self.line}" if self.line else self.path

    def format(self, language: str) -> str:
        """Render as ``file:line: severity: message`` (the form editors and IDEs understand),
        with the hint on the next line."""
        text = f"{self.place}: {self.severity.value}: {self.message.render(language)}"
        if self.hint:
            text += f"\n    hint: {self.hint.render(language)}"
        return text


class SourceError(Exception):
    """A source file that cannot be read at all; carries the diagnostic that says why."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.format("en"))
        self.diagnostic = diagnostic


def did_you_mean(word: str, candidates: Iterable[str]) -> Message | None:
    """A "did you mean" hint naming the closest candidate, or None when nothing is close."""
    matches = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return Message("hint.did_you_mean", candidate=matches[0]) if matches else None


def sort_key(diagnostic: Diagnostic) -> tuple:
    """Report order: by file, then line, so an editor can work down the list."""
    return (diagnostic.path, diagnostic.line or 0, diagnostic.message.key, str(diagnostic.message))
