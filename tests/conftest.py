"""Shared fixtures: temporary copies of the real repository, built with the real tools."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers import copy_sources, sapat

# The tests read sapat's messages in English; the repository's own setting (Kyrgyz) and the
# other languages have tests of their own (tests/unit/test_messages.py). Subprocesses inherit it.
os.environ["SAPAT_LANG"] = "en"


@pytest.fixture(scope="session")
def built_repo(tmp_path_factory) -> Path:
    """A copy of the repository with its site built once by ``sapat build``."""
    root = copy_sources(tmp_path_factory.mktemp("built") / "repo")
    run = sapat(root, "build")
    assert run.returncode == 0, run.output
    return root


@pytest.fixture(scope="session")
def site(built_repo) -> Path:
    return built_repo / "site"


@pytest.fixture
def sources(tmp_path) -> Path:
    """A fresh copy of the repository's sources, without a built site, for one test to change."""
    return copy_sources(tmp_path / "repo")


@pytest.fixture
def repo(tmp_path, built_repo) -> Path:
    """A fresh copy of the built repository (sources and site/) for one test to change."""
    root = tmp_path / "repo"
    shutil.copytree(built_repo, root)
    return root
