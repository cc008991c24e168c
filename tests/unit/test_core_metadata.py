"""Revision metadata: the schema with lines and paths, document-control rules, approvals."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from sapat.core.checks.revisions import revision_rules
from sapat.core.diagnostics import SapatError
from sapat.core.model.pages import LanguagePages, _parse_page
from sapat.core.model.project import Project
from sapat.core.releasing.approve import Approval, a_year_after, approve
from sapat.core.sources.files import load_yaml, split_front_matter
from sapat.core.sources.fingerprints import fingerprint
from sapat.core.sources.repository import Repository
from sapat.core.sources.schemas import load_schema, schema_diagnostics

SCHEMA = Path(__file__).resolve().parents[2] / "schemas" / "page.schema.json"
BODY = "# 4. Сапат\n\nТекст.\n"
GOOD = f"""document_code: ЖАМУ-СМС-04
title: "4. Сапат"
revision: 2
status: approved
owner_role: vice_rector_academic
approved_by: academic_council
approval_date: 2018-12-21
protocol: "4"
effective_date: 2018-12-21
next_review_date: 2019-12-21
change_summary: "Өзгөртүүлөр."
approved_fingerprint: {fingerprint(BODY)}
history:
  - revision: 1
    protocol: "3"
    summary: "Сунушталган."
"""
TODAY = dt.date(2026, 11, 25)


def check(front_matter: str, body: str = BODY):
    data = load_yaml(front_matter, "p.md", first_line=2)
    return (schema_diagnostics(data, load_schema(SCHEMA).validator, "p.md")
            + revision_rules(data, "p.md", fingerprint(body), TODAY))


def test_good_metadata_passes():
    assert check(GOOD) == []


def test_every_schema_error_has_its_line_and_json_path():
    bad = GOOD.replace("revision: 2", "revison: 2").replace("2018-12-21\nprotocol", "2018-13-01\nprotocol")
    problems = {(p.line, str(str(p.message)).split(":")[0]) for p in check(bad)}
    assert (4, "$.revison") in problems        # the unknown key, on its own line
    assert (8, "$.approval_date") in problems  # not a real date
    assert (2, "$") in problems                # revision is now missing


def test_an_approved_page_needs_its_approval_data():
    problems = check(GOOD.replace("protocol: \"4\"\n", ""))
    assert [str(str(p.message)) for p in problems] == ["$: the key 'protocol' is missing"]
    assert str(problems[0].hint) == "add 'protocol:'"


@pytest.mark.parametrize("history", ["true", "5", "сунушталган", "{revision: 1}"])
def test_a_history_that_is_no_list_is_the_schemas_error_alone(history):
    """Found by the property test of any source (tests/unit/test_any_source.py): ``history: true``
    ended the check in a TypeError."""
    front_matter = GOOD[: GOOD.index("history:")] + f"history: {history}\n"
    assert [(p.line, str(p.message).split(":")[0]) for p in check(front_matter)] == [(14, "$.history")]


def test_revisions_only_go_forward():
    problems = check(GOOD.replace("  - revision: 1", "  - revision: 2"))
    assert [p.line for p in problems] == [4]
    assert "set revision: 3" in str(problems[0].hint)


def test_dates_follow_the_approval():
    bad = GOOD.replace("effective_date: 2018-12-21", "effective_date: 2018-12-01")
    assert [p.line for p in check(bad)] == [10]
    future = GOOD.replace("approval_date: 2018-12-21", "approval_date: 2027-01-10")
    assert any("in the future" in str(str(p.message)) for p in check(future))


def test_text_changed_since_approval_is_a_notice_not_an_error():
    problems = check(GOOD, body=BODY + "Жаңы.\n")
    assert [(p.line, p.severity.value, "changed since" in str(str(p.message))) for p in problems] == \
        [(13, "notice", True)]
    assert check(GOOD.replace("status: approved", "status: draft"), body=BODY + "Жаңы.\n") == []


def test_fingerprints_ignore_only_invisible_differences():
    assert fingerprint("a  \r\nb\n\n") == fingerprint("a\nb")
    assert fingerprint("a\nb") != fingerprint("a\nb.")


def test_approve_records_the_new_revision_and_moves_the_old_one_to_history():
    changed = BODY + "Жаңы.\n"
    text = f"---\n{GOOD.replace('status: approved', 'status: draft')}---\n{changed}"
    meta = load_yaml(GOOD.replace("status: approved", "status: draft"), "p.md").value
    approval = Approval("academic_council", "7", dt.date(2026, 11, 20), "Жаңы сүйлөм кошулду.",
                        effective=dt.date(2026, 12, 1))
    updated = approve(text, changed, meta, approval)
    document = split_front_matter(updated)
    assert document.body == changed
    result = load_yaml(document.front_matter, "p.md")
    assert result.value["revision"] == 3 and result.value["status"] == "approved"
    assert [h["revision"] for h in result.value["history"]] == [1, 2]
    assert result.value["next_review_date"] == "2027-12-01"  # a year after it takes effect
    assert check(document.front_matter, body=changed) == []
    # Only what the approval changes is rewritten: untouched values keep their quoting.
    assert 'owner_role: vice_rector_academic\n' in updated and 'title: "4. Сапат"\n' in updated
    assert "status: approved\n" in updated and 'protocol: "7"\n' in updated


def test_the_default_review_is_a_year_later_even_from_29_february():
    assert a_year_after(dt.date(2024, 2, 29)) == dt.date(2025, 2, 28)
    assert Approval("academic_council", "1", dt.date(2020, 5, 4), "x").next_review_date == dt.date(2021, 5, 4)


INFERRED = """inferred:
  next_review_date:
    ky: "Түп нускада мөөнөт жок."
    ru: "В оригинале срока нет."
  protocol:
    ky: "Жыйындын номери гана."
    ru: "Только номер заседания."
