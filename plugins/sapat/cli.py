"""The ``sapat`` command: check, build, make the PDF, approve and mark translations, without tracebacks."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from .core.control import translation_record
from .core.diagnostics import SourceError
from .core.editions import draft_edition
from .core.languages import LANGUAGES, SOURCE_LANGUAGE
from .core.metadata import Approval, approve
from .core.pages import Page
from .core.project import Project, load_project, load_project_cached
from .core.repository import Repository
from .core.sources import set_front_matter


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="sapat", description=__doc__)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repository (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="validate every source file without building the site")
    build = commands.add_parser("build", help="check, then build both editions into site/")
    build.add_argument("--site-dir", type=Path, default=None)
    pdf = commands.add_parser("pdf", help="check, then typeset the draft as a PDF in each language")
    pdf.add_argument("--language", choices=list(LANGUAGES), help="only this language (default: every one)")
    pdf.add_argument("--out", type=Path, default=Path.cwd(), help="the folder to write into (default: here)")
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
    pages = sum(len(pages.files) for pages in project.languages.values())
    summary = f"sapat: {pages} pages checked, {len(errors)} error(s), {notices} notice(s)"
    print(summary, file=sys.stderr)
    return 1 if errors else 0


def check(root: Path, args: argparse.Namespace) -> int:
    return _report(load_project(root))


def build(root: Path, args: argparse.Namespace) -> int:
    if status := _report(load_project_cached(root)):
        print("sapat: nothing was built; site/ is unchanged", file=sys.stderr)
        return status
    from .site import BuildFailed, build_site  # MkDocs is imported only when building
    site_dir = args.site_dir or root / "site"
    try:
        build_site(Repository(root), site_dir)
    except BuildFailed as exc:
        print(f"sapat: {exc}; site/ is unchanged", file=sys.stderr)
        return 1
    print(f"sapat: site built into {site_dir}", file=sys.stderr)
    return 0


def make_pdf(root: Path, args: argparse.Namespace) -> int:
    project = load_project_cached(root)
    if status := _report(project):
        print("sapat: no PDF was made", file=sys.stderr)
        return status
    from .core.pdf import PdfJob, pdf_file_name, write_pdfs  # WeasyPrint is imported only for a PDF
    edition = draft_edition()
    jobs = [PdfJob(edition, language, args.out / pdf_file_name(edition, language))
            for language in ([args.language] if args.language else LANGUAGES)]
    write_pdfs(project, jobs)
    for job in jobs:
        print(f"sapat: {job.target} ({job.target.stat().st_size // 1024} KB)", file=sys.stderr)
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


COMMANDS = {"check": check, "build": build, "pdf": make_pdf, "approve": approve_page,
            "translated": mark_translated}

if __name__ == "__main__":
    sys.exit(main())
