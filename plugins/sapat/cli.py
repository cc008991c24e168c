"""The ``sapat`` command: check, build, approve, mark translations, add pages, typeset the PDF, compare,
release, mend, add offline copies to and verify editions, list the reviews due, without tracebacks,
in the editor's language (``--lang``, ``SAPAT_LANG`` or the repository's setting). ``--no-cache``
computes everything again (:mod:`sapat.core.runtime.cache`)."""

from __future__ import annotations

import argparse
import datetime as dt
import errno
import gc
import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import NoReturn

from .core.checks.editions import frozen_editions
from .core.diagnostics import SapatError
from .core.diagnostics.github import job_summary, workflow_command
from .core.i18n.languages import LANGUAGES
from .core.i18n.messages import LOG, MESSAGE_LANGUAGES, InLanguage, Message, choose_language
from .core.load import load_project
from .core.model.editions import PUBLISHED, Edition, Order, draft_edition
from .core.model.project import Project
from .core.model.reviews import WINDOW, reviews
from .core.publishing.generated.changes import job_summary as changes_summary
from .core.publishing.generated.changes import terminal_report
from .core.publishing.offline import OfflineCopy
from .core.publishing.reviews import reviews_report
from .core.releasing.add_offline import add_and_commit
from .core.releasing.approve import Approval
from .core.releasing.approve import approve_page as approve_page_of
from .core.releasing.approve import mark_translated as mark_translated_at
from .core.releasing.manifests import MANIFEST, EditionCheck, edition_folder_of_web_root, verify_web_root
from .core.releasing.mend import Build
from .core.releasing.new_page import add_page
from .core.releasing.offline import check_copy, frozen_copy
from .core.releasing.release import ReleaseRequest, release
from .core.releasing.release import mend_edition as mend_and_commit
from .core.releasing.sides import compare_sides
from .core.runtime.background import stop_children
from .core.runtime.cache import switched_off
from .core.sources.repository import Repository
from .progress import ProgressReport


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    root, language = _root_and_language(argv)
    args = _parser(language).parse_args(argv)
    command: Callable[[Path, argparse.Namespace, str], int] = args.run
    try:
        with _logged_in(language), switched_off() if getattr(args, "no_cache", False) else nullcontext():
            return command(root, args, language)
    except SapatError as exc:
        _say(exc.report(language))
        return 1
    except OSError as exc:  # a page named on the command line that does not exist
        _say(_os_error(exc).render(language))
        return 1


