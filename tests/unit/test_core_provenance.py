"""Provenance of document control: which values the source states and which the editors
inferred, carried from the front matter to the control block and the register."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from helpers import ROOT, copy_sources
from sapat.core.load import load_project
from sapat.core.model.control import FIELD_LABELS, DocumentControl, Revision
from sapat.core.model.editions import draft_edition
from sapat.core.model.metadata import INFERABLE
from sapat.core.model.roles import Roles
from sapat.core.publishing.page_header import control_block
from sapat.core.publishing.search import NOT_SEARCHED

TODAY = dt.date(2026, 11, 29)
SEVEN = {"status", "approved_by", "approval_date", "protocol", "effective_date", "owner_role", "next_review_date"}


@pytest.fixture(scope="module")
def project(real_project):
    """The real repository as of TODAY (conftest.real_project), read, never changed."""
    assert real_project.today == TODAY
    return real_project


def control(**changes) -> DocumentControl:
    values = dict(code="ЖАМУ-СМС-04", title="t", revision=2, status="approved", owner_role="vice_rector_academic",
                  approved_by="academic_council", approval_date="2018-12-21", protocol="4",
                  effective_date="2018-12-21", next_review_date="2019-12-21", change_summary="",
                  changed_since_approval=False, review_overdue=True,
                  inferred={"next_review_date": {"ky": "Түп нускада <script>x</script> жок.",
                                                 "ru": "В оригинале <script>x</script> нет."},
                            "owner_role": {"ky": "Аталган эмес.", "ru": "Не назван."}})
    return DocumentControl(**{**values, **changes})


def test_the_schema_and_the_core_agree_on_the_fields_that_may_be_inferred():
    schema = json.loads((ROOT / "schemas/page.schema.json").read_text(encoding="utf-8"))
    assert set(schema["properties"]["inferred"]["properties"]) == set(INFERABLE) == set(FIELD_LABELS) == SEVEN


def test_every_page_carries_what_the_scan_does_not_state(project):
    for name in project.source.controlled():
        page_control = project.control(name)
        assert page_control is not None
        assert set(page_control.shown_inferences()) == SEVEN, name
        assert "5.3" in page_control.reason("next_review_date", "ky")
        assert "политике в области качества" in page_control.reason("next_review_date", "ru")
        assert "протокол № 3" in page_control.reason("status", "ru")


def test_the_control_carries_the_flags_and_what_to_say_after_each_value():
    inferred = control()
    assert inferred.shows_inferred("owner_role") and not inferred.shows_inferred("protocol")
    assert inferred.remarks("next_review_date") == ["inferred", "review_overdue_if_inferred"]
    assert inferred.remarks("owner_role") == ["inferred"] and inferred.remarks("protocol") == []
    assert control(inferred={}).remarks("next_review_date") == ["review_overdue"]
    # A page shown as a draft because its text changed: that is sapat's finding, not an inference.
    changed = control(changed_since_approval=True, inferred={"status": {"ky": "a", "ru": "b"}})
    assert changed.shown_status == "draft" and changed.remarks("status") == []
    assert changed.shown_inferences() == []


@pytest.mark.parametrize("language, marker, overdue", [
    ("ky", "редакторлордун тыянагы", "тыянак туура болсо, мөөнөтү өтүп кеткен"),
    ("ru", "вывод редакторов", "срок истёк, если вывод верен"),
])
def test_the_control_block_marks_inferred_values_and_gives_the_reasons_escaped(language, marker, overdue):
    roles = Roles({"vice_rector_academic": {"ky": "проректор <i>", "ru": "проректор <i>"}})
    html = control_block(control(), roles, language, draft_edition())
    assert f"2019-12-21 ({marker}; {overdue})" in html
    assert f"проректор &lt;i&gt; ({marker})" in html
    assert f"№ 4 ({marker})" not in html  # the protocol is not listed as inferred
    # neither the block nor the note is the manual's text: search leaves both out
    assert html.startswith(f'<div class="sapat-control sapat-control--approved" data-status="approved" {NOT_SEARCHED}>')
    note = html.split(f'<div class="sapat-provenance" role="note" {NOT_SEARCHED}>', 1)[1]
    assert f"«{marker}»" in note.lower()  # what the marker means, said once
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in note
    # The reasons come in the order the block shows the values: the owner before the review.
    assert note.index("Аталган эмес." if language == "ky" else "Не назван.") < note.index("&lt;script&gt;")


def test_the_block_says_edition_document_revision_and_status_first_and_the_rest_in_its_details():
    """On a phone the first clause must be on the first screen: the block's first line holds what
    a reader needs before the text, every other value and every reason is one click away."""
    html = control_block(control(inferred={"status": {"ky": "a", "ru": "Не сказано."}}), Roles(), "ru",
                         draft_edition(), "как в издании «x»")
    line, details = html.split("<details", 1)
    assert all(item in line for item in ("<b>Издание:</b> Проект (не утверждён)", "<b>Документ:</b> ЖАМУ-СМС-04",
                                         "<b>Редакция:</b> 2", "<b>Статус:</b> утверждён (вывод редакторов)"))
    assert "<summary>Подробнее о документе и обоснования выводов редакторов</summary>" in details
    for later in ("<b>Текст:</b> как в издании «x»", "<b>Утвердил:</b>", "<b>Дата введения в действие:</b>",
                  "<b>Владелец:</b>", "<b>Следующий пересмотр:</b>", "<b>История редакций:</b>", "Не сказано."):
        assert later not in line and later in details, later
    assert "<summary>Подробнее о документе</summary>" in control_block(control(inferred={}), Roles(), "ru",
                                                                          draft_edition())


def test_the_details_give_the_revisions_with_what_their_decisions_stated():
    revisions = (Revision(1, {"ky": "Каралды.", "ru": "Рассмотрено."}, protocol="3"), Revision(2, "Кабыл алынды."))
    html = control_block(control(revision=3, history=revisions, change_summary={"ky": "Өзгөрдү.", "ru": "Изменено."}),
                         Roles(), "ru", draft_edition())
    history = html.split('<div class="sapat-control__history">', 1)[1].split("</div>", 1)[0]
    assert re.findall(r"<li>(.*?)</li>", history) == [
        "<b>Редакция 1</b> (протокол № 3): Рассмотрено.", "<b>Редакция 2</b>: Кабыл алынды.",
        "<b>Редакция 3</b>: Изменено."]


def test_a_control_block_without_inferences_has_no_note():
    html = control_block(control(inferred={}), Roles(), "ru", draft_edition())
    assert "sapat-provenance" not in html and "вывод редакторов" not in html
    assert "2019-12-21 (срок истёк)" in html


@pytest.mark.parametrize("language, marker, overdue, plain_overdue", [
    ("ky", "редакторлордун тыянагы", "тыянак туура болсо, мөөнөтү өтүп кеткен", "мөөнөтү өтүп кеткен"),
    ("ru", "вывод редакторов", "срок истёк, если вывод верен", "срок истёк"),
])
def test_the_register_says_which_values_are_inferred_and_overdue_only_if_the_inference_holds(
        tmp_path, language, marker, overdue, plain_overdue):
    root = copy_sources(tmp_path)
    roles = root / "processes/roles.yml"
    roles.write_text(roles.read_text(encoding="utf-8").replace(
        "    ky: окуу иштери боюнча проректор\n    ru: проректор по учебной работе\n",
        '    ky: "окуу иштери боюнча <b>проректор</b> | *x*"\n    ru: "проректор <b>по учебной</b> | *x*"\n'),
        encoding="utf-8")
    # The quality department confirmed every value of section 4: it lists nothing as inferred.
    page = root / "manual/ky/04-qms.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"\ninferred:\n(?:  .*\n)+", "\n", text), encoding="utf-8")
    project = load_project(root, TODAY)
    assert project.errors() == []
    register = project.languages[language].generated["register.md"].body
    rows = {line.split(" | ")[0].removeprefix("| "): line for line in register.splitlines()
            if line.startswith("| ЖАМУ-СМС-")}
    assert f"| 2019-12-21 ({marker}; {overdue}) |" in rows["ЖАМУ-СМС-05"]
    assert f"| 2018-12-21 ({marker}) |" in rows["ЖАМУ-СМС-05"]
    assert "&lt;b&gt;" in rows["ЖАМУ-СМС-05"] and r"\| \*x\* (" + marker + ") |" in rows["ЖАМУ-СМС-05"]
    assert "<b>" not in register
    assert marker not in rows["ЖАМУ-СМС-04"] and f"| 2019-12-21 ({plain_overdue}) |" in rows["ЖАМУ-СМС-04"]
    assert f"«{marker}»" in register.lower()  # the note under the intro says what the marker means
