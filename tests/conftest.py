"""Shared fixtures: temporary copies of the real repository, built with the real tools.

Each expensive artefact is made once per test run, by one session fixture named for what it
is; a test that changes one works on a copy of its own (``repo``, ``sources``, or a copy it
makes). The ``sapat`` commands run in this process (helpers.sapat); the few tests of the
console script itself run it as a process (helpers.sapat_process)."""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import (
    FIRST,
    IN_MEMORY,
    ROOT,
    SECOND,
    SECOND_RELEASE_OUTPUT,
    SITE_ADDRESS,
    copy_sources,
    git,
    git_repository,
    in_memory_with_room,
    release,
    replace_once,
    sapat,
    stand_in_pdfs,
)
from sapat.core.i18n.languages import LANGUAGES, SOURCE_LANGUAGE
from sapat.core.load import load_project
from sapat.core.model.project import Project

# The tests read sapat's messages in English; the repository's own setting (Kyrgyz) and the
# other languages have tests of their own (tests/unit/test_messages.py). Subprocesses inherit it.
os.environ["SAPAT_LANG"] = "en"

#: The day the tests read the real repository on: what is overdue does not change with the day they run.
REAL_DAY = dt.date(2026, 11, 29)


#: What a test needs that builds on a release (a second edition, one on its way, a mend, the
#: offline copies added or unpacked), typesets the manual or is the browser's sweep: such a test
#: is marked slow (as are, by hand, the tests slow on their own), and left out of ``make test``
#: (``make test-all`` and every pull request run it). A release itself (``released``) is not:
#: what a frozen edition guarantees is tested by ``make test``.
SLOW_FIXTURES = {"two_editions", "released_then_changed", "mended", "frozen_before", "unpacked", "sweep",
                 "draft_pdfs"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


#: The test modules that read the sweep (tests/browser/sweep.py, a session fixture that reads
#: every published page in Chromium, a language at a time): one worker runs the tests of a
#: language in both, so that each language's sweep is made once.
SWEEP_MODULES = ("tests/browser/test_every_page.py", "tests/browser/test_first_screen.py")


#: The folder of the tests of the core on values: many short modules, the end of a run.
UNIT_TESTS = "tests/unit/"


def sweep_unit(nodeid: str) -> str:
    """The unit of work of a test of the sweep's modules: its language's (the language among
    its parameters; a test without one goes with the source language)."""
    parameters = nodeid.partition("[")[2].rstrip("]").split("-")
    return "sweep " + next((language for language in LANGUAGES if language in parameters), SOURCE_LANGUAGE)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """With pytest-xdist (make test: ``-n 2``), a test module is a unit of work that one worker
    runs whole (as ``--dist loadfile``), so that what its module fixtures make is made once;
    the sweep's modules are a unit per language. What session fixtures make is shared between
    the workers (made_once).

    The sweep's units go out first, one to each worker: they are the longest (Chromium reading
    every page of a language, about a sixth of the run each), and xdist otherwise sends the
    units with the most tests first, which left the sweep to run alone at the end while the
    other worker waited. The unit tests' modules go out last: a module of one slow build or
    release, sent after them by its count of tests, ran alone at the end (12.5 s of a run)."""
    from xdist.scheduler import LoadFileScheduling

    class ByModule(LoadFileScheduling):
        def _split_scope(self, nodeid: str) -> str:
            module = super()._split_scope(nodeid)
            return sweep_unit(nodeid) if module in SWEEP_MODULES else module

        def _assign_work_unit(self, node) -> None:
            for unit in [unit for unit in self.workqueue if unit.startswith(UNIT_TESTS)]:
                self.workqueue.move_to_end(unit)
            for unit in [unit for unit in self.workqueue if unit.startswith("sweep ")]:
                self.workqueue.move_to_end(unit, last=False)
            super()._assign_work_unit(node)

    return ByModule(config, log)


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], None]) -> Path:
    """A folder ``make`` fills once per test run. In a run of several pytest-xdist workers, the
    first worker that asks makes it, holding a lock, and the others wait for it and read the same
    folder (each test that changes it works on a copy of its own)."""
    if "PYTEST_XDIST_WORKER" not in os.environ:
        folder = tmp_path_factory.mktemp(name)
        make(folder)
        return folder
    shared = tmp_path_factory.getbasetemp().parent  # the run's folder, above each worker's own
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, made or not
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            done.touch()
    return folder


@pytest.fixture(scope="session", autouse=True)
def _temporary_folder_elsewhere(tmp_path_factory):
    """sapat's temporary folders (``tempfile``, in this process and in the processes it starts)
    go to another file system than the tests' repositories, where the machine has one in memory
    with room: as on Debian 13 or Fedora, whose /tmp is in memory. There, a rename from a
    temporary folder into a repository fails, and every build, release and mend of the tests
    with it (the draft's folder was moved so until 2026-12-07)."""
    repositories = tmp_path_factory.getbasetemp()  # the tests' own folders stay where they are
    if not in_memory_with_room() or IN_MEMORY.stat().st_dev == repositories.stat().st_dev:
        yield
        return
    folder = tempfile.mkdtemp(prefix="sapat-tests-", dir=IN_MEMORY)
    before = tempfile.tempdir, os.environ.get("TMPDIR")
    tempfile.tempdir = os.environ["TMPDIR"] = folder
    try:
        yield
    finally:
        tempfile.tempdir = before[0]
        if before[1] is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = before[1]
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def _kept_results(tmp_path_factory) -> None:
    """Results sapat keeps between runs (sapat.core.runtime.cache) go to a folder of this test run:
    the first check lays the diagrams out as on a clean machine, the user's own cache is left
    alone, and the later builds of copies of the repository reuse what the first one laid out."""
    folder = tmp_path_factory.mktemp("kept-results")
    folder.chmod(0o700)
    os.environ["SAPAT_CACHE"] = str(folder)


