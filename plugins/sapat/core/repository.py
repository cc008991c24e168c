"""Where things live in the repository, and the navigation that mkdocs.yml declares."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, SourceError
from .languages import LANGUAGES
from .messages import Message
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

    def edit_uri(self, language: str, branch: str) -> str:
        """MkDocs' ``edit_uri`` for ``language``'s edition: "Edit this page" opens the page's
        source file (``manual/ky/04-qms.md``) on ``branch`` of the repository's host."""
        return f"edit/{branch}/{self.display(self.docs_dir(language))}/"

    def messages_setting(self) -> str | None:
        """The repository's language for messages to editors: ``messages`` of the sapat plugin
        in mkdocs.yml (``plugins: - sapat: messages: ky``); None when it sets none."""
        try:
            root = _compose(self.mkdocs_yml, "mkdocs.yml")
        except (SourceError, OSError):
            return None  # the check reports the broken or missing file itself
        plugins = _value(root, "plugins")
        for plugin in plugins.value if isinstance(plugins, yaml.SequenceNode) else []:
            options = _value(plugin, "sapat") if isinstance(plugin, yaml.MappingNode) else None
            setting = _value(options, "messages") if isinstance(options, yaml.MappingNode) else None
            if isinstance(setting, yaml.ScalarNode):
                return str(setting.value)
        return None

    def display(self, path: Path) -> str:
        """A path as editors see it: relative to the repository, with forward slashes."""
        if path.is_relative_to(self.root) and ".." not in path.parts:  # found under the root: no lstat
            return path.relative_to(self.root).as_posix()
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


@dataclass(frozen=True)
class NavEntry:
    """A page named in the ``nav`` of mkdocs.yml, with the line that names it."""

    page: str
    line: int


@dataclass(frozen=True)
class Nav:
    """The ``nav`` of mkdocs.yml: every page it names with its line, and the nav itself as MkDocs
    reads it (a page as its name, a section as ``{title: [...]}``), for the sections readers see."""

    entries: list[NavEntry]
    items: list[Any]


def read_nav(mkdocs_yml: Path, display: str = "mkdocs.yml") -> Nav:
    """Every Markdown page named in the ``nav`` of mkdocs.yml, in order, each with its line."""
    root = _compose(mkdocs_yml, display)
    found: list[NavEntry] = []

    def walk(node: yaml.Node) -> Any:
        if isinstance(node, yaml.MappingNode):
            return {str(name.value): walk(value) for name, value in node.value}
        if isinstance(node, yaml.SequenceNode):
            return [walk(item) for item in node.value]
        if str(node.value).endswith(".md"):
            found.append(NavEntry(str(node.value), node.start_mark.line + 1))
        return str(node.value)

    nav = _value(root, "nav")
    items = walk(nav) if nav is not None else []
    return Nav(found, items if isinstance(items, list) else [])


def _compose(mkdocs_yml: Path, display: str) -> yaml.MappingNode:
    """mkdocs.yml composed, not constructed: its ``!!python/name`` and ``!ENV`` tags are never
    executed, and every node keeps its line."""
    text = read_text(mkdocs_yml, display)
    try:
        root = yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        try:  # PyYAML's own parser says what is wrong in the words the messages know
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            raise SourceError(yaml_error(exc, display)) from None
    if not isinstance(root, yaml.MappingNode):
        raise SourceError(Diagnostic(display, 1, Message("config.not_mapping", path=display)))
    return root


def _value(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    """The node under ``key`` of a composed mapping."""
    return next((value for name, value in mapping.value
                 if isinstance(name, yaml.ScalarNode) and name.value == key), None)
