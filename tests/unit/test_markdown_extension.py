"""The Python-Markdown extension on its own, the way mkdocs-autorefs tests its extension:
Markdown in, HTML out, every lookup answered by the test."""

from __future__ import annotations

from markdown import Markdown

from sapat.core.model.links import LinkTarget
from sapat.core.publishing.search import NOT_SEARCHED
from sapat.markdown import ReferencesExtension, slugify

CLAUSES = {"4.2.4": LinkTarget("../04-qms.md#4.2.4", "4.2.4", "4.2.4 Каттоолорду башкаруу"),
           "appendix-1": LinkTarget("appendix-1.md#appendix-1", "Тиркеме 1", "Тиркеме 1")}
BACKLINKS = {"4.2.4": [LinkTarget("#8.2.4", "8.2.4", "8.2.4 Продукцияны <өлчөө>")]}


def convert(text: str) -> tuple[str, list[str]]:
    missing: list[str] = []
    extension = ReferencesExtension(resolve=CLAUSES.get, backlinks=lambda ident: BACKLINKS.get(ident, []),
                                    on_missing=missing.append, backlinks_label="Шилтеме берген:")
    html = Markdown(extensions=[extension, "toc"], extension_configs={"toc": {"slugify": slugify}}).convert(text)
    return html, missing


def test_a_reference_becomes_a_link_the_caller_resolved():
    html, missing = convert("Каттоо ([[4.2.4]]) жана [[ тиркеме 1 ]].")
    assert '<a class="sapat-ref" href="../04-qms.md#4.2.4" title="4.2.4 Каттоолорду башкаруу">4.2.4</a>' in html
    assert '<a class="sapat-ref" href="appendix-1.md#appendix-1" title="Тиркеме 1">тиркеме 1</a>' in html
    assert missing == []


def test_an_unknown_reference_is_reported_and_never_a_dead_link():
    html, missing = convert("Караңыз [[9.9]].")
    assert missing == ["9.9"]
    assert '<span class="sapat-ref sapat-ref--broken">9.9</span>' in html and "<a" not in html


def test_code_is_left_alone():
    html, missing = convert("`[[9.9]]` жана\n\n    [[9.9]]\n")
    assert "<code>[[9.9]]</code>" in html and missing == []


def test_a_clause_heading_gets_its_number_as_id_and_its_backlinks_under_it():
    html, _ = convert("## 4.2.4 Каттоолорду башкаруу\n\nТекст.\n")
    assert f'<h2 id="4.2.4">4.2.4 Каттоолорду башкаруу</h2>\n<p class="sapat-backlinks" {NOT_SEARCHED}>' \
           'Шилтеме берген: <a href="#8.2.4" title="8.2.4 Продукцияны &lt;өлчөө&gt;">8.2.4</a></p>' in html
    plain, _ = convert("## Кириш сөз\n")
    assert '<h2 id="кириш-сөз">' in plain and "sapat-backlinks" not in plain
