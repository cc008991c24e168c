"""The build's sanitiser: whatever gets past the check, nothing on a published page runs script or
loads from elsewhere, and everything sapat and Python-Markdown legitimately write is kept."""

from __future__ import annotations

import markdown
import pytest
from test_active_html import ACTIVE, HARMLESS

from helpers import html_elements
from sapat.core.publishing.sanitise import sanitise
from sapat.core.sources.active_html import html_problems

#: The Markdown extensions of mkdocs.yml that shape a page's HTML.
EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc", "pymdownx.critic", "fenced_code"]


def rendered(text: str) -> str:
    return markdown.markdown(text, extensions=EXTENSIONS)


@pytest.mark.parametrize("written", ACTIVE, ids=list(ACTIVE))
def test_every_active_form_is_gone_from_the_page_even_if_the_check_were_bypassed(written):
    page = rendered("Before.\n\n" + written + "\n\nAfter.\n")
    assert html_problems(page) or "javascript:" in page or "evil.example" in page  # the form reaches the HTML
    clean = sanitise(page)
    assert html_problems(clean) == []
    assert "alert(1)" not in clean  # no handler, address or script keeps it
    assert "Before." in clean and "After." in clean


@pytest.mark.parametrize("written", [text for text in HARMLESS if "<!--" not in text])
def test_what_a_page_legitimately_holds_is_kept(written):
    """Element for element, attribute for attribute, word for word (Ammonia writes the HTML
    anew: quotes, character references and empty elements may be written differently)."""
    page = rendered(written + "\n")
    assert html_elements(sanitise(page)) == html_elements(page)


def test_what_sapat_writes_is_kept_element_for_element():
    """A diagram (inline SVG with its text version), a wide table in its scroll region, a
    clause heading with its permalink, a document-control block and the PDF link."""
    page = (
        '<h2 id="4.2">4.2 Талаптар<a class="headerlink" href="#4.2" title="Туруктуу шилтеме" '
        'data-clause="4.2">¶</a></h2>'
        '<div class="sapat-control sapat-control--approved" data-status="approved"><p role="note">x</p></div>'
        '<figure class="sapat-diagram" id="sapat-appendix-1"><div class="sapat-scroll" role="region" '
        'tabindex="0" aria-labelledby="sapat-appendix-1-caption">'
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 628 420.3" width="100%" role="group" '
        'aria-labelledby="t" aria-describedby="d" font-family="inherit" class="sapat-diagram-svg" '
        'style="--sapat-diagram-width: 628px; max-width: 100%">'
        '<title id="t">T</title><desc id="d">D</desc><g class="sapat-boxes"><a href="../processes/x/">'
        '<rect x="1" y="2" width="3" height="4" rx="4" fill="currentColor" fill-opacity="0.06" '
        'stroke="currentColor" stroke-width="1.4" stroke-dasharray="2 3"></rect></a>'
        '<path d="M1 2 L3 4 Z" fill="none" stroke="currentColor" stroke-width="2"></path>'
        '<text x="1" y="2" font-size="12" font-style="italic" font-weight="bold" text-anchor="middle" '
        'fill="currentColor" xml:space="preserve"><tspan text-decoration="underline">Ат</tspan></text></g>'
        '</svg></div><details class="sapat-diagram-text" open=""><summary>Текст</summary><ul><li>a</li></ul>'
        '</details><figcaption id="sapat-appendix-1-caption">Тиркеме 1</figcaption></figure>'
        '<div class="sapat-scroll" role="region" tabindex="0" aria-label="Таблица"><table><thead><tr>'
        '<th scope="col" colspan="2">a</th></tr></thead><tbody><tr><td class="sapat-matrix-self" rowspan="2">'
        '<ins class="critic">new</ins> <del class="critic">old</del></td></tr></tbody></table></div>'
        '<p class="sapat-pdf"><a href="jamu.pdf" type="application/pdf">PDF</a></p>'
        '<p style="text-align: center"><abbr title="x">QMS</abbr><a href="mailto:a@b.invalid">m</a></p>')
    assert sanitise(page) == page
