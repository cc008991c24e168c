"""Work that runs in a forked process while this one goes on with other work.

Parts of the check need nothing of one another: laying out the diagrams needs no page, and
reading a translation's pages needs no other language's. On a machine with two cores or more
the check does them at once. A forked child
sees everything this process has loaded (nothing is pickled on the way in); only its
result comes back. Where forking is not safe (another thread may hold a lock the child
would need, as in ``mkdocs serve``) or cannot help (one core), the work runs here when its
result is asked for, and so it does when the child fails in any way: the result is the
same either way, and an error in the work surfaces here with its own traceback.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

T = TypeVar("T")


class Background(Generic[T]):
    """``work`` started in a forked child if that is safe; :meth:`result` waits for it."""

    def __init__(self, work: Callable[[], T]):
        self._work = work
        self._process: multiprocessing.process.BaseProcess | None = None
        self._receiver: Connection | None = None
        if _can_fork():
            context = multiprocessing.get_context("fork")
            self._receiver, sender = context.Pipe(duplex=False)
            self._process = context.Process(target=_run, args=(work, sender), daemon=True)
            self._process.start()
            sender.close()

    def result(self) -> T:
        """The work's result: the child's, or computed here if there was no child or it failed."""
        if self._process is None or self._receiver is None:
            return self._work()
        try:
            succeeded, value = self._receiver.recv()
        except (EOFError, OSError):  # the child died before it answered
            succeeded, value = False, None
        finally:
            self._receiver.close()
            self._process.join()
            self._process = self._receiver = None
        return value if succeeded else self._work()


def _can_fork() -> bool:
    return ((os.cpu_count() or 1) > 1 and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


def _run(work: Callable[[], object], sender: Connection) -> None:
    """In the child: send (True, result), or (False, None) if the work raised."""
    try:
        outcome: tuple[bool, object] = (True, work())
    except BaseException:  # the parent runs the work again and shows the error
        outcome = (False, None)
    try:
        sender.send(outcome)
    except Exception:  # a result that cannot be pickled: the parent computes it
        sender.send((False, None))
    finally:
        sender.close()
