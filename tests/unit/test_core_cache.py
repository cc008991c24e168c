"""The one cache: a result is found again only for exactly the arguments its function was given
and the same sapat; never loaded from a folder other users could write; bounded; off on request."""

from __future__ import annotations

import dataclasses
import datetime as dt
import getpass
import os
import pickle
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from helpers import ROOT, copy_sources
from sapat import cli
from sapat.core import load
from sapat.core.diagnostics import SapatError
from sapat.core.diagrams import interaction
from sapat.core.model import pages
from sapat.core.runtime import background, cache
from sapat.core.runtime.cache import encode, kept
from sapat.core.sources import files, schemas
from sapat.core.sources.files import YamlData, load_yaml

TODAY = dt.date(2026, 11, 29)
computed: list[tuple] = []


def laid_out(text: str, number: int) -> dict:
    """A pure function, counting its runs."""
    computed.append((text, number))
    return {"scene": [text] * number}


def other(text: str, number: int) -> dict:
    computed.append(("other", text, number))
    return {"scene": [text] * number}


@pytest.fixture
def kept_in(tmp_path, monkeypatch):
    folder = tmp_path / "kept"
    monkeypatch.setenv("SAPAT_CACHE", str(folder))
    monkeypatch.delenv("SAPAT_CACHE_WITHOUT", raising=False)
    computed.clear()
    return folder


def test_a_result_is_found_again_for_exactly_the_same_function_and_arguments(kept_in):
    first = kept(laid_out, "өндүрүү", 2)
    again = kept(laid_out, "өндүрүү", 2)
    assert first == again == {"scene": ["өндүрүү", "өндүрүү"]} and computed == [("өндүрүү", 2)]
    again["scene"].append("changed by a caller")
    assert kept(laid_out, "өндүрүү", 2) == first  # each use gets an object of its own
    kept(laid_out, "өндүрүү", 3)
    kept(laid_out, "өндүрүн", 2)
    kept(other, "өндүрүү", 2)
    assert len(computed) == 4 and len(list(kept_in.iterdir())) == 4
    assert kept_in.stat().st_mode & 0o777 == 0o700


@dataclasses.dataclass(frozen=True)
class Box:
    name: str
    sides: tuple[int, ...]


@dataclasses.dataclass(frozen=True)
class Frame:
    name: str
    sides: tuple[int, ...]


def test_the_key_tells_every_value_apart_and_refuses_what_it_cannot_read():
    distinct = [("ab", "c"), ("a", "bc"), 1, 1.0, True, "1", b"1", None, False, [1], (1,), {"a": 1, "b": 2},
                {"b": 2, "a": 1}, Box("a", (1,)), Frame("a", (1,)), Box("a", (2,)), dt.date(2026, 12, 7),
                "2026-12-07", frozenset({1})]
    assert len({encode(value) for value in distinct}) == len(distinct)
    assert encode({"b", "a", "c"}) == encode({"c", "b", "a"})
    with pytest.raises(TypeError, match="content of a file"):
        encode(Path("manual/ky/index.md"))
    with pytest.raises(TypeError):
        kept(lambda text: text, "a lambda has no name to be found by")


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
            keys.append(cache.key(laid_out, ("processes", 1)))
        assert len(set(keys)) == 3
    finally:
        monkeypatch.undo()
        cache._code_stamp.cache_clear()


def test_a_folder_other_users_can_write_is_not_used(kept_in):
    kept_in.mkdir()
    kept_in.chmod(0o777)
    kept(laid_out, "processes", 1)
    assert list(kept_in.iterdir()) == []
    name = f"laid_out-{cache.key(laid_out, ('processes', 1))}"
    (kept_in / name).write_bytes(pickle.dumps({"scene": ["planted"]}))  # anything there is not loaded either
    assert kept(laid_out, "processes", 1) == {"scene": ["processes"]} and len(computed) == 2


def test_it_works_where_there_are_no_user_ids(tmp_path, monkeypatch):
    """Windows: no os.getuid, and perhaps no user name either; the check runs all the same."""
    monkeypatch.delattr(os, "getuid")
    monkeypatch.delenv("SAPAT_CACHE")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setenv("LOGNAME", "editor")
    computed.clear()
    assert kept(laid_out, "processes", 1) == kept(laid_out, "processes", 1) and len(computed) == 1
    assert len(list((tmp_path / "sapat-cache-editor").iterdir())) == 1

    def nameless() -> str:
        raise OSError("no user name")

    monkeypatch.setattr(getpass, "getuser", nameless)
    monkeypatch.setattr(cache, "_folders", {})  # as in a new process
    kept(laid_out, "processes", 1)
    assert len(list((tmp_path / "sapat-cache-user").iterdir())) == 1
    root = copy_sources(tmp_path / "repo")
    assert cli.main(["--root", str(root), "check"]) == 0


