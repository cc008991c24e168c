"""Measuring one command: wall time, CPU time and peak memory; and one ``mkdocs serve`` rebuild.

The machine may be shared, and other work on its two cores lengthens wall time far more than
the CPU time a command needs. So beside wall time each measurement carries the command's CPU
time (user + system, with its descendants) and how many cores other work kept busy on average
while it ran (from /proc/stat, less the command's and this process's own CPU time); and
``wait_for_quiet`` can hold a measurement until the machine is idle.

Peak memory is the larger of two readings of the command's own processes: the kernel's exact
high-water mark (``ru_maxrss`` from ``wait4`` on that child: its largest single process), and the
sum of proportional memory (PSS) over the process and all its descendants, sampled every 0.2 s
(what counts once a command runs several processes at the same time, e.g. one per language;
PSS counts a page that forked processes share once, where a sum of resident sizes would count
it in each).
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.2
MIB = 1024 * 1024
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SERVE_FLAGS = ("--dirty", "--no-strict")  # as make serve: rebuild only the saved pages
SERVE_PATIENCE_SECONDS = 2 * 3600  # a rebuild that takes longer is stuck (e.g. a build error)
QUIET_CORES, QUIET_WINDOW_SECONDS = 0.2, 5.0


class CommandFailed(Exception):
    """A measured command did not succeed; the message holds the end of its output."""


@dataclass(frozen=True)
class Measurement:
    seconds: float
    cpu_seconds: float
    peak_bytes: int
    other_cores: float  # cores other work kept busy, on average, while the command ran
    output: str = ""  # stdout and stderr of the command


class _OtherWork:
    """CPU time the rest of the machine uses from now on, as an average number of busy cores."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.machine, self.own = _machine_cpu_seconds(), _own_cpu_seconds()

    def cores(self, command_cpu_seconds: float) -> float:
        others = (_machine_cpu_seconds() - self.machine) - (_own_cpu_seconds() - self.own) - command_cpu_seconds
        return max(0.0, others / (time.perf_counter() - self.start))


def _machine_cpu_seconds() -> float:
    """Busy time of all cores since boot (user, nice, system, irq, softirq, steal)."""
    user, nice, system, _idle, _iowait, irq, softirq, steal = \
        map(int, Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9])
    return (user + nice + system + irq + softirq + steal) / CLOCK_TICKS


def _own_cpu_seconds() -> float:
    times = os.times()
    return times.user + times.system


def wait_for_quiet(longest_seconds: float) -> float:
    """Wait until other work has used under QUIET_CORES for QUIET_WINDOW_SECONDS, or at most
    ``longest_seconds``; the cores other work used in the last window."""
    deadline = time.monotonic() + longest_seconds
    while True:
        window = _OtherWork()
        time.sleep(QUIET_WINDOW_SECONDS)
        others = window.cores(0.0)
        if others < QUIET_CORES or time.monotonic() > deadline:
            return others