"""


def test_inferred_fields_are_known_field_names_each_with_a_reason_in_every_language():
    assert check(GOOD + INFERRED) == []
    problems = check(GOOD + INFERRED.replace("  next_review_date:", "  next_reviw_date:"))
    assert [(p.line, str(p.message)) for p in problems] == \
        [(19, "$.inferred.next_reviw_date: unknown key 'next_reviw_date'")]
    assert str(problems[0].hint) == "did you mean 'next_review_date'?"
    assert str(check(GOOD + INFERRED.replace("  protocol:", "  title:"))[0].message) == \
        "$.inferred.title: unknown key 'title'"  # a field, but not one the editors may infer
    missing_russian = check(GOOD + INFERRED.replace('    ru: "Только номер заседания."\n', ""))
    assert [str(p.message) for p in missing_russian] == ["$.inferred.protocol: the key 'ru' is missing"]


def test_a_field_is_listed_as_inferred_only_once():
    twice = GOOD + INFERRED + '  protocol:\n    ky: "Дагы."\n    ru: "Ещё."\n'
    with pytest.raises(SapatError, match="key 'protocol' is given twice"):
        check(twice)


def test_an_inferred_field_must_be_one_the_page_sets():
    problems = check(GOOD.replace("next_review_date: 2019-12-21\n", "").replace("status: approved", "status: draft")
                     + INFERRED)
    assert [str(p.message) for p in problems] == \
        ["'next_review_date' is listed as inferred, but the page does not set it"]
    assert problems[0].line == 18 and "delete the entry" in str(problems[0].hint)


def test_approve_ends_the_inferences_the_approval_states_and_records_its_own_defaults():
    meta_text = GOOD + INFERRED.replace("  protocol:", "  owner_role:")
    text = f"---\n{meta_text}---\n{BODY}Жаңы.\n"
    approval = Approval("academic_council", "7", dt.date(2026, 11, 20), "Жаңы сүйлөм кошулду.",
                        next_review=dt.date(2027, 6, 1))
    updated = approve(text, BODY + "Жаңы.\n", load_yaml(meta_text, "p.md").value, approval)
    document = split_front_matter(updated)
    meta = load_yaml(document.front_matter, "p.md").value
    # The owner is still the editors' inference; the review date is now the approval's; the
    # effective date was not given, so it is sapat's default and says so in every language.
    assert list(meta["inferred"]) == ["owner_role", "effective_date"]
    assert meta["inferred"]["effective_date"]["ru"].startswith("При записи утверждения дата введения")
    assert meta["inferred"]["effective_date"]["ky"].startswith("Бекитүү жазылганда")
    assert check(document.front_matter, body=BODY + "Жаңы.\n") == []
    # Revision 2's own approval data was stated, so the history keeps it.
    assert meta["history"][-1] == {"revision": 2, "date": "2018-12-21", "protocol": "4",
                                   "summary": "Өзгөртүүлөр."}


def test_the_history_keeps_only_what_the_source_stated():
    meta_text = GOOD + INFERRED
    text = f"---\n{meta_text}---\n{BODY}Жаңы.\n"
    approval = Approval("academic_council", "7", dt.date(2026, 11, 20), "x",
                        effective=dt.date(2026, 11, 20), next_review=dt.date(2027, 6, 1))
    updated = approve(text, BODY + "Жаңы.\n", load_yaml(meta_text, "p.md").value, approval)
    meta = load_yaml(split_front_matter(updated).front_matter, "p.md").value
    assert meta["history"][-1] == {"revision": 2, "date": "2018-12-21", "summary": "Өзгөртүүлөр."}
    assert "inferred" not in meta and "inferred:" not in updated  # nothing is inferred any more


def test_a_page_s_document_control_is_made_once_and_again_for_a_new_page_or_day(tmp_path):
    """Project.control keeps what it made (asked 110,000 times a build at + 2,000 procedures),
    but never for a page read again, changed, found invalid, or judged on another day."""
    page, _ = _parse_page(f"---\n{GOOD}---\n{BODY}".encode(), "04-qms.md", "ky", "manual/ky/04-qms.md")
    project = Project(Repository(tmp_path), TODAY)
    project.languages["ky"] = LanguagePages("ky")
    project.languages["ky"].add(page)
    first = project.control("04-qms.md")
    assert first is not None and first is project.control("04-qms.md")
    assert (first.revision, first.review_overdue) == (2, True)
    project.today = dt.date(2019, 1, 1)
    assert project.control("04-qms.md").review_overdue is False  # type: ignore[union-attr]
    changed = replace(page, meta=load_yaml(GOOD.replace("revision: 2", "revision: 3"), "manual/ky/04-qms.md"))
    project.languages["ky"].add(changed)
    assert project.control("04-qms.md").revision == 3  # type: ignore[union-attr]
    changed.valid = False
    assert project.control("04-qms.md") is None
