"""Reading editors' files safely: UTF-8 text, front matter, and YAML with line numbers.

Every failure becomes a :class:`Diagnostic` with file and line, never a traceback. YAML aliases
are refused outright (a "billion laughs" alias bomb cannot expand), so is nesting deeper than
:data:`MAX_DEPTH`, duplicate keys are errors, and dates stay strings so that the JSON Schema
``date`` format decides whether they are real.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..diagnostics import Diagnostic, SapatError
from ..i18n.messages import Message
from ..runtime.cache import kept

JsonPath = tuple[str | int, ...]
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?---[ \t]*(?:\n|\Z)", re.DOTALL)


def read_text(path: Path, display: str) -> str:
    """The file's text; a non-UTF-8 or empty file is a :class:`SapatError` naming the line."""
    return decode_text(path.read_bytes(), display)


def decode_text(data: bytes, display: str) -> str:
    """A file's bytes as text (see :func:`read_text`)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise SapatError.about(Diagnostic(
            display, line, Message("file.not_utf8", byte=f"0x{data[exc.start]:02x}", offset=exc.start),
            Message("file.not_utf8.hint"))) from None
    if not text.strip():
        raise SapatError.about(Diagnostic(display, 1, Message("file.empty"), Message("file.empty.hint")))
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


def set_front_matter(text: str, updates: Mapping[str, Any]) -> str:
    """The page ``text`` with top-level front-matter keys set to ``updates``.

    Only the keys whose value changes are rewritten; every other line, its quoting and its
    comments stay as they were, so an approval's pull request shows only what it changed.
    A key set to None is removed. A page without front matter gets one.
    """
    document = split_front_matter(text)
    current = _current_values(document)
    blocks: dict[str, list[str]] = {}
    order: list[str] = []
    key: str | None = None
    for number, line in enumerate((document.front_matter or "").splitlines()):
        if match := _TOP_LEVEL_KEY.match(line):
            key = match.group(1)
        elif key is None:
            key = f"#{number}"  # a comment or blank line before the first key
        if key not in blocks:
            order.append(key)
            blocks[key] = []
        blocks[key].append(line)
    for key, value in updates.items():
        if current.get(key) == value:
            continue
        if key not in blocks:
            order.append(key)
        blocks[key] = [] if value is None else yaml_lines(key, value)
    inner = "".join(line + "\n" for key in order for line in blocks[key])
    return f"---\n{inner}---\n{document.body}"


_TOP_LEVEL_KEY = re.compile(r"^([A-Za-z_][\w-]*):")


def _current_values(document: Document) -> Mapping[str, Any]:
    if not document.front_matter:
        return {}
    try:
        value = load_yaml(document.front_matter, "front matter").value
    except SapatError:
        return {}
    return value if isinstance(value, Mapping) else {}


def yaml_lines(key: str, value: Any) -> list[str]:
    """``key: value`` as YAML lines in the style of sapat's files (nothing for an empty list,
    which sapat's files leave out)."""
    name = yaml_scalar(key)
    if isinstance(value, Mapping):
        if not value:
            return [f"{name}: {{}}"]
        return [f"{name}:"] + [line for k, v in value.items() for line in _indent(yaml_lines(k, v))]
    if isinstance(value, list):
        lines = [f"{name}:"] if value else []
        for item in value:
            if not isinstance(item, Mapping):
                lines.append(f"  - {yaml_scalar(item)}")
                continue
            item_lines = [line for k, v in item.items() for line in yaml_lines(k, v)]
            lines += ["  - " + item_lines[0]] + ["    " + line for line in item_lines[1:]]
        return lines
    return [f"{name}: {yaml_scalar(value)}"]


def _indent(lines: list[str]) -> list[str]:
    return ["  " + line for line in lines]


_DATE = re.compile(r"\d{4}-\d\d-\d\d")
_PLAIN_UNSAFE_START = set("!&*-?:,[]{}#|>@`\"'%= ")


