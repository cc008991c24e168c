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

import gzip
import json
import re
import shutil
import subprocess
import tempfile
import zlib
from collections.abc import Iterable
from fnmatch import fnmatch
from importlib import resources
from pathlib import Path
from typing import Any

from pagefind_bin import get_executable

from ..diagnostics import SapatError
from ..i18n.messages import Message

KYRGYZ = "ky"
#: The Kyrgyz letters a Russian keyboard lacks, and what readers type instead.
KYRGYZ_LETTERS = "өүңӨҮҢ"
TYPED_INSTEAD = "оунОУН"

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
#: Pagefind's program, from its wheel (``pagefind[bin]`` in pyproject.toml).
_PAGEFIND = get_executable()
_FRAGMENT_MAGIC = b"pagefind_dcd"


def fold_kyrgyz(text: str) -> str:
    """``text`` as a reader without ө, ү, ң on the keyboard types it (either case).

    Six replacements, not ``str.translate``: translate looks every character of a Cyrillic page
    up one by one, 70 times slower (50 ms of each Kyrgyz build, the articles folded for search)."""
    for letter, typed in zip(KYRGYZ_LETTERS, TYPED_INSTEAD, strict=True):
        text = text.replace(letter, typed)
    return text


def worker_script() -> str:
    """sapat's search worker (``search.js``) with the folding table of :func:`fold_kyrgyz`."""
    template = resources.files(__package__).joinpath("search.js").read_text(encoding="utf-8")
    table = json.dumps(dict(zip(KYRGYZ_LETTERS, TYPED_INSTEAD, strict=True)))  # \u escapes: any charset
    return template.replace(_TABLE_PLACEHOLDER, table)


def material_worker(paths: Iterable[str]) -> str | None:
    """Material's search worker among the theme's files (its name carries the theme's hash)."""
    return next((path for path in paths if fnmatch(path, MATERIAL_WORKER)), None)


def write_index(site: Path, language: str, file_urls: bool = False) -> None:
    """Index the built edition in ``site`` into ``site/pagefind/``, in ``language``; with
    ``file_urls`` (an offline copy: pages are files), results lead to ``index.html`` too.

    Pagefind reads each page's article only (the rest of a page is navigation), from the built
    pages themselves: a page without one (the 404 page) is not indexed. For Kyrgyz, it indexes
    copies of the articles folded (:func:`fold_kyrgyz`), and every page's fragment (what a result
    shows: its text, title and headings) is then taken from an index of the pages as written.
    Folding changes letters only, one for one, so both indexes count the same words at the same
    places: the words found in the folded index are marked in the text as written. A page whose
    two fragments differ in words or headings stops the build. (Only the folded articles are
    copied: a copy of every page as written, as before, gave the same index, byte for byte, at
    the cost of a file and a folder more per page.)
    """
    output = site / INDEX_FOLDER
    shutil.rmtree(output, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="sapat-search-") as scratch:
        folded, written_index = Path(scratch, "folded"), Path(scratch, "index")
        pages = 0
        for page in site.rglob("*.html"):
            if (found := _ARTICLE_HTML.search(page.read_text(encoding="utf-8"))) is not None:
                pages += 1
                if language == KYRGYZ:
                    _write(folded / page.relative_to(site), f"<html><body>{fold_kyrgyz(found.group(0))}</body></html>")
        # Kyrgyz: both indexes at once, a Pagefind each (at +2,000 5.0 s instead of 6.6 s).
        indexes = {written_index: site, output: folded} if language == KYRGYZ else {output: site}
        _wait(language, [_pagefind(source, language, index, Path(scratch), file_urls)
                         for index, source in indexes.items()])
        indexed = min(_complete(index) for index in indexes)
        if indexed != pages:
            raise SapatError(Message("search.index_incomplete", language=language, pages=pages, indexed=indexed))
        if language == KYRGYZ:
            _show_as_written(output, written_index)
    _keep_what_is_used(output)


def _pagefind(pages: Path, language: str, output: Path, scratch: Path, file_urls: bool) -> subprocess.Popen[bytes]:
    """Pagefind indexing the pages in ``pages`` (read from disk by Pagefind) into ``output``, as
    a process of its own, which ends when every file is written. (Through its Python API, whose
    service is stopped as soon as it answers the write, about one build in thirty under load
    found its index empty or cut short, and under heavy load three attempts in a row.) It runs
    in ``scratch``, so that no Pagefind configuration file where sapat runs is read; with
    ``file_urls`` results keep ``index.html`` at the end of their addresses."""
    command = [str(_PAGEFIND), "--site", str(pages), "--output-path", str(output), "--root-selector", _ARTICLE,
               "--exclude-selectors", ", ".join(_NOT_TEXT), "--force-language", language, "--silent",
               *(["--keep-index-url"] if file_urls else [])]
    return subprocess.Popen(command, cwd=scratch, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)


#: How many lines of what a failing Pagefind said reach the editor.
_SAID = 2


def _wait(language: str, processes: list[subprocess.Popen[bytes]]) -> None:
    """Each of ``processes`` ended; the first that failed stops the build with what it said
    (its first lines: a panic is repeated once per page, with a backtrace)."""
    said = [(process.communicate()[0], process.returncode) for process in processes]
    for output, code in said:
        if code != 0:
            lines = [line.strip() for line in output.decode(errors="replace").splitlines() if line.strip()]
            words = " ".join(lines[:_SAID]) or f"exit {code}"
            raise SapatError(Message("search.pagefind_failed", language=language, output=words))


def _complete(index: Path) -> int:
    """How many pages the written ``index`` holds whole (the entry read as JSON, each fragment
    unpacked): what a reader's search can find, counted on disk, not taken on trust."""
    try:
        json.loads((index / "pagefind-entry.json").read_text(encoding="utf-8"))
        if (index / "pagefind.js").stat().st_size == 0:
            return 0
        return sum(1 for path in (index / "fragment").glob("*") if _read_fragment(path))
    except (OSError, ValueError, EOFError, zlib.error):
        return 0


def _write(path: Path, html: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")


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
