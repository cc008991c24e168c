"""Search: the manual's text indexed by Pagefind, Kyrgyz as readers type it, shown by Material.

Material's own search (lunr) builds its whole index in the reader's browser from a file holding
the text of every page: at 2,000 procedures per language 25 MB, 2 to 5 s from typing to the
first result (docs/search.md has the measurements). Pagefind indexes the built pages here, in
chunks, and a query fetches only the chunks of its words and the pages it shows.

- :func:`write_index` indexes one built edition into its ``pagefind/`` folder: the article of
  every page, without the drawings (their text version says the same in sentences), the
  permalinks and what sapat adds around the manual's text (document control, the editors'
  inference notes, notices, the link to the PDF, backlinks, an edition's record), which
  carries :data:`NOT_SEARCHED`.
- Material's search dialog stays as it is: its search plugin renders the header's search and
  the results, and asks a worker for them in its own messages. The worker is sapat's
  (``search.js``, :func:`worker_script`), which answers from Pagefind; the plugin points the
  page at it (:data:`WORKER`) and keeps every page out of Material's own index.
- On a Russian keyboard ө, ү, ң are written о, у, н. The Kyrgyz index is made of the words
  folded by :func:`fold_kyrgyz`, and the worker folds the query the same way, so "бекитуу",
  "бекитүү" and "бекитуү" find the same; the previews quote the words as written (see
  :func:`write_index`). The folding table is defined once, here; the worker gets it from here.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import re
import shutil
import tempfile
import zlib
from collections.abc import Coroutine, Iterable
from concurrent.futures import ThreadPoolExecutor
from fnmatch import fnmatch
from importlib import resources
from pathlib import Path
from typing import Any

from pagefind.index import IndexConfig, PagefindIndex

from ..diagnostics import SapatError
from ..i18n.messages import Message

KYRGYZ = "ky"
#: The Kyrgyz letters a Russian keyboard lacks, and what readers type instead.
KYRGYZ_LETTERS = "өүңӨҮҢ"
TYPED_INSTEAD = "оунОУН"
_FOLDING = str.maketrans(KYRGYZ_LETTERS, TYPED_INSTEAD)

#: The attribute (name, value) of an element whose text is not the manual's: Pagefind leaves
#: the element out of the index.
NOT_SEARCHED_ATTRIBUTE = ("data-pagefind-ignore", "index")
#: The same attribute as written in HTML.
NOT_SEARCHED = '{}="{}"'.format(*NOT_SEARCHED_ATTRIBUTE)
#: What is indexed of a page (Material's article), and what in it is not: the drawings and
#: the headings' permalinks ("¶").
_ARTICLE = "article.md-content__inner"
_ARTICLE_HTML = re.compile(r'<article class="md-content__inner\b.*?</article>', re.DOTALL)
_NOT_TEXT = ("svg", ".headerlink")

#: Where the index is written, inside an edition's folder.
INDEX_FOLDER = "pagefind"
#: What of Pagefind's output the worker uses; the rest (its own search interfaces) is not kept.
_KEPT = ("pagefind.js", "pagefind-entry.json", "*.pagefind", "*.pf_meta", "index", "fragment", "filter")
#: Material's search worker among the theme's files (named by the theme's hash), and sapat's,
#: which the pages ask instead.
MATERIAL_WORKER = "assets/javascripts/workers/search.*.min.js"
WORKER = "assets/javascripts/workers/sapat-search.js"
_TABLE_PLACEHOLDER = "__FOLDING_TABLE__"
_FRAGMENT_MAGIC = b"pagefind_dcd"


def fold_kyrgyz(text: str) -> str:
    """``text`` as a reader without ө, ү, ң on the keyboard types it (either case)."""
    return text.translate(_FOLDING)


def worker_script() -> str:
    """sapat's search worker (``search.js``) with the folding table of :func:`fold_kyrgyz`."""
    template = resources.files(__package__).joinpath("search.js").read_text(encoding="utf-8")
    table = json.dumps(dict(zip(KYRGYZ_LETTERS, TYPED_INSTEAD, strict=True)))  # \u escapes: any charset
    return template.replace(_TABLE_PLACEHOLDER, table)


def material_worker(paths: Iterable[str]) -> str | None:
    """Material's search worker among the theme's files (its name carries the theme's hash)."""
    return next((path for path in paths if fnmatch(path, MATERIAL_WORKER)), None)


#: How many times an index is made before an unfinished one stops the build (see _complete).
ATTEMPTS = 3


