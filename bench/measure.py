"""Measuring one command: wall time and peak memory; and one ``mkdocs serve`` rebuild.

Peak memory is the larger of two readings of the command's own processes: the kernel's exact
high-water mark (``ru_maxrss`` from ``wait4`` on that child: its largest single process), and the
sum of resident memory over the process and all its descendants, sampled every 0.2 s (which is
what counts once a command runs several processes at the same time, e.g. one per edition).
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
SERVE_PATIENCE_SECONDS = 2 * 3600  # a rebuild that takes longer is stuck (e.g. a build error)


class CommandFailed(Exception):
    """A measured command did not succeed; the message holds the end of its output."""


@dataclass(frozen=True)
class Measurement:
    seconds: float
    peak_bytes: int
    output: str = ""  # stdout and stderr of the command

    @property
    def peak_mib(self) -> float:
        return self.peak_bytes / MIB


def measure(command: list[str], cwd: Path) -> Measurement:
    """Run ``command`` to its end; its wall time and peak memory. A failure raises."""
    with tempfile.TemporaryFile() as log:
        sampler = _TreeSampler()
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=log, stderr=subprocess.STDOUT)
        sampler.start(process.pid)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, for its rusage
        sampler.stop()
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    if process.returncode != 0:
        raise CommandFailed(f"{' '.join(map(str, command))} exited with {process.returncode}:\n"
                            f"{output[-3000:]}")
    return Measurement(seconds, max(usage.ru_maxrss * 1024, sampler.peak), output)


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
            self.peak = max(self.peak, sum(_rss(p) for p in _tree(pid)))


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


def _rss(pid: int) -> int:
    return _status_kib(pid, "VmRSS") * 1024


def _status_kib(pid: int, field: str) -> int:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return 0
    match = re.search(rf"^{field}:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) if match else 0


@dataclass(frozen=True)
class ServeRebuild:
    """``mkdocs serve``: time until it first serves the page, time from saving a change to the
    page until the server hands out the changed page, and the server's peak memory."""

    first_served_seconds: float
    rebuild_seconds: float
    peak_bytes: int

    @property
    def peak_mib(self) -> float:
        return self.peak_bytes / MIB


def serve_rebuild(mkdocs: Path, root: Path, config: str, page: Path, url_path: str) -> ServeRebuild:
    """Start ``mkdocs serve -f config`` in ``root`` (as ``make serve`` does), wait until it serves
    ``url_path``, save a change to the Markdown file ``page`` and poll over HTTP until the served
    page shows it. MkDocs' server holds every request while it rebuilds ("not serving a half-built
    site"), so the change is seen when the rebuild has finished: when a browser would reload."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{url_path}"
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        server = subprocess.Popen([str(mkdocs), "serve", "-f", config, "-a", f"127.0.0.1:{port}"],
                                  cwd=root, stdout=log, stderr=subprocess.STDOUT)
        try:
            _wait_until(lambda: _fetch(url) is not None, server, log)
            first_served = time.perf_counter() - start
            marker = f"sapatbench{time.time_ns()}"
            saved = time.perf_counter()
            page.write_text(page.read_text(encoding="utf-8") + f"\nБелги {marker}.\n", encoding="utf-8")
            _wait_until(lambda: marker in (_fetch(url) or ""), server, log)
            rebuild = time.perf_counter() - saved
            peak = _status_kib(server.pid, "VmHWM") * 1024
        finally:
            server.send_signal(signal.SIGINT)  # as Ctrl-C: mkdocs serve shuts down cleanly
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    return ServeRebuild(first_served, rebuild, peak)


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
