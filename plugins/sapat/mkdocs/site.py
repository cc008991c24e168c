"""Building the published web root: every edition in every language, swapped in whole.

Layout (mike's, with one deploy prefix per language; Material's version selector reads
``versions.json`` one level above an edition's folder)::

    site/index.html                 leads to ky/
    site/ky/index.html              leads to latest/ (mike set-default)
    site/ky/versions.json           the editions in Kyrgyz, "latest" on the edition in force
    site/ky/2018-12-21/...          a frozen edition, byte for byte as released
    site/ky/latest/...              redirects to the same page of the edition in force
    site/ky/draft/...               the working copy, rebuilt every time
    site/ru/...                     the same in Russian

Each language is a separate MkDocs site with its own search index and 404 page (Material's
documented pattern for multilingual sites). Frozen editions are never rebuilt: their released
files come from ``manual/editions/<version>/site/<language>/`` on main. mike records every
edition, oldest first, and then the draft in a branch per language of a throwaway git
repository (mike works on a branch and needs no remote): its ``versions.json`` and redirects
make the web root, with the editions' own folders taken from disk. Everything is built in a
temporary folder beside ``site/`` and replaces it only when all succeeded, so a failed build
never damages the previously published site.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, MutableSequence
from concurrent.futures import ALL_COMPLETED, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from contextlib import contextmanager, nullcontext
from functools import partial
from html import escape
from multiprocessing import get_context
from pathlib import Path

from mike import commands as mike
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from ..core.diagnostics import SapatError
from ..core.i18n.labels import label
from ..core.i18n.languages import LANGUAGES, SOURCE_LANGUAGE
from ..core.i18n.messages import Message
from ..core.load import load_project_cached
from ..core.model.editions import DRAFT, LATEST, PUBLISHED, Edition, draft_edition
from ..core.model.roles import Roles
from ..core.publishing.criteria import CRITERIA
from ..core.publishing.generated.editions import EDITIONS_LIST, editions_list_page
from ..core.publishing.not_found import not_found_page
from ..core.publishing.pdf import write_pdf
from ..core.publishing.screens import scrollable_tables
from ..core.releasing.release import edition_folder
from ..core.sources.repository import Repository
from ..progress import Progress
from .plugin import SapatPlugin

BRANCH = "web-root"


def build_site(repository: Repository, site_dir: Path, editions: list[Edition], roles: Roles,
               criteria: Mapping[str, Mapping[str, bytes]],
               progress: Callable[[Progress], None] | None = None) -> None:
    """Build the draft, and publish it beside every frozen edition, into ``site_dir`` atomically;
    ``progress`` is told how far the draft's build is. ``roles`` name the approving bodies on the
    list of editions; ``criteria`` are the files of each language's criteria pages, by path."""
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        with tempfile.TemporaryDirectory(prefix="sapat-") as work:
            draft = Path(work) / DRAFT
            build_edition(repository, draft_edition(), draft, latest_exists=bool(editions), progress=progress)
            _assemble(repository, editions, draft, Path(work), staging)
        _write_root(staging, editions, roles, criteria)
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def build_edition(repository: Repository, edition: Edition, out: Path, latest_exists: bool,
                  evidence: tuple[Path, ...] = (), with_pdf: bool = False,
                  progress: Callable[[Progress], None] | None = None) -> None:
    """Build one edition in every language into ``out/<language>/``: the site (MkDocs, with
    sapat's plugin publishing it as that edition) and, ``with_pdf``, its PDF with ``evidence``
    attached (a release; the draft has none, see docs/editors.md, "The PDF").

    Each language is a build of its own, so they run in parallel processes (forked: the
    checked project is not loaded again), and the PDFs beside them; ``progress`` is told how
    far they are."""
    _show_mkdocs_warnings()
    context = get_context("fork")
    counts = context.Array("i", 2 * len(LANGUAGES), lock=False)  # pages built, pages; per language
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1, mp_context=context,
                             initializer=_start_builder, initargs=(counts,)) as pool, \
            tempfile.TemporaryDirectory(prefix="pdf-", dir=out.parent) if with_pdf else nullcontext("") as typeset:
        # The PDFs wait beside ``out``: MkDocs empties a site's folder before it builds it.
        pdfs = {language: Path(typeset) / edition.pdf_name(language) for language in LANGUAGES} \
            if with_pdf else {}
        typesetting = [pool.submit(write_pdf, load_project_cached(repository.root, edition.as_of), edition,
                                   language, target, evidence) for language, target in pdfs.items()]
        sites = {language: pool.submit(_build_language, index, repository.config_file(language), out / language,
                                       edition, latest_exists) for index, language in enumerate(LANGUAGES)}
        _follow(edition, sites, counts, progress or (lambda _: None))
        for language, site in sites.items():
            if reason := site.result():
                raise SapatError(Message("build.edition_failed", language=language, reason=reason))
        for pdf in typesetting:
            try:
                pdf.result()
            except Exception as exc:
                raise SapatError(Message("build.pdf_failed", reason=f"{type(exc).__name__}: {exc}")) from None
        for language, target in pdfs.items():
            target.replace(out / language / target.name)


