"""The one cache: results of pure functions, kept from one run to the next on this machine.

``kept(function, *args)`` is ``function(*args)``, found again when the same function was given
the same arguments before. The key is a digest of exactly that: the function's module and
qualified name and its arguments, serialised by :func:`encode` (strings, bytes, numbers, dates,
enums, tuples, lists, dicts, sets and dataclasses field by field; anything else, a ``Path``
first of all, is refused with ``TypeError``, so a function that needs a file is given the
file's content); and sapat's code (each file's path, size and modification time, as Python
checks its compiled files), every installed package with its version, and the Python version.
No call site lists inputs: give a kept function a new argument and the key has it. What a
kept function must not do is read anything besides its arguments.

Where: the folder ``$SAPAT_CACHE``, else ``sapat-cache-<user>`` in the temporary folder
(``tempfile.gettempdir()``, the user from ``getpass.getuser()``), not the repository: the kept
functions do not know a repository, and the same results serve every copy of one (the frozen
editions' sources, the benchmark's copies, the tests'). Loading a pickle runs code, so where
files have owners (POSIX) the folder is used only if it is this user's and no one else's (mode
0700); on Windows the temporary folder is the user's own already. Any problem with the folder
or a kept file means computing the result as if nothing were kept.

Bound: the folder holds at most :data:`KEEP_BYTES`; the least recently used results (by
modification time, renewed at each use) are removed first. Nothing is held in memory: each use
reads its file, so a caller may change the object it got without changing what is kept.

Off: ``SAPAT_CACHE=off`` (or ``sapat --no-cache``, :func:`switched_off`) keeps and finds
nothing. ``SAPAT_CACHE_WITHOUT=kind,...`` leaves out some kinds (a kept function's qualified
name, or ``templates``): the benchmark measures what each kind is worth with it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import getpass
import hashlib
import os
import pickle
import re
import stat
import sys
import sysconfig
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

#: The most room kept results take together (the pages of 400 procedures take some 6 MB a
#: language); the least recently used are removed beyond it.
KEEP_BYTES = 256 * 1024 * 1024
OFF = "off"
_SAPAT = Path(__file__).resolve().parents[2]
#: Set by :func:`switched_off` (``sapat --no-cache``); forked children inherit it.
_switched_off = False
#: Bytes this process stored since it last removed the oldest results.
_stored_since_trim: int | None = None


def kept(function: Callable[..., T], /, *args: Any) -> T:
    """``function(*args)``: kept from an earlier run with exactly these arguments, or computed
    now and kept. ``function`` is a module-level function whose result depends on its
    arguments alone; an argument :func:`encode` cannot serialise raises ``TypeError``."""
    kind = _kind(function)
    where = _usable_folder(kind)
    if where is None:
        return function(*args)
    name = f"{kind}-{key(function, args)}"
    data = _read(where / name)
    if data is not None:
        try:
            value: T = pickle.loads(data)
            return value
        except Exception:  # damaged: computed again, and kept anew below
            pass
    value = function(*args)
    try:
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # a value that cannot be kept is still the result
        return value
    _write(where, name, data)
    return value


def key(function: Callable[..., object], args: tuple[Any, ...]) -> str:
    """The key of ``function(*args)``: a digest of the function's name, its arguments, sapat's
    code, the installed packages and Python's version."""
    hashed = hashlib.blake2b(digest_size=20)
    hashed.update(_code_stamp())
    hashed.update(f"{function.__module__}.{function.__qualname__}".encode())
    for argument in args:
        hashed.update(encode(argument))
    return hashed.hexdigest()


def stored_bytes(kind: str, name: str) -> bytes | None:
    """What :func:`store_bytes` kept as ``name`` of ``kind`` (Jinja's compiled templates), or None."""
    where = _usable_folder(kind)
    return None if where is None else _read(where / f"{kind}-{_plain(name)}")


def store_bytes(kind: str, name: str, data: bytes) -> None:
    """Keep ``data`` as ``name`` of ``kind``, for a cache whose keys are its own (Jinja checks a
    compiled template against its source and Python's version itself)."""
    where = _usable_folder(kind)
    if where is not None:
        _write(where, f"{kind}-{_plain(name)}", data)


