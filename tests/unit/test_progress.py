"""What someone waiting for a build sees: a live line on a terminal, milestones in a log."""

from __future__ import annotations

import io

from sapat.progress import Progress, ProgressReport


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


STEPS = [Progress("draft", {"ky": (0, 0), "ru": (0, 0)}, frozenset(), 0.2),
         Progress("draft", {"ky": (120, 447), "ru": (98, 447)}, frozenset(), 5.4),
         Progress("draft", {"ky": (447, 447), "ru": (300, 447)}, frozenset({"ky"}), 7.3),
         Progress("draft", {"ky": (447, 447), "ru": (447, 447)}, frozenset({"ky", "ru"}), 9.0)]


def test_a_log_gets_a_line_per_language_when_its_site_is_built():
    log = io.StringIO()
    report = ProgressReport.on(log, "en")
    for step in STEPS:
        report(step)
    assert log.getvalue() == ("sapat: draft (ky): 447 pages built in 7.3 s\n"
                              "sapat: draft (ru): 447 pages built in 9.0 s\n")


def test_a_terminal_sees_the_pages_built_so_far_in_one_line_rewritten_in_place():
    terminal = Terminal()
    report = ProgressReport.on(terminal, "ru")
    for step in STEPS:
        report(step)
    screen = terminal.getvalue().split("\r\x1b[K")
    assert "sapat: draft: ky 120/447, ru 98/447, 5 с" in screen
    assert "sapat: draft (ky): собрано страниц: 447 за 7.3 с\n" in screen
    assert screen[-1] == "sapat: draft (ru): собрано страниц: 447 за 9.0 с\n"  # nothing live is left behind
