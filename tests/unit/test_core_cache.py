"""Results kept between runs: found again only for the same input and the same sapat, and
never loaded from a folder other users could write."""

from __future__ import annotations

import datetime as dt
import os
import pickle
import shutil

import pytest

from helpers import copy_sources
from sapat.core import load
from sapat.core.checks import translations as checks
from sapat.core.diagrams import interaction
from sapat.core.model import pages
from sapat.core.model.processes import REGISTER_FILES
from sapat.core.runtime import background, cache
from sapat.core.sources import schemas as metadata

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


def test_a_change_to_sapats_code_or_to_an_installed_package_gives_a_new_key(tmp_path, monkeypatch):
    assert any(name.startswith("jsonschema-") for name in cache._installed())
    package = shutil.copytree(cache._SAPAT, tmp_path / "sapat", ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cache, "_SAPAT", package)
    keys = []
    try:
        for change in ("none", "code", "package"):
            if change == "code":
                layout = package / "core" / "diagrams" / "interaction.py"
                layout.write_text(layout.read_text(encoding="utf-8") + "\n# one more line\n", encoding="utf-8")
            if change == "package":
                monkeypatch.setattr(cache, "_installed", lambda: ["PyYAML-6.0.3.dist-info"])
            cache._code_stamp.cache_clear()
            keys.append(cache.key("layout", [b"processes"]))
        assert len(set(keys)) == 3
    finally:
        monkeypatch.undo()
        cache._code_stamp.cache_clear()


def new_process(monkeypatch) -> None:
    """What a process loaded or stored is remembered in it: as if the next run had begun."""
    monkeypatch.setattr(cache, "_in_memory", {})


def test_a_folder_other_users_can_write_is_not_used(kept, monkeypatch):
    kept.mkdir()
    kept.chmod(0o777)
    key = cache.key("layout", [b"processes"])
    cache.store(key, "laid out")
    assert not (kept / key).exists() and cache.load(key) == "laid out"  # in this process only
    new_process(monkeypatch)
    (kept / key).write_bytes(pickle.dumps("planted"))  # anything there is not loaded either
    assert cache.load(key) is None


def test_a_damaged_or_unkeepable_result_is_computed_again_without_an_error(kept, monkeypatch):
    key = cache.key("layout", [b"processes"])
    cache.store(key, lambda: "a function cannot be kept")
    assert list(kept.iterdir()) == []
    new_process(monkeypatch)
    assert cache.load(key) is None
    cache.store(key, "laid out")
    (kept / key).write_bytes((kept / key).read_bytes()[:-3])  # cut short, as by a full disk
    new_process(monkeypatch)
    assert cache.load(key) is None


def test_what_passed_is_kept_beside_what_another_process_kept_meanwhile(kept, monkeypatch):
    ours = cache.KeptSet("passed")
    assert cache.digest("a") not in ours
    ours.add(cache.digest("a"))
    ours.save()
    remembered = dict(cache._in_memory)
    theirs = cache.KeptSet("passed")  # a forked process: it saves into the folder only
    theirs.add(cache.digest("b"))
    theirs.save()
    monkeypatch.setattr(cache, "_in_memory", remembered)
    ours.add(cache.digest("c"))
    ours.save()
    new_process(monkeypatch)
    kept_now = cache.KeptSet("passed")
    assert all(cache.digest(name) in kept_now for name in "abc")


def test_only_the_newest_results_are_kept_and_a_used_one_counts_as_new(kept, monkeypatch):
    monkeypatch.setattr(cache, "KEEP", 3)
    keys = [cache.key("layout", [str(n).encode()]) for n in range(6)]

    def stored(numbers: range, value) -> list[str]:
        for number in numbers:
            cache.store(keys[number], value)
            os.utime(kept / keys[number], ns=(number * 10**9, number * 10**9))  # one after the other
        return sorted(path.name for path in kept.iterdir())

    assert stored(range(5), 0) == sorted(keys[2:5])
    new_process(monkeypatch)
    assert cache.load(keys[2]) == 0  # used: now the newest
    assert stored(range(5, 6), 0) == sorted([keys[2], keys[4], keys[5]])
    for path in kept.iterdir():
        path.unlink()
    monkeypatch.setattr(cache, "KEEP_BYTES", 2500)
    assert stored(range(3), "ө" * 500) == sorted(keys[1:3])  # 1,000 bytes each: room for two
    assert stored(range(3, 4), "ү" * 2000) == [keys[3]]  # the newest is kept whatever its size