def enabled(kind: str) -> bool:
    """Whether results of ``kind`` are kept: not switched off, nor that kind left out."""
    setting = os.environ.get("SAPAT_CACHE", "").strip()
    without = {part.strip() for part in os.environ.get("SAPAT_CACHE_WITHOUT", "").split(",")}
    return not _switched_off and setting.lower() != OFF and kind not in without


@contextmanager
def switched_off() -> Iterator[None]:
    """Nothing kept or found while the block runs (``sapat --no-cache``), in forked children too."""
    global _switched_off
    before, _switched_off = _switched_off, True
    try:
        yield
    finally:
        _switched_off = before


def folder() -> Path | None:
    """The cache folder, made if need be; None when it cannot be used safely, or the cache is off."""
    setting = os.environ.get("SAPAT_CACHE", "").strip()
    if _switched_off or setting.lower() == OFF:
        return None
    place = (setting, tempfile.gettempdir())
    if place not in _folders:
        _folders[place] = _checked_folder(Path(setting) if setting else Path(place[1]) / f"sapat-cache-{_user()}")
    return _folders[place]


#: The folder found usable (or not) for each setting and temporary folder, once a process;
#: made again by :func:`_write` if it is removed meanwhile.
_folders: dict[tuple[str, str], Path | None] = {}


def _checked_folder(path: Path) -> Path | None:
    try:
        path.mkdir(mode=stat.S_IRWXU, parents=True, exist_ok=True)
        status = path.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(status.st_mode):
        return None
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: no owners to compare; the temporary folder is the user's own
        return path
    return path if status.st_uid == getuid() and stat.S_IMODE(status.st_mode) == stat.S_IRWXU else None


def encode(value: Any) -> bytes:
    """``value`` as bytes that tell it apart from any other value: each part with its type's
    name and its length, so ``("ab", "c")`` is not ``("a", "bc")``, nor ``1`` ``1.0`` or ``True``.
    A dict counts in its order; a set's items are sorted. Raises ``TypeError`` for a value of
    any other kind (a ``Path``: give the file's content instead; a function; an open file)."""
    parts: list[bytes] = []
    _encode(value, parts)
    return b"".join(parts)


def _encode(value: Any, parts: list[bytes]) -> None:
    kind = type(value)
    prefix = _PREFIXES.get(kind)
    if prefix is None:
        prefix = _PREFIXES[kind] = f"{kind.__module__}.{kind.__qualname__}:".encode()
    parts.append(prefix)
    if kind is str:
        data = value.encode("utf-8", "surrogatepass")
        parts.append(len(data).to_bytes(8, "big"))
        parts.append(data)
    elif kind is tuple or kind is list:
        parts.append(len(value).to_bytes(8, "big"))
        for item in value:
            _encode(item, parts)
    elif kind is dict:
        parts.append(len(value).to_bytes(8, "big"))
        for name, item in value.items():
            _encode(name, parts)
            _encode(item, parts)
    elif kind is int or kind is float:
        data = repr(value).encode()
        parts.append(len(data).to_bytes(8, "big"))
        parts.append(data)
    elif value is None or kind is bool:
        parts.append(b"1" if value else b"0")
    else:
        _encode_other(value, kind, parts)


def _encode_other(value: Any, kind: type, parts: list[bytes]) -> None:
    """:func:`_encode` for values other than the plain types of YAML and JSON."""
    if isinstance(value, enum.Enum):
        _encode(value.name, parts)
    elif isinstance(value, str):  # a subclass of a plain type: its name was written before
        _encode(str.__str__(value), parts)
    elif isinstance(value, float):
        _encode(float.__float__(value), parts)
    elif isinstance(value, int):
        _encode(int.__int__(value), parts)
    elif isinstance(value, (bytes, bytearray)):
        parts.append(len(value).to_bytes(8, "big"))
        parts.append(bytes(value))
    elif isinstance(value, (dt.date, dt.time)):  # datetime is a date
        _encode(value.isoformat(), parts)
    elif isinstance(value, (tuple, list)):
        _encode(list(value), parts)
    elif isinstance(value, Mapping):
        _encode(dict(value.items()), parts)
    elif isinstance(value, (set, frozenset)):
        parts.append(len(value).to_bytes(8, "big"))
        parts.extend(sorted(encode(item) for item in value))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            _encode(field.name, parts)
            _encode(getattr(value, field.name), parts)
    else:
        raise TypeError(f"a {kind.__qualname__} cannot be part of a kept result's key "
                        "(give a function the content of a file, not its path)")


