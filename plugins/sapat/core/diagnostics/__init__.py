"""Diagnostics: what an editor is told about a mistake, with file, line and a fix.

A diagnostic holds a :class:`~sapat.core.i18n.messages.Message` (a key and values), not a text: it
is rendered in the editor's language when it is shown.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
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


class SapatError(Exception):
    """What stops a command, the one exception of sapat's core: a message for the editor (rendered
    in their language when it is shown), a hint, and the findings with file and line behind it
    (a source that cannot be read, the reasons a release was refused). The command line reports
    it and ends with status 1; the MkDocs plugin reports it and stops the build."""

    def __init__(self, message: Message | None, hint: Message | None = None,
                 problems: Sequence[Diagnostic] = ()):
        super().__init__(str(message) if message else "; ".join(p.format("en") for p in problems))
        self.message, self.hint, self.problems = message, hint, list(problems)

    @classmethod
    def about(cls, diagnostic: Diagnostic) -> SapatError:
        """A source that cannot be read at all: the one finding that says why."""
        return cls(None, problems=[diagnostic])

    @property
    def reason(self) -> Message:
        """What went wrong in one message, for a message that says what it stopped."""
        return self.message if self.message is not None else self.problems[0].message

    def report(self, language: str) -> str:
        """The findings, one per line as ``file:line: error: …``, then the message and its hint."""
        lines = [problem.format(language) for problem in self.problems]
        if self.message is not None:
            lines.append(self.message.render(language) +
                         (f"\n    hint: {self.hint.render(language)}" if self.hint else ""))
        return "\n".join(lines)


def did_you_mean(word: str, candidates: Iterable[str]) -> Message | None:
    """A "did you mean" hint naming the closest candidate, or None when nothing is close."""
    matches = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return Message("hint.did_you_mean", candidate=matches[0]) if matches else None


def sort_key(diagnostic: Diagnostic) -> tuple:
    """Report order: by file, then line, so an editor can work down the list."""
    return (diagnostic.path, diagnostic.line or 0, diagnostic.message.key, str(diagnostic.message))
