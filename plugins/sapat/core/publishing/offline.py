"""An edition's offline copy: one language of a frozen edition that works opened from disk.

A reviewer keeps a copy on their own laptop. Opened from ``file://``, the site as published
shows a folder's listing for every page (its addresses are folders), and its search and
version selector vanish (Chromium fetches nothing from disk). The copy is the same edition
built again with what a disk needs (docs/editions.md, "The offline copy"):

- every page a file and every link to a file (MkDocs' ``use_directory_urls: false``, and
  :class:`~..model.links.Location`'s ``file_urls`` for the links sapat writes);
- search: Material's config as a script (:data:`SEARCH_INDEX_SCRIPT`, as Material's own
  ``offline`` plugin writes it; that plugin is not used, for it adds a script from unpkg.com),
  and :data:`OFFLINE_SCRIPT` (``offline.js``), which runs sapat's search worker from a blob
  with the edition's Pagefind index carried inside;
- no version selector (it reads ``versions.json`` beside the edition): a banner names the
  edition and the editions before it, and says where the list of editions is;
- a link that leaves the copy (the other language, the registers and the list of editions,
  which live beside the editions) leads to the site when its address is set, else is no link
  (:func:`keep_links_inside`).
"""

from __future__ import annotations

import base64
import json
import posixpath
import re
import shutil
from dataclasses import dataclass
from functools import partial
from html import escape
from importlib import resources
from pathlib import Path

from ..i18n.labels import label
from ..model.editions import EDITIONS_LIST, Edition
from .search import INDEX_FOLDER, WORKER

#: The script every page of a copy loads before Material's, in the theme's ``extra.polyfills``.
OFFLINE_SCRIPT = "assets/javascripts/sapat-offline.js"
#: Material's search config as a script: what Material reads on a page opened from disk.
SEARCH_INDEX_SCRIPT = "search/search_index.js"
_MATERIAL_INDEX = "search/search_index.json"
_DATA_PLACEHOLDER = "__OFFLINE_DATA__"
#: A link's address in a page (attribute values are quoted with " by MkDocs, Material and sapat).
_HREF = re.compile(r'\shref="([^"]*)"')
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")
#: A link's path, and its query and fragment.
_PATH = re.compile(r"([^?#]*)(.*)", re.DOTALL)


@dataclass(frozen=True)
class OfflineCopy:
    """An edition built as an offline copy: the web root's address, when set (links that leave
    the copy lead there), and where the copy sits in the web root (``ky/2018-12-21/``)."""

    address: str | None
    root: str = ""


def write_search_scripts(site: Path) -> None:
    """The copy's search, after its Pagefind index is written: Material's config as a script,
    and :data:`OFFLINE_SCRIPT` carrying sapat's worker and every file of the index."""
    config = (site / _MATERIAL_INDEX).read_text(encoding="utf-8")
    (site / SEARCH_INDEX_SCRIPT).write_text(f"var __index = {config}", encoding="utf-8")
    index = site / INDEX_FOLDER
    files = {path.relative_to(index).as_posix(): base64.b64encode(path.read_bytes()).decode("ascii")
             for path in sorted(index.rglob("*")) if path.is_file()}
    script_folder = posixpath.dirname(OFFLINE_SCRIPT)
    data = {"worker": posixpath.relpath(WORKER, script_folder), "edition": posixpath.relpath(".", script_folder) + "/",
            "source": (site / WORKER).read_text(encoding="utf-8"), "files": files}
    template = resources.files(__package__).joinpath("offline.js").read_text(encoding="utf-8")
    (site / OFFLINE_SCRIPT).write_text(template.replace(_DATA_PLACEHOLDER, json.dumps(data, sort_keys=True)),
                                       encoding="utf-8")


#: What the site carries that a copy on disk never reads: the sitemap (for search engines, and
#: dated the day of the build, which would make the same copy differ from one day to the next),
#: the scripts' source maps, Material's own search (lunr; sapat's search is Pagefind's), and
#: the Pagefind index as files (the copy's search reads it from :data:`OFFLINE_SCRIPT`).
_NOT_READ_ON_DISK = ("sitemap.xml", "sitemap.xml.gz", "**/*.map", "assets/javascripts/lunr", INDEX_FOLDER)


def leave_out_what_disk_never_reads(site: Path) -> None:
    """The copy in ``site`` without :data:`_NOT_READ_ON_DISK` (a third of its bytes)."""
    for pattern in _NOT_READ_ON_DISK:
        for path in sorted(site.glob(pattern)):
            shutil.rmtree(path) if path.is_dir() else path.unlink()


def keep_links_inside(site: Path, root: str, address: str | None) -> None:
    """Every link of the copy in ``site`` that leaves it, turned into a link to the site at
    ``address`` (the web root's address), or, without one, into no link; a link to a folder of
    the copy leads to its ``index.html``. ``root`` is where the copy sits in the web root
    (``ky/2018-12-21/``): links are resolved as they would be there."""
    for page in sorted(site.rglob("*.html")):
        here = root + page.relative_to(site).as_posix()
        html = page.read_text(encoding="utf-8")
        kept = _HREF.sub(partial(_inside, here=here, root=root, address=address), html)
        if kept != html:
            page.write_text(kept, encoding="utf-8")


def _inside(match: re.Match[str], here: str, root: str, address: str | None) -> str:
    url = match[1]
    if not url or url.startswith(("#", "?")) or _SCHEME.match(url):
        return f' href="{url}"'
    path, rest = _PATH.match(url).groups()  # type: ignore[union-attr]  # matches any text
    target = posixpath.normpath(posixpath.join(posixpath.dirname(here), path))
    folder = path.endswith("/") or path in (".", "..")
    if target.startswith(root) or target + "/" == root:
        return f' href="{path + "index.html" + rest if folder else url}"'
    if address is None:
        return ""
    return f' href="{escape(address.rstrip("/") + "/" + target.lstrip("/") + ("/" if folder else "") + rest)}"'


def offline_notice(edition: Edition, earlier: list[Edition], language: str, address: str | None) -> str:
    """The banner of every page of the copy, where the site has its version selector: which
    edition this is, the editions before it, and where the list of editions is (the one in
    force is said there: a copy cannot know it)."""
    words = label("offline.notice", language, edition=edition.title(language))
    if earlier:
        words += " " + label("offline.earlier", language, editions="; ".join(e.title(language) for e in earlier))
    html = escape(words)
    if address is not None:
        url = f"{address.rstrip('/')}/{language}/{EDITIONS_LIST}/"
        html += f' {escape(label("offline.site", language))} <a href="{escape(url)}">{escape(url)}</a>'
    else:
        html += " " + escape(label("offline.site_unset", language))
    return f'<span class="sapat-offline-notice">{html}</span>'


__all__ = ["OFFLINE_SCRIPT", "SEARCH_INDEX_SCRIPT", "OfflineCopy", "keep_links_inside",
           "leave_out_what_disk_never_reads", "offline_notice", "write_search_scripts"]
