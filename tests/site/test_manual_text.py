"""The manual's own text: complete, with the scan's errors repaired, in both languages."""

from __future__ import annotations

import re
from typing import NamedTuple

import pytest

from helpers import ROOT
from sapat.core.checks.orthography import SCAN_ERRORS
from sapat.core.load import load_project
from sapat.core.model.clauses import scan_page
from sapat.core.sources.files import split_front_matter

KYRGYZ = ROOT / "manual" / "ky"
SCAN = ROOT / "manual" / "scan.txt"

# Forms the scan produced; none of them is a Kyrgyz word.
BROKEN_FORMS = ("беруу", "кецеш", "тузумдук", "белумдер", "енугуу", "вндуруу", "университета",
                "тирекеме", "canav", "6 e p Y Y", "\\ч \\и", "керектеечу", "учун ")


def test_the_kyrgyz_manual_has_none_of_the_scans_broken_forms():
    for page in sorted(KYRGYZ.glob("*.md")):
        text = page.read_text(encoding="utf-8").lower()
        for form in BROKEN_FORMS + tuple(SCAN_ERRORS):
            assert not re.search(r"(?<![\wөүң])" + re.escape(form.lower()), text), (page.name, form)


def test_the_real_manual_passes_every_check(real_project):
    assert load_project(ROOT).errors() == []  # as sapat check finds it today (real_project is of a fixed day)
    project = real_project
    assert project.errors() == []
    for language, pages in project.languages.items():
        numbered = [c for c in pages.index.clauses if not c.startswith("appendix")]
        assert len(numbered) == 77, language
        assert {"appendix-1", "appendix-2"} <= set(pages.index.clauses)


def test_both_editions_refer_to_the_same_clauses_in_the_same_places(real_project):
    project = real_project
    ky, ru = project.languages["ky"], project.languages["ru"]
    def references(pages):
        return sorted((page.name, ref.target) for page in pages.files.values() for ref in page.scan.references)
    assert references(ky) == references(ru)
    assert len(references(ky)) >= 20


class Correction(NamedTuple):
    """A place where the published Kyrgyz text differs from what the scan's letters say."""

    page: str
    clause: str
    scan: str  # as the scan has it, in its own letters (its OCR lost ө, ү, ң)
    published: str


# The author's obvious typos, corrected by the rule of docs/editors.md ("Typos of the author"). To undo a
# correction, put the scan's form back on the page and delete its row.
AUTHOR_TYPOS = (
    Correction("01-general.md", "1.2", "кызыктар", "кызыкдар"),
    Correction("01-general.md", "1.2", "канаттандырууга", "канааттандырууга"),
    Correction("01-general.md", "1.4", "менедменти системасынын стратегиялык",
               "менеджменти системасынын стратегиялык"),
    Correction("02-policy.md", "2.2", "университтин", "университеттин"),
    Correction("03-process-approach.md", "3", "университтин", "университеттин"),
    Correction("03-process-approach.md", "3", "кызыктар", "кызыкдар"),
    Correction("04-qms.md", "4.2.2", "Документештирилген", "Документтештирилген"),
    Correction("05-management.md", "5.1", "камсыз калуу максатында", "камсыз кылуу максатында"),
    Correction("05-management.md", "5.1", "керектуу ресурсттар", "керектүү ресурстар"),
    Correction("05-management.md", "5.2", "ишмеруулугуне", "ишмердүүлүгүнө"),
    Correction("05-management.md", "5.4.1", "белумдердуне жана жана", "бөлүмдөрүнө жана"),
    Correction("05-management.md", "5.6.3", "тарбынан", "тарабынан"),
    Correction("07-product-realization.md", "7.1", "документерди", "документтерди"),
    Correction("07-product-realization.md", "7.3.1", "башкарат. долборлоону", "башкарат. Долборлоону"),
    Correction("07-product-realization.md", "7.3.7", "тааасирин", "таасирин"),
    Correction("08-measurement.md", "8.3", "верфикация", "верификация"),
    Correction("08-measurement.md", "8.4", "канаттанууларын", "канааттанууларын"),
)

# Where the scan itself misread the print and an earlier transcription followed it.
SCAN_READINGS = (
    Correction("05-management.md", "5.5.3", "алмашуу процессии", "алмашуу процессин"),
    Correction("07-product-realization.md", "7.3.2", "чыгуу \\ч \\и сырттан", "чыгуу үчүн сырттан"),
)


class Kept(NamedTuple):
    """A form that looks wrong but is the author's to keep, with the reason."""

    page: str
    clause: str
    form: str
    why: str


KEPT_AS_WRITTEN = (
    Kept("05-management.md", "5.4.2", "ЖАМУнун жетекчилигин", "grammar: a real word form, in the wrong case"),
    Kept("05-management.md", "5.6.1", "ирээтинде", "the manual never spells this word otherwise"),
    Kept("07-product-realization.md", "7.3.4", "иш аракеттерди", "hyphenation varies throughout"),
)

# The scan's OCR wrote ө as е or о, ү as у and ң as ц: compare through these letters.
_SCAN_LETTERS = str.maketrans("өоүңӨОҮҢ", "ееуцЕЕУЦ")


def as_scanned(text: str) -> str:
    """Text as the scan's OCR would have written it, on one line."""
    return " ".join(text.translate(_SCAN_LETTERS).split())


def clause_text(page: str, clause: str) -> str:
    """The heading and text of one clause of a Kyrgyz page, up to the next clause, on one line."""
    body = split_front_matter((KYRGYZ / page).read_text(encoding="utf-8")).body
    lines = body.split("\n")
    headings = scan_page(page, body).clauses
    for heading, following in zip(headings, headings[1:] + (None,), strict=True):
        if heading.id == clause:
            end = following.line - 1 if following else len(lines)
            return " ".join(" ".join(lines[heading.line - 1:end]).split())
    raise AssertionError(f"{page} has no clause {clause}")


def scan_text() -> str:
    return " ".join(SCAN.read_text(encoding="utf-8").split())


def occurs(form: str, text: str) -> bool:
    """Whether ``form`` is in ``text`` as whole words."""
    return re.search(r"(?<!\w)" + re.escape(form) + r"(?!\w)", text) is not None


def label(row: Correction | Kept) -> str:
    return f"{row.page.removesuffix('.md')}-{row.clause}"


@pytest.mark.parametrize("correction", AUTHOR_TYPOS + SCAN_READINGS, ids=label)
def test_each_correction_is_what_the_scan_says_and_what_the_page_shows(correction):
    assert occurs(correction.scan, scan_text()), "the scan does not have this form"
    assert occurs(correction.published, clause_text(correction.page, correction.clause))
    assert as_scanned(correction.scan) != as_scanned(correction.published), \
        "the scan only lacks Kyrgyz letters here: that is a reading, not a correction"


def test_no_corrected_typo_is_left_anywhere_in_the_kyrgyz_manual():
    manual = " ".join(as_scanned(page.read_text(encoding="utf-8"))
                      for page in sorted(KYRGYZ.glob("*.md")))
    assert [c for c in AUTHOR_TYPOS if occurs(as_scanned(c.scan), manual)] == []


@pytest.mark.parametrize("kept", KEPT_AS_WRITTEN, ids=label)
def test_what_the_rule_keeps_is_still_as_the_author_wrote_it(kept):
    assert occurs(as_scanned(kept.form), as_scanned(scan_text())), kept.why
    assert occurs(kept.form, clause_text(kept.page, kept.clause)), kept.why
