"""Work beside the main process: the same result as done here whatever goes wrong, said in the
editor's language when a child fails, and no child left behind."""

from __future__ import annotations

import datetime as dt
import gc
import logging
import multiprocessing
import os
import threading
import time
from functools import partial
from pathlib import Path

import pytest

from helpers import copy_sources
from sapat import cli
from sapat.core import load
from sapat.core.diagrams import appendix1
from sapat.core.diagrams.geometry import LayoutError
from sapat.core.diagrams.routing import Router
from sapat.core.i18n.messages import LOG, InLanguage, Message
from sapat.core.runtime import background
from sapat.core.runtime.background import Beside, stop_children, tell

needs_two_cores = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="work is forked only with two cores")
WORK = Message("runtime.work.diagrams")


@pytest.fixture
def forking(monkeypatch):
    """Children are forked even if another test left a thread running (a server's)."""
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("this system cannot fork")
    monkeypatch.setattr(background, "can_fork", lambda: True)


def gone(pid: int) -> bool:
    """Whether process ``pid`` has ended and been waited for (no zombie left either)."""
    if Path("/proc").is_dir():
        return not Path(f"/proc/{pid}").exists()
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def sapat_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """What sapat's own log said (not what MkDocs' log repeats of it: the plugin forwards sapat's
    log there once a build ran in this process)."""
    return [record for record in caplog.records if record.name == LOG.name]


def fails_in_a_child(parent: int) -> int:
    if os.getpid() != parent:
        raise ZeroDivisionError("division by zero")
    return os.getpid()


def test_work_runs_in_a_child_and_its_result_comes_back(forking):
    parent = os.getpid()
    with Beside() as beside:
        jobs = [beside.start(lambda: (os.getpid(), "ө" * 3), WORK) for _ in range(2)]
        results = [job.result() for job in jobs]
    assert all(pid != parent and text == "өөө" for pid, text in results)
    assert multiprocessing.active_children() == []


@pytest.mark.parametrize("language, said", [
    ("en", "sapat: laying out the other diagrams: the process beside this one failed "
           "(error: ZeroDivisionError: division by zero); the work is done here instead"),
    ("ky", "sapat: калган диаграммаларды жайгаштыруу: жанындагы процесс иштебей калды "
           "(ката: ZeroDivisionError: division by zero); иш ушул процессте аткарылат"),
    ("ru", "sapat: раскладка остальных диаграмм: соседний процесс не справился "
           "(ошибка: ZeroDivisionError: division by zero); работа выполняется в этом процессе"),
])
def test_a_failed_child_is_said_in_the_editors_language_and_its_work_done_here(forking, caplog, capsys,
                                                                               language, said):
    parent = os.getpid()
    with cli._logged_in(language), caplog.at_level(logging.INFO, LOG.name), Beside() as beside:
        assert beside.start(partial(fails_in_a_child, parent), WORK).result() == parent
    [record] = sapat_records(caplog)
    assert record.levelno == logging.WARNING and record.msg.key == "runtime.child_failed"
    assert InLanguage(language).format(record) == said
    assert capsys.readouterr().err == said + "\n"  # as the sapat command shows it


def test_work_that_fails_here_too_raises_its_own_error(forking, caplog):
    def broken() -> None:
        raise ValueError("the work's own error")

    with pytest.raises(ValueError, match="the work's own error"), Beside() as beside:
        beside.start(broken, WORK).result()
    assert [record.msg.key for record in sapat_records(caplog)] == ["runtime.child_failed"]


def test_a_child_that_dies_or_whose_result_cannot_travel_is_said_and_the_work_done_here(forking, caplog):
    parent = os.getpid()

    def dies() -> int:
        if os.getpid() != parent:
            os._exit(3)
        return 7

    with Beside() as beside:
        assert beside.start(dies, WORK).result() == 7
        pid, function = beside.start(lambda: (os.getpid(), lambda: None), WORK).result()
    assert pid == parent and callable(function)
    died, unsendable = (record.msg.value("reason") for record in sapat_records(caplog))
    assert died == Message("runtime.reason.died", code="3")
    assert unsendable.key == "runtime.reason.unsendable" and "pickle" in str(unsendable.value("error")).lower()


def test_no_child_is_forked_while_another_thread_runs(caplog):
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        with Beside() as beside:
            assert beside.start(os.getpid, WORK).result() == os.getpid()
    finally:
        release.set()
        other.join()
    assert sapat_records(caplog) == []  # by design, not a failure: nothing to say


def test_where_fork_is_unavailable_the_work_runs_here_and_that_is_said_once(monkeypatch, caplog):
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    monkeypatch.setattr(background, "_said_no_fork", False)
    told: list[object] = []
    with caplog.at_level(logging.INFO, LOG.name):
        for _ in range(2):
            with Beside() as beside:
                job = beside.start(lambda: tell("halfway") or os.getpid(), WORK, told=told.append)
                assert not job.done()
                assert job.result() == os.getpid()
    assert told == ["halfway", "halfway"]
    assert [record.msg.key for record in sapat_records(caplog)] == ["runtime.no_fork"]
    assert [InLanguage(language).format(sapat_records(caplog)[0]) for language in ("en", "ky", "ru")] == [
        "sapat: this system cannot fork processes: all work runs in this one, one piece after another",
        "sapat: бул система процесстин көчүрмөсүн ача албайт: бардык иш ушул процессте, кезек менен аткарылат",
        "sapat: эта система не умеет создавать копии процесса: вся работа выполняется в этом процессе, по очереди"]


