"""Work beside the main process: the one way sapat runs work in other processes.

Parts of a check need nothing of one another (laying out the diagrams needs no page, reading a
translation needs no other language), nor do the sites and PDFs of an edition's languages. A
:class:`Beside` group starts each such piece of work in a child forked from this process: the
child has everything this process had loaded, so nothing at all is sent to it; what comes back,
through a pipe, is the work's result, pickled, and whatever the work tells on the way
(:func:`tell`: how far a site's build is). At most ``limit`` children run at once; the others
wait for a place and start while the group is waited on.

What a group guarantees:

* The same result whether the work ran in a child or here. When a child fails in any way (the
  work raised, the child died, its result cannot be pickled), that is logged in the editor's
  language (``runtime.child_failed``, with the reason) and the work is done here, where an
  error in it is raised with its own traceback.
* No child outlives its group: leaving the ``with`` block, normally or by an exception, stops
  every child still running (SIGTERM, then SIGKILL after :data:`STOP_SECONDS`) and waits for
  it. :func:`stop_children` does the same for every group still open in this process; it runs
  at exit (``atexit``), and ``sapat``'s ``run()`` calls it before ``os._exit``, which skips
  ``atexit``.
* Where forking is not available (Windows has no ``fork``), the work runs here, when its result
  is asked for or the group is waited on, one piece after another; that is logged once in a
  process (``runtime.no_fork``). So it does, silently, where forking is unsafe (another thread
  runs, as in ``mkdocs serve``: a lock that thread holds would stay locked in the child) or
  cannot help (one core).
"""

from __future__ import annotations

import atexit
import enum
import gc
import multiprocessing
import os
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from ..i18n.messages import LOG, Message

T = TypeVar("T")

#: How long a stopped child has to end after SIGTERM before it is killed.
STOP_SECONDS = 5.0
#: Where :func:`tell` sends: set in a child (its pipe), and here while work runs here.
_teller: Callable[[object], None] | None = None
#: The groups open in this process; a child forgets its parent's.
_open: list[Beside] = []
_said_no_fork = False


def tell(value: object) -> None:
    """From inside work a :class:`Beside` group runs: hand ``value`` to the ``told`` callback the
    work was started with, from a child through its pipe or directly here. Elsewhere nothing."""
    if _teller is not None:
        _teller(value)


def stop_children() -> None:
    """Stop every child of every group still open in this process, and wait for each to end."""
    for group in list(_open):
        group.close()


atexit.register(stop_children)


def can_fork() -> bool:
    """Whether work can be forked now: ``fork`` exists (else that is logged, once), no other
    thread runs, and there is more than one core."""
    global _said_no_fork
    if "fork" not in multiprocessing.get_all_start_methods():
        if not _said_no_fork:
            LOG.info(Message("runtime.no_fork"))
            _said_no_fork = True
        return False
    return (os.cpu_count() or 1) > 1 and threading.active_count() == 1


class _State(enum.Enum):
    WAITING = "waiting for a place"
    RUNNING = "running in a child"
    HERE = "to be done here"
    DONE = "done"


class Job(Generic[T]):
    """One piece of work of a :class:`Beside` group; :meth:`result` waits for it."""

    def __init__(self, group: Beside, work: Callable[[], T], what: Message,
                 told: Callable[[Any], None] | None):
        self.what = what
        self._group, self._work, self._told = group, work, told
        self._state = _State.WAITING
        self._process: BaseProcess | None = None
        self._receiver: Connection | None = None
        self._value: T | None = None

    def done(self) -> bool:
        """Whether the result is here (a child's once it has been received)."""
        return self._state is _State.DONE

    def result(self) -> T:
        """The work's result: the child's, or computed here if there was no child or it failed."""
        self._group._until(self)
        return self._value  # type: ignore[return-value]  # set when DONE


