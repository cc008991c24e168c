"""Printing a page from Chromium: every sheet names the document, its revision, date and edition,
counts the sheets and says that a printout is not controlled; only the text column prints."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

A4_TEXT_WIDTH_PX = round((210 - 2 * 16) / 25.4 * 96)  # the sheet less the margins of sapat.css
A4_HEIGHT_PX = round(297 / 25.4 * 96)

SHEETS = {
    "ky": {"edition": "Долбоор (бекитиле элек)", "uncontrolled": "Басылып чыккан нуска башкарылбайт",
           "sheet": r"Бет {n} / {total}", "not_printed": ["Терминдер сөздүгү", "Мурунку", "Издөө"]},
    "ru": {"edition": "Проект (не утверждён)", "uncontrolled": "Распечатанный экземпляр не является контролируемым",
           "sheet": r"Страница {n} из {total}", "not_printed": ["Глоссарий", "Назад", "Поиск"]},
}


def pdf_text(pdf: Path, sheet: int | None = None, layout: bool = True) -> str:
    """The text of a PDF (one sheet, or all with form feeds between), as pdftotext reads it:
    laid out as printed, or in reading order."""
    options = (["-f", str(sheet), "-l", str(sheet)] if sheet else []) + (["-layout"] if layout else [])
    return subprocess.run([shutil.which("pdftotext") or "pdftotext", *options, str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout


def print_to_pdf(page, url: str, pdf: Path) -> int:
    """The page as Chromium prints it (its own page size and margins); the number of sheets."""
    page.goto(url)
    page.pdf(path=str(pdf), prefer_css_page_size=True)
    return pdf_text(pdf).count("\f")


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_every_sheet_carries_document_control_and_the_uncontrolled_notice(page, base_url, tmp_path, language):
    expected = SHEETS[language]
    sheets = print_to_pdf(page, f"{base_url}/{language}/draft/07-product-realization/", tmp_path / "page.pdf")
    assert sheets >= 2
    for number in (1, 2, sheets):
        text = pdf_text(tmp_path / "page.pdf", number)
        for value in ("ЖАМУ-СМС-07", "Редакция 2", "2018-12-21", expected["edition"], expected["uncontrolled"]):
            assert value in text, f"sheet {number} lacks {value!r}"
        assert re.search(expected["sheet"].format(n=number, total=sheets), text), f"sheet {number}: no sheet count"
        for screen_only in expected["not_printed"]:  # navigation, footer, search
            assert screen_only not in text, f"sheet {number} prints {screen_only!r}"


def test_a_generated_page_prints_the_manual_s_document_control(page, base_url, tmp_path):
    print_to_pdf(page, f"{base_url}/ky/draft/register/", tmp_path / "register.pdf")
    assert "ЖАМУ-СМС-00 · Редакция 2 · 2018-12-21" in pdf_text(tmp_path / "register.pdf", 1)


def test_printed_links_show_the_clause_they_lead_to(page, base_url, tmp_path):
    print_to_pdf(page, f"{base_url}/ky/draft/appendix-1/", tmp_path / "appendix.pdf")
    text = " ".join(pdf_text(tmp_path / "appendix.pdf", layout=False).split())
    # the text version of the figure links block names to their clauses
    assert "Жетекчиликтин жоопкерчилиги (5)" in text
    assert "Ресурстар менеджменти (6)" in text


@pytest.mark.parametrize("address", ["ky/draft/appendix-1/", "ru/draft/processes/"])
def test_diagrams_fit_the_printed_sheet(page, base_url, address):
    page.set_viewport_size({"width": A4_TEXT_WIDTH_PX, "height": A4_HEIGHT_PX})
    page.goto(f"{base_url}/{address}")
    page.emulate_media(media="print")
    boxes = page.evaluate("""() => [...document.querySelectorAll('.sapat-diagram-svg')].map(svg => {
        const box = svg.getBoundingClientRect(); return [box.left, box.right, box.height]; })""")
    assert boxes
    for left, right, height in boxes:
        assert left >= 0 and right <= A4_TEXT_WIDTH_PX and height < A4_HEIGHT_PX * 0.85


@pytest.mark.parametrize("scripts", [True, False], ids=["with scripts", "without scripts"])
def test_a_printout_has_the_document_control_whole(browser, base_url, tmp_path, scripts):
    """On screen the approval, owner, review, history and the reasons of every inference are
    behind the control block's summary; on paper they are all there, and the summary is not."""
    context = browser.new_context(java_script_enabled=scripts)
    page = context.new_page()
    print_to_pdf(page, f"{base_url}/ru/draft/07-product-realization/", tmp_path / "page.pdf")
    context.close()
    text = " ".join(pdf_text(tmp_path / "page.pdf", 1, layout=False).split())
    for value in ("Владелец: проректор по учебной работе (вывод редакторов)",
                  "Следующий пересмотр: 2019-12-21 (вывод редакторов", "Редакция 1 (протокол № 3)",
                  "Значения с пометкой «вывод редакторов»", "Владелец руководства в оригинале не назван"):
        assert value in text
    assert "Подробнее о документе" not in text


def test_the_script_opens_the_details_for_printing_and_closes_them_after(page, base_url):
    """For a browser whose print style sheet cannot show what a closed <details> holds."""
    page.goto(f"{base_url}/ky/draft/04-qms/")
    details = page.locator(".sapat-control details")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")
    assert details.evaluate("details => details.open")
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    assert not details.evaluate("details => details.open")
    details.locator("summary").click()  # opened by the reader: printing leaves it open
    page.evaluate("() => { window.dispatchEvent(new Event('beforeprint')); "
                  "window.dispatchEvent(new Event('afterprint')); }")
    assert details.evaluate("details => details.open")


def test_the_interaction_matrix_prints_as_its_list(page, base_url, tmp_path):
    """17 columns do not fit a sheet: paper gets the list of the same hand-overs."""
    print_to_pdf(page, f"{base_url}/ru/draft/interaction-matrix/", tmp_path / "matrix.pdf")
    text = " ".join(pdf_text(tmp_path / "matrix.pdf", layout=False).split())
    assert "Под каждым процессом — процессы, которым он передаёт свой результат" in text
    assert "3. Анализ со стороны руководства — 5.6.2: статус предупреждающих действий" in text
    assert "Передает ↓, принимает →" not in text  # the table's corner
