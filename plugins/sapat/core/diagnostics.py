"""Diagnostics: what an editor is told about a mistake, with file, line and a fix."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    """An error fails ``make check`` and the build; a notice is information only."""

    ERROR = "error"
    NOTICE = "notice"


@dataclass(frozen=True)
class Diagnostic:
    """One finding about one place in the sources."""

    path: str
    line: int | None
    message: str
    hint: str | None = None
    severity: Severity = Severity.ERROR

    def format(self) -> str:
        """Render as ``file:line: severity: message`` (the form editors and IDEs understand)."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.severity.value}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class SourceError(Exception):
    """A source file that cannot be read at all; carries the diagnostic that says why."""

    def __init__(self, diagnostic: Diagnostic):
        super().__init__(diagnostic.format())
        self.diagnostic = diagnostic


def did_you_mean(word: str, candidates: Iterable[str]) -> str | None:
    """A "did you mean" hint naming the closest candidate, or None when nothing is close."""
    matches = difflib.get_close_matches(word, sorted(set(candidates)), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None


def sort_key(diagnostic: Diagnostic) -> tuple:
    """Report order: by file, then line, so an editor can work down the list."""
    return (diagnostic.path, diagnostic.line or 0, diagnostic.message)