def write_index(site: Path, language: str, file_urls: bool = False) -> None:
    """Index the built edition in ``site`` into ``site/pagefind/``, in ``language``; with
    ``file_urls`` (an offline copy: pages are files), results lead to ``index.html`` too.

    Pagefind reads each page's article only (the rest of a page is navigation). For Kyrgyz, it
    indexes the articles folded (:func:`fold_kyrgyz`), and every page's fragment (what a result
    shows: its text, title and headings) is then taken from an index of the articles as written.
    Folding changes letters only, one for one, so both indexes count the same words at the same
    places: the words found in the folded index are marked in the text as written. A page whose
    two fragments differ in words or headings stops the build.
    """
    output = site / INDEX_FOLDER
    with tempfile.TemporaryDirectory(prefix="sapat-search-") as scratch:
        as_written, folded, written_index = Path(scratch, "as-written"), Path(scratch, "folded"), Path(scratch, "index")
        pages = 0
        for page in site.rglob("*.html"):
            if (found := _ARTICLE_HTML.search(page.read_text(encoding="utf-8"))) is not None:
                article = f"<html><body>{found.group(0)}</body></html>"
                _write(as_written / page.relative_to(site), article)
                pages += 1
                if language == KYRGYZ:
                    _write(folded / page.relative_to(site), fold_kyrgyz(article))
        for _ in range(ATTEMPTS):
            for index in (output, written_index):
                shutil.rmtree(index, ignore_errors=True)
            if language != KYRGYZ:
                _run(_index(as_written, language, output, file_urls))
            else:
                _run(_side_by_side(_index(as_written, language, written_index, file_urls),
                                   _index(folded, language, output, file_urls)))
            indexed = min(_complete(index, pages) for index in ((output, written_index) if language == KYRGYZ
                                                                 else (output,)))
            if indexed == pages:
                break
        else:
            raise SapatError(Message("search.index_incomplete", language=language, pages=pages, indexed=indexed))
        if language == KYRGYZ:
            _show_as_written(output, written_index)
    _keep_what_is_used(output)


def _complete(index: Path, pages: int) -> int:
    """How many pages the written ``index`` holds whole: ``pages`` when nothing is missing.

    Pagefind's Python API stops its service as soon as the service answers a write, and the
    service may answer before every file is written: under load (two languages indexed at once)
    one build in about thirty left ``pagefind-entry.json`` empty, and search broken without a
    word. So the files are read back (the entry as JSON, each fragment unpacked), and an index
    made again when one is missing, cut short or empty."""
    try:
        json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))
        if (index / "pagefind.js").stat().st_size == 0:
            return 0
        return sum(1 for path in (index / "fragment").glob("*") if _read_fragment(path))
    except (OSError, ValueError, EOFError, zlib.error):
        return 0


def _run(work: Coroutine[Any, Any, None]) -> None:
    """``work`` run to its end in an event loop of its own, in a thread of its own: the caller
    may be running a loop already (Playwright's synchronous API does, in the tests)."""
    with ThreadPoolExecutor(max_workers=1) as thread:
        thread.submit(asyncio.run, work).result()


def _write(path: Path, html: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


async def _side_by_side(*indexes: Coroutine[Any, Any, None]) -> None:
    """Both Kyrgyz indexes at once, a Pagefind process each: at +2,000 5.0 s instead of 6.6 s."""
    await asyncio.gather(*indexes)


async def _index(pages: Path, language: str, output: Path, file_urls: bool) -> None:
    """Pagefind's index of the pages in ``pages`` (read from disk by Pagefind: handing them over
    one by one through its Python API took 0.1 s a page) written into ``output``."""
    config = IndexConfig(root_selector=_ARTICLE, exclude_selectors=list(_NOT_TEXT), force_language=language,
                         output_path=str(output), keep_index_url=file_urls)
    async with PagefindIndex(config=config) as index:
        await index.add_directory(str(pages))


def _show_as_written(folded: Path, as_written: Path) -> None:
    """Each fragment of the ``folded`` index replaced by the same page's fragment as written."""
    written = {fragment["url"]: fragment for fragment in map(_read_fragment, (as_written / "fragment").iterdir())}
    for path in (folded / "fragment").iterdir():
        fragment = _read_fragment(path)
        original = written[fragment["url"]]
        if (original["word_count"], [a["location"] for a in original["anchors"]]) != \
                (fragment["word_count"], [a["location"] for a in fragment["anchors"]]):
            raise ValueError(f"search: {fragment['url']} reads differently folded")
        path.write_bytes(gzip.compress(_FRAGMENT_MAGIC + json.dumps(original, ensure_ascii=False).encode(), mtime=0))


def _read_fragment(path: Path) -> Any:
    return json.loads(gzip.decompress(path.read_bytes()).removeprefix(_FRAGMENT_MAGIC))


def _keep_what_is_used(output: Path) -> None:
    for path in output.iterdir():
        if not any(fnmatch(path.name, kept) for kept in _KEPT):
            (shutil.rmtree if path.is_dir() else Path.unlink)(path)