def measure(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Measurement:
    """Run ``command`` (in ``env``, or this environment) to its end and measure it. A failure
    raises :class:`CommandFailed`."""
    with tempfile.TemporaryFile() as log:
        sampler = _TreeSampler()
        others = _OtherWork()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        sampler.start(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - others.start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, for its rusage
        sampler.stop()
        cpu = usage.ru_utime + usage.ru_stime
        other_cores = others.cores(cpu)
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise CommandFailed(f"{' '.join(map(str, command))} exited with {process.returncode}:\n"
                            f"{output[-3000:]}")
    return Measurement(seconds, cpu, max(usage.ru_maxrss * 1024, sampler.peak), other_cores, output)


class _TreeSampler:
    """Samples the summed resident memory of a process and its descendants in a thread."""

    def __init__(self) -> None:
        self.peak = 0
        self._done = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self, pid: int) -> None:
        self._thread = threading.Thread(target=self._run, args=(pid,), daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._done.set()
        if self._thread:
            self._thread.join()

    def _run(self, pid: int) -> None:
        while not self._done.wait(SAMPLE_SECONDS):
            self.peak = max(self.peak, sum(_proportional(p) for p in _tree(pid)))


def _tree(root: int) -> list[int]:
    """``root`` and every process descending from it (from /proc; this kernel has no
    /proc/<pid>/task/<tid>/children)."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [root], [root]
    while frontier:
        frontier = [pid for pid, parent in parents.items() if parent in frontier]
        found += frontier
    return found


def _proportional(pid: int) -> int:
    """The process's share of memory (PSS): a page shared by n processes counts 1/n in each, so
    forked processes sharing their parent's pages are not counted twice."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:  # ended meanwhile
        return 0
    found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
    return int(found.group(1)) * 1024 if found else 0


def _cpu_seconds(pid: int) -> float:
    """User + system time a running process has used so far (all its threads)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def _status_kib(pid: int, field: str) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) if match else 0


@dataclass(frozen=True)
class ServeRebuild:
    """``mkdocs serve``: until it first serves the page; from saving a change to the page until
    the server hands out the changed page. The peak memory of both is the server's over both."""

    first_served: Measurement
    rebuild: Measurement


def serve_rebuild(mkdocs: Path, root: Path, config: str, page: Path, url_path: str,
                  quiet_seconds: float = 0) -> ServeRebuild:
    """Start ``mkdocs serve -f config`` in ``root`` (as ``make serve`` does), wait until it serves
    ``url_path``, save a change to the Markdown file ``page`` and poll over HTTP until the served
    page shows it. MkDocs' server holds every request while it rebuilds ("not serving a half-built
    site"), so the change is seen when the rebuild has finished: when a browser would reload.
    ``quiet_seconds``: wait at most this long for a quiet machine before saving the change."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{url_path}"
    with tempfile.TemporaryFile() as log:
        others = _OtherWork()
        server = subprocess.Popen([str(mkdocs), "serve", *SERVE_FLAGS, "-f", config, "-a", f"127.0.0.1:{port}"],
                                  cwd=root, stdout=log, stderr=subprocess.STDOUT, preexec_fn=_answer_ctrl_c)
        try:
            _wait_until(lambda: _fetch(url) is not None, server, log)
            first_seconds, first_cpu = time.perf_counter() - others.start, _cpu_seconds(server.pid)
            first_others = others.cores(first_cpu)
            if quiet_seconds:
                wait_for_quiet(quiet_seconds)
            marker = f"sapatbench{time.time_ns()}"
            others, cpu_before = _OtherWork(), _cpu_seconds(server.pid)
            page.write_text(page.read_text(encoding="utf-8") + f"\nБелги {marker}.\n", encoding="utf-8")
            _wait_until(lambda: marker in (_fetch(url) or ""), server, log)
            seconds, cpu = time.perf_counter() - others.start, _cpu_seconds(server.pid) - cpu_before
            rebuild_others = others.cores(cpu)
            peak = _status_kib(server.pid, "VmHWM") * 1024
        finally:
            server.send_signal(signal.SIGINT)  # as Ctrl-C: mkdocs serve shuts down cleanly
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    return ServeRebuild(Measurement(first_seconds, first_cpu, peak, first_others),
                        Measurement(seconds, cpu, peak, rebuild_others))


def _answer_ctrl_c() -> None:
    """Run in the server's process before mkdocs starts: SIGINT stops it as Ctrl-C would, even
    when the bench runs in the background (``make bench &``), whose children ignore SIGINT."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str | None:
    """The page's HTML, or None while nothing listens yet or the page is not there."""
    try:
        with urllib.request.urlopen(url, timeout=SERVE_PATIENCE_SECONDS) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:  # connection refused, 404, reset while the server starts
        return None


def _wait_until(condition, server: subprocess.Popen, log) -> None:
    deadline = time.monotonic() + SERVE_PATIENCE_SECONDS
    while not condition():
        if server.poll() is not None or time.monotonic() > deadline:
            log.seek(0)
            raise CommandFailed("mkdocs serve stopped or got stuck:\n"
                                f"{log.read().decode('utf-8', 'replace')[-3000:]}")
        time.sleep(0.1)
