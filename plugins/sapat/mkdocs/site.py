"""Building the published web root: every edition in every language, swapped in whole.

Layout (mike's, with one deploy prefix per language; Material's version selector reads
``versions.json`` one level above an edition's folder)::

    site/index.html                 leads to ky/
    site/ky/index.html              leads to latest/ (mike set-default)
    site/ky/versions.json           the editions in Kyrgyz, "latest" on the edition in force
    site/ky/2018-12-21/...          a frozen edition, byte for byte as released (with the offline
                                    copy added after its release, when it was frozen without one)
    site/ky/latest/...              redirects to the same page of the edition in force
    site/ky/draft/...               the working copy, rebuilt every time
    site/ru/...                     the same in Russian

Each language is a separate MkDocs site with its own search index and 404 page (Material's
documented pattern for multilingual sites). Frozen editions are never rebuilt: their released
files come from ``manual/editions/<version>/site/<language>/`` on main. mike records every
edition, oldest first, and then the draft in a branch per language of a throwaway git
repository (mike works on a branch and needs no remote): its ``versions.json`` and redirects
make the web root, with the editions' own folders taken from disk (:mod:`.web_root`). Everything
is built in a temporary folder beside ``site/`` and replaces it only when all succeeded, so a
failed build never damages the previously published site.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import nullcontext
from functools import partial
from html import escape
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..core.diagnostics import SapatError
from ..core.i18n.labels import label
from ..core.i18n.languages import LANGUAGES, SOURCE_LANGUAGE
from ..core.i18n.messages import Message
from ..core.load import load_project
from ..core.model.editions import DRAFT, LATEST, PUBLISHED, Edition, draft_edition
from ..core.model.project import Project
from ..core.publishing.current import CURRENT_AREA, write_current_area
from ..core.publishing.not_found import not_found_page
from ..core.publishing.offline import OfflineCopy
from ..core.publishing.pdf import write_pdf
from ..core.releasing.add_offline import added_copies
from ..core.releasing.offline import pack
from ..core.releasing.release import edition_folder
from ..core.runtime.background import Beside, Job, tell
from ..core.sources.repository import Repository
from ..progress import Progress
from . import web_root
from .plugin import SapatPlugin

BRANCH = "web-root"


def build_site(project: Project, site_dir: Path, progress: Callable[[Progress], None] | None = None) -> None:
    """Build the draft of the checked ``project``, and publish it beside every frozen edition,
    into ``site_dir`` atomically; ``progress`` is told how far the draft's build is."""
    repository, editions = project.repository, project.editions
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        # Beside the site, not in the temporary folder: the draft is moved from here into the
        # site, and a move is a rename, which fails across file systems (/tmp is one of its own
        # where it is kept in memory, as Debian 13 and Fedora do).
        with tempfile.TemporaryDirectory(prefix=".site-work-", dir=site_dir.parent) as work:
            draft = Path(work) / DRAFT
            build_edition(repository, draft_edition(), draft, latest_exists=bool(editions), progress=progress,
                          project=project)
            _assemble(repository, editions, draft, Path(work), staging)
        _write_root(staging, project)
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def build_edition(repository: Repository, edition: Edition, out: Path, latest_exists: bool,
                  evidence: tuple[Path, ...] = (), with_pdf: bool = False,
                  progress: Callable[[Progress], None] | None = None, project: Project | None = None,
                  offline: OfflineCopy | None = None, pages: bool = True) -> None:
    """Build one edition in every language into ``out/<language>/``: the site (MkDocs, with
    sapat's plugin publishing it as that edition) and, ``with_pdf``, its PDF with ``evidence``
    attached (a release; the draft has none, see README "The PDF"); given ``offline``, its
    offline copy too, built as one more site and packed into a ZIP beside the PDF
    (core/publishing/offline.py, core/releasing/offline.py), with the PDF. Without ``pages``,
    the copies alone (``sapat add-offline``: the edition's own pages and PDF stay as frozen).

    ``project`` is the repository checked on the edition's day (loaded here if not given).
    Each language's site is a build of its own, and each PDF too: they run beside this process
    (:mod:`.core.runtime.background`), in children forked with the project loaded, so nothing
    is sent to them and nothing is loaded again; what comes back is each one's outcome, and how
    far each site's build is, which ``progress`` is told."""
    _show_mkdocs_warnings()
    if project is None:
        project = load_project(repository.root, edition.as_of)
    counts = {language: (0, 0) for language in LANGUAGES}  # pages built, pages
    with Beside(limit=os.cpu_count() or 1) as beside, \
            tempfile.TemporaryDirectory(prefix="pdf-", dir=out.parent) if with_pdf else nullcontext("") as typeset, \
            tempfile.TemporaryDirectory(prefix="offline-", dir=out.parent) if offline else nullcontext("") as copies:
        # The PDFs wait beside ``out``: MkDocs empties a site's folder before it builds it.
        pdfs = {language: Path(typeset) / edition.pdf_name(language) for language in LANGUAGES} \
            if with_pdf else {}
        typesetting = [beside.start(partial(write_pdf, project, edition, language, target, evidence),
                                    Message("runtime.work.pdf", language=Message(f"language.{language}")))
                       for language, target in pdfs.items()]
        sites = {language: beside.start(partial(_build_language, project, repository.config_file(language),
                                                out / language, edition, latest_exists),
                                        Message("runtime.work.site", language=Message(f"language.{language}")),
                                        told=partial(counts.__setitem__, language))
                 for language in LANGUAGES if pages}
        copy_folders = {language: Path(copies) / language / edition.offline_name(language).removesuffix(".zip")
                        for language in LANGUAGES} if offline else {}
        offline_sites = [beside.start(partial(_build_language, project, repository.config_file(language), folder,
                                              edition, latest_exists, offline),
                                      Message("runtime.work.offline", language=Message(f"language.{language}")))
                         for language, folder in copy_folders.items()]
        _follow(edition, sites, counts, progress or (lambda _: None), beside)
        for language, site in [*sites.items(), *zip(copy_folders, offline_sites, strict=True)]:
            if reason := site.result():
                raise SapatError(Message("build.edition_failed", language=language, reason=reason))
        for pdf in typesetting:
            try:
                pdf.result()
            except Exception as exc:
                raise SapatError(Message("build.pdf_failed", reason=f"{type(exc).__name__}: {exc}")) from None
        for language, target in pdfs.items():
            if language in copy_folders:  # the copy's pages link to the PDF beside them
                shutil.copyfile(target, copy_folders[language] / target.name)
            target.replace(out / language / target.name)
        for language, folder in copy_folders.items():
            (out / language).mkdir(parents=True, exist_ok=True)
            pack(folder, out / language / edition.offline_name(language), folder.name)


