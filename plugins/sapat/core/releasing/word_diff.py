"""Word-level differences of a clause's Markdown text, kept safe to render.

The text is compared line by line (the manual has one sentence a line), then word by word
within the lines that changed, with :mod:`difflib`. A change never spans a line, so lists,
tables and paragraphs keep their structure; a reference, link, code span or emphasis is one
token, so a change never falls inside one and never leaves half of its markup behind; a
table's ``|`` and lines that are pure structure (blank lines, table rules, fences) are tokens
of their own that a writer keeps outside its marks. How marks are written is the caller's
:class:`Style`: CriticMarkup for the changes page and the terminal, HTML for a job summary.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum
from functools import lru_cache
from itertools import zip_longest


class Op(StrEnum):
    """What happened to a piece of text between the old and the new edition."""

    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"
    #: A line of both editions whose words differ (its segments say which).
    CHANGE = "change"


class TokenKind(StrEnum):
    WORD = "word"
    SPACE = "space"
    REFERENCE = "reference"
    LINK = "link"
    CODE = "code"
    EMPHASIS = "emphasis"
    #: A table's cell separator, or a whole line that is only structure.
    STRUCTURE = "structure"


@dataclass(frozen=True)
class Token:
    kind: TokenKind
    text: str


@dataclass(frozen=True)
class Segment:
    """Consecutive tokens with the same fate."""

    op: Op
    tokens: tuple[Token, ...]


@dataclass(frozen=True)
class DiffLine:
    """One line of the compared text: its block prefix (list marker, quote, heading hashes)
    stays outside every mark; its segments say which words were kept, inserted or deleted."""

    op: Op
    prefix: str
    segments: tuple[Segment, ...]

    @property
    def changed(self) -> bool:
        return self.op is not Op.EQUAL


_TOKEN = re.compile(r"""
    (?P<reference>\[\[[^\[\]\n]+?\]\])
  | (?P<link>!?\[(?:[^\[\]\n]|\[[^\[\]\n]*\])*\]\([^()\n]*\))
  | (?P<code>`[^`\n]+`)
  | (?P<emphasis>(?P<delimiter>\*\*|__|\*|_)(?=\S)[^\n]*?(?<=\S)(?P=delimiter)(?![*_]))
  | (?P<structure>(?<!\\)\|)
  | (?P<space>\s+)
  | (?P<word>\\.|\w+)
  | (?P<other>.)
""", re.VERBOSE)
_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)*[ \t]*(?:[-*+][ \t]+|\d+[.)][ \t]+|#{1,6}[ \t]+)?")
_STRUCTURE_LINE = re.compile(
    r"^\s*(?:"
    r"|(?:```|~~~).*"                                # a fence
    r"|\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?"  # a table rule, or a thematic break of dashes
    r"|(?:\*\s*){3,}|(?:_\s*){3,}"                   # other thematic breaks
    r")\s*$")
#: A token's kind by the name of the pattern group that found it ("other" is a word).
_KINDS = {kind.value: kind for kind in TokenKind}
#: Two lines are shown as one changed line when at least this share of their words match.
PAIRING_RATIO = 0.5


def tokens(text: str) -> tuple[Token, ...]:
    """The tokens of one line of Markdown (without its block prefix): words, each punctuation
    mark, and the atoms above. Runs of spaces are one space, so spacing alone is never a change."""
    found = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind == "space":
            found.append(Token(TokenKind.SPACE, " "))
        else:
            found.append(Token(_KINDS.get(kind, TokenKind.WORD), match.group(0)))
    return tuple(found)


@dataclass(frozen=True)
class _Line:
    prefix: str
    tokens: tuple[Token, ...]

    @classmethod
    def of(cls, line: str) -> _Line:
        line = line.rstrip()
        if _STRUCTURE_LINE.match(line):
            return cls("", (Token(TokenKind.STRUCTURE, line),))
        prefix = _PREFIX.match(line)
        end = prefix.end() if prefix else 0
        return cls(line[:end], tokens(line[end:]))

    @property
    def structure(self) -> bool:
        """A line that is only structure: blank, a table rule, a fence, a thematic break."""
        return len(self.tokens) == 1 and self.tokens[0].kind is TokenKind.STRUCTURE

    @property
    def key(self) -> tuple[str, tuple[Token, ...]]:
        return self.prefix.strip(), self.tokens

    def whole(self, op: Op) -> DiffLine:
        return DiffLine(op, self.prefix, (Segment(op, self.tokens),) if self.tokens else ())


