"""The ``sapat`` command: check, build, approve, mark translations and show what changed between
editions, without tracebacks."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
from pathlib import Path

from .core.checks import frozen_editions
from .core.compare import compare
from .core.control import translation_record
from .core.diagnostics import SourceError, sort_key
from .core.editions import Order
from .core.generated.changes import job_summary, terminal_report
from .core.languages import LANGUAGES, SOURCE_LANGUAGE
from .core.manifests import SOURCES, verify_web_root
from .core.metadata import Approval, approve
from .core.pages import Page
from .core.project import Project, load_project, load_project_cached
from .core.release import (
    ReleaseError,
    ReleaseRequest,
    commit_release,
    edition_folder,
    freeze,
    release_problems,
    signing_method,
    uncommitted_inputs,
)
from .core.repository import Repository
from .core.sides import Side, SideNotFound, open_side, working_copy
from .core.sources import set_front_matter


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
    release = commands.add_parser("release", help="freeze the approved text as an edition (a commit and a tag)")
    release.add_argument("version", nargs="?", help="the edition's name (default: the approval date)")
    release.add_argument("--by", required=True, help="the approving body, a role id such as academic_council")
    release.add_argument("--protocol", required=True, help="number of the meeting's minutes")
    release.add_argument("--date", type=dt.date.fromisoformat, required=True, help="the approval date")
    release.add_argument("--order-number", help="the rector's order that puts the edition into effect")
    release.add_argument("--order-date", type=dt.date.fromisoformat, help="the date of that order")
    for code in LANGUAGES:
        release.add_argument(f"--summary-{code}", help=f"what changed since the previous edition ({code})")
    release.add_argument("--evidence", type=Path, nargs="*", default=[],
                         help="files frozen with the edition: the minutes extract, the order")
    verify = commands.add_parser("verify", help="check every frozen edition against its manifest")
    verify.add_argument("site", type=Path, nargs="?", help="a published web root (default: the repository)")
    changes = commands.add_parser("diff", help="what changed between two editions, clause by clause")
    changes.add_argument("old", help="an edition's version (or 'latest'), a git revision, or a folder "
                                     "with the sources")
    changes.add_argument("new", nargs="?", help="the same kinds, or 'draft' (default: the working copy)")
    changes.add_argument("--language", choices=list(LANGUAGES), help="one language (default: all)")
    changes.add_argument("--format", choices=("text", "markdown"), default="text",
                         help="markdown: for a GitHub job summary")
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
    pages = sum(len(pages.files) for pages in project.languages.values())
    summary = f"sapat: {pages} pages checked, {len(errors)} error(s), {notices} notice(s)"
    print(summary, file=sys.stderr)
    return 1 if errors else 0


def check(root: Path, args: argparse.Namespace) -> int:
    return _report(load_project(root))


def build(root: Path, args: argparse.Namespace) -> int:
    project = load_project_cached(root)
    if status := _report(project):
        print("sapat: nothing was built; site/ is unchanged", file=sys.stderr)
        return status
    from .site import BuildFailed, build_site  # MkDocs is imported only when building
    site_dir = args.site_dir or root / "site"
    try:
        build_site(Repository(root), site_dir, project.editions)
    except BuildFailed as exc:
        print(f"sapat: {exc}; site/ is unchanged", file=sys.stderr)
        return 1
    print(f"sapat: site built into {site_dir}", file=sys.stderr)
    return 0


def _page(project: Project, path: Path, source: bool) -> Page:
    """The page an editor named on the command line, from the loaded project."""
    path = path if path.is_absolute() else Path.cwd() / path
    page = project.file_page(path)
    expected = "the original" if source else "a translation"
    if page is None or (page.language == SOURCE_LANGUAGE) != source:
        raise SystemExit(f"sapat: {path} is not a page of {expected} (manual/<language>/)")
    if not page.valid:
        raise SystemExit(f"sapat: {page.display} has mistakes; 'sapat check' lists them")
    return page


def approve_page(root: Path, args: argparse.Namespace) -> int:
    page = _page(load_project(root), args.page, source=True)
    approval = Approval(args.by, args.protocol, args.date, args.summary, args.effective, args.next_review)
    assert page.path is not None
    page.path.write_text(approve(page.text, page.body, page.meta.value, approval), encoding="utf-8")
    project = load_project(root)
    revision = _page(project, page.path, source=True).get("revision")
    print(f"sapat: {page.display} approved as revision {revision}", file=sys.stderr)
    return _report(project)


def mark_translated(root: Path, args: argparse.Namespace) -> int:
    project = load_project(root)
    page = _page(project, args.page, source=False)
    original = project.source.files.get(page.name)
    if original is None:
        raise SystemExit(f"sapat: {page.display} has no original in manual/{SOURCE_LANGUAGE}/")
    assert page.path is not None
    page.path.write_text(set_front_matter(page.text, {"translation_of": translation_record(original)}),
                         encoding="utf-8")
    return _report(load_project(root))


def release_edition(root: Path, args: argparse.Namespace) -> int:
    repository = Repository(root)
    if changed := uncommitted_inputs(root):
        raise SystemExit("sapat: commit these first, an edition is a commit of main: " + ", ".join(changed))
    order = Order(args.order_number, args.order_date.isoformat()) if args.order_number and args.order_date else None
    summary = {code: text for code in LANGUAGES if (text := getattr(args, f"summary_{code}"))}
    request = ReleaseRequest(args.version or args.date.isoformat(), args.by, args.date, args.protocol, order,
                             summary, tuple(path.resolve() for path in args.evidence))
    project = load_project(root)
    previous = load_project(edition_folder(repository, project.editions[-1].version) / SOURCES) \
        if project.editions else None
    if problems := release_problems(project, request, previous):
        for problem in sorted(problems, key=sort_key):
            print(problem.format(), file=sys.stderr)
        print(f"sapat: edition {request.version} was not released ({len(problems)} reason(s))", file=sys.stderr)
        return 1
    from .site import BuildFailed, build_edition  # MkDocs is imported only when building
    signature = signing_method(root)
    with tempfile.TemporaryDirectory(prefix="sapat-release-") as built:
        try:
            build_edition(repository, request.edition(signature), Path(built), latest_exists=True)
        except BuildFailed as exc:
            print(f"sapat: {exc}; nothing was released", file=sys.stderr)
            return 1
        edition = freeze(repository, request, Path(built), signature)
    try:
        tag = commit_release(root, edition)
    except ReleaseError as exc:
        print(f"sapat: {exc}", file=sys.stderr)
        return 1
    print(f"sapat: edition {edition.version} released and frozen (manifest {edition.manifest_digest}); "
          f"tag {tag}, {'signed (' + signature + ')' if signature != 'unsigned' else 'unsigned'}", file=sys.stderr)
    return 0


def verify(root: Path, args: argparse.Namespace) -> int:
    if args.site is None:
        project = load_project(root)
        frozen = frozen_editions(project)
        for diagnostic in frozen:
            print(diagnostic.format(), file=sys.stderr)
        print(f"sapat: {len(project.editions)} frozen edition(s) checked in {root}, {len(frozen)} problem(s)",
              file=sys.stderr)
        return 1 if frozen else 0
    recorded = {e.version: e.manifest_digest or "" for e in load_project(root).editions} \
        if (root / "manual").is_dir() else {}
    failures = 0
    for check in verify_web_root(args.site, recorded):
        for item in check.discrepancies:
            print(f"{args.site}/{_published_path(item.path, check.version)}: {item.kind}", file=sys.stderr)
        if check.manifest_problem:
            print(f"sapat: edition {check.version}: {check.manifest_problem}", file=sys.stderr)
        ok = not check.discrepancies and not check.manifest_problem
        failures += not ok
        print(f"sapat: edition {check.version}: {'verified' if ok else 'NOT verified'}, {check.files} files, "
              f"manifest {check.digest}", file=sys.stderr)
    return 1 if failures else 0


def _published_path(manifest_path: str, version: str) -> str:
    """``site/ky/04-qms/index.html`` of a manifest as it is published: ``ky/<version>/04-qms/index.html``."""
    _, language, rest = manifest_path.split("/", 2)
    return f"{language}/{version}/{rest}"


def show_changes(root: Path, args: argparse.Namespace) -> int:
    with tempfile.TemporaryDirectory(prefix="sapat-diff-") as scratch:
        try:
            old = open_side(root, args.old, Path(scratch))
            new = open_side(root, args.new, Path(scratch)) if args.new else working_copy(root)
        except SideNotFound as exc:
            print(f"sapat: {exc}", file=sys.stderr)
            return 1
        projects = [_loaded(side) for side in (old, new)]
    languages = [args.language] if args.language else list(LANGUAGES)
    title = f"Changes from {old.description} to {new.description}"
    write = job_summary if args.format == "markdown" else terminal_report
    print(write(compare(*projects), languages, title), end="")
    return 0


def _loaded(side: Side) -> Project:
    """A side's project; mistakes in its sources are named once, the comparison goes on."""
    project = load_project(side.folder)
    if errors := project.errors():
        print(f"sapat: {side.description} has {len(errors)} error(s) in its sources ('sapat check' "
              "lists them); compared as read", file=sys.stderr)
    return project


COMMANDS = {"check": check, "build": build, "approve": approve_page, "translated": mark_translated,
            "release": release_edition, "verify": verify, "diff": show_changes}

if __name__ == "__main__":
    sys.exit(main())
