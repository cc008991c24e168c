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

from .core.layout import LANGUAGES, SOURCE_LANGUAGE, Layout
from .core.not_found import not_found_page

CONFIG_FILES = {"ky": "mkdocs.yml", "ru": "site_config/ru.yml"}
ROOT_TITLES = {"ky": "Сапат менеджменти системасы", "ru": "Система менеджмента качества"}


class BuildFailed(Exception):
    """The site could not be built; the message says why, the old site is untouched."""


def build_site(layout: Layout, site_dir: Path) -> None:
    """Build every language into ``site_dir`` atomically."""
    _show_mkdocs_warnings()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
    try:
        for language in LANGUAGES:
            _build_language(layout, language, staging / language)
        _write_root(staging)
        _swap(staging, site_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _show_mkdocs_warnings() -> None:
    """Print MkDocs' warnings and errors as its own command line would (once per process)."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "sapat", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        handler.setLevel(logging.WARNING)
        handler.sapat = True
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def _build_language(layout: Layout, language: str, out: Path) -> None:
    config_file = layout.root / CONFIG_FILES[language]
    try:
        config = load_config(config_file=str(config_file), site_dir=str(out), strict=True)
        build(config)
    except (MkDocsException, SystemExit) as exc:
        raise BuildFailed(f"the {language} edition did not build: {exc}") from None


def _write_root(staging: Path) -> None:
    """The web root: an index that sends readers on to the Kyrgyz edition, and a bilingual 404.

    Each edition has its own 404 in its own language; the root one, which a server shows for
    a path outside both editions, speaks both languages rather than whichever was built last.
    """
    links = "".join(f'<li><a href="{lang}/" hreflang="{lang}" lang="{lang}">{escape(title)}</a></li>'
                    for lang, title in ROOT_TITLES.items())
    (staging / "index.html").write_text(
        f'<!doctype html><html lang="{SOURCE_LANGUAGE}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1"><title>ЖАМУ / ЖАГУ</title>'
        f'<meta http-equiv="refresh" content="0; url={SOURCE_LANGUAGE}/"></head>'
        f"<body><ul>{links}</ul></body></html>\n", encoding="utf-8")
    (staging / "404.html").write_text(not_found_page(ROOT_TITLES), encoding="utf-8")


def _swap(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by the new build with two renames."""
    old = site_dir.with_name(site_dir.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    shutil.rmtree(old, ignore_errors=True)
