"""What the build publishes: nothing on a page runs script or loads from another host, even when
the check is bypassed, and sanitising takes nothing away that sapat or Markdown wrote."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from helpers import copy_sources, html_elements, html_pages
from sapat.core.publishing import steps
from sapat.core.publishing.sanitise import sanitise
from sapat.core.sources.active_html import html_problems
from test_bad_inputs import append, replace

ARTICLE = '<article class="md-content__inner md-typeset">'


def content(page: Path) -> str | None:
    """The part of a built page that the plugin made from the page's Markdown (Material's
    article); None for a page without one (a redirect, a 404 page)."""
    text = page.read_text(encoding="utf-8")
    start = text.find(ARTICLE)
    return text[start + len(ARTICLE):text.index("</article>", start)] if start != -1 else None


def test_no_published_page_holds_anything_that_runs_script_or_loads_from_elsewhere(draft_site):
    """Every page of the draft in both languages, as `sapat build` publishes it."""
    pages = [(page, text) for page in html_pages(draft_site) if (text := content(page)) is not None]
    assert len(pages) == 130  # 65 pages in each language, generated pages (17 audit checklists) and the guide included
    assert {page.relative_to(draft_site).as_posix(): found
            for page, text in pages if (found := html_problems(text))} == {}


#: Written into one page of a copy whose check is bypassed: every form the check refuses.
PLANTED = [
    "<script>alert(1)</script>",
    '<img src="x" onerror="alert(1)">',
    "<svg onload=alert(1)><a xlink:href=\"javascript:alert(1)\"><text>t</text></a></svg>",
    '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>',
    '<p style="background: url(https://evil.example/t.png)">styled</p>',
    '<a href="java&#x09;script:alert(1)">tab</a> <img src="//evil.example/t.png">',
    'Attributes.\n{: onclick="alert(1)" }',
    "[Definition][x].\n\n[x]: javascript:alert(1)",
    "[A link](javascript:alert(1)) and ![an image](https://evil.example/t.png)",
]


def test_a_page_that_got_past_the_check_is_published_with_nothing_active(sources):
    """A preview may go on past errors (``stop_on_errors: false``, not strict): the page is
    built, and every planted form is gone from it while its text stays."""
    append("manual/ky/02-policy.md", "".join(f"\n\nПланта {n}.\n\n{form}\n" for n, form in enumerate(PLANTED)))(sources)
    replace("mkdocs.yml", "      messages: ky\n", "      messages: ky\n      stop_on_errors: false\n")(sources)
    run = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--no-strict", "-f", "mkdocs.yml", "-d", "out"],
                         capture_output=True, text=True, cwd=sources, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "<script> is not allowed" in run.stderr  # the check said so, and the build went on
    page = content(sources / "out/02-policy/index.html")
    assert page is not None and all(f"Планта {n}." in page for n in range(len(PLANTED)))
    assert html_problems(page) == []
    assert "alert(1)" not in page and "evil.example" not in page


@pytest.mark.slow
@pytest.mark.parametrize("config", ["mkdocs.yml", "site_config/ru.yml"])
def test_sanitising_the_real_manual_takes_away_no_element_attribute_or_word(tmp_path, monkeypatch, config):
    """Built once, every page's content as the plugin hands it to the sanitiser and as the
    sanitiser gives it back: the same, element for element (Ammonia writes the HTML anew, so
    the bytes may differ)."""
    root = copy_sources(tmp_path / "repo")
    sanitised: dict[str, tuple[list, list]] = {}

    def recorded(html: str) -> str:
        clean = sanitise(html)
        sanitised[f"page {len(sanitised) + 1}"] = (html_elements(html), html_elements(clean))
        return clean

    monkeypatch.setattr(steps, "sanitise", recorded)
    build(load_config(str(root / config), site_dir=str(tmp_path / "out")))
    published = [page for page in html_pages(tmp_path / "out") if content(page) is not None]
    assert len(sanitised) == len(published) > 40  # every page's content went through it
    changed = [page for page, (written, clean) in sanitised.items() if written != clean]
    assert changed == []
