"""Building the published web root: every language as its own MkDocs site, swapped in whole.

Each language is a separate MkDocs build with its own search index and 404 page (Material's
documented pattern for multilingual sites). The build goes into a temporary folder beside
``site/`` and replaces it only when every language built cleanly, so a failed build never
damages the previously published site.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from html import escape
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .core.editions import draft_edition
from .core.languages import LANGUAGES, SOURCE_LANGUAGE
from .core.pdf import PdfJob, pdf_file_name, write_pdfs
from .core.project import load_project_cached
from .core.repository import Repository


class BuildFailed(Exception):
    """The site could not be built; the message says why, the old site is untouched."""


def build_site(repository: Repository, site_dir: Path) -> None:
    """Build every language into ``site_dir`` atomically."""
    _show_mkdocs_warnings()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        for language in LANGUAGES:
            _build_language(repository, language, staging / language)
        _write_pdfs(repository, staging)
        _write_root(staging)
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


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


def _build_language(repository: Repository, language: str, out: Path) -> None:
    try:
        config = load_config(config_file=str(repository.config_file(language)), site_dir=str(out),
                             strict=True)
        build(config)
    except (Exception, SystemExit) as exc:
        reason = str(exc) if isinstance(exc, (MkDocsException, SystemExit)) else f"{type(exc).__name__}: {exc}"
        raise BuildFailed(f"the {language} edition did not build: {reason}") from None


def _write_pdfs(repository: Repository, staging: Path) -> None:
    """The draft as one PDF per language, at the root of that language's site (core/pdf)."""
    edition = draft_edition()
    jobs = [PdfJob(edition, language, staging / language / pdf_file_name(edition, language)) for language in LANGUAGES]
    try:
        write_pdfs(load_project_cached(repository.root), jobs)
    except Exception as exc:
        raise BuildFailed(f"the PDF was not made: {type(exc).__name__}: {exc}") from None


def _write_root(staging: Path) -> None:
    """The web root: an index that sends readers on to the Kyrgyz edition, and a bilingual 404.

    Each edition has its own 404 in its own language; the root one, which a server shows for
    a path outside both editions, speaks both languages rather than whichever was built last.
    """
    def links(prefix: str) -> str:
        return "".join(f'<li><a href="{prefix}{lang}/" hreflang="{lang}" lang="{lang}">'
                       f"{escape(language.site_title)}</a></li>" for lang, language in LANGUAGES.items())
    head = '<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><meta name="viewport" ' \
           'content="width=device-width,initial-scale=1"><title>{title}</title>{extra}</head>'
    (staging / "index.html").write_text(
        head.format(lang=SOURCE_LANGUAGE, title="ЖАМУ / ЖАГУ",
                    extra=f'<meta http-equiv="refresh" content="0; url={SOURCE_LANGUAGE}/">')
        + f"<body><ul>{links('')}</ul></body></html>\n", encoding="utf-8")
    (staging / "404.html").write_text(
        head.format(lang=SOURCE_LANGUAGE, title="404", extra="")
        + '<body><h1>404</h1><p>Барак табылган жок.</p><p lang="ru">Страница не найдена.</p>'
        + f"<ul>{links('/')}</ul></body></html>\n", encoding="utf-8")


def _swap(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by the new build with two renames."""
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
