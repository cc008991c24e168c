"""Reading editors' files safely: UTF-8 text, front matter, and YAML with line numbers.

Every failure becomes a :class:`Diagnostic` with file and line, never a traceback. YAML aliases
are refused outright (a "billion laughs" alias bomb cannot expand), duplicate keys are errors,
and dates stay strings so that the JSON Schema ``date`` format decides whether they are real.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, SourceError

JsonPath = tuple[str | int, ...]
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


def read_text(path: Path, display: str) -> str:
    """The file's text; a non-UTF-8 or empty file is a :class:`SourceError` naming the line."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SourceError(Diagnostic(
            display, line,
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            "save the file as UTF-8 (in most editors: 'Save with encoding' > UTF-8)",
        )) from None
    if not text.strip():
        raise SourceError(Diagnostic(display, 1, "the file is empty",
                                     "write the page's front matter and text, or delete the file"))
    return text.replace("\r\n", "\n").lstrip("\ufeff")


@dataclass(frozen=True)
class Document:
    """A Markdown file split into its front matter and body, with line bookkeeping."""

    front_matter: str | None
    front_matter_line: int
    body: str
    body_line: int


def split_front_matter(text: str) -> Document:
    """Separate the ``---`` delimited YAML block from the Markdown body."""
    match = FRONT_MATTER.match(text)
    if not match:
        return Document(None, 0, text, 1)
    body_line = text[: match.end()].count("\n") + 1
    return Document(match.group(1) or "", 2, text[match.end():], body_line)


@dataclass
class YamlData:
    """Loaded YAML plus the line of every key and item, by JSON path."""

    value: Any
    lines: dict[JsonPath, int] = field(default_factory=dict)

    def line_of(self, path: JsonPath) -> int | None:
        """The line of ``path``, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.lines:
                return self.lines[path[:end]]
        return None


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader without aliases and without implicit timestamps."""

    def compose_node(self, parent, index):  # noqa: D102 - PyYAML hook
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(
                None, None, "YAML aliases (*name) are not allowed in sapat files", event.start_mark)
        return super().compose_node(parent, index)


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_yaml(text: str, display: str, first_line: int = 1) -> YamlData:
    """Parse YAML text; errors become a :class:`SourceError` with the file's line number."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlData(None)
        problems: list[Diagnostic] = []
        data = YamlData(None)
        data.value = _construct(loader, node, (), data.lines, first_line, display, problems)
    except yaml.YAMLError as exc:
        raise SourceError(yaml_error(exc, display, first_line)) from None
    finally:
        loader.dispose()
    if problems:
        raise SourceError(problems[0])
    return data


def yaml_error(exc: yaml.YAMLError, display: str, first_line: int = 1) -> Diagnostic:
    """A PyYAML error as a diagnostic on the line where the parser noticed it."""
    if not isinstance(exc, yaml.MarkedYAMLError):
        return Diagnostic(display, first_line, f"invalid YAML: {exc}")
    mark = exc.problem_mark or exc.context_mark
    line = first_line + mark.line if mark else first_line
    return Diagnostic(display, line, f"invalid YAML: {exc.problem or exc.context}", _yaml_hint(exc))


def _yaml_hint(exc: yaml.MarkedYAMLError) -> str:
    problem = str(exc.problem or "")
    if "aliases" in problem:
        return "write the value out in full instead of referring to an anchor"
    if "mapping values" in problem:
        return "put a value containing ': ' in quotes"
    return "check indentation and quoting on this line and the one before"


def _construct(loader: yaml.SafeLoader, node: yaml.Node, path: JsonPath, lines: dict,
               first_line: int, display: str, problems: list[Diagnostic]) -> Any:
    """Build Python values from nodes, recording lines and refusing duplicate keys."""
    lines[path] = first_line + node.start_mark.line
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            key = key if isinstance(key, str) else str(key)
            if key in result:
                problems.append(Diagnostic(display, first_line + key_node.start_mark.line,
                                           f"key '{key}' is given twice", "keep one of them"))
            result[key] = _construct(loader, value_node, path + (key,), lines, first_line,
                                     display, problems)
            lines[path + (key,)] = first_line + key_node.start_mark.line
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, item, path + (index,), lines, first_line, display, problems)
                for index, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def load_yaml_file(path: Path, display: str) -> YamlData:
    """Read and parse a YAML data file (processes, glossary)."""
    return load_yaml(read_text(path, display), display)
