"""Where things live in the repository, and the navigation that mkdocs.yml declares."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .diagnostics import Diagnostic, SourceError
from .languages import LANGUAGES
from .sources import read_text, yaml_error

#: What the manual's sources are: enough for load_project, and so for comparing and freezing editions.
SOURCE_PARTS = ("manual", "processes", "schemas", "mkdocs.yml")


@dataclass(frozen=True)
class Repository:
    """The repository's folders and files, found from its root."""

    root: Path

    @classmethod
    def from_docs_dir(cls, docs_dir: str | Path) -> Repository:
        """The repository whose ``manual/<language>`` folder is ``docs_dir``."""
        return cls(Path(docs_dir).resolve().parent.parent)

    @property
    def manual(self) -> Path:
        return self.root / "manual"

    @property
    def processes(self) -> Path:
        return self.root / "processes"

    @property
    def schemas(self) -> Path:
        return self.root / "schemas"

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    def docs_dir(self, language: str) -> Path:
        """The pages of one language: ``manual/<language>``."""
        return self.manual / language

    def config_file(self, language: str) -> Path:
        """The MkDocs configuration that builds ``language``'s edition."""
        return self.root / LANGUAGES[language].config_file

    def sources(self) -> list[Path]:
        """Every file an edition is built from, for noticing that something changed."""
        files = [path for folder in (self.manual, self.processes, self.schemas)
                 for path in folder.rglob("*") if path.is_file()]
        return sorted(files) + [self.mkdocs_yml]

    def display(self, path: Path) -> str:
        """A path as editors see it: relative to the repository, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


@dataclass(frozen=True)
class NavEntry:
    """A page named in the ``nav`` of mkdocs.yml, with the line that names it."""

    page: str
    line: int


def read_nav(mkdocs_yml: Path, display: str = "mkdocs.yml") -> list[NavEntry]:
    """Every Markdown page named in the ``nav`` of mkdocs.yml, in order.

    The file is composed, not constructed, so its ``!!python/name`` and ``!ENV`` tags are
    never executed, and every entry keeps its line.
    """
    try:
        root = yaml.compose(read_text(mkdocs_yml, display), Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise SourceError(yaml_error(exc, display)) from None
    if not isinstance(root, yaml.MappingNode):
        raise SourceError(Diagnostic(display, 1, "mkdocs.yml is not a set of 'key: value' lines"))
    found: list[NavEntry] = []

    def walk(node: yaml.Node) -> None:
        if isinstance(node, yaml.ScalarNode) and str(node.value).endswith(".md"):
            found.append(NavEntry(str(node.value), node.start_mark.line + 1))
        elif isinstance(node, yaml.MappingNode):
            for _, value in node.value:
                walk(value)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)

    for key, value in root.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "nav":
            walk(value)
    return found
