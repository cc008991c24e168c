"""The ``sapat`` command: check, build, approve and mark translations, without tracebacks."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path

from .core.diagnostics import SourceError
from .core.layout import SOURCE_LANGUAGE, Layout
from .core.metadata import Approval, approve, fingerprint, set_front_matter
from .core.project import Project, load_project, load_project_cached
from .core.sources import load_yaml, read_text, split_front_matter


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sapat", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate every source file without building the site")
    build = commands.add_parser("build", help="check, then build both editions into site/")
    build.add_argument("--site-dir", type=Path, default=None)
    approval = commands.add_parser("approve", help="record the approval of a page's current text")
    approval.add_argument("page", type=Path, help="a page of manual/ky/")
    approval.add_argument("--by", required=True, help="the approving body, a role id such as academic_council")
    approval.add_argument("--protocol", required=True, help="number of the meeting's minutes")
    approval.add_argument("--date", type=dt.date.fromisoformat, default=dt.date.today())
    approval.add_argument("--effective", type=dt.date.fromisoformat, default=None)
    approval.add_argument("--next-review", type=dt.date.fromisoformat, default=None)
    approval.add_argument("--summary", required=True, help="what changed in this revision")
    translated = commands.add_parser("translated", help="record that a translation matches its original")
    translated.add_argument("page", type=Path, help="a page of manual/ru/")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    try:
        return COMMANDS[args.command](root, args)
    except SourceError as exc:
        print(exc.diagnostic.format(), file=sys.stderr)
        return 1
    except OSError as exc:  # a page named on the command line that does not exist
        print(f"sapat: {exc.strerror}: {exc.filename}", file=sys.stderr)
        return 1


def _report(project: Project) -> int:
    for diagnostic in project.diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    errors = project.errors()
    notices = len(project.diagnostics) - len(errors)
    pages = sum(len(edition.pages) for edition in project.editions.values())
    summary = f"sapat: {pages} pages checked, {len(errors)} error(s), {notices} notice(s)"
    print(summary, file=sys.stderr)
    return 1 if errors else 0


def check(root: Path, args) -> int:
    return _report(load_project(root))


def build(root: Path, args) -> int:
    if status := _report(load_project_cached(root)):
        print("sapat: nothing was built; site/ is unchanged", file=sys.stderr)
        return status
    from .site import BuildFailed, build_site  # MkDocs is imported only when building
    site_dir = args.site_dir or root / "site"
    try:
        build_site(Layout(root), site_dir)
    except BuildFailed as exc:
        print(f"sapat: {exc}; site/ is unchanged", file=sys.stderr)
        return 1
    print(f"sapat: site built into {site_dir}", file=sys.stderr)
    return 0


@dataclass(frozen=True)
class _EditedPage:
    """A page that a command rewrites: its file, full text, body and metadata."""

    path: Path
    text: str
    body: str
    meta: dict


def _page(root: Path, path: Path, language: str) -> _EditedPage:
    path = path if path.is_absolute() else Path.cwd() / path
    layout = Layout(root)
    if path.resolve().parent != layout.docs_dir(language).resolve():
        raise SystemExit(f"sapat: {path} is not a page of {layout.display(layout.docs_dir(language))}/")
    display = layout.display(path)
    text = read_text(path, display)
    document = split_front_matter(text)
    meta = load_yaml(document.front_matter or "", display, document.front_matter_line).value
    return _EditedPage(path, text, document.body, meta if isinstance(meta, dict) else {})


def approve_page(root: Path, args) -> int:
    page = _page(root, args.page, SOURCE_LANGUAGE)
    effective = args.effective or args.date
    approval = Approval(args.by, args.protocol, args.date, effective,
                        args.next_review or _a_year_after(effective), args.summary)
    page.path.write_text(approve(page.text, page.body, page.meta, approval), encoding="utf-8")
    revision = _page(root, page.path, SOURCE_LANGUAGE).meta.get("revision")
    print(f"sapat: {page.path.name} approved as revision {revision}", file=sys.stderr)
    return check(root, args)


def _a_year_after(day: dt.date) -> dt.date:
    """The default next review: the manual's policy is reviewed every year (5.3)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def mark_translated(root: Path, args) -> int:
    page = _page(root, args.page, "ru")
    original = _page(root, Layout(root).docs_dir(SOURCE_LANGUAGE) / page.path.name, SOURCE_LANGUAGE)
    record = {"revision": original.meta.get("revision"), "fingerprint": fingerprint(original.body)}
    page.path.write_text(set_front_matter(page.text, {"translation_of": record}), encoding="utf-8")
    return check(root, args)


COMMANDS = {"check": check, "build": build, "approve": approve_page, "translated": mark_translated}

if __name__ == "__main__":
    sys.exit(main())
