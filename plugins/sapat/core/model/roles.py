"""The roles the manual names (``processes/roles.yml``): owners of pages and processes,
approving bodies, people responsible for objectives."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, did_you_mean
from ..i18n.messages import Message
from ..sources.data_files import ClauseMention, DataFile, clause_mentions

ROLES_FILE = "roles.yml"


@dataclass
class Roles:
    """Role ids with their names in every language; empty when roles.yml did not load."""

    names: dict[str, dict[str, str]] = field(default_factory=dict)
    mentions: list[ClauseMention] = field(default_factory=list)

    @classmethod
    def from_file(cls, file: DataFile | None) -> Roles:
        if file is None:
            return cls()
        names = {role["id"]: {key: value for key, value in role.items() if isinstance(value, str)}
                 for role in file.value["roles"]}
        return cls(names, clause_mentions(file))

    def name(self, role: str, language: str) -> str:
        """A role's name in ``language``, or its id when roles.yml does not know it."""
        return self.names.get(role, {}).get(language, role)

    def unknown(self, role: str, display: str, line: int | None, key: str) -> Diagnostic | None:
        """The diagnostic for a role id that roles.yml does not define (None when it is fine).

        When roles.yml itself did not load, its own error says what to fix; nothing is added.
        """
        if not self.names or role in self.names:
            return None
        file = f"processes/{ROLES_FILE}"
        return Diagnostic(display, line, Message("role.unknown", key=key, role=role, file=file),
                          did_you_mean(role, self.names) or Message("role.unknown.hint", file=file))