def _follow(edition: Edition, sites: dict[str, Future[str | None]], counts: MutableSequence[int],
            progress: Callable[[Progress], None]) -> None:
    """Tell ``progress`` how the builds go, four times a second, until every one has ended."""
    start = time.monotonic()
    while True:
        wait(sites.values(), timeout=0.25, return_when=ALL_COMPLETED)
        finished = frozenset(language for language, site in sites.items() if site.done())
        pages = {language: (counts[2 * index], counts[2 * index + 1]) for index, language in enumerate(LANGUAGES)}
        progress(Progress(edition.version, pages, finished, time.monotonic() - start))
        if len(finished) == len(sites):
            return


#: The counts of pages built that a builder process writes into (see _start_builder).
_counts: MutableSequence[int] | None = None


def _start_builder(counts: MutableSequence[int]) -> None:
    """Each builder process is given the shared counts as it starts (they cannot be pickled)."""
    global _counts
    _counts = counts


def _build_language(index: int, config_file: Path, site_dir: Path, edition: Edition,
                    latest_exists: bool) -> str | None:
    """The MkDocs site of language number ``index`` (in a process of its own); why it failed,
    or None."""
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True)
        plugin = config.plugins.get("sapat")
        if isinstance(plugin, SapatPlugin):
            plugin.publish(edition, latest_exists)
            plugin.report_progress = partial(_count, index)
        build(config)
    except (Exception, SystemExit) as exc:
        return str(exc) if isinstance(exc, (MkDocsException, SystemExit)) else f"{type(exc).__name__}: {exc}"
    return None


def _count(index: int, built: int, pages: int) -> None:
    if _counts is not None:
        _counts[2 * index], _counts[2 * index + 1] = built, pages


def _assemble(repository: Repository, editions: list[Edition], draft: Path, work: Path, out: Path) -> None:
    """Every edition and the draft recorded with mike, and the web root made of what mike wrote
    and the editions' own folders. Each language has a branch of its own, recorded in a thread
    of its own: git does the work, and the two languages share nothing but the repository's
    objects."""
    with _throwaway_repository(work / "site.git"), ThreadPoolExecutor(max_workers=len(LANGUAGES)) as threads:
        list(threads.map(partial(_deploy_language, repository, editions, draft, work, out), LANGUAGES))
    (out / ".nojekyll").unlink(missing_ok=True)


