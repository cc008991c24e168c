"""Any source, however it is broken, gets an answer from the check: success or diagnostics with a
file and a line, never an exception. Hypothesis writes the YAML and the Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import copy_sources
from sapat.core.diagnostics import Diagnostic, SapatError
from sapat.core.i18n.messages import CATALOGS
from sapat.core.load import load_project
from sapat.core.model.processes import load_process_model
from sapat.core.sources.data_files import Schemas
from sapat.core.sources.files import compose_yaml, load_yaml, split_front_matter
from sapat.core.sources.repository import Repository

#: A few seconds in all: no deadline (a check takes a few tenths of a second), and no database of
#: examples written into the repository (a failure prints its example).
QUICK = settings(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])

#: Values as YAML can hold them, nested a few levels, written out by PyYAML: well-formed YAML
#: whose values are of every type and shape a schema may not expect.
values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=12)
#: YAML's own punctuation and the constructs sapat refuses (aliases, tags, several documents,
#: tabs), run together: mostly broken YAML.
PIECES = ["key: ", "- ", "\n", "  ", "[", "]", "{", "}", ", ", ": ", "&a ", "*a", "<<: *a\n",
          "!!python/object/apply:os.system ", "!tag ", "'", '"', "| ", "> ", "# ", "? ", "---\n", "...\n",
          "%YAML 1.1\n", "\t", "\\", "2018-02-30", "~", "\x00", "\ufeff", "ө", "4.2.4"]
broken = st.lists(st.sampled_from(PIECES) | st.text(max_size=4), max_size=40).map("".join)
#: Collections nested far deeper than the limit, in flow and block style.
deep = st.integers(1, 1500).flatmap(lambda levels: st.sampled_from([
    "[" * levels + "]" * levels, "- " * levels + "x", "".join(" " * i + "k:\n" for i in range(min(levels, 200)))]))
yaml_text = values.map(lambda value: yaml.safe_dump(value, allow_unicode=True)) | broken | deep

#: Markdown made of what sapat reads in a page (clause headings, references, links, code) and
#: of everything the check refuses (raw HTML that runs, attribute lists, unsafe addresses, marks).
MARKDOWN = ["# 4.2 Талаптар\n", "## 4.2.1 Жалпы\n", "[[4.2.4]]", "[[9.9.9]]", "[[тиркеме 1]]", "(4.2.4)", "\n", "\n\n",
            " ", "`", "```\n", "<script>", "</script>", "<img src=x onerror=alert(1)>", "<a href='javascript:x'>",
            "<svg><set attributeName=href to=javascript:alert(1)>", "<style>", "<!--", "-->", "{: onclick=x }",
            "{#id .class}", "[a](javascript:alert(1))", "![i](https://evil.example/x.png)", "[a](04-qms.md#4.9)",
            "[x]: data:text/html,x\n", "![r]", "[r]: //evil.example/x.png\n", "{++a++}", "{--b--}", "&#", "<", ">",
            "<![", "<!-->", "--!>", "</ ", "<?", "~~~\n", "<div>\n", "| a | b |\n|---|---|\n", "ө", "беруу"]
markdown = st.lists(st.sampled_from(MARKDOWN) | st.text(max_size=6), max_size=30).map("".join)


def assert_answered(diagnostics: list[Diagnostic]) -> None:
    """Every diagnostic names a file and, if any, a real line, and reads in every language."""
    for diagnostic in diagnostics:
        assert isinstance(diagnostic.path, str) and diagnostic.path
        assert diagnostic.line is None or diagnostic.line >= 1
        for language in CATALOGS:
            assert diagnostic.format(language)


@settings(QUICK, max_examples=150)
@given(yaml_text)
def test_any_yaml_is_read_or_named_with_its_line(text):
    for read in (load_yaml, compose_yaml):
        try:
            read(text, "f.yml")
        except SapatError as problem:
            assert_answered(problem.problems)


@pytest.fixture(scope="module")
def repository(tmp_path_factory) -> Path:
    """One copy of the repository, whose files each example writes anew."""
    return copy_sources(tmp_path_factory.mktemp("any-source") / "repo")


PAGE = "manual/ky/04-qms.md"


@settings(QUICK, max_examples=12)
@given(st.data())
def test_the_check_answers_any_page_glossary_and_coverage(repository, data):
    """The function 'sapat check' runs, on a page whose front matter is the real one with one
    value replaced (or is any YAML) and whose text is any Markdown, and on any glossary and
    ISO 9001 coverage."""
    original = (Path(__file__).parents[2] / PAGE).read_text(encoding="utf-8")
    meta = load_yaml(split_front_matter(original).front_matter or "", PAGE).value
    key = data.draw(st.sampled_from(sorted(meta)))
    front = data.draw(st.just(yaml.safe_dump({**meta, key: data.draw(values)}, allow_unicode=True)) | yaml_text)
    (repository / PAGE).write_text(f"---\n{front}---\n{data.draw(markdown)}", encoding="utf-8")
    for name in ("manual/glossary.yml", "manual/standards/iso9001.yml"):
        (repository / name).write_text(data.draw(yaml_text), encoding="utf-8")
    assert_answered(load_project(repository).diagnostics)


@settings(QUICK, max_examples=40)
@given(yaml_text)
def test_the_process_data_is_read_or_named_whatever_a_process_file_holds(repository, text):
    """The loader of ``processes/`` that the check runs (laying the diagrams out is left to the
    check above, on the real process data)."""
    (repository / "processes/purchasing.yml").write_text(text, encoding="utf-8")
    _, diagnostics = load_process_model(Repository(repository), Schemas(repository / "schemas"))
    assert_answered(diagnostics)