@lru_cache(maxsize=1 << 15)
def diff_lines(old: str, new: str) -> tuple[DiffLine, ...]:
    """Every line of ``old`` and ``new`` in reading order, with the words that changed.

    Kept per pair of texts: the draft's changes page compares every clause again at each load
    of the project (each save under ``make serve``), and only the clause saved has changed."""
    before = [_Line.of(line) for line in old.split("\n")] if old else []
    after = [_Line.of(line) for line in new.split("\n")] if new else []
    matcher = SequenceMatcher(None, [line.key for line in before], [line.key for line in after],
                              autojunk=False)
    result: list[DiffLine] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            result += [line.whole(Op.EQUAL) for line in after[j1:j2]]
        else:
            result += _paired(before[i1:i2], after[j1:j2])
    return tuple(result)


def diff_words(old: str, new: str) -> DiffLine:
    """One line's words compared, as for a clause's heading."""
    return _changed_line(_Line.of(old), _Line.of(new))


def _paired(old: Sequence[_Line], new: Sequence[_Line]) -> list[DiffLine]:
    """Lines replaced by others: the most similar pair is one changed line, recursively on
    both sides of it (as :class:`difflib.Differ` pairs lines); the rest were replaced whole,
    deleted or inserted."""
    similarity = [[_similarity(was, now) for now in new] for was in old]

    def pair(i1: int, i2: int, j1: int, j2: int) -> list[DiffLine]:
        ratio, i, j = max(((similarity[i][j], i, j) for i in range(i1, i2) for j in range(j1, j2)),
                          default=(0.0, -1, -1))
        if ratio < PAIRING_RATIO:
            return _replaced(old[i1:i2], new[j1:j2])
        return pair(i1, i, j1, j) + [_changed_line(old[i], new[j])] + pair(i + 1, i2, j + 1, j2)

    return pair(0, len(old), 0, len(new))


def _replaced(old: Sequence[_Line], new: Sequence[_Line]) -> list[DiffLine]:
    """Lines with little in common. One written in place of another of the same kind (a list
    item for a list item, a table rule for a table rule) is one line with its whole text
    replaced, so a list or table stays as it is; the others were deleted or inserted."""
    result: list[DiffLine] = []
    for was, now in zip_longest(old, new):
        if was and now and was.prefix.strip() == now.prefix.strip() and was.structure == now.structure:
            replaced = (Segment(Op.DELETE, was.tokens), Segment(Op.INSERT, now.tokens))
            result.append(DiffLine(Op.CHANGE, now.prefix, tuple(part for part in replaced if part.tokens)))
            continue
        result += ([was.whole(Op.DELETE)] if was else []) + ([now.whole(Op.INSERT)] if now else [])
    return result


def _similarity(old: _Line, new: _Line) -> float:
    """The share of words two lines have in common (spaces would make any two lines alike)."""
    def words(line: _Line) -> list[Token]:
        return [token for token in line.tokens if token.kind is not TokenKind.SPACE]
    return SequenceMatcher(None, words(old), words(new), autojunk=False).ratio()


def _changed_line(old: _Line, new: _Line) -> DiffLine:
    matcher = SequenceMatcher(None, old.tokens, new.tokens, autojunk=False)
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("delete", "replace"):
            segments.append(Segment(Op.DELETE, old.tokens[i1:i2]))
        if op in ("insert", "replace"):
            segments.append(Segment(Op.INSERT, new.tokens[j1:j2]))
        if op == "equal":
            segments.append(Segment(Op.EQUAL, new.tokens[j1:j2]))
    merged = _merge_across_spaces(segments)
    changed = any(segment.op is not Op.EQUAL for segment in merged)
    return DiffLine(Op.CHANGE if changed else Op.EQUAL, new.prefix, tuple(merged))


def _merge_across_spaces(segments: list[Segment]) -> list[Segment]:
    """``{~~a~>x~~} {~~b~>y~~}`` reads worse than ``{~~a b~>x y~~}``: changes separated only by
    spaces are one change, written as what was there and what is there now."""
    result: list[Segment] = []
    start = 0
    while start < len(segments):
        if segments[start].op is Op.EQUAL:
            result.append(segments[start])
            start += 1
            continue
        end = start + 1
        while end < len(segments) and (segments[end].op is not Op.EQUAL or (
                _is_space(segments[end]) and end + 1 < len(segments) and segments[end + 1].op is not Op.EQUAL)):
            end += 1
        result += _as_replacement(segments[start:end])
        start = end
    return result


