"""Where things live in the repository, and the navigation that mkdocs.yml declares."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Diagnostic, SapatError
from ..i18n.languages import LANGUAGES
from ..i18n.messages import Message
from .files import compose_yaml, read_text

#: What the manual's sources are: enough for load_project, and so for comparing and freezing editions.
SOURCE_PARTS = ("manual", "processes", "schemas", "mkdocs.yml")
#: What the check and the build read: the sources, and the Russian edition's settings and the
#: theme's overrides, which MkDocs publishes from too.
READ_PARTS = (*SOURCE_PARTS, "site_config")


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
    def frameworks(self) -> Path:
        return self.manual / "frameworks"

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
        """Every file the check reads (an edition's sources), for noticing that something changed."""
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
        return self.plugin_setting("messages")

    def plugin_setting(self, name: str) -> str | None:
        """An option of the sapat plugin in mkdocs.yml (``plugins: - sapat: <name>: …``), read
        before MkDocs is loaded; None when it sets none."""
        if _outside(os.path.realpath(self.mkdocs_yml), self.root.resolve()):
            return None  # the check reports the link, and reads nothing through it
        try:
            root = _compose(self.mkdocs_yml, "mkdocs.yml")
        except (SapatError, OSError):
            return None  # the check reports the broken or missing file itself
        plugins = _value(root, "plugins")
        for plugin in plugins.value if isinstance(plugins, yaml.SequenceNode) else []:
            options = _value(plugin, "sapat") if isinstance(plugin, yaml.MappingNode) else None
            setting = _value(options, name) if isinstance(options, yaml.MappingNode) else None
            if isinstance(setting, yaml.ScalarNode):
                return str(setting.value)
        return None

    def links_outside(self) -> list[Diagnostic]:
        """Every file or folder of :data:`READ_PARTS` reached through a symbolic link that leads
        outside the repository, or into its ``.git``: an error each, and nothing may be read
        through it. Folders are walked as MkDocs walks a ``docs_dir``, following links, so a
        link inside a linked folder is found too; nothing outside the repository is entered,
        and a folder reached twice (through a link back into the tree) is walked once."""
        root = self.root.resolve()
        found: list[Diagnostic] = []
        walked: set[str] = set()
        pending = [(str(root / part), (root / part).is_symlink(), (root / part).is_dir()) for part in READ_PARTS]
        while pending:
            path, linked, folder = pending.pop()
            real = os.path.realpath(path) if linked else path
            if linked and _outside(real, root):
                found.append(Diagnostic(Path(path).relative_to(root).as_posix(), None,
                                        Message("file.outside_repository", target=real),
                                        Message("file.outside_repository.hint")))
            elif folder and real not in walked:
                walked.add(real)
                with os.scandir(path) as entries:
                    pending += [(entry.path, linked or entry.is_symlink(), entry.is_dir()) for entry in entries]
        return sorted(found, key=lambda diagnostic: diagnostic.path)

    def display(self, path: Path) -> str:
        """A path as editors see it: relative to the repository, with forward slashes."""
        if path.is_relative_to(self.root) and ".." not in path.parts:  # found under the root: no lstat
            return path.relative_to(self.root).as_posix()
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def _outside(real: str, root: Path) -> bool:
    """Whether the real path ``real`` is outside ``root`` (resolved) or in its ``.git`` (git's own
    files, with its settings, are no source)."""
    path = Path(real)
    return not path.is_relative_to(root) or path.relative_to(root).parts[:1] == (".git",)


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
    """mkdocs.yml composed (:func:`compose_yaml`): its tags are never executed, and every node
    keeps its line."""
    root = compose_yaml(read_text(mkdocs_yml, display), display)
    if not isinstance(root, yaml.MappingNode):
        raise SapatError.about(Diagnostic(display, 1, Message("config.not_mapping", path=display)))
    return root


def _value(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    """The node under ``key`` of a composed mapping."""
    return next((value for name, value in mapping.value
                 if isinstance(name, yaml.ScalarNode) and name.value == key), None)