def test_a_damaged_or_unkeepable_result_is_computed_again_without_an_error(kept_in):
    assert kept(laid_out, "processes", 1)
    [stored] = kept_in.iterdir()
    stored.write_bytes(stored.read_bytes()[:-3])  # cut short, as by a full disk
    assert kept(laid_out, "processes", 1) == {"scene": ["processes"]} and len(computed) == 2
    assert kept(laid_out, "processes", 1) and len(computed) == 2  # kept whole again
    function = kept(cache_unkeepable, "a function cannot be pickled")
    assert function() == "a function cannot be pickled" and len(list(kept_in.iterdir())) == 1


def cache_unkeepable(text: str):
    return lambda: text


def test_the_least_recently_used_results_go_beyond_the_room(kept_in, monkeypatch):
    monkeypatch.setattr(cache, "KEEP_BYTES", 2500)

    def keep(number: int, size: int) -> str:
        monkeypatch.setattr(cache, "_stored_since_trim", None)  # as in a new run: the folder is looked at
        kept(laid_out, "ө" * size, 1)
        name = f"laid_out-{cache.key(laid_out, ('ө' * size, 1))}"
        os.utime(kept_in / name, ns=(number * 10**9, number * 10**9))  # one after the other
        return name

    names = [keep(number, 500 + number) for number in range(3)]  # some 1,000 bytes each: room for two
    assert sorted(path.name for path in kept_in.iterdir()) == sorted(names[1:])
    kept(laid_out, "ө" * 501, 1)  # used: now the newest
    newest = keep(3, 503)
    assert sorted(path.name for path in kept_in.iterdir()) == sorted([names[1], newest])
    largest = keep(4, 3000)
    assert [path.name for path in kept_in.iterdir()] == [largest]  # the newest stays whatever its size


def test_it_can_be_switched_off_whole_or_by_kind(kept_in, monkeypatch, tmp_path):
    for _ in range(2):
        kept(laid_out, "processes", 1)
    assert len(computed) == 1
    for off in ("SAPAT_CACHE_WITHOUT", "SAPAT_CACHE"):
        monkeypatch.setenv(off, "laid_out" if off == "SAPAT_CACHE_WITHOUT" else "off")
        kept(laid_out, "processes", 1)
        assert len(computed) in (2, 3)
    assert len(computed) == 3
    monkeypatch.setenv("SAPAT_CACHE", str(kept_in))
    monkeypatch.delenv("SAPAT_CACHE_WITHOUT")
    with cache.switched_off():
        kept(laid_out, "processes", 1)
    kept(laid_out, "processes", 1)
    assert len(computed) == 4 and len(list(kept_in.iterdir())) == 1
    root = copy_sources(tmp_path / "repo")
    shutil.rmtree(kept_in)
    assert cli.main(["--root", str(root), "--no-cache", "check"]) == 0
    assert cli.main(["--root", str(root), "check", "--no-cache"]) == 0
    assert not kept_in.exists()
    assert cli.main(["--root", str(root), "check"]) == 0
    assert kept_in.exists() and not cache._switched_off


def new_check(root: Path) -> list[str]:
    """What a check of ``root`` finds, as a new process would (nothing but the cache remembered)."""
    interaction._last = None
    return [str(d) for d in load.load_project(root, TODAY).diagnostics]


@pytest.fixture
def here(monkeypatch):
    """All work done here, so every run of a kept function is counted."""
    monkeypatch.setattr(background, "can_fork", lambda: False)


def counted(monkeypatch, module, name: str) -> list[tuple]:
    """Every call of ``module.name`` from now on, by its arguments."""
    calls: list[tuple] = []
    function = getattr(module, name)

    def counting(*args):
        calls.append(args)
        return function(*args)

    counting.__qualname__ = function.__qualname__  # the same kind: found under the same key
    counting.__module__ = function.__module__
    monkeypatch.setattr(module, name, counting)
    return calls


def test_pages_are_parsed_again_only_when_their_bytes_or_their_place_change(tmp_path, kept_in, monkeypatch):
    page = tmp_path / "02-policy.md"
    page.write_text("---\ntitle: Саясат\n---\n# 2 Саясат\n", encoding="utf-8")
    parsed = counted(monkeypatch, pages, "_parse_page")

    def read(display: str = "manual/ky/02-policy.md") -> pages.Page:
        return pages.read_page(page, "02-policy.md", "ky", display, [])

    assert read().title == read().title == "Саясат" and len(parsed) == 1
    page.write_text("---\ntitle: Сапат саясаты\n---\n# 2 Саясат\n", encoding="utf-8")
    assert read().title == "Сапат саясаты" and len(parsed) == 2
    assert read("manual/ky/02-other.md").display == "manual/ky/02-other.md" and len(parsed) == 3


