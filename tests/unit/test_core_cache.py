"""Results kept between runs: found again only for the same input and the same sapat, and
never loaded from a folder other users could write."""

from __future__ import annotations

import datetime as dt
import os
import shutil

import pytest

from helpers import copy_sources
from sapat.core import background, cache, project
from sapat.core.diagrams import interaction

TODAY = dt.date(2026, 11, 29)


@pytest.fixture
def kept(tmp_path, monkeypatch):
    folder = tmp_path / "kept"
    monkeypatch.setenv("SAPAT_CACHE", str(folder))
    return folder


def test_a_result_is_found_again_for_the_same_input_only(kept):
    key = cache.key("layout", [b"processes", "ө ү ң".encode()])
    cache.store(key, {"scene": ["өндүрүү"]})
    assert cache.load(key) == {"scene": ["өндүрүү"]}
    assert cache.load(cache.key("layout", [b"processes", "ө ү н".encode()])) is None
    assert cache.load(cache.key("other", [b"processes", "ө ү ң".encode()])) is None
    assert cache.key("layout", [b"ab", b"c"]) != cache.key("layout", [b"a", b"bc"])
    assert kept.stat().st_mode & 0o777 == 0o700


def test_a_change_to_sapats_code_gives_a_new_key(tmp_path, monkeypatch):
    package = shutil.copytree(cache._PACKAGE, tmp_path / "sapat", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "_PACKAGE", package)
    cache._code_stamp.cache_clear()
    before = cache.key("layout", [b"processes"])
    layout = package / "core" / "diagrams" / "interaction.py"
    layout.write_text(layout.read_text(encoding="utf-8") + "\n# one more line\n", encoding="utf-8")
    cache._code_stamp.cache_clear()
    try:
        assert cache.key("layout", [b"processes"]) != before
    finally:
        monkeypatch.undo()
        cache._code_stamp.cache_clear()


def test_a_folder_other_users_can_write_is_not_used(kept):
    kept.mkdir()
    kept.chmod(0o777)
    key = cache.key("layout", [b"processes"])
    cache.store(key, "laid out")
    assert not (kept / key).exists()
    (kept / key).write_bytes(b"\x80\x05\x95")  # anything there is not loaded either
    assert cache.load(key) is None


def test_a_damaged_or_unkeepable_result_is_computed_again_without_an_error(kept):
    key = cache.key("layout", [b"processes"])
    cache.store(key, lambda: "a function cannot be kept")
    assert cache.load(key) is None and list(kept.iterdir()) == []
    cache.store(key, "laid out")
    (kept / key).write_bytes((kept / key).read_bytes()[:-3])  # cut short, as by a full disk
    assert cache.load(key) is None


def test_only_the_newest_results_are_kept(kept, monkeypatch):
    monkeypatch.setattr(cache, "KEEP", 3)
    keys = [cache.key("layout", [str(n).encode()]) for n in range(5)]
    for number, key in enumerate(keys):
        cache.store(key, number)
        os.utime(kept / key, ns=(number * 10**9, number * 10**9))
    assert sorted(path.name for path in kept.iterdir()) == sorted(keys[-3:])


def test_the_check_lays_the_diagrams_out_again_only_when_the_process_data_or_its_schemas_change(
        tmp_path, kept, monkeypatch):
    root = copy_sources(tmp_path / "repo")
    monkeypatch.setattr(background, "_can_fork", lambda: False)  # count the searches here
    searched: list[int] = []
    search = interaction._arrange
    monkeypatch.setattr(interaction, "_arrange", lambda *key: searched.append(1) or search(*key))

    def check() -> tuple[list[str], dict]:
        monkeypatch.setattr(interaction, "_arrangements", {})  # a new run remembers nothing
        loaded = project.load_project(root, TODAY)
        pages = {name: page.body for name, page in loaded.source.generated.items() if name.startswith("processes/")}
        return [str(d) for d in loaded.diagnostics], {"drawings": loaded.drawings, "pages": pages}

    first = check()
    assert len(searched) == 1 and len(list(kept.iterdir())) == 1
    assert check() == first and len(searched) == 1  # the same data: what was laid out is reused

    process = sorted((root / "processes").glob("*.yml"))[-1]
    process.write_text(process.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    check()
    schema = root / "schemas" / "process.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    check()
    assert len(searched) == 3 and len(list(kept.iterdir())) == 3
