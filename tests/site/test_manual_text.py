"""The manual's own text: complete, with the scan's errors repaired, in both languages."""

from __future__ import annotations

import re

from helpers import ROOT

from sapat.core.orthography import SCAN_ERRORS
from sapat.core.project import load_project

# Forms the scan produced; none of them is a Kyrgyz word.
BROKEN_FORMS = ("беруу", "кецеш", "тузумдук", "белумдер", "енугуу", "вндуруу", "университета",
                "тирекеме", "canav", "6 e p Y Y", "\\ч \\и", "керектеечу", "учун ")


def test_the_kyrgyz_manual_has_none_of_the_scans_broken_forms():
    for page in sorted((ROOT / "manual" / "ky").glob("*.md")):
        text = page.read_text(encoding="utf-8").lower()
        for form in BROKEN_FORMS + tuple(SCAN_ERRORS):
            assert not re.search(r"(?<![\wөүң])" + re.escape(form.lower()), text), (page.name, form)


def test_the_real_manual_passes_every_check():
    project = load_project(ROOT)
    assert project.errors() == []
    for language, edition in project.editions.items():
        numbered = [c for c in edition.index.clauses if not c.startswith("appendix")]
        assert len(numbered) == 77, language
        assert {"appendix-1", "appendix-2"} <= set(edition.index.clauses)


def test_both_editions_refer_to_the_same_clauses_in_the_same_places():
    project = load_project(ROOT)
    ky, ru = project.editions["ky"], project.editions["ru"]
    def references(edition):
        return sorted((scan.page.rsplit("/", 1)[1], ref.target)
                      for scan in edition.index.scans for ref in scan.references)
    assert references(ky) == references(ru)
    assert len(references(ky)) >= 20