#: Each type's name as the encoding writes it before a value, made once.
_PREFIXES: dict[type, bytes] = {}


def _kind(function: Callable[..., object]) -> str:
    """The kind of ``function``'s results: its qualified name, which names its files."""
    name = function.__qualname__
    if "<" in name:  # a lambda or a function defined in another: no stable name to find it by
        raise TypeError(f"only a module-level function can be kept, not {name}")
    return name


def _usable_folder(kind: str) -> Path | None:
    return folder() if enabled(kind) else None


def _plain(name: str) -> str:
    """``name`` as part of a file name on any system."""
    return re.sub(r"[^\w.-]", "_", name)


def _user() -> str:
    """This user's name, as part of a folder name; ``user`` where none can be found."""
    try:
        name = getpass.getuser()
    except Exception:  # no name in the environment, nor a password database (ImportError, KeyError, OSError)
        name = ""
    return _plain(name) or "user"


def _read(path: Path) -> bytes | None:
    try:
        data = path.read_bytes()
        os.utime(path)  # used: the last to be removed
    except OSError:  # missing, or removed meanwhile by another run
        return None
    return data


def _write(where: Path, name: str, data: bytes) -> None:
    """Keep ``data`` as ``where/name``, whole or not at all, and now and then remove the oldest."""
    global _stored_since_trim
    try:
        handle, temporary = _new_file(where)
    except OSError:
        return
    written = Path(temporary)
    try:
        with open(handle, "wb") as file:
            file.write(data)
        os.replace(written, where / name)
    except OSError:  # a full disk
        written.unlink(missing_ok=True)
        return
    # The first store of a process, and then every quarter of the room stored, looks at the
    # whole folder: so it never holds more than the room and what the runs of the moment add.
    if _stored_since_trim is None or _stored_since_trim > KEEP_BYTES // 4:
        _trim(where)
        _stored_since_trim = 0
    _stored_since_trim += len(data)


def _new_file(where: Path) -> tuple[int, str]:
    """A new file in ``where``; if the folder was removed since this process found it, it is
    made and checked again first."""
    try:
        return tempfile.mkstemp(dir=where, prefix=".new-")
    except FileNotFoundError:
        _folders.clear()
        if folder() != where:
            raise
        return tempfile.mkstemp(dir=where, prefix=".new-")


def _trim(folder: Path) -> None:
    """Remove the least recently used results beyond :data:`KEEP_BYTES` (the newest stays, whatever its size)."""
    try:
        entries = [(entry.path, entry.stat()) for entry in os.scandir(folder)]
    except OSError:
        return
    entries.sort(key=lambda item: item[1].st_mtime_ns, reverse=True)
    room = KEEP_BYTES
    for number, (path, status) in enumerate(entries):
        room -= status.st_size
        if number and room < 0:
            with suppress(OSError):  # another run removed it first
                os.unlink(path)


@cache
def _code_stamp() -> bytes:
    """A digest of sapat's code as Python checks its compiled files (each file's path, size and
    modification time), of every installed package with its version (the names of their
    ``.dist-info``), and of Python's version."""
    files = sorted(path for path in _SAPAT.rglob("*") if "__pycache__" not in path.parts and path.is_file())
    own = (f"{path.relative_to(_SAPAT)}:{path.stat().st_size}:{path.stat().st_mtime_ns}" for path in files)
    return hashlib.blake2b(encode([sys.version, *own, *_installed()]), digest_size=20).digest()


def _installed() -> list[str]:
    folders = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    return sorted(name for folder in folders if os.path.isdir(folder)
                  for name in os.listdir(folder) if name.endswith(".dist-info"))
