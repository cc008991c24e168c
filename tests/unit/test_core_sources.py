"""Reading editors' files: every failure is a diagnostic with a line, never a traceback."""

from __future__ import annotations

import pytest

from sapat.core.diagnostics import SapatError
from sapat.core.sources.files import MAX_DEPTH, compose_yaml, load_yaml, read_text, set_front_matter, split_front_matter


def test_front_matter_and_body_keep_their_line_numbers():
    document = split_front_matter("---\na: 1\nb: 2\n---\n# 1. Title\ntext\n")
    assert document.front_matter == "a: 1\nb: 2\n"
    assert document.body.startswith("# 1. Title")
    assert document.body_line == 5


def test_every_key_knows_its_line():
    data = load_yaml("a: 1\nlist:\n  - x: 1\n  - x: 2\n", "f.yml", first_line=10)
    assert data.line_of(("a",)) == 10
    assert data.line_of(("list", 1, "x")) == 13
    assert data.line_of(("list", 1, "missing")) == 13


def test_dates_stay_strings_so_the_schema_judges_them():
    assert load_yaml("d: 2018-12-21\n", "f.yml").value == {"d": "2018-12-21"}


def test_aliases_are_refused_before_they_can_expand():
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n'
    with pytest.raises(SapatError) as caught:
        load_yaml(bomb, "f.yml")
    assert caught.value.problems[0].line == 2
    assert "aliases" in str(caught.value.problems[0].message)


def test_a_key_given_twice_is_an_error_on_its_second_line():
    with pytest.raises(SapatError) as caught:
        load_yaml("a: 1\nb: 2\na: 3\n", "f.yml")
    assert (caught.value.problems[0].line, "twice" in str(caught.value.problems[0].message)) == (3, True)


def test_broken_yaml_names_the_line(tmp_path):
    with pytest.raises(SapatError) as caught:
        load_yaml("a: 1\nb: c: d\n", "f.yml", first_line=2)
    assert caught.value.problems[0].line == 3
    assert "quotes" in str(caught.value.problems[0].hint)


def test_non_utf8_text_names_the_line_of_the_first_bad_byte(tmp_path):
    path = tmp_path / "page.md"
    path.write_bytes("бир\nэки\n".encode() + "үч".encode("utf-16-le"))
    with pytest.raises(SapatError) as caught:
        read_text(path, "page.md")
    assert caught.value.problems[0].line == 3


def test_an_empty_file_is_an_error(tmp_path):
    path = tmp_path / "page.md"
    path.write_text("  \n")
    with pytest.raises(SapatError, match="empty"):
        read_text(path, "page.md")


def test_front_matter_is_rewritten_in_place_even_without_a_final_newline():
    assert set_front_matter("---\ntitle: x\nrevision: 1\n---", {"revision": 2}) == \
        "---\ntitle: x\nrevision: 2\n---\n"
    assert set_front_matter("# 1. T\n", {"title": "T"}) == "---\ntitle: T\n---\n# 1. T\n"


def test_the_writer_changes_only_what_it_sets():
    text = '---\n# control\nstatus: "approved"\nprotocol: "4"\nlist:\n  - a: 1\n---\nbody\n'
    assert set_front_matter(text, {"status": "approved", "protocol": "4"}) == text
    changed = set_front_matter(text, {"protocol": "5", "code": "4.10", "record": {"4.10": "123456789012"}})
    assert changed == ('---\n# control\nstatus: "approved"\nprotocol: "5"\nlist:\n  - a: 1\n'
                       'code: "4.10"\nrecord:\n  "4.10": "123456789012"\n---\nbody\n')
    assert load_yaml(split_front_matter(changed).front_matter, "p.md").value["record"] == {"4.10": "123456789012"}


def test_a_key_set_to_none_is_removed_with_its_nested_lines():
    text = "---\ntitle: x\ninferred:\n  protocol:\n    ky: a\n    ru: b\nrevision: 1\n---\nbody\n"
    assert set_front_matter(text, {"inferred": None}) == "---\ntitle: x\nrevision: 1\n---\nbody\n"
    assert set_front_matter("---\ntitle: x\n---\n", {"inferred": None}) == "---\ntitle: x\n---\n"


def test_libyaml_and_pyyaml_read_every_yaml_of_the_repository_alike():
    """The fast path (libyaml) must give what the careful path gives: values and every line."""
    from helpers import ROOT
    from sapat.core.sources.files import _FastLoader, _load, _StrictLoader

    texts = [(path, path.read_text(encoding="utf-8")) for folder in ("processes", "manual")
             for path in sorted((ROOT / folder).rglob("*.yml")) if "editions" not in path.parts]
    texts += [(path, split_front_matter(path.read_text(encoding="utf-8")).front_matter or "")
              for path in sorted((ROOT / "manual").glob("*/*.md"))]
    assert len(texts) > 40
    for path, text in texts:
        fast, careful = (_load(loader, text, path.name, 1) for loader in (_FastLoader, _StrictLoader))
        assert (fast.value, fast.lines) == (careful.value, careful.lines), path


def nested(levels: int, style: str) -> str:
    """YAML of ``levels`` collections inside each other, in flow, block-mapping or block-list style."""
    if style == "flow":
        return "[" * levels + "]" * levels + "\n"
    if style == "mapping":
        return "".join(" " * level + "k:\n" for level in range(levels - 1)) + " " * (levels - 1) + "k: 1\n"
    return "- " * levels + "x\n"


@pytest.mark.parametrize("style", ["flow", "mapping", "list"])
@pytest.mark.parametrize("read", [load_yaml, compose_yaml], ids=["load_yaml", "compose_yaml"])
def test_yaml_may_nest_as_deep_as_the_limit_and_no_deeper(read, style):
    """64 levels read (sapat's files nest 5); one more is an error on the line of the 65th level,
    whether libyaml or PyYAML noticed it."""
    read(nested(MAX_DEPTH, style), "f.yml")
    with pytest.raises(SapatError) as caught:
        read(nested(MAX_DEPTH + 1, style), "f.yml")
    diagnostic = caught.value.problems[0]
    assert diagnostic.message.key == "yaml.too_deep" and "64" in diagnostic.format("en")
    assert diagnostic.line == (MAX_DEPTH + 1 if style == "mapping" else 1)


@pytest.mark.parametrize("levels", [1_000, 5_000, 200_000])
@pytest.mark.parametrize("read", [load_yaml, compose_yaml], ids=["load_yaml", "compose_yaml"])
def test_yaml_nested_thousands_deep_is_an_error_not_a_recursion_error(read, levels):
    """Past libyaml's own limit (1,000) PyYAML's composer takes over: it recursed until Python
    gave up; now it stops at the limit, in every style."""
    for style in ("flow", "list"):
        with pytest.raises(SapatError, match="nested more than 64 levels"):
            read(nested(levels, style), "f.yml", *([2] if read is load_yaml else []))


def test_a_deep_key_and_an_alias_into_itself_are_errors_too():
    """A key can be a collection, and an anchor can be used inside its own value: neither may
    nest deeper than the limit or loop, in mkdocs.yml either."""
    deep_key = "? " + "[" * 1500 + "]" * 1500 + "\n: v\n"
    for read in (load_yaml, compose_yaml):
        with pytest.raises(SapatError, match="nested more than 64 levels"):
            read(deep_key, "f.yml")
        with pytest.raises(SapatError, match="aliases"):
            read("nav: &n [*n]\n", "mkdocs.yml")