def _is_space(segment: Segment) -> bool:
    return segment.op is Op.EQUAL and all(token.kind is TokenKind.SPACE for token in segment.tokens)


def _as_replacement(run: list[Segment]) -> list[Segment]:
    """Changes and the spaces between them, as what was there and what is there now."""
    old = tuple(token for segment in run if segment.op is not Op.INSERT for token in segment.tokens)
    new = tuple(token for segment in run if segment.op is not Op.DELETE for token in segment.tokens)
    return [Segment(op, part) for op, part in ((Op.DELETE, old), (Op.INSERT, new)) if part]


@dataclass(frozen=True)
class Style:
    """How a writer shows kept, inserted and deleted text."""

    insert: Callable[[str], str]
    delete: Callable[[str], str]
    substitute: Callable[[str, str], str]
    #: A token as text; the flag is False for deleted text (a reference there links nowhere).
    token: Callable[[Token, bool], str]
    #: Keep structure tokens out of marks (a table's ``|`` inside a mark breaks the table).
    keeps_structure: bool


class _Piece(StrEnum):
    KEPT = "kept"
    INSERTED = "inserted"
    DELETED = "deleted"
    #: A structure token written as it is, outside any mark.
    STRUCTURE = "structure"
    #: A ``|`` deleted from a line that is still there: the line's new cells are what counts.
    DROPPED = "dropped"


_PIECE = {Op.EQUAL: _Piece.KEPT, Op.INSERT: _Piece.INSERTED, Op.DELETE: _Piece.DELETED}


def render_line(line: DiffLine, style: Style) -> str:
    """A compared line with its changes marked in ``style``."""
    pieces = _pieces(line, style.keeps_structure)
    out = [line.prefix]
    index = 0
    while index < len(pieces):
        kind, group = pieces[index]
        following = pieces[index + 1][0] if index + 1 < len(pieces) else None
        if kind is _Piece.DELETED and following is _Piece.INSERTED:
            out.append(_marked(style, group, pieces[index + 1][1]))
            index += 1
        elif kind is _Piece.INSERTED:
            out.append(_marked(style, (), group))
        elif kind is _Piece.DELETED:
            out.append(_marked(style, group, ()))
        elif kind is _Piece.DROPPED:
            out.append(" ")
        else:
            out.append(_text(style, group, live=True))
        index += 1
    return "".join(out)


def _pieces(line: DiffLine, keeps_structure: bool) -> list[tuple[_Piece, tuple[Token, ...]]]:
    """The line's segments, split at structure tokens when the style keeps them out of marks."""
    pieces: list[tuple[_Piece, tuple[Token, ...]]] = []
    for segment in line.segments:
        run: list[Token] = []
        for token in segment.tokens:
            if not (keeps_structure and token.kind is TokenKind.STRUCTURE):
                run.append(token)
                continue
            if run:
                pieces.append((_PIECE[segment.op], tuple(run)))
                run = []
            dropped = segment.op is Op.DELETE and line.op is Op.CHANGE
            pieces.append((_Piece.DROPPED if dropped else _Piece.STRUCTURE, (token,)))
        if run:
            pieces.append((_PIECE[segment.op], tuple(run)))
    return pieces


def _text(style: Style, group: Sequence[Token], live: bool) -> str:
    return "".join(style.token(token, live) for token in group)


def _marked(style: Style, old: Sequence[Token], new: Sequence[Token]) -> str:
    """A deletion, an insertion or both, with the spaces at their edges kept outside the marks."""
    lead = " " if any(part and part[0].kind is TokenKind.SPACE for part in (old, new)) else ""
    trail = " " if any(part and part[-1].kind is TokenKind.SPACE for part in (old, new)) else ""
    old_text, new_text = _text(style, _strip(old), live=False), _text(style, _strip(new), live=True)
    if old_text and new_text:
        mark = style.substitute(old_text, new_text)
    elif new_text:
        mark = style.insert(new_text)
    elif old_text:
        mark = style.delete(old_text)
    else:
        return lead or trail
    return lead + mark + trail


def _strip(group: Sequence[Token]) -> Sequence[Token]:
    start, end = 0, len(group)
    while start < end and group[start].kind is TokenKind.SPACE:
        start += 1
    while end > start and group[end - 1].kind is TokenKind.SPACE:
        end -= 1
    return group[start:end]
