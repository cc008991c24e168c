"""A review date in the document register, read on different days in a real browser: nothing
before it is near, "due within 30 days" in the 30 days before it, "overdue" after it, on the
same page built once (docs/registers.md: decided when the page is read)."""

from __future__ import annotations

import datetime as dt

import pytest
from browsing import serve, wait_for_theme

from helpers import copy_sources, sapat
from sapat.core.i18n.labels import label
from sapat.core.model.reviews import WINDOW

REVIEW = "2027-01-20"


@pytest.fixture(scope="module")
def near_review(tmp_path_factory):
    """The draft built today with the review of section 9 on :data:`REVIEW`."""
    root = copy_sources(tmp_path_factory.mktemp("review") / "repo")
    page = root / "manual/ky/09-export.md"
    text = page.read_text(encoding="utf-8")
    assert "next_review_date: 2019-12-21" in text
    page.write_text(text.replace("next_review_date: 2019-12-21", f"next_review_date: {REVIEW}"), encoding="utf-8")
    run = sapat(root, "build")
    assert run.returncode == 0, run.output
    server, url = serve(root / "site")
    yield url
    server.shutdown()


@pytest.mark.parametrize(("day", "said"), [("2026-12-07", None), ("2027-01-05", "review_soon"),
                                           ("2027-01-20", "review_soon"), ("2027-02-01", "review_overdue_if_inferred")])
def test_the_register_says_a_review_is_near_or_overdue_on_the_day_it_is_read(own_page, near_review, day, said):
    page = own_page
    page.clock.set_fixed_time(dt.datetime.fromisoformat(f"{day}T09:00:00+00:00"))
    page.goto(f"{near_review}/ru/draft/register/")
    wait_for_theme(page)
    row = page.locator("tr", has_text="ЖАМУ-СМС-09")
    shown = [text.strip() for text in row.locator(".sapat-due:visible").all_inner_texts()]
    assert shown == ([f"({label(said, 'ru', days=WINDOW)})"] if said else [])
