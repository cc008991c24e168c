"""Keeping the two editions and the approvals honest: stale translations, approve, translated."""

from __future__ import annotations

import re

from helpers import elements, sapat

KY_PAGE = "manual/ky/06-resources.md"
RU_PAGE = "manual/ru/06-resources.md"


def edit_kyrgyz_text(repo, status="draft"):
    page = repo / KY_PAGE
    text = page.read_text(encoding="utf-8").replace("status: approved", f"status: {status}")
    page.write_text(text.replace("## 6.3 Инфраструктура\n", "## 6.3 Инфраструктура\n\nЖаңы сүйлөм.\n"),
                    encoding="utf-8")


def test_a_changed_original_makes_its_translation_stale_and_the_page_says_so(repo):
    edit_kyrgyz_text(repo)
    check = sapat(repo, "check")
    assert check.returncode == 0, check.output  # a lagging translation is normal, not an error
    assert f"{RU_PAGE}:3: notice: the translation is stale: {KY_PAGE} changed" in check.output
    assert sapat(repo, "build").returncode == 0
    page = repo / "site/ru/draft/06-resources/index.html"
    notice = next(e for e in elements(page) if "sapat-notice--stale" in e.attrs.get("class", ""))
    assert "Перевод отстаёт от оригинала" in notice.text
    link = next(e for e in elements(page) if e.tag == "a" and e.text == "кыргызском оригинале")
    assert link.attrs["href"] == "../../../ky/draft/06-resources/"
    assert (page.parent / link.attrs["href"] / "index.html").resolve().is_file()
    status = (repo / "site/ru/draft/translation-status/index.html").read_text(encoding="utf-8")
    # The status names the clause that changed, linked to it; the others are still current.
    assert 'устарел: <a class="sapat-ref" href="../06-resources/#6.3"' in status
    assert status.count("устарел") == 1
    ky_page = (repo / "site/ky/draft/06-resources/index.html").read_text(encoding="utf-8")
    assert 'class="sapat-control sapat-control--draft"' in ky_page


def test_text_changed_without_a_new_approval_is_named_and_shown_as_a_draft(repo):
    edit_kyrgyz_text(repo, status="approved")
    check = sapat(repo, "check")
    assert check.returncode == 0, check.output
    assert f"{KY_PAGE}:13: notice: the text changed since it was approved on 2018-12-21" in check.output
    assert sapat(repo, "build").returncode == 0
    html = (repo / "site/ky/draft/06-resources/index.html").read_text(encoding="utf-8")
    assert 'class="sapat-control sapat-control--draft"' in html
    assert "бекитилгенден кийин өзгөртүлгөн" in html
    for language, title in (("ky", "Долбоор"), ("ru", "Проект")):  # the nav of every page marks it
        other = (repo / f"site/{language}/draft/04-qms/index.html").read_text(encoding="utf-8")
        assert other.count('class="md-status md-status--draft"') == 1
        assert f'title="{title}' in other
    register = (repo / "site/ky/draft/register/index.html").read_text(encoding="utf-8")
    row = next(line for line in register.split("<tr>") if "ЖАМУ-СМС-06" in line)
    assert "долбоор" in row


def test_translated_records_the_new_original_and_the_notice_goes(repo, plain_notices):
    edit_kyrgyz_text(repo)
    run = sapat(repo, "translated", str(repo / RU_PAGE))
    assert run.returncode == 0 and f"{RU_PAGE}:" not in run.output, run.output
    assert f"errors: 0, notices: {plain_notices}\n" in run.output  # only the registers' own


def test_approve_makes_a_changed_page_approved_again_as_a_new_revision(repo):
    edit_kyrgyz_text(repo, status="approved")
    assert "changed since it was approved" in sapat(repo, "check").output
    run = sapat(repo, "approve", str(repo / KY_PAGE), "--by", "academic_council", "--protocol", "7",
                "--date", "2026-11-20", "--summary", "6.3 толукталды")
    assert "approved as revision 3" in run.output
    assert "error" not in run.output.replace("errors: 0", ""), run.output
    assert "changed since it was approved" not in run.output
    front = (repo / KY_PAGE).read_text(encoding="utf-8").split("---")[1]
    assert "revision: 3" in front and 'protocol: "7"' in front and "next_review_date: 2027-11-20" in front
    # The approval states who, when and under which protocol: those are no longer inferred. The
    # owner still is; the dates left to sapat's defaults are, and say so. Revision 2's inferred
    # date and protocol do not become facts in the history: only the scan's words stay.
    inferred = front.split("\ninferred:\n", 1)[1]
    assert re.findall(r"^  (\w+):$", inferred, re.M) == ["owner_role", "effective_date", "next_review_date"]
    assert "sapat бекитилген күндү алды" in inferred and "sapat принял дату утверждения" in inferred
    assert "  - revision: 2\n    summary:" in front
    assert "stale" in run.output  # the Russian page now lags behind revision 3