#: How often the progress of a build is shown.
PROGRESS_SECONDS = 0.25


def _follow(edition: Edition, sites: dict[str, Job[str | Message | None]], counts: dict[str, tuple[int, int]],
            progress: Callable[[Progress], None], beside: Beside) -> None:
    """Tell ``progress`` how the builds go, four times a second, until every one has ended."""
    start = time.monotonic()
    while True:
        shown = time.monotonic() + PROGRESS_SECONDS
        while (left := shown - time.monotonic()) > 0 and not all(site.done() for site in sites.values()):
            beside.wait(left)
        finished = frozenset(language for language, site in sites.items() if site.done())
        progress(Progress(edition.version, dict(counts), finished, time.monotonic() - start))
        if len(finished) == len(sites):
            return


def _build_language(project: Project, config_file: Path, site_dir: Path, edition: Edition,
                    latest_exists: bool, offline: OfflineCopy | None = None) -> str | Message | None:
    """The MkDocs site of one language, published from ``project``; why it failed, or None.
    How far it is goes to whoever started it (:func:`~sapat.core.runtime.background.tell`)."""
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
        plugin = config.plugins.get("sapat")
        if isinstance(plugin, SapatPlugin):
            plugin.publish(edition, latest_exists, project, offline)
            plugin.report_progress = _built
        build(config)
    except SapatError as exc:  # the core's own words, in the editor's language where they are shown
        return exc.reason
    except (Exception, SystemExit) as exc:
        return str(exc) if isinstance(exc, (MkDocsException, SystemExit)) else f"{type(exc).__name__}: {exc}"
    return None


def _built(built: int, pages: int) -> None:
    tell((built, pages))