def test_what_a_child_tells_arrives_and_no_more_children_run_than_the_limit(forking):
    told: list[object] = []

    def counts() -> int:
        for number in range(3):
            tell(number)
        return os.getpid()

    with Beside(limit=1) as beside:
        first = beside.start(counts, WORK, told=told.append)
        second = beside.start(partial(time.sleep, 0), WORK)
        assert first._process is not None and second._process is None  # waits for a place
        assert first.result() != os.getpid() and told == [0, 1, 2]
        second.result()
    assert multiprocessing.active_children() == []


def test_no_child_is_left_when_the_command_fails(forking):
    with pytest.raises(RuntimeError), Beside() as beside:
        job = beside.start(partial(time.sleep, 60), WORK)
        pid = job._process.pid
        raise RuntimeError("the command failed while a child worked")
    assert multiprocessing.active_children() == [] and gone(pid)


def test_no_child_is_left_when_the_check_fails_between_starting_and_collecting_work(tmp_path, forking,
                                                                                  monkeypatch):
    root = copy_sources(tmp_path / "repo")
    monkeypatch.setenv("SAPAT_CACHE", "off")  # the children lay the diagrams out: they are still working
    started: list[int] = []
    fork = Beside._fork_child

    def recorded(self, job):
        fork(self, job)
        started.append(job._process.pid)

    def broken(*args):
        raise RuntimeError("editions.yml could not be read")

    monkeypatch.setattr(Beside, "_fork_child", recorded)
    monkeypatch.setattr(load, "load_editions", broken)
    with pytest.raises(RuntimeError, match="editions.yml"):
        load.load_project(root, dt.date(2026, 11, 29))
    assert len(started) == 2 and multiprocessing.active_children() == [] and all(map(gone, started))


@pytest.fixture
def collector_restored():
    """Python's collector as it was before a test runs ``cli.run()``, which changes it."""
    before = gc.get_threshold()
    yield
    gc.set_threshold(*before)


def test_the_sapat_command_ends_no_sooner_than_its_children(forking, monkeypatch, collector_restored):
    """``run()`` leaves by ``os._exit``, which skips ``atexit``: it stops what is left first."""
    started: list[int] = []

    def main() -> int:
        beside = Beside()  # never closed: as if a command forgot it
        started.append(beside.start(partial(time.sleep, 60), WORK)._process.pid)
        return 0

    def exit_now(code: int) -> None:
        raise SystemExit(code)

    monkeypatch.setattr(cli, "main", main)
    monkeypatch.setattr(os, "_exit", exit_now)
    monkeypatch.setattr(logging, "shutdown", lambda: None)  # the test's own log goes on
    with pytest.raises(SystemExit):
        cli.run()
    assert multiprocessing.active_children() == [] and gone(started[0])
    stop_children()  # nothing left to stop



def test_the_sapat_command_collects_cycles_in_larger_rounds(monkeypatch, collector_restored):
    """The project a command loads is kept to its end: Python's collector is not asked to go
    through it after every 700 new objects (cli.COLLECT_AFTER says why)."""
    during: list[tuple[int, ...]] = []

    def main() -> int:
        during.append(gc.get_threshold())
        return 0

    def exit_now(code: int) -> None:
        raise SystemExit(code)

    monkeypatch.setattr(cli, "main", main)
    monkeypatch.setattr(os, "_exit", exit_now)
    monkeypatch.setattr(logging, "shutdown", lambda: None)
    gc.set_threshold(700, 10, 10)  # Python's default
    with pytest.raises(SystemExit):
        cli.run()
    assert during == [cli.COLLECT_AFTER] and cli.COLLECT_AFTER[0] > 700

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
    monkeypatch.setenv("SAPAT_CACHE", "off")  # everything computed, in the children or here
    children: list[int] = []
    fork = Beside._fork_child

    def recorded(self, job):
        fork(self, job)
        children.append(job._process.pid)

    monkeypatch.setattr(Beside, "_fork_child", recorded)

    def check(fork: bool) -> tuple[list[str], list[str]]:
        monkeypatch.setattr(background, "can_fork", lambda: fork)
        children.clear()
        loaded = load.load_project(root, dt.date(2026, 11, 29))
        assert len(children) == (3 if fork else 0)  # the interaction map, the other diagrams, Russian
        processes = [page.body for page in loaded.source.generated.values() if page.name.startswith("processes/")]
        return [str(d) for d in loaded.diagnostics], processes

    beside, here = check(fork=True), check(fork=False)
    diagnostics, processes = beside
    assert beside == here and len(processes) > 10  # the process pages, in the order of the map
    assert sum("appendix-1" in d for d in diagnostics) == 2  # the stuck router, found in a child
    for broken in ("broken-yaml.md", "unknown-key.md"):
        assert any(f"manual/ru/{broken}" in d and "ERROR" in d for d in diagnostics), broken