class Beside:
    """A group of work run beside this process, in forked children (at most ``limit`` at once,
    or any number); a context manager that leaves no child running behind it."""

    def __init__(self, limit: int | None = None):
        self._limit = limit
        self._jobs: list[Job[Any]] = []
        self._fork = can_fork()
        _open.append(self)

    def __enter__(self) -> Beside:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def start(self, work: Callable[[], T], what: Message, told: Callable[[Any], None] | None = None) -> Job[T]:
        """Start ``work`` (``what`` names it in messages) in a child if there is a place, else
        when one frees up; ``told`` receives what it :func:`tell`\\ s."""
        job = Job(self, work, what, told)
        if not self._fork:
            job._state = _State.HERE
        self._jobs.append(job)
        self._start_waiting()
        return job

    def wait(self, timeout: float | None) -> None:
        """Wait up to ``timeout`` seconds for news from the children: what they tell is handed
        on, finished ones are collected, waiting work starts. Then one piece of work to be done
        here (no fork, or its child failed), if any, is done."""
        if self._fork:
            self._start_waiting()
            running = {job._receiver: job for job in self._jobs if job._receiver is not None}
            for receiver in wait(list(running), timeout) if running else ():
                self._receive(running[receiver])  # type: ignore[index]  # wait gives back what it was given
        pending = next((job for job in self._jobs if job._state is _State.HERE), None)
        if pending is not None:
            self._run_here(pending)

    def close(self) -> None:
        """Stop every child still running (SIGTERM, then SIGKILL) and wait for each to end.
        Work not done by then is done here if its result is asked for."""
        if self in _open:
            _open.remove(self)
        self._fork = False
        children = [job._process for job in self._jobs if job._process is not None]
        for child in children:
            if child.is_alive():
                child.terminate()
        for child in children:
            child.join(STOP_SECONDS)
            if child.is_alive():
                child.kill()
                child.join()
        for job in self._jobs:
            if job._receiver is not None:
                job._receiver.close()
            job._process = job._receiver = None
            if job._state in (_State.WAITING, _State.RUNNING):
                job._state = _State.HERE

    def _until(self, job: Job[Any]) -> None:
        while job._state is not _State.DONE:
            if job._state is _State.HERE:
                self._run_here(job)
            else:
                self.wait(None)

    def _start_waiting(self) -> None:
        running = sum(1 for job in self._jobs if job._state is _State.RUNNING)
        for job in self._jobs:
            if self._limit is not None and running >= self._limit:
                return
            if job._state is _State.WAITING:
                self._fork_child(job)
                running += 1

    def _fork_child(self, job: Job[Any]) -> None:
        """Fork the child of ``job``. What this process holds is frozen for the garbage collector
        while it forks, so the child's collections never walk it (a full collection walked the
        whole project, and wrote to each object's page, copying it: a language's build spent 75 ms
        of CPU collecting, 20 ms frozen); the child frees none of it, and ends soon after."""
        context = multiprocessing.get_context("fork")
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(job._work, sender), name=f"sapat: {job.what}")
        gc.freeze()
        try:
            process.start()
        except OSError as exc:  # no memory or no process left to fork
            receiver.close()
            self._failed(job, Message("runtime.reason.raised", error=f"{type(exc).__name__}: {exc}"))
            return
        finally:
            gc.unfreeze()
            sender.close()
        job._process, job._receiver, job._state = process, receiver, _State.RUNNING

    def _receive(self, job: Job[Any]) -> None:
        """Take one message from ``job``'s child: something it told, its result, or its failure."""
        assert job._receiver is not None and job._process is not None
        try:
            kind, payload = job._receiver.recv()
        except (EOFError, OSError):  # the child ended without an answer
            job._process.join(STOP_SECONDS)
            reason = Message("runtime.reason.died", code=str(job._process.exitcode))
            self._end_child(job)
            self._failed(job, reason)
            return
        except Exception as exc:  # its result did not unpickle here
            kind, payload = "failed", Message("runtime.reason.unsendable", error=f"{type(exc).__name__}: {exc}")
        if kind == "told":
            if job._told is not None:
                job._told(payload)
            return
        self._end_child(job)
        if kind == "done":
            job._value, job._state = payload, _State.DONE
        else:
            self._failed(job, payload)

    def _end_child(self, job: Job[Any]) -> None:
        assert job._receiver is not None and job._process is not None
        job._receiver.close()
        job._process.join(STOP_SECONDS)  # it ends right after its answer
        if job._process.is_alive():
            job._process.kill()
            job._process.join()
        job._process = job._receiver = None

    def _failed(self, job: Job[Any], reason: Message) -> None:
        LOG.warning(Message("runtime.child_failed", work=job.what, reason=reason))
        job._state = _State.HERE

    def _run_here(self, job: Job[Any]) -> None:
        global _teller
        before, _teller = _teller, job._told
        try:
            job._value = job._work()
        finally:
            _teller = before
        job._state = _State.DONE


def _child(work: Callable[[], object], sender: Connection) -> None:
    """In the child: send what the work tells, then ("done", result) or ("failed", reason)."""
    global _teller
    _open.clear()  # the parent's groups are the parent's to stop

    def send_told(value: object) -> None:
        sender.send(("told", value))

    _teller = send_told
    try:
        value = work()
    except BaseException as exc:  # the parent logs it and does the work itself
        sender.send(("failed", Message("runtime.reason.raised", error=f"{type(exc).__name__}: {exc}")))
        return
    try:
        sender.send(("done", value))
    except Exception as exc:  # pickled whole before anything is written: nothing half-sent
        sender.send(("failed", Message("runtime.reason.unsendable", error=f"{type(exc).__name__}: {exc}")))