def _assemble(repository: Repository, editions: list[Edition], draft: Path, work: Path, out: Path) -> None:
    """Every edition and the draft recorded with mike, and the web root made of what mike wrote
    and the editions' own folders (:func:`.web_root.record`). Each language has a branch of its
    own in a throwaway bare repository, and is recorded beside this process
    (:mod:`.core.runtime.background`), both at once: the two share nothing but the repository's
    objects. git's repository and committer go in the environment of the process that records,
    never this one's (:func:`_record`)."""
    git_dir = work / "site.git"
    subprocess.run(["git", "init", "-q", "--bare", str(git_dir)], check=True)
    subprocess.run(["git", "--git-dir", str(git_dir), "config", "pack.compression", "0"], check=True)
    environment = {"GIT_DIR": str(git_dir), "GIT_COMMITTER_NAME": "sapat", "GIT_COMMITTER_EMAIL": "sapat@localhost"}
    with Beside() as beside:
        recording = {}
        for language in LANGUAGES:
            template = work / f"redirect.{language}.html"
            template.write_text(_redirect_template(language), encoding="utf-8")
            request = {
                "language": language, "branch": f"{BRANCH}-{language}", "template": str(template),
                "work": str(work), "out": str(out), "latest": LATEST,
                "editions": [{"version": edition.version, "title": edition.title(language),
                              "folder": str(edition_folder(repository, edition.version) / PUBLISHED / language)}
                             for edition in editions],
                "draft": {"version": DRAFT, "title": draft_edition().title(language), "folder": str(draft / language)},
            }
            recording[language] = beside.start(
                partial(_record, request, environment, os.getpid()),
                Message("runtime.work.web_root", language=Message(f"language.{language}")))
        for job in recording.values():
            job.result()
    for edition in editions:  # published where a released edition's copies are: readers see one thing
        for language, copy in added_copies(repository, edition).items():
            shutil.copyfile(copy, out / language / edition.version / copy.name)
    (out / ".nojekyll").unlink(missing_ok=True)


def _record(request: dict[str, Any], environment: dict[str, str], here: int) -> None:
    """:func:`.web_root.record` with git's ``environment``. In a child forked for it, that is
    set in the child's own environment; in this process (pid ``here``: nothing was forked), the
    recording runs as ``python -m sapat.mkdocs.web_root`` given that environment, so this process's
    never changes. A failure raises :class:`~sapat.core.diagnostics.SapatError` with git's or mike's reason."""
    if os.getpid() != here:
        os.environ.update(environment)
        web_root.record(request)
        return
    done = subprocess.run([sys.executable, "-m", "sapat.mkdocs.web_root"], input=json.dumps(request), text=True,
                          encoding="utf-8", capture_output=True, env={**os.environ, **environment})
    if done.returncode:
        raise SapatError(Message("build.web_root_failed", language=request["language"],
                                  reason=done.stderr.strip()))


def _redirect_template(language: str) -> str:
    """mike's redirect page (for ``latest/`` and each language's home) in the reader's language.

    The script keeps the clause (#7.3.1) and query; without scripts the page follows the link
    after a second.
    """
    return (f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
            f"<title>{escape(label('redirect.title', language))}</title>"
            '<noscript><meta http-equiv="refresh" content="1; url={{href}}"></noscript>'
            '<script>window.location.replace("{{href}}" + window.location.search + window.location.hash)</script>'
            f'</head><body><a href="{{{{href}}}}">{escape(label("redirect.link", language))}</a></body></html>\n')


class _Console(logging.StreamHandler):
    """MkDocs' warnings and errors on stderr, formatted as its own command line does."""


def _show_mkdocs_warnings() -> None:
    """Print MkDocs' warnings and errors as its own command line would (once per process)."""
    logger = logging.getLogger("mkdocs")
    if not any(isinstance(handler, _Console) for handler in logger.handlers):
        handler = _Console()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler.setLevel(logging.WARNING)
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def _write_root(staging: Path, project: Project) -> None:
    """The web root: an index that sends readers on to the Kyrgyz edition; the current area of
    each language (``ky/editions/``, ``ky/criteria/``: the list of editions, their records, the
    criteria), which only a build writes, so that it always says which edition is in force; and
    the pages a server shows for an address that does not exist: one per language
    (``ky/404.html``), and a bilingual one for the root. Every edition also has its own, in its
    language."""
    site_titles = {code: language.site_title for code, language in LANGUAGES.items()}
    links = "".join(f'<li><a href="{code}/" hreflang="{code}" lang="{code}">{escape(title)}</a></li>'
                    for code, title in site_titles.items())
    (staging / "index.html").write_text(
        f'<!doctype html><html lang="{SOURCE_LANGUAGE}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1"><title>ЖАМУ / ЖАГУ</title>'
        f'<meta http-equiv="refresh" content="0; url={SOURCE_LANGUAGE}/"></head>'
        f"<body><ul>{links}</ul></body></html>\n", encoding="utf-8")
    (staging / "404.html").write_text(not_found_page(site_titles), encoding="utf-8")
    for language, title in site_titles.items():
        (staging / language / "404.html").write_text(not_found_page({language: title}), encoding="utf-8")
        write_current_area(project, CURRENT_AREA, staging / language, language)


def _swap(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by the new build with two renames."""
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
