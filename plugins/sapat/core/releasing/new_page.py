"""A new controlled page (``sapat new``): its front matter, its translation to do, and its nav entry.

The page starts as a draft with the next free document code; each translation gets a page
with only a title, which the check reports as not translated yet (a notice, not an error)
until ``sapat translated`` records what it translates. The nav entry is one inserted line of
mkdocs.yml, so the rest of the file (comments, quoting, order) stays as it was.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import SapatError
from ..i18n.labels import label
from ..i18n.languages import SOURCE_LANGUAGE, TRANSLATIONS
from ..i18n.messages import Message
from ..load import load_project
from ..model.pages import LanguagePages
from ..model.project import Project
from ..sources.files import yaml_lines
from ..sources.repository import NavEntry

DOCUMENT_CODE = re.compile(r"^(?P<prefix>ЖАМУ-СМС-)(?P<number>[0-9]{2,4})$")
PAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.md$")
_NAV_ITEM = re.compile(r"^(?P<indent>\s*-\s+)(?:[^:#]+:\s+)?(?P<page>\S+\.md)\s*(?:#.*)?$")


def next_document_code(source: LanguagePages) -> str:
    """One more than the highest code in use: a withdrawn page's code is never given again."""
    numbers = [int(match.group("number")) for page in source.controlled().values()
               if (match := DOCUMENT_CODE.match(str(page.get("document_code", ""))))]
    return f"ЖАМУ-СМС-{max(numbers, default=0) + 1:02d}"


def usual_owner(source: LanguagePages) -> str | None:
    """The role that owns most controlled pages: who a new page belongs to unless told otherwise."""
    owners = Counter(str(page.get("owner_role")) for page in source.controlled().values() if page.get("owner_role"))
    return owners.most_common(1)[0][0] if owners else None


def source_page_text(code: str, title: str, owner_role: str) -> str:
    """A draft page of the source language: valid front matter and its heading."""
    meta = {"document_code": code, "title": title, "revision": 1, "status": "draft", "owner_role": owner_role,
            "change_summary": label("new_page.change_summary", SOURCE_LANGUAGE)}
    return _page(meta, title)


def translation_page_text(title: str, original: str, translation: str, language: str) -> str:
    """A translation to do: the original's title and heading, and a note saying what to do.

    Without ``translation_of`` the page is reported as not translated yet, and the site says so.
    """
    note = label("new_page.translate", language, original=original, translation=translation)
    return _page({"title": title}, title, f"<!-- {note} -->\n")


def _page(meta: dict[str, object], title: str, body: str = "") -> str:
    lines = [line for key, value in meta.items() for line in yaml_lines(key, value)]
    return "---\n" + "\n".join(lines) + f"\n---\n# {title}\n\n{body}"


def default_nav_position(nav: Sequence[NavEntry], name: str, pages: set[str]) -> NavEntry | None:
    """The entry the new page follows: the last manual page whose name sorts before ``name``
    (``11-training.md`` after ``10-rating.md``), else the last manual page of the nav."""
    manual = [entry for entry in nav if entry.page in pages]
    before = [entry for entry in manual if entry.page < name]
    return (before or manual)[-1] if manual else None


def insert_nav_entry(mkdocs_text: str, after: NavEntry, name: str) -> tuple[str, int] | None:
    """mkdocs.yml with ``- name`` on the line after ``after``, indented like it, and the new
    line's number; None when that line is not a plain ``- page.md`` list item."""
    lines = mkdocs_text.split("\n")
    match = _NAV_ITEM.match(lines[after.line - 1]) if 0 < after.line <= len(lines) else None
    if match is None or match.group("page") != after.page:
        return None
    lines.insert(after.line, f"{match.group('indent')}{name}")
    return "\n".join(lines), after.line + 1


@dataclass(frozen=True)
class NewPage:
    """What ``sapat new`` made: the original (its code and nav line) and the pages to translate."""

    original: str
    code: str
    nav_line: int
    translations: tuple[str, ...]


def add_page(root: Path, name: str, title: str, owner: str | None, after: str | None) -> tuple[NewPage, Project]:
    """``sapat new``: a draft page of the source language, a page to translate in every other,
    and the nav entry after ``after`` (or where :func:`default_nav_position` puts it); the
    project read again. Nothing is written when any of it cannot be done."""
    project = load_project(root)
    repository = project.repository
    written, name = name, name.removeprefix(f"manual/{SOURCE_LANGUAGE}/")
    if not PAGE_NAME.match(name):
        raise SapatError(Message("cli.new.bad_name", name=written))
    files = {code: repository.docs_dir(code) / name for code in (SOURCE_LANGUAGE, *TRANSLATIONS)}
    for path in files.values():
        if path.exists():
            raise SapatError(Message("cli.new.exists", path=repository.display(path)))
    owner = owner or usual_owner(project.source)
    if owner is None:
        raise SapatError(Message("cli.new.no_owner"))
    if problem := project.roles.unknown(owner, "--owner", None, "owner_role"):
        raise SapatError(problem.message, problem.hint)
    nav = project.nav.entries if project.nav else []
    if after is not None:
        follows = next((entry for entry in nav if entry.page == after), None)
        if follows is None:
            raise SapatError(Message("cli.new.after_unknown", page=after))
    else:
        follows = default_nav_position(nav, name, set(project.source.controlled()))
    inserted = insert_nav_entry(repository.mkdocs_yml.read_text(encoding="utf-8"), follows, name) if follows else None
    if inserted is None:
        raise SapatError(Message("cli.new.nav_line", line=follows.line if follows else 0),
                         Message("cli.new.nav_line.hint", page=name))
    code = next_document_code(project.source)
    original = repository.display(files[SOURCE_LANGUAGE])
    files[SOURCE_LANGUAGE].write_text(source_page_text(code, title, owner), encoding="utf-8")
    for translation in TRANSLATIONS:
        files[translation].write_text(
            translation_page_text(title, original, repository.display(files[translation]), translation),
            encoding="utf-8")
    repository.mkdocs_yml.write_text(inserted[0], encoding="utf-8")
    made = NewPage(original, code, inserted[1], tuple(repository.display(files[code]) for code in TRANSLATIONS))
    return made, load_project(root)
