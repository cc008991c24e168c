"""Results that are slow to compute, kept from one run to the next on this machine.

Laying out the diagrams, reading the pages and checking front matter and data files against
their schemas took most of a check, though from one check to the next nearly all of them are
unchanged. A result is stored under a key made of everything it depends on: the content of
its input, the code that computes it (sapat's own: each file's path, size and modification
time, as Python checks its compiled files; every installed package and its version: PyYAML,
jsonschema...) and the Python version. A stored result is therefore never stale: any change
to its input or to that code gives a new key. A clean checkout (CI) starts empty and computes
everything.

The folder is ``$SAPAT_CACHE``, or ``sapat-cache-<uid>`` in the temporary folder, where Jinja
keeps its compiled templates. Loading a pickle runs code, so, as Jinja does, the folder must be
this user's alone (mode 0700); otherwise nothing is stored or loaded. Any problem with the
folder or with a stored file means computing the result as if nothing were stored. A process
also remembers what it loaded and stored: ``make serve`` loads the project at every save.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import sysconfig
import tempfile
from collections.abc import Callable, Iterable
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Generic, TypeVar

T = TypeVar("T")

#: The newest results kept, and the most room they take together (the pages of 400
#: procedures take 6 MB a language); older ones are removed when a result is stored.
KEEP, KEEP_BYTES = 32, 256 * 1024 * 1024
#: The most digests a :class:`KeptSet` keeps: those of several thousand pages' front matter.
KEEP_PASSED = 20_000
_SAPAT = Path(__file__).resolve().parents[2]
#: What this process loaded or stored, by folder (None: no usable folder) and key.
_in_memory: dict[tuple[Path | None, str], object] = {}


def key(kind: str, inputs: Iterable[bytes]) -> str:
    """The key of a result of ``kind`` computed from ``inputs`` by this version of sapat."""
    return f"{kind}-{digest(kind, sys.version, _code_stamp(), *inputs).hex()}"


def digest(*parts: str | bytes) -> bytes:
    """A short digest of ``parts``, each told apart from the next (``"ab", "c"`` is not ``"a", "bc"``)."""
    hashed = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        hashed.update(len(data).to_bytes(8, "big"))
        hashed.update(data)
    return hashed.digest()


def load(result_key: str, in_folder: bool = False) -> object | None:
    """The result stored under ``result_key``, or None if there is none that can be used;
    ``in_folder``: as the folder holds it now, though this process remembers one (another
    process may have stored it since)."""
    folder = _folder()
    if (folder, result_key) in _in_memory and not in_folder:
        return _in_memory[folder, result_key]
    if folder is None:
        return None
    try:
        with open(folder / result_key, "rb") as file:
            value = pickle.load(file)
        os.utime(folder / result_key)  # used: the last to be forgotten
    except Exception:  # missing, or unreadable: compute it again
        return None
    _in_memory[folder, result_key] = value
    return value


def store(result_key: str, value: object) -> None:
    """Keep ``value`` under ``result_key`` (written whole or not at all), and forget the oldest."""
    folder = _folder()
    _in_memory[folder, result_key] = value
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
        stored = sorted(((path, path.stat()) for path in folder.iterdir()),
                        key=lambda item: item[1].st_mtime_ns, reverse=True)
        room = KEEP_BYTES
        for number, (path, status) in enumerate(stored):
            room -= status.st_size
            if number >= KEEP or (number and room < 0):
                path.unlink(missing_ok=True)
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
    """sapat's code as Python checks its compiled files (each file's path, size and modification
    time), and every installed package with its version (the names of their ``.dist-info``)."""
    files = sorted(path for path in _SAPAT.rglob("*") if "__pycache__" not in path.parts and path.is_file())
    own = (f"{path.relative_to(_SAPAT)}:{path.stat().st_size}:{path.stat().st_mtime_ns}" for path in files)
    return ";".join([*own, *_installed()])


def _installed() -> list[str]:
    folders = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    return sorted(name for folder in folders if os.path.isdir(folder)
                  for name in os.listdir(folder) if name.endswith(".dist-info"))


class KeptSet:
    """Digests of the inputs a check passed, kept between runs: the same input passes again, so
    the check is skipped for it (an input that fails is checked every time, for its messages).

    Each process adds what passed in it and, on :meth:`save`, merges that with what is stored
    (forked processes save their own); the newest :data:`KEEP_PASSED` digests are kept.
    """

    def __init__(self, kind: str):
        self._kind = kind
        self._known: dict[bytes, None] | None = None  # read at first use
        self._new: dict[bytes, None] = {}

    def __contains__(self, digest: bytes) -> bool:
        if self._known is None:
            self._known = self._stored()
        return digest in self._known or digest in self._new

    def add(self, digest: bytes) -> None:
        self._new[digest] = None

    def save(self) -> None:
        """Keep what passed here since the last save, beside what other runs kept."""
        if not self._new:
            return
        merged = {**(self._known or {}), **self._stored(in_folder=True), **self._new}
        newest = dict.fromkeys(islice(merged, max(0, len(merged) - KEEP_PASSED), None))
        store(key(self._kind, ()), newest)
        self._known, self._new = newest, {}

    def _stored(self, in_folder: bool = False) -> dict[bytes, None]:
        stored = load(key(self._kind, ()), in_folder)
        return stored if isinstance(stored, dict) else {}


class KeptResults(Generic[T]):
    """The results of a pure function for the inputs of one scope (the pages of one folder), by
    a digest of the input, kept between runs. :meth:`save` keeps exactly the results used in
    this run, so a page that is gone is forgotten; each process saves the scopes it read."""

    def __init__(self, kind: str, scope: str):
        self._key = key(kind, [scope.encode()])
        self._stored: dict[bytes, T] | None = None  # read at first use
        self._used: dict[bytes, T] = {}

    def get(self, input_digest: bytes, compute: Callable[[], T]) -> T:
        """The result for the input of that digest: kept, or computed now."""
        if self._stored is None:
            stored = load(self._key)
            self._stored = stored if isinstance(stored, dict) else {}
        value = self._stored[input_digest] if input_digest in self._stored else compute()
        self._used[input_digest] = value
        return value

    def save(self) -> None:
        """Keep the results used in this run, if they are not what is stored already."""
        if self._stored is None or self._used.keys() != self._stored.keys():
            store(self._key, self._used)
            self._stored = self._used
