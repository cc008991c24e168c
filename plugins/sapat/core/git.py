"""The one way sapat runs git.

Every call names its repository (``git -C``) and gives git an environment of its own, built
from the process's and never written back to it: two threads may run git at once, each in its
own repository. A failure is a :class:`~sapat.core.diagnostics.SapatError` naming the command
and what git said, or, where a failure is an answer (a name that is no revision), None.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

from .diagnostics import SapatError
from .i18n.messages import Message

#: Who sapat commits as where it makes a repository of its own (the web root of the editions).
SAPAT_IDENTITY = {"GIT_AUTHOR_NAME": "sapat", "GIT_AUTHOR_EMAIL": "sapat@localhost",
                  "GIT_COMMITTER_NAME": "sapat", "GIT_COMMITTER_EMAIL": "sapat@localhost"}


def available() -> bool:
    """Whether git is installed at all."""
    return shutil.which("git") is not None


def git(root: Path, *args: str, env: Mapping[str, str] | None = None, stdin: bytes | None = None) -> bytes:
    """git's standard output; a failure is a SapatError."""
    done = _run(root, args, env, stdin)
    if done.returncode != 0:
        raise SapatError(Message("git.failed", command=" ".join(args[:2]),
                                 error=done.stderr.decode(errors="replace").strip()))
    return done.stdout


def git_text(root: Path, *args: str, env: Mapping[str, str] | None = None) -> str:
    """git's standard output as text; a failure is a SapatError."""
    return git(root, *args, env=env).decode()


def git_or_none(root: Path, *args: str, env: Mapping[str, str] | None = None) -> bytes | None:
    """git's standard output, or None when git is missing or the command failed."""
    if not available():
        return None
    done = _run(root, args, env, None)
    return done.stdout if done.returncode == 0 else None


def _run(root: Path, args: tuple[str, ...], env: Mapping[str, str] | None,
         stdin: bytes | None) -> subprocess.CompletedProcess[bytes]:
    environment = {**os.environ, **env} if env else None
    return subprocess.run(["git", "-C", str(root), *args], input=stdin, capture_output=True, env=environment,
                          check=False)
