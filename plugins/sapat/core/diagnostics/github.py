"""Diagnostics on GitHub: workflow commands that annotate the lines of a pull request, and the
job summary that lists every finding.

GitHub reads ``::error file=…,line=…,title=…::message`` lines from a step's output and shows
them on the changed lines; the summary is Markdown appended to ``$GITHUB_STEP_SUMMARY``.
Paths are the repository-relative paths diagnostics carry, which is what GitHub expects when
the repository is checked out at the workspace's root.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from urllib.parse import quote

from ..i18n.messages import Message
from . import Diagnostic, Severity


def escape_data(text: str) -> str:
    """A command's message: ``%``, CR and LF encoded as GitHub's runner decodes them."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command's property value: as :func:`escape_data`, and ``:`` and ``,`` as well."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workflow_command(diagnostic: Diagnostic, language: str) -> str:
    """``::error file=…,line=…,title=…::message`` (``::notice`` for a notice), the hint on a
    second line of the message."""
    command = "error" if diagnostic.severity is Severity.ERROR else "notice"
    properties = {"file": diagnostic.path}
    if diagnostic.line:
        properties["line"] = str(diagnostic.line)
    properties["title"] = Message(f"github.title.{command}").render(language)
    text = diagnostic.message.render(language)
    if diagnostic.hint:
        text += "\n" + diagnostic.hint.render(language)
    joined = ",".join(f"{name}={escape_property(value)}" for name, value in properties.items())
    return f"::{command} {joined}::{escape_data(text)}"


def job_summary(diagnostics: Sequence[Diagnostic], pages: int, language: str,
                blob_url: str | None = None) -> str:
    """The job summary in Markdown: the counts, then one table row per diagnostic.

    ``blob_url`` (``https://github.com/owner/repo/blob/<commit>/``) makes each place a link to
    the file and line; every text is escaped, since messages quote what editors wrote.
    """
    def say(key: str, **values: str | int) -> str:
        return Message(key, **values).render(language)

    errors = sum(1 for d in diagnostics if d.severity is Severity.ERROR)
    lines = [f"## {say('github.summary.title')}", "",
             say("github.summary.counts", pages=pages, errors=errors, notices=len(diagnostics) - errors), ""]
    if not diagnostics:
        return "\n".join(lines + [say("github.summary.clean"), ""])
    headers = [say(f"github.summary.{key}") for key in ("place", "kind", "message", "hint")]
    lines += ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for diagnostic in diagnostics:
        place = _cell(diagnostic.place)
        if blob_url:
            anchor = f"#L{diagnostic.line}" if diagnostic.line else ""
            place = f"[{place}]({blob_url}{quote(diagnostic.path)}{anchor})"
        cells = [place, say(f"severity.{diagnostic.severity.value}"), _cell(diagnostic.message.render(language)),
                 _cell(diagnostic.hint.render(language) if diagnostic.hint else "")]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    """Text in a Markdown table cell: HTML escaped, ``|`` and line breaks kept out of the table's syntax."""
    return escape(text, quote=False).replace("|", "\\|").replace("\n", "<br>").replace("[", "\\[").replace("]", "\\]")
