"""Shared fixtures: temporary copies of the real repository, built with the real tools."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from helpers import FIRST, SECOND, copy_sources, git, git_repository, release, sapat

# The tests read sapat's messages in English; the repository's own setting (Kyrgyz) and the
# other languages have tests of their own (tests/unit/test_messages.py). Subprocesses inherit it.
os.environ["SAPAT_LANG"] = "en"


@pytest.fixture(scope="session", autouse=True)
def _kept_results(tmp_path_factory) -> None:
    """Results sapat keeps between runs (sapat.core.runtime.cache) go to a folder of this test run:
    the first check lays the diagrams out as on a clean machine, the user's own cache is left
    alone, and the later builds of copies of the repository reuse what the first one laid out."""
    folder = tmp_path_factory.mktemp("kept-results")
    folder.chmod(0o700)
    os.environ["SAPAT_CACHE"] = str(folder)


@pytest.fixture(scope="session")
def built_repo(tmp_path_factory) -> Path:
    """A copy of the repository with its site built once by ``sapat build``."""
    root = copy_sources(tmp_path_factory.mktemp("built") / "repo")
    run = sapat(root, "build")
    assert run.returncode == 0, run.output
    return root


@pytest.fixture(scope="session")
def published_repo(tmp_path_factory) -> Path:
    """A copy of the repository with its frozen editions, its site built once by ``sapat build``:
    the web root as main publishes it."""
    root = copy_sources(tmp_path_factory.mktemp("published") / "repo", editions=True)
    run = sapat(root, "build")
    assert run.returncode == 0, run.output
    return root


@pytest.fixture(scope="session")
def plain_notices(tmp_path_factory) -> int:
    """How many notices the check of the sources as they are gives (what the registers do not
    state yet, the reviews due): a test that looks for notices of its own counts them on top."""
    from sapat.core.diagnostics import Severity
    from sapat.core.load import load_project
    project = load_project(copy_sources(tmp_path_factory.mktemp("plain") / "repo"))
    return sum(diagnostic.severity is Severity.NOTICE for diagnostic in project.diagnostics)


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



@pytest.fixture(scope="session")
def released(tmp_path_factory) -> Path:
    """A git repository whose manual was released once, as the edition of 2018-12-21, and built."""
    root = git_repository(tmp_path_factory.mktemp("released") / "repo")
    run = release(root, FIRST, "4")
    assert run.returncode == 0, run.output
    run = sapat(root, "build")
    assert run.returncode == 0, run.output
    return root


@pytest.fixture(scope="session")
def two_editions(tmp_path_factory, released) -> Path:
    """The released repository after the Council approved a change of 6.3: a second edition,
    in force since 2026-11-20, which supersedes the first."""
    root = tmp_path_factory.mktemp("two") / "repo"
    shutil.copytree(released, root)
    for language, sentence in (("ky", "Жаңы сүйлөм."), ("ru", "Новое предложение.")):
        page = root / f"manual/{language}/06-resources.md"
        text = page.read_text(encoding="utf-8")
        page.write_text(text.replace("\n## 6.4", f"\n{sentence}\n\n## 6.4", 1), encoding="utf-8")
    for command in (("approve", "manual/ky/06-resources.md", "--by", "academic_council", "--protocol", "5",
                     "--date", SECOND, "--summary", "6.3 толукталды"),
                    ("translated", "manual/ru/06-resources.md")):
        run = sapat(root, *command)
        assert run.returncode == 0, run.output
    git(root, "commit", "-q", "-am", "6.3 amended (protocol 5)")
    run = release(root, SECOND, "5", "--summary-ky", "6.3 толукталды", "--summary-ru", "Дополнен пункт 6.3")
    assert run.returncode == 0, run.output
    run = sapat(root, "build")
    assert run.returncode == 0, run.output
    return root
