"""Where things live in the repository, and the site's navigation as mkdocs.yml declares it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from .diagnostics import Diagnostic, SourceError
from .sources import yaml_error

SOURCE_LANGUAGE = "ky"
LANGUAGES = ("ky", "ru")
GENERATED_PAGES = ("register.md", "glossary.md", "translation-status.md", "objectives.md",
                   "processes/index.md")
PROCESS_PAGES = "processes"  # one generated page per process: processes/<id>.md


@dataclass(frozen=True)
class Layout:
    """The repository's folders, found from its root."""

    root: Path

    @classmethod
    def from_docs_dir(cls, docs_dir: str | Path) -> "Layout":
        """The layout of the repository whose ``manual/<lang>`` folder is ``docs_dir``."""
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
        return self.manual / language

    def display(self, path: Path) -> str:
        """A path as editors see it: relative to the repository, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def edition_url(page_url: str, language: str) -> str:
    """The link from a page of one edition to the same page of ``language``'s edition.

    Every edition is its own site under ``/<language>/`` with the same file names, so the
    link climbs out of the page's folders and out of its edition, then descends.
    """
    depth = page_url.count("/")
    return "../" * (depth + 1) + f"{language}/{page_url}"


class _ConfigLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without executing its ``!!python/name`` and ``!ENV`` tags."""


_ConfigLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def nav_pages(mkdocs_yml: Path, display: str = "mkdocs.yml") -> list[str]:
    """Every Markdown file named in the ``nav`` of mkdocs.yml, in order."""
    try:
        config = yaml.load(mkdocs_yml.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except yaml.YAMLError as exc:
        raise SourceError(yaml_error(exc, display)) from None
    except UnicodeDecodeError as exc:
        raise SourceError(Diagnostic(display, None, f"the file is not UTF-8 text: {exc}")) from None
    found: list[str] = []

    def walk(item) -> None:
        if isinstance(item, str):
            if item.endswith(".md"):
                found.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                walk(value)
        elif isinstance(item, list):
            for value in item:
                walk(value)

    walk(config.get("nav") or [])
    return found