@contextmanager
def _logged_in(language: str) -> Iterator[None]:
    """sapat's log (:data:`~sapat.core.i18n.messages.LOG`) on stderr in the editor's language
    while a command runs."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(InLanguage(language))
    level = LOG.level
    LOG.addHandler(handler)
    LOG.setLevel(logging.INFO)
    try:
        yield
    finally:
        LOG.removeHandler(handler)
        LOG.setLevel(level)


def _root_and_language(argv: list[str]) -> tuple[Path, str]:
    """The repository and the language of messages, known before the help texts are written."""
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--root", type=Path, default=Path.cwd())
    early.add_argument("--lang")
    known, _ = early.parse_known_args(argv)
    root = known.root.resolve()
    return root, choose_language(known.lang, os.environ, Repository(root).messages_setting())


def _parser(language: str) -> argparse.ArgumentParser:
    def say(key: str) -> str:
        return Message(key).render(language)

    def date(text: str) -> dt.date:
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            raise argparse.ArgumentTypeError(Message("cli.bad_date", value=text).render(language)) from None

    # --lang and --no-cache are accepted before and after the command: "sapat --lang ru check", "sapat check --lang ru".
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--lang", choices=MESSAGE_LANGUAGES, default=argparse.SUPPRESS, help=say("cli.help.lang"))
    common.add_argument("--no-cache", action="store_true", default=argparse.SUPPRESS, help=say("cli.help.no_cache"))
    parser = argparse.ArgumentParser(prog="sapat", description=say("cli.help.description"), parents=[common])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help=say("cli.help.root"))
    commands = parser.add_subparsers(dest="command", required=True)

    def command(name: str, run: Callable[[Path, argparse.Namespace, str], int]) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=say(f"cli.help.{name.replace('-', '_')}"), parents=[common])
        sub.set_defaults(run=run)
        return sub

    command("check", check).add_argument("--format", choices=("text", "github"), default="text",
                                         help=say("cli.help.format"))
    command("build", build).add_argument("--site-dir", type=Path, default=None, help=say("cli.help.site_dir"))
    pdf = command("pdf", make_pdf)
    pdf.add_argument("--language", choices=list(LANGUAGES), help=say("cli.help.pdf.language"))
    pdf.add_argument("--out", type=Path, default=Path.cwd(), help=say("cli.help.pdf.out"))
    pdf.add_argument("--only", action="append", choices=PDF_KINDS, help=say("cli.help.pdf.only"))
    approval = command("approve", approve_page)
    approval.add_argument("page", type=Path, help=say("cli.help.approve.page"))
    approval.add_argument("--by", required=True, help=say("cli.help.approve.by"))
    approval.add_argument("--protocol", required=True, help=say("cli.help.approve.protocol"))
    approval.add_argument("--date", type=date, default=dt.date.today(), help=say("cli.help.approve.date"))
    approval.add_argument("--effective", type=date, default=None, help=say("cli.help.approve.effective"))
    approval.add_argument("--next-review", type=date, default=None, help=say("cli.help.approve.next_review"))
    approval.add_argument("--summary", required=True, help=say("cli.help.approve.summary"))
    command("translated", mark_translated).add_argument("page", type=Path, help=say("cli.help.translated.page"))
    new = command("new", new_page)
    new.add_argument("name", help=say("cli.help.new.name"))
    new.add_argument("--title", required=True, help=say("cli.help.new.title"))
    new.add_argument("--owner", default=None, help=say("cli.help.new.owner"))
    new.add_argument("--after", default=None, help=say("cli.help.new.after"))
    changes = command("diff", show_changes)
    changes.add_argument("old", help=say("cli.help.diff.old"))
    changes.add_argument("new", nargs="?", help=say("cli.help.diff.new"))
    changes.add_argument("--language", choices=list(LANGUAGES), help=say("cli.help.diff.language"))
    changes.add_argument("--format", choices=("text", "markdown"), default="text", help=say("cli.help.diff.format"))
    release = command("release", release_edition)
    release.add_argument("version", nargs="?", help=say("cli.help.release.version"))
    release.add_argument("--by", required=True, help=say("cli.help.approve.by"))
    release.add_argument("--protocol", required=True, help=say("cli.help.approve.protocol"))
    release.add_argument("--date", type=date, required=True, help=say("cli.help.release.date"))
    release.add_argument("--order-number", help=say("cli.help.release.order_number"))
    release.add_argument("--order-date", type=date, help=say("cli.help.release.order_date"))
    for code in LANGUAGES:
        release.add_argument(f"--summary-{code}", help=Message("cli.help.release.summary", language=code)
                             .render(language))
    release.add_argument("--evidence", type=Path, nargs="*", default=[], help=say("cli.help.release.evidence"))
    mending = command("mend", mend_edition)
    mending.add_argument("version", help=say("cli.help.mend.version"))
    for code in LANGUAGES:
        mending.add_argument(f"--reason-{code}", required=True,
                             help=Message("cli.help.mend.reason", language=code).render(language))
    adding = command("add-offline", add_offline)
    adding.add_argument("version", help=say("cli.help.add_offline.version"))
    for code in LANGUAGES:
        adding.add_argument(f"--reason-{code}", required=True,
                            help=Message("cli.help.add_offline.reason", language=code).render(language))
    command("verify", verify).add_argument("site", type=Path, nargs="?", help=say("cli.help.verify.site"))
    due = command("reviews", list_reviews)
    due.add_argument("--format", choices=("text", "markdown"), default="text", help=say("cli.help.reviews.format"))
    due.add_argument("--days", type=int, default=WINDOW, help=say("cli.help.reviews.days"))
    due.add_argument("--today", type=date, default=None, help=say("cli.help.reviews.today"))
    return parser


def _say(text: str) -> None:
    print(text, file=sys.stderr)


def _os_error(exc: OSError) -> Message:
    path = str(exc.filename)
    if exc.errno == errno.ENOENT:
        return Message("cli.no_such_file", path=path)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return Message("cli.not_allowed", path=path)
    return Message("cli.os_error", path=path, code=exc.errno or 0)


def _report(project: Project, language: str, output: str = "text") -> int:
    """Every diagnostic (as text, or as GitHub workflow commands and a job summary), then the counts."""
    pages = sum(len(pages.files) for pages in project.languages.values())
    if output == "github":
        for diagnostic in project.diagnostics:
            print(workflow_command(diagnostic, language))
        _write_job_summary(project, pages, language)
    else:
        for diagnostic in project.diagnostics:
            _say(diagnostic.format(language))
    errors = project.errors()
    _say(Message("cli.summary", pages=pages, errors=len(errors),
                 notices=len(project.diagnostics) - len(errors)).render(language))
    return 1 if errors else 0


def _write_job_summary(project: Project, pages: int, language: str) -> None:
    """Append the findings to the job summary when running in GitHub Actions."""
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if not summary:
        return
    server, repository, commit = (os.environ.get(name) for name in
                                  ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_SHA"))
    blob_url = f"{server}/{repository}/blob/{commit}/" if server and repository and commit else None
    with open(summary, "a", encoding="utf-8") as file:
        file.write(job_summary(project.diagnostics, pages, language, blob_url))


def check(root: Path, args: argparse.Namespace, language: str) -> int:
    return _report(load_project(root), language, args.format)


def build(root: Path, args: argparse.Namespace, language: str) -> int:
    project = load_project(root)
    if status := _report(project, language):
        _say(Message("cli.nothing_built").render(language))
        return status
    from .mkdocs.site import build_site  # MkDocs is imported only when building
    site_dir = args.site_dir or root / "site"
    try:
        build_site(project, site_dir, ProgressReport.on(sys.stderr, language))
    except SapatError as exc:
        raise SapatError(Message("cli.build_failed", reason=exc.reason), problems=exc.problems) from None
    _say(Message("cli.built", path=str(site_dir)).render(language))
    return 0


#: What ``sapat pdf`` typesets (all by default; ``--only`` chooses): the manual, the
#: acknowledgement sheets of the draft, the audit checklists.
PDF_KINDS = ("manual", "sheets", "checklists")


def make_pdf(root: Path, args: argparse.Namespace, language: str) -> int:
    """The draft typeset as a PDF in each language (or one), with its acknowledgement sheets and
    audit checklists (or what ``--only`` names), after the check."""
    project = load_project(root)
    if status := _report(project, language):
        _say(Message("cli.no_pdf").render(language))
        return status
    from .core.publishing.pdf import PdfJob, write_pdfs  # WeasyPrint is imported only for a PDF
    from .core.publishing.pdf.checklists import write_checklists
    from .core.publishing.pdf.sheets import write_draft_sheets
    kinds, languages = args.only or PDF_KINDS, [args.language] if args.language else list(LANGUAGES)
    if "manual" in kinds:
        edition = draft_edition()
        jobs = [PdfJob(edition, code, args.out / edition.pdf_name(code)) for code in languages]
        write_pdfs(project, jobs)
        for job in jobs:
            _say(Message("cli.pdf_written", path=str(job.target),
                         size=job.target.stat().st_size // 1024).render(language))
    if "sheets" in kinds and (sheets := write_draft_sheets(project, languages, args.out)):
        _say(Message("cli.sheets_written", count=len(sheets), path=str(args.out)).render(language))
    if "checklists" in kinds:
        checklists = write_checklists(project, languages, args.out)
        _say(Message("cli.checklists_written", count=len(checklists), path=str(args.out)).render(language))
    return 0


def approve_page(root: Path, args: argparse.Namespace, language: str) -> int:
    approval = Approval(args.by, args.protocol, args.date, args.summary, args.effective, args.next_review)
    project, page = approve_page_of(root, _absolute(args.page), approval)
    _say(Message("cli.approved", page=page.display, revision=str(page.get("revision"))).render(language))
    return _report(project, language)


def mark_translated(root: Path, args: argparse.Namespace, language: str) -> int:
    return _report(mark_translated_at(root, _absolute(args.page)), language)


def new_page(root: Path, args: argparse.Namespace, language: str) -> int:
    """A draft page of the source language, a page to translate in every other, and the nav entry."""
    made, project = add_page(root, args.name, args.title, args.owner, args.after)
    _say(Message("cli.new.created", page=made.original, code=made.code, line=made.nav_line,
                 translation=", ".join(made.translations)).render(language))
    return _report(project, language)


def show_changes(root: Path, args: argparse.Namespace, language: str) -> int:
    """What changed from one edition (or revision, or folder) to another, clause by clause."""
    languages = [args.language] if args.language else list(LANGUAGES)
    comparison = compare_sides(root, args.old, args.new, languages)
    for side, errors in comparison.mistaken:
        _say(Message("diff.side_has_errors", side=side.description, errors=errors).render(language))
    title = Message("diff.title", old=comparison.old.description, new=comparison.new.description).render(language)
    if args.format == "markdown":
        print(changes_summary(comparison.diff, languages, title), end="")
    else:
        print(terminal_report(comparison.diff, languages, title, language), end="")
    return 0


def release_edition(root: Path, args: argparse.Namespace, language: str) -> int:
    """Freeze the approved working copy as an edition: a commit of main and a tag."""
    order = Order(args.order_number, args.order_date.isoformat()) if args.order_number and args.order_date else None
    summary = {code: text for code in LANGUAGES if (text := getattr(args, f"summary_{code}"))}
    request = ReleaseRequest(args.version or args.date.isoformat(), args.by, args.date, args.protocol, order,
                             summary, tuple(path.resolve() for path in args.evidence))
    edition, tag = release(root, request, _edition_builder(root, language))
    key = "release.done.signed" if edition.signature != "unsigned" else "release.done.unsigned"
    _say(Message(key, version=edition.version, digest=edition.manifest_digest or "", tag=tag,
                 method=edition.signature).render(language))
    return 0


def mend_edition(root: Path, args: argparse.Namespace, language: str) -> int:
    """Make a frozen edition's pages and PDFs again with today's code, its text unchanged; a
    commit of main that says why."""
    project = load_project(root)
    if status := _report(project, language):
        return status
    reason = {code: getattr(args, f"reason_{code}") for code in LANGUAGES}
    edition = mend_and_commit(root, project, args.version, reason, _edition_builder(root, language))
    _say(Message("mend.done", version=edition.version, before=edition.mends[-1].replaced,
                 after=edition.manifest_digest or "").render(language))
    return 0


def add_offline(root: Path, args: argparse.Namespace, language: str) -> int:
    """Add offline copies to a frozen edition made without them, changing none of its files; a
    commit of main that says why."""
    project = load_project(root)
    if status := _report(project, language):
        return status
    reason = {code: getattr(args, f"reason_{code}") for code in LANGUAGES}
    edition = add_and_commit(root, project.editions, args.version, reason,
                             _edition_builder(root, language, copies_only=True))
    for code, digest in (edition.added_copies.digests if edition.added_copies else {}).items():
        _say(Message("add_offline.done", version=edition.version, language=code, digest=digest,
                     manifest=edition.manifest_digest or "").render(language))
    return 0


def _edition_builder(root: Path, language: str, copies_only: bool = False) -> Build:
    """How a release or a mend builds an edition with its PDFs and offline copies (MkDocs,
    imported only then), and the adding of offline copies (``copies_only``) builds the copies
    alone. The copies lead to the site at the address the repository's mkdocs.yml sets today
    (a mend builds from the edition's own, frozen before it was set)."""
    offline = OfflineCopy(Repository(root).plugin_setting("site_address"))

    def build(source: Repository, edition: Edition, out: Path, evidence: tuple[Path, ...]) -> None:
        from .mkdocs.site import build_edition
        build_edition(source, edition, out, latest_exists=True, evidence=evidence, with_pdf=not copies_only,
                      progress=ProgressReport.on(sys.stderr, language), offline=offline, pages=not copies_only)
    return build


def _absolute(path: Path) -> Path:
    return path if path.is_absolute() else Path.cwd() / path


def verify(root: Path, args: argparse.Namespace, language: str) -> int:
    """Check the frozen editions of the repository, or of a published web root, against their manifests."""
    site, only = args.site, None
    if site is not None and edition_folder_of_web_root(site):  # <web root>/<language>/<version>/
        site, only = site.parent.parent, site.name
    elif site is not None and (site.is_file() or (site / MANIFEST).is_file()):
        return _verify_copy(root, site, language)
    if args.site is None:
        project = load_project(root)
        problems = frozen_editions(project)
        for problem in problems:
            _say(problem.format(language))
        _say(Message("verify.repository", editions=len(project.editions), problems=len(problems)).render(language))
        return 1 if problems else 0
    editions = load_project(root).editions if (root / "manual").is_dir() else []
    recorded = {edition.version: edition.digests for edition in editions}
    added = {edition.version: {f"{PUBLISHED}/{code}/{edition.offline_name(code)}": digest
                               for code, digest in edition.added_copies.digests.items()}
             for edition in editions if edition.added_copies}
    checks = [check for check in verify_web_root(site, recorded, added) if only in (None, check.version)]
    for check in checks:
        _report_edition(site, check, language)
    if not checks:
        _say(Message("verify.nothing", path=str(args.site)).render(language))
    return 1 if not checks or any(not check.verified for check in checks) else 0


def _verify_copy(root: Path, copy: Path, language: str) -> int:
    """An edition's offline copy (its ZIP or unpacked folder) against the manifest it carries,
    and, in a repository, whether that manifest is the one of a copy frozen there."""
    check = check_copy(copy)
    for item in check.discrepancies:
        _say(Message(f"verify.file.{item.kind}", path=f"{copy}/{item.path}").render(language))
    if check.digest is None:
        _say(Message("verify.copy.no_manifest", path=str(copy)).render(language))
        return 1
    if check.malformed is not None:
        _say(Message("verify.copy.malformed", path=str(copy), line=check.malformed).render(language))
    if (root / "manual").is_dir():
        frozen = frozen_copy(load_project(root), check.digest)
        _say((Message("verify.copy.recorded", version=frozen[0], language=frozen[1]) if frozen
              else Message("verify.copy.not_recorded")).render(language))
    key = "verify.copy.verified" if check.verified else "verify.copy.not_verified"
    _say(Message(key, path=str(copy), files=check.files, digest=check.digest).render(language))
    return 0 if check.verified else 1


def _report_edition(site: Path, check: EditionCheck, language: str) -> None:
    for item in check.discrepancies:
        _, code, rest = item.path.split("/", 2)  # site/<language>/... as published: <language>/<version>/...
        _say(Message(f"verify.file.{item.kind}", path=f"{site}/{code}/{check.version}/{rest}").render(language))
    if check.manifest_problem:
        _say(Message("verify.manifest_problem", version=check.version, problem=check.manifest_problem)
             .render(language))
    for copy in check.added_copies:
        _, code, rest = copy.path.split("/", 2)
        _say(Message("verify.added_copy" if copy.recorded else "verify.added_copy.unrecorded", version=check.version,
                     path=f"{site}/{code}/{check.version}/{rest}", digest=copy.digest).render(language))
    key = "verify.verified" if check.verified else "verify.not_verified"
    _say(Message(key, version=check.version, files=check.files, digest=check.digest).render(language))


def list_reviews(root: Path, args: argparse.Namespace, language: str) -> int:
    """The reviews overdue or due within ``--days`` in every register, judged today (or on
    ``--today``): a list for a person or a job summary, never a failure."""
    project = load_project(root, args.today)
    print(reviews_report(reviews(project, project.today, args.days), project.today, args.days, args.format, language),
          end="")
    return 0


#: When Python's cycle collector runs (:func:`gc.set_threshold`): after this many new objects
#: (Python's default is 700), the older generations after 20 and 100 such rounds. A command
#: builds a project it keeps to its end, millions of objects none of which is garbage yet
#: (every page parsed, scanned and read back from the cache); at Python's default the
#: collector went through them again and again, a quarter of ``sapat check``'s CPU time at
#: + 2,000 procedures (bench/RESULTS.md). Cycles still are collected, in larger rounds.
COLLECT_AFTER = (50_000, 20, 100)


def run() -> NoReturn:
    """The ``sapat`` command: :func:`main`, then the process ends without Python's teardown.

    Freeing the loaded project and every module object by object took a tenth of building the
    real manual (0.15 s); by then every file is written and closed, output is flushed here, and
    no child is left running (``os._exit`` skips ``atexit``, so it is asked here).
    """
    gc.set_threshold(*COLLECT_AFTER)  # children forked to build the sites inherit it
    code = main()
    stop_children()
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
