"""Results that are slow to compute, kept from one run to the next on this machine.

Laying out the diagrams takes a large part of a check, though ``processes/`` seldom changes
between two checks. A result is stored under a key made of everything it depends on: the
content of its input, sapat's own code (each file's path, size and modification time, as Python
checks its compiled files) and the Python version. A stored result is therefore never stale:
any change to its input or to sapat gives a new key. A clean checkout (CI) starts empty and
computes everything.

The folder is ``$SAPAT_CACHE``, or ``sapat-cache-<uid>`` in the temporary folder, where Jinja
keeps its compiled templates. Loading a pickle runs code, so, as Jinja does, the folder must be
this user's alone (mode 0700); otherwise nothing is stored or loaded. Any problem with the
folder or with a stored file means computing the result as if nothing were stored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path

#: The newest results kept; older ones are removed when a result is stored.
KEEP = 32
_PACKAGE = Path(__file__).resolve().parent.parent


def key(kind: str, inputs: Iterable[bytes]) -> str:
    """The key of a result of ``kind`` computed from ``inputs`` by this version of sapat."""
    digest = hashlib.sha256(f"{kind}\0{sys.version}\0{_code_stamp()}\0".encode())
    for part in inputs:
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return f"{kind}-{digest.hexdigest()}"


def load(result_key: str) -> object | None:
    """The result stored under ``result_key``, or None if there is none that can be used."""
    folder = _folder()
    if folder is None:
        return None
    try:
        with open(folder / result_key, "rb") as file:
            value = pickle.load(file)
        os.utime(folder / result_key)  # used: the last to be forgotten
    except Exception:  # missing, or unreadable: compute it again
        return None
    return value


def store(result_key: str, value: object) -> None:
    """Keep ``value`` under ``result_key`` (written whole or not at all), and forget the oldest."""
    folder = _folder()
    if folder is None:
        return
    try:
        handle, name = tempfile.mkstemp(dir=folder, prefix=".new-")
    except OSError:
        return
    written = Path(name)
    try:
        with open(handle, "wb") as file:
            pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(written, folder / result_key)
    except (OSError, pickle.PickleError, AttributeError, TypeError):  # a full disk, or a value that cannot be kept
        written.unlink(missing_ok=True)
        return
    _forget_oldest(folder)


def _forget_oldest(folder: Path) -> None:
    try:
        stored = sorted(folder.iterdir(), key=lambda path: path.stat().st_mtime_ns, reverse=True)
        for old in stored[KEEP:]:
            old.unlink(missing_ok=True)
    except OSError:  # another run removed one at the same time
        pass


def _folder() -> Path | None:
    """The cache folder, made if need be; None unless it is a folder only this user can use."""
    folder = Path(os.environ.get("SAPAT_CACHE") or Path(tempfile.gettempdir()) / f"sapat-cache-{os.getuid()}")
    try:
        folder.mkdir(mode=stat.S_IRWXU, parents=True, exist_ok=True)
        status = folder.lstat()
    except OSError:
        return None
    own = status.st_uid == os.getuid() and stat.S_ISDIR(status.st_mode)
    return folder if own and stat.S_IMODE(status.st_mode) == stat.S_IRWXU else None


@cache
def _code_stamp() -> str:
    """sapat's code as Python checks its compiled files: each file's path, size and modification time."""
    files = sorted(path for path in _PACKAGE.rglob("*") if "__pycache__" not in path.parts and path.is_file())
    return ";".join(f"{path.relative_to(_PACKAGE)}:{path.stat().st_size}:{path.stat().st_mtime_ns}"
                    for path in files)