def test_the_diagrams_are_laid_out_again_only_when_the_process_model_changes(tmp_path, kept_in, here, monkeypatch):
    root = copy_sources(tmp_path / "repo")
    laid = counted(monkeypatch, load, "lay_out")
    searched = counted(monkeypatch, interaction, "_arrange")
    monkeypatch.setattr(interaction, "_last", None)  # as in a new process

    def drawn() -> dict:
        loaded = load.load_project(root, TODAY)
        return {"drawings": loaded.drawings,
                "pages": {name: page.body for name, page in loaded.source.generated.items()}}

    first = drawn()
    assert len(laid) == 2 and len(searched) == 1
    interaction._last = None  # a new process
    assert drawn() == first and len(laid) == 2 and len(searched) == 1
    process = root / "processes" / "resource-management.yml"
    process.write_text(process.read_text(encoding="utf-8") + "\n# a comment\n", encoding="utf-8")
    assert drawn() == first and len(laid) == 2  # the same model: the same drawings
    process.write_text(process.read_text(encoding="utf-8").replace("Ресурстар менеджменти", "Жаңы аталыш"),
                       encoding="utf-8")
    changed = drawn()
    assert len(laid) == 4 and changed["drawings"] != first["drawings"]
    assert "Жаңы аталыш" in str(changed["drawings"][("interaction", "ky")])
    assert len(searched) == 1  # the hand-overs are the same: the map's arrangement is reused


checked: list[object] = []


def counted_passes(schema_text: str, value: object) -> bool:
    """schemas._passes, counted (a kept function is a module-level one)."""
    checked.append(value)
    return bool(schemas._validator(schema_text).is_valid(value))


def test_a_value_is_checked_against_its_schema_again_only_when_the_value_or_the_schema_changes(kept_in, monkeypatch):
    """What passed is kept by the value and the schema's text; a failure is never kept, and its
    diagnostics come with their lines."""
    checked.clear()
    monkeypatch.setattr(schemas, "_passes", counted_passes)
    text = '{"type": "object", "properties": {"revision": {"type": "integer"}}}'
    schema = schemas.Schema(text)
    good, bad = load_yaml("revision: 2\n", "page.md"), load_yaml("revision: two\n", "page.md")
    assert schemas.schema_problems(good, schema, "page.md") == [] and len(checked) == 1
    assert schemas.schema_problems(good, schema, "page.md") == [] and len(checked) == 1  # found again
    assert [(d.line, d.message.key) for d in schemas.schema_problems(bad, schema, "page.md")] == \
        [(1, "schema.at")] and len(checked) == 2
    stricter = text.replace('"integer"', '"string"')
    assert schemas.schema_problems(good, schemas.Schema(stricter), "page.md") != []


def test_a_data_file_is_parsed_again_only_when_its_text_or_its_name_change(tmp_path, kept_in, monkeypatch):
    """A file that does not parse is never kept: its error, with its line, comes at every read."""
    data = tmp_path / "records.yml"
    data.write_text("records:\n  - id: minutes\n", encoding="utf-8")
    parsed = counted(monkeypatch, files, "load_yaml")

    def read(display: str = "processes/records.yml") -> YamlData:
        return files.load_yaml_file(data, display)

    first = read()
    assert read() == first and first.value == {"records": [{"id": "minutes"}]} and len(parsed) == 1
    assert first.line_of(("records", 0, "id")) == 2
    data.write_text("records:\n\n  - id: plans\n", encoding="utf-8")
    assert read().value == {"records": [{"id": "plans"}]} and read().line_of(("records", 0, "id")) == 3
    assert len(parsed) == 2
    assert read("processes/other.yml") == read() and len(parsed) == 3
    data.write_text("records: [\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(SapatError) as raised:
            read()
        assert raised.value.problems[0].path == "processes/records.yml"
    assert len(parsed) == 5


#: What a check loads only to compute what was not kept: the schemas' validator, Python-Markdown's
#: fenced code (with its code highlighter), a spreadsheet writer, a tar reader.
LOADED_ONLY_WHEN_NEEDED = ("jsonschema", "markdown.extensions.fenced_code", "pygments", "xlsxwriter", "tarfile")


def test_a_check_that_finds_everything_kept_loads_no_validator_nor_writer(tmp_path):
    """Loading them took 0.12 s of every command's start, a fifth of the real manual's check."""
    loaded = ("import sys; from sapat.cli import main; status = main(['--root', sys.argv[1], 'check']); "
              f"print(sorted(name for name in {LOADED_ONLY_WHEN_NEEDED!r} if name in sys.modules))")
    environment = {**os.environ, "SAPAT_CACHE": str(tmp_path / "kept")}
    runs = [subprocess.run([sys.executable, "-c", loaded, str(ROOT)], capture_output=True, text=True,
                           env=environment, check=True).stdout.splitlines()[-1] for _ in range(2)]
    assert runs[0] != "[]"  # the first run computes: it loads them
    assert runs[1] == "[]"