def _deploy_language(repository: Repository, editions: list[Edition], draft: Path, work: Path, out: Path,
                     language: str) -> None:
    """``language``'s editions, oldest first, then the draft, recorded by mike in the branch of
    that language, which then becomes ``out/<language>/``.

    What mike makes (``versions.json``, the redirects of ``latest/`` and of the language's
    home) comes out of git. The editions' own folders, which mike would only copy, come from
    disk: each frozen edition copied from main, the draft moved. So mike is given only the
    names of the edition in force's pages (empty files), to redirect ``latest/`` to each, and
    records every edition by version and title: git taking in files that are never read back
    was most of the time.
    """
    branch = f"{BRANCH}-{language}"
    template = work / f"redirect.{language}.html"
    template.write_text(_redirect_template(language), encoding="utf-8")
    recorded_only = work / f"recorded.{language}"
    recorded_only.mkdir()
    folders = {edition.version: edition_folder(repository, edition.version) / PUBLISHED / language
               for edition in editions}
    for index, edition in enumerate(editions):
        in_force = index == len(editions) - 1
        names = _page_names(folders[edition.version], work / f"pages.{language}") if in_force else recorded_only
        _deploy(names, edition.version, edition.title(language), [LATEST] if in_force else [], branch, language,
                template)
    _deploy(recorded_only, DRAFT, draft_edition().title(language), [], branch, language, template)
    mike.set_default(LATEST if editions else DRAFT, template=str(template), branch=branch,
                     deploy_prefix=language, message=f"{language}: the edition in force")
    listed = subprocess.run(["git", "ls-tree", "--name-only", branch, f"{language}/"], capture_output=True,
                            text=True, check=True).stdout.split()
    made_by_mike = [path for path in listed if path.removeprefix(f"{language}/") not in folders.keys() | {DRAFT}]
    with subprocess.Popen(["git", "archive", branch, "--", *made_by_mike], stdout=subprocess.PIPE) as archive:
        subprocess.run(["tar", "-x", "-C", str(out)], stdin=archive.stdout, check=True)
    if archive.returncode:
        raise subprocess.CalledProcessError(archive.returncode, archive.args)
    for version, folder in folders.items():
        shutil.copytree(folder, out / language / version)
    (draft / language).rename(out / language / DRAFT)


def _page_names(folder: Path, names: Path) -> Path:
    """``names``: an empty file for every page of ``folder`` (mike redirects to a page by its name)."""
    for page in folder.rglob("*.html"):
        name = names / page.relative_to(folder)
        name.parent.mkdir(parents=True, exist_ok=True)
        name.touch()
    return names


def _deploy(folder: Path, version: str, title: str, aliases: list[str], branch: str, language: str,
            template: Path) -> None:
    """One edition of one language recorded in ``branch`` (mike deploy): its version and title,
    and the files of ``folder`` under ``<language>/<version>/``."""
    cfg = {"site_dir": str(folder), "use_directory_urls": True}
    with mike.deploy(cfg, version, title, aliases, update_aliases=True, alias_type=mike.AliasType.redirect,
                     template=str(template), branch=branch, deploy_prefix=language,
                     message=f"{language}: {version}"):
        pass  # nothing to build: mike records what ``folder`` holds


@contextmanager
def _throwaway_repository(git_dir: Path) -> Iterator[None]:
    """A bare git repository that every git command of mike uses while the block runs."""
    subprocess.run(["git", "init", "-q", "--bare", str(git_dir)], check=True)
    subprocess.run(["git", "--git-dir", str(git_dir), "config", "pack.compression", "0"], check=True)
    environment = {"GIT_DIR": str(git_dir), "GIT_COMMITTER_NAME": "sapat", "GIT_COMMITTER_EMAIL": "sapat@localhost"}
    saved = {key: os.environ.get(key) for key in environment}
    os.environ.update(environment)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


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


def _write_root(staging: Path, editions: list[Edition], roles: Roles,
                criteria: Mapping[str, Mapping[str, bytes]]) -> None:
    """The web root: an index that sends readers on to the Kyrgyz edition; the list of editions of
    each language (``ky/editions/``) and what a reviewer audits against (``ky/criteria/``), which
    only a build writes, so that they always say which edition is in force and the mappings as of
    their own dates; and the pages a server shows for an address that does not exist: one per
    language (``ky/404.html``), and a bilingual one for the root. Every edition also has its own,
    in its language."""
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
        listing = staging / language / EDITIONS_LIST / "index.html"
        listing.parent.mkdir()
        # its table, wider than a phone, scrolls in a named region, as on the editions' pages
        listing.write_text(scrollable_tables(editions_list_page(editions, roles, language, title),
                                             label("scroll_table", language)), encoding="utf-8")
        for name, content in criteria.get(language, {}).items():
            path = staging / language / CRITERIA / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)


def _swap(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by the new build with two renames."""
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
