"""The core of the editors' tools: GitHub's escaping, the nav entry of a new page, document codes."""

from __future__ import annotations

from sapat.core.diagnostics import Diagnostic, Severity
from sapat.core.diagnostics.github import escape_data, escape_property, job_summary, workflow_command
from sapat.core.i18n.messages import Message
from sapat.core.releasing.new_page import default_nav_position, insert_nav_entry, next_document_code
from sapat.core.sources.repository import NavEntry


def test_github_commands_escape_what_its_runner_decodes():
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"
    notice = Diagnostic("manual/ru/a, b.md", None, Message("nav.unreachable"), None, Severity.NOTICE)
    assert workflow_command(notice, "ru") == ("::notice file=manual/ru/a%2C b.md,title=sapat%3A замечание::"
                                              "читатель не может попасть на эту страницу: её нет в разделе nav "
                                              "файла mkdocs.yml")


def test_the_job_summary_escapes_what_editors_wrote():
    diagnostic = Diagnostic("manual/ky/04-qms.md", 3, Message("reference.unknown", written="<b>|x"))
    summary = job_summary([diagnostic], 42, "ky")
    assert "| manual/ky/04-qms.md:3 | ката | \\[\\[&lt;b&gt;\\|x\\]\\] шилтемеси эч бир пунктка алып барбайт |  |" \
        in summary
    assert "Текшерилген барактар: 42. Каталар: 1. Эскертүүлөр: 0." in summary
    assert "Ката табылган жок." in job_summary([], 42, "ky")


def test_a_nav_entry_is_inserted_after_its_predecessor_in_the_files_own_form():
    text = "nav:\n  - index.md\n  - Бөлүм: 10-rating.md   # comment\n  - appendix-1.md\n"
    nav = [NavEntry("index.md", 2), NavEntry("10-rating.md", 3), NavEntry("appendix-1.md", 4)]
    after = default_nav_position(nav, "11-training.md", {"index.md", "10-rating.md", "appendix-1.md"})
    assert after == nav[1]
    assert insert_nav_entry(text, after, "11-training.md") == (
        "nav:\n  - index.md\n  - Бөлүм: 10-rating.md   # comment\n  - 11-training.md\n  - appendix-1.md\n", 4)
    assert insert_nav_entry("nav: [index.md, 10-rating.md]\n", NavEntry("10-rating.md", 1), "x.md") is None


def test_the_next_document_code_follows_the_highest_and_ignores_the_guide(real_project):
    project = real_project
    codes = [page.get("document_code") for page in project.source.files.values()]
    assert None in codes  # the guide's pages have none
    assert next_document_code(project.source) == "ЖАМУ-СМС-13"
