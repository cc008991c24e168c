"""Work done in a forked process: the same result as done here, whatever goes wrong."""

from __future__ import annotations

import datetime as dt
import os
import threading

import pytest

from helpers import copy_sources
from sapat.core import load
from sapat.core.diagrams import appendix1, interaction
from sapat.core.diagrams.geometry import LayoutError
from sapat.core.diagrams.routing import Router
from sapat.core.i18n.messages import Message
from sapat.core.runtime import background
from sapat.core.runtime.background import Background

needs_two_cores = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="work is forked only with two cores")


@needs_two_cores
def test_work_runs_in_a_child_and_its_result_comes_back(monkeypatch):
    monkeypatch.setattr(background, "_can_fork", lambda: True)  # other tests may leave a server thread
    parent = os.getpid()
    assert Background(lambda: (os.getpid(), "ө" * 3)).result() != (parent, "өөө")
    assert Background(lambda: (os.getpid(), "ө" * 3)).result()[1] == "өөө"


def test_work_that_fails_in_the_child_fails_here_with_its_own_error():
    def broken() -> None:
        raise ValueError("the work's own error")

    with pytest.raises(ValueError, match="the work's own error"):
        Background(broken).result()


def test_a_result_that_cannot_travel_is_computed_here():
    parent = os.getpid()
    pid, function = Background(lambda: (os.getpid(), lambda: None)).result()
    assert pid == parent and callable(function)


def test_no_child_is_forked_while_another_thread_runs():
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert Background(os.getpid).result() == os.getpid()
    finally:
        release.set()
        other.join()


class _Stuck(Router):
    """A router that finds no path for any arrow: every process map becomes a diagnostic."""

    def connect(self, source, target, kind="value"):
        raise LayoutError(Message("diagram.no_path", arrow=f"{source} -> {target}"))


@needs_two_cores
def test_the_check_reports_the_same_whether_its_work_is_forked_or_not(tmp_path, monkeypatch):
    """Diagrams and the translation are checked in forked processes: what they find comes back."""
    root = copy_sources(tmp_path / "repo")
    monkeypatch.setattr(appendix1, "Router", _Stuck)
    (root / "manual" / "ru" / "broken-yaml.md").write_text('---\ntitle: "unclosed\n---\n# Текст\n', encoding="utf-8")
    (root / "manual" / "ru" / "unknown-key.md").write_text("---\ntitle: Т\ncolour: red\n---\n# Текст\n",
                                                           encoding="utf-8")
    children: list[bool] = []

    class Watched(Background):
        def __init__(self, work):
            super().__init__(work)
            children.append(self._process is not None)

    monkeypatch.setattr(load, "Background", Watched)

    def check(fork: bool) -> tuple[list[str], list[str]]:
        monkeypatch.setenv("SAPAT_CACHE", str(tmp_path / f"kept-{fork}"))  # nothing laid out yet
        monkeypatch.setattr(interaction, "_arrangements", {})
        monkeypatch.setattr(background, "_can_fork", lambda: fork)
        children.clear()
        loaded = load.load_project(root, dt.date(2026, 11, 29))
        assert children and all(children) if fork else not any(children)
        processes = [page.body for page in loaded.source.generated.values() if page.name.startswith("processes/")]
        return [str(d) for d in loaded.diagnostics], processes

    beside, here = check(fork=True), check(fork=False)
    diagnostics, processes = beside
    assert beside == here and len(processes) > 10  # the process pages, in the order of the map
    assert sum("appendix-1" in d for d in diagnostics) == 2  # the stuck router, found in a child
    for broken in ("broken-yaml.md", "unknown-key.md"):
        assert any(f"manual/ru/{broken}" in d and "ERROR" in d for d in diagnostics), broken