def yaml_scalar(value: Any) -> str:
    """A scalar written plain when it reads back as the same string, quoted otherwise.

    Dates stay plain (sapat's loader keeps them as text); a protocol number such as "4"
    is quoted, since plain it would read back as a number.
    """
    if isinstance(value, (bool, int)):
        return str(value).lower() if isinstance(value, bool) else str(value)
    text = str(value)
    if _DATE.fullmatch(text) or _reads_back_plain(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _reads_back_plain(text: str) -> bool:
    if not text or text != text.strip() or "\n" in text or text[0] in _PLAIN_UNSAFE_START:
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    try:
        return load_yaml(f"value: {text}", "scalar").value == {"value": text}
    except SapatError:
        return False


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


_ALIAS_PROBLEM = "YAML aliases (*name) are not allowed in sapat files"

#: How many lists and mappings YAML may nest inside each other. sapat's deepest file nests 5
#: (a process's hand-over: list, mapping, list, mapping, text); 64 leaves room for any file an
#: editor means to write, and stays far below Python's recursion limit (1,000 frames), which
#: PyYAML's composer needs three of for each level and every walk over the value (the schema
#: check, the cache) one or more: a file nested thousands deep ended in a RecursionError.
MAX_DEPTH = 64
_DEPTH_PROBLEM = f"YAML nested deeper than {MAX_DEPTH} levels"


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader without aliases, without implicit timestamps and without deep nesting: the
    careful path, which names the line of every problem (it stops at the collection nested one
    level too deep, instead of recursing until Python gives up)."""

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.MarkedYAMLError(None, None, _ALIAS_PROBLEM, event.start_mark)
        nested = self.check_event(yaml.MappingStartEvent, yaml.SequenceStartEvent)
        if nested and self._depth == MAX_DEPTH:
            raise yaml.MarkedYAMLError(None, None, _DEPTH_PROBLEM, self.peek_event().start_mark)
        self._depth += nested
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= nested


class _FastLoader(yaml.CSafeLoader):
    """libyaml's parser with the same resolvers: the fast path for the usual, valid file. It
    cannot refuse an alias or deep nesting while parsing (libyaml itself stops at 1,000 levels,
    in C), so :func:`_plain_tree` looks for them afterwards."""


_StrictLoader.yaml_implicit_resolvers = _FastLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class _Unusual(Exception):
    """The fast path met something only the careful path can describe (an alias, a mistake)."""


def _plain_tree(root: yaml.Node) -> bool:
    """Whether libyaml's nodes are a tree of at most :data:`MAX_DEPTH` nested collections: no
    node reached twice (an alias it resolved, perhaps into itself). Walked level by level,
    without recursion, and never below the limit."""
    reached: set[int] = set()
    level = [root]
    for _ in range(MAX_DEPTH + 1):
        before = len(reached)
        reached.update(map(id, level))
        if len(reached) - before < len(level):
            return False  # a node reached twice
        collections = [node for node in level if isinstance(node, yaml.CollectionNode)]
        if not collections:
            return True
        level = [child for node in collections for child in _children(node)]
    return False  # a collection nested one level deeper than the limit


def _children(node: yaml.CollectionNode) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return node.value


def compose_yaml(text: str, display: str) -> yaml.Node | None:
    """YAML composed, not constructed (mkdocs.yml: its ``!!python/name`` and ``!ENV`` tags are
    never executed), every node with its line, as a tree no deeper than :data:`MAX_DEPTH`
    without aliases; a mistake is a :class:`SapatError` on its line."""
    try:
        node = yaml.compose(text, Loader=yaml.CSafeLoader)
        if node is None or _plain_tree(node):
            return node
    except yaml.YAMLError:
        pass
    try:  # PyYAML's own parser says what is wrong in the words the messages know
        return yaml.compose(text, Loader=_StrictLoader)
    except yaml.YAMLError as exc:
        raise SapatError.about(yaml_error(exc, display)) from None


def load_yaml(text: str, display: str, first_line: int = 1) -> YamlData:
    """Parse YAML text; errors become a :class:`SapatError` with the file's line number.

    libyaml parses a valid file about five times faster than PyYAML; anything unusual is
    parsed again by PyYAML, whose diagnostics name the line."""
    try:
        return _load(_FastLoader, text, display, first_line)
    except (_Unusual, yaml.YAMLError, SapatError):
        pass
    try:
        return _load(_StrictLoader, text, display, first_line)
    except yaml.YAMLError as exc:
        raise SapatError.about(yaml_error(exc, display, first_line)) from None


def _load(loader_class: type[_StrictLoader | _FastLoader], text: str, display: str, first_line: int) -> YamlData:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlData(None)
        if loader_class is _FastLoader and not _plain_tree(node):
            raise _Unusual
        problems: list[Diagnostic] = []
        data = YamlData(None)
        data.value = _construct(loader, node, (), data.lines, first_line, display, problems)
    finally:
        loader.dispose()
    if problems:
        raise SapatError.about(problems[0])
    return data


def yaml_error(exc: yaml.YAMLError, display: str, first_line: int = 1) -> Diagnostic:
    """A PyYAML error as a diagnostic on the line where the parser noticed it."""
    mark = (exc.problem_mark or exc.context_mark) if isinstance(exc, yaml.MarkedYAMLError) else None
    line = first_line + mark.line if mark else first_line
    problem = f"{exc.problem} {exc.context}" if isinstance(exc, yaml.MarkedYAMLError) else str(exc)
    kind = next((kind for words, kind in _YAML_PROBLEMS if any(word in problem for word in words)), "invalid")
    values = {"levels": MAX_DEPTH} if kind == "too_deep" else {}
    return Diagnostic(display, line, Message(f"yaml.{kind}", **values), Message(f"yaml.{kind}.hint"))


#: PyYAML's problems (English, from its scanner, parser and composer) by the words that name
#: them, and the message that says the same to an editor.
_YAML_PROBLEMS = (
    ((_ALIAS_PROBLEM,), "alias"),
    (("mapping values are not allowed",), "mapping_values"),
    (("could not find expected ':'",), "expected_colon"),
    (("found character '\\t'", "found a tab character"), "tab"),
    (("cannot start any token",), "bad_character"),
    (("found unexpected end of stream",), "unclosed_quote"),
    (("found unknown escape character",), "escape"),
    (("expected ',' or ']'", "expected ',' or '}'"), "unclosed_bracket"),
    (("expected <block end>", "did not find expected key", "did not find expected '-'"), "indentation"),
    (("expected a single document", "expected '<document start>'"), "several_documents"),
    (("could not determine a constructor", "undefined tag"), "tag"),
    ((_DEPTH_PROBLEM,), "too_deep"),
)


def _construct(loader: _StrictLoader | _FastLoader, node: yaml.Node, path: JsonPath, lines: dict,
               first_line: int, display: str, problems: list[Diagnostic]) -> Any:
    """Build Python values from a tree of nodes (no deeper than :data:`MAX_DEPTH`, no aliases),
    recording lines and refusing duplicate keys."""
    lines[path] = first_line + node.start_mark.line
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            key = key if isinstance(key, str) else str(key)
            if key in result:
                problems.append(Diagnostic(display, first_line + key_node.start_mark.line,
                                           Message("yaml.duplicate_key", key=key), Message("hint.keep_one")))
            result[key] = _construct(loader, value_node, path + (key,), lines, first_line,
                                     display, problems)
            lines[path + (key,)] = first_line + key_node.start_mark.line
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(loader, item, path + (index,), lines, first_line, display, problems)
                for index, item in enumerate(node.value)]
    return loader.construct_object(node, deep=True)


def load_yaml_file(path: Path, display: str) -> YamlData:
    """Read and parse a YAML data file (processes, glossary, registers). Parsing is kept between
    runs (:mod:`..runtime.cache`, by the text and its display name): the records register grows
    with the procedures (at + 2,000 procedures 560 KB, parsed in seven times the time its
    kept result is loaded in). A file that does not parse is never kept: its errors come anew."""
    return kept(load_yaml, read_text(path, display), display)
