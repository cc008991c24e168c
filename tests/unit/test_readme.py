"""README's commands work as written: a new user copies them."""

from __future__ import annotations

import re
import shlex
import subprocess

import pytest

from helpers import ROOT
from sapat.cli import _parser

README = (ROOT / "README.md").read_text(encoding="utf-8")
#: Every ``sapat …`` command README shows (in a code block or in backticks), as written.
SAPAT_COMMANDS = sorted(set(re.findall(r"\.venv/bin/sapat ([^`\n#]+?)\s*(?:`|#|\n)", README)))
MAKE_TARGETS = sorted(set(re.findall(r"`?make ([a-z-]+)", README)))


def test_readme_is_short_enough_for_a_newcomer():
    assert len(README.splitlines()) <= 250


def test_readme_shows_commands_of_both_kinds():
    assert len(SAPAT_COMMANDS) >= 7 and {"site", "test", "check", "serve", "pdf", "bench"} <= set(MAKE_TARGETS)


@pytest.mark.parametrize("command", SAPAT_COMMANDS)
def test_each_sapat_command_of_readme_is_accepted_by_sapat(command):
    """Parsed by sapat's own parser: the command exists and its arguments are the ones it takes."""
    arguments = _parser("en").parse_args(shlex.split(command.replace("…", "x")))
    assert callable(arguments.run)


@pytest.mark.parametrize("target", MAKE_TARGETS)
def test_each_make_target_of_readme_exists(target):
    done = subprocess.run(["make", "-n", "-C", str(ROOT), target], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_every_document_readme_links_to_exists():
    linked = re.findall(r"\]\(([^)#]+)\)", README)
    assert linked and [path for path in linked if not (ROOT / path).exists()] == []