def test_the_check_lays_the_diagrams_out_again_only_when_the_process_data_or_its_schemas_change(
        tmp_path, kept, monkeypatch):
    root = copy_sources(tmp_path / "repo")
    monkeypatch.setattr(background, "_can_fork", lambda: False)  # count the searches here
    searched: list[int] = []
    search = interaction._arrange
    monkeypatch.setattr(interaction, "_arrange", lambda *key: searched.append(1) or search(*key))

    def check() -> tuple[list[str], dict]:
        new_process(monkeypatch)
        monkeypatch.setattr(interaction, "_arrangements", {})
        loaded = load.load_project(root, TODAY)
        pages = {name: page.body for name, page in loaded.source.generated.items() if name.startswith("processes/")}
        return [str(d) for d in loaded.diagnostics], {"drawings": loaded.drawings, "pages": pages}

    def laid_out() -> int:
        return len(list(kept.glob("diagrams-*")))

    first = check()
    assert len(searched) == 1 and laid_out() == 1
    assert check() == first and len(searched) == 1  # the same data: what was laid out is reused

    process = sorted(path for path in (root / "processes").glob("*.yml") if path.name not in REGISTER_FILES)[-1]
    process.write_text(process.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    check()
    schema = root / "schemas" / "process.schema.json"
    schema.write_text(schema.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    check()
    assert len(searched) == 3 and laid_out() == 3


def test_a_value_that_passed_its_schema_is_not_checked_again_and_a_changed_one_is(tmp_path, kept, monkeypatch):
    """Every page and data file passes in the first check, in whichever process read it; the
    next run checks none of them again, and a page whose front matter changed is checked."""
    root = copy_sources(tmp_path / "repo")
    checked: list[str] = []
    schema_diagnostics = metadata.schema_diagnostics

    def counted(data, validator, display):
        checked.append(display)
        return schema_diagnostics(data, validator, display)

    monkeypatch.setattr(metadata, "schema_diagnostics", counted)

    def check(fork: bool = False) -> list[str]:
        new_process(monkeypatch)
        monkeypatch.setattr(metadata, "_passed", cache.KeptSet("schema-passed"))
        monkeypatch.setattr(background, "_can_fork", lambda: fork)  # unforked: every check counted
        checked.clear()
        return [str(d) for d in load.load_project(root, TODAY).errors()]

    assert check(fork=True) == [] and checked
    assert check() == [] and checked == []  # what passed in the forked processes too
    page = root / "manual" / "ru" / "01-general.md"
    page.write_text(page.read_text(encoding="utf-8").replace("---\n", "---\ncolour: red\n", 1), encoding="utf-8")
    problems = check()
    changed = "manual/ru/01-general.md"
    assert checked == [changed] and any(changed in problem and "colour" in problem for problem in problems)
    assert check() == problems and checked == [changed]  # a failing value is checked every time


@pytest.mark.parametrize("run", ["the next run", "make serve, after a save"])
def test_only_a_changed_page_is_read_again(tmp_path, kept, monkeypatch, run):
    root = copy_sources(tmp_path / "repo")
    monkeypatch.setattr(background, "_can_fork", lambda: False)  # every page read here
    before = load.load_project(root, TODAY)
    parsed: list[str] = []
    parse = pages._parse_page
    monkeypatch.setattr(pages, "_parse_page", lambda data, *where: parsed.append(where[2]) or parse(data, *where))
    if run == "the next run":
        new_process(monkeypatch)  # the pages come from the folder
    page = root / "manual" / "ky" / "02-policy.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nСапат.\n", encoding="utf-8")
    after = load.load_project(root, TODAY)
    assert parsed == ["manual/ky/02-policy.md"]
    assert after.source.files["02-policy.md"].body.endswith("\nСапат.\n")
    assert {name: p.body for name, p in after.source.files.items() if name != "02-policy.md"} == \
        {name: p.body for name, p in before.source.files.items() if name != "02-policy.md"}


def test_terms_to_avoid_found_in_a_translation_are_kept_until_the_glossary_or_a_page_changes(
        tmp_path, kept, monkeypatch):
    root = copy_sources(tmp_path / "repo")
    page = root / "manual" / "ru" / "03-process-approach.md"
    page.write_text(page.read_text(encoding="utf-8").replace("«процессный подход»", "«процессуальный подход»"),
                    encoding="utf-8")
    searched: list[str] = []
    search = checks.terminology_problems
    monkeypatch.setattr(checks, "terminology_problems",
                        lambda *args: searched.append(args[3]) or search(*args))

    def term_problems() -> list[tuple]:
        new_process(monkeypatch)
        searched.clear()
        return [(d.path, d.line, d.message.key) for d in load.load_project(root, TODAY).diagnostics
                if "процессуальный" in str(d.message)]

    found = term_problems()
    assert found == [("manual/ru/03-process-approach.md", 15, "term.not_standard")] and searched
    assert term_problems() == found and searched == []
    glossary = root / "manual" / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("процессуальн подход, ", ""), encoding="utf-8")
    assert term_problems() == [] and searched