@pytest.fixture(scope="session")
def real_project() -> Project:
    """The real repository, loaded and checked once, as of REAL_DAY: for the tests that only
    read it (a test that changes the sources loads a copy of its own)."""
    return load_project(ROOT, REAL_DAY)


# --------------------------------------------------------------------------- built sites

def built(root: Path) -> Path:
    """``root`` after ``sapat build``."""
    run = sapat(root, "build")
    assert run.returncode == 0, run.output
    return root


@pytest.fixture(scope="session")
def built_repo(tmp_path_factory) -> Path:
    """A copy of the repository before its first release (no frozen edition), with its site
    built once by ``sapat build``: the draft alone."""
    return made_once(tmp_path_factory, "built", lambda folder: built(copy_sources(folder / "repo"))) / "repo"


@pytest.fixture(scope="session")
def draft_site(built_repo) -> Path:
    """The site of ``built_repo``: the draft, in both languages, and the web root."""
    return built_repo / "site"


@pytest.fixture(scope="session")
def published_repo(tmp_path_factory) -> Path:
    """A copy of the repository as main is, with its frozen editions (manual/editions/), built
    by ``sapat build``: the draft beside the editions, as main publishes it."""
    return made_once(tmp_path_factory, "published",
                     lambda folder: built(copy_sources(folder / "repo", editions=True))) / "repo"


@pytest.fixture(scope="session")
def published_site(published_repo) -> Path:
    """The site of ``published_repo``: what a reader gets, every edition in both languages."""
    return published_repo / "site"


@pytest.fixture(scope="session")
def plain_notices(tmp_path_factory) -> int:
    """How many notices the check of the sources as they are gives (what the registers do not
    state yet, the reviews due): a test that looks for notices of its own counts them on top."""
    from sapat.core.diagnostics import Severity
    from sapat.core.load import load_project
    project = load_project(copy_sources(tmp_path_factory.mktemp("plain") / "repo"))
    return sum(diagnostic.severity is Severity.NOTICE for diagnostic in project.diagnostics)


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


# --------------------------------------------------------------------------- releases

@pytest.fixture(scope="session")
def released(tmp_path_factory) -> Path:
    """A git repository whose manual was released once, as the edition of 2018-12-21, and built.
    Its PDFs are stand-ins (helpers.stand_in_pdfs: the typesetting is test_pdf's), its offline
    copies made, leading to the site at SITE_ADDRESS (test_offline_copy reads them). Shared: a
    test that changes it works on a copy (test_frozen_editions.working_copy)."""
    def make(folder: Path) -> None:
        root = git_repository(folder / "repo")
        setting = "      messages: ky\n"
        replace_once(root, "mkdocs.yml", setting, f"{setting}      site_address: {SITE_ADDRESS}\n")
        git(root, "commit", "-q", "-am", "The site's address, where offline copies lead")
        with stand_in_pdfs():
            run = release(root, FIRST, "4")
        assert run.returncode == 0, run.output
        built(root)

    return made_once(tmp_path_factory, "released", make) / "repo"


def sign_with_ssh(root: Path, folder: Path) -> None:
    """git in ``root`` signs tags with a new SSH key kept in ``folder`` (outside the repository),
    and trusts it when it verifies them."""
    key = folder / "signing-key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "quality@jasu.invalid", "-f", str(key)],
                   check=True)
    git(root, "config", "gpg.format", "ssh")
    git(root, "config", "user.signingkey", str(key))
    (folder / "allowed_signers").write_text(f"quality@jasu.invalid {(folder / 'signing-key.pub').read_text()}",
                                            encoding="utf-8")
    git(root, "config", "gpg.ssh.allowedSignersFile", str(folder / "allowed_signers"))


@pytest.fixture(scope="session")
def two_editions(tmp_path_factory, released) -> Path:
    """The released repository after the Council approved a change of 6.3: a second edition,
    in force since 2026-11-20, which supersedes the first (its PDFs stand-ins too), released by
    a git that signs with an SSH key where ssh-keygen is installed (the first edition is
    unsigned); what the release said is in SECOND_RELEASE_OUTPUT beside it."""
    def make(folder: Path) -> None:
        root = folder / "repo"
        shutil.copytree(released, root)
        if shutil.which("ssh-keygen"):
            sign_with_ssh(root, folder)
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
        with stand_in_pdfs():
            run = release(root, SECOND, "5", "--summary-ky", "6.3 толукталды", "--summary-ru", "Дополнен пункт 6.3")
        assert run.returncode == 0, run.output
        (folder / SECOND_RELEASE_OUTPUT).write_text(run.output, encoding="utf-8")
        built(root)

    return made_once(tmp_path_factory, "two", make) / "repo"
