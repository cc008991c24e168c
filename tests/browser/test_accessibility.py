"""axe-core as the browser tests run it: the release pinned in accessibility.py, refused when
its bytes are not the published ones, and run with the experimental rules of its tags."""

from __future__ import annotations

import pytest
from accessibility import AXE_KEPT, AXE_VERSION, IntegrityError, axe_script, script_of, violations

# A table larger than 3 by 3 whose data cells have no header: td-has-header, a critical rule
# that axe-core marks experimental and leaves out of a run by tag.
HEADERLESS_TABLE = "<table>" + "<tr><td>a</td><td>b</td><td>c</td><td>d</td></tr>" * 4 + "</table>"


def test_a_tarball_that_is_not_the_published_one_is_refused():
    axe_script()  # fetched and kept, if it was not
    tarball = bytearray(AXE_KEPT.read_bytes())
    assert script_of(bytes(tarball)).startswith(f"/*! axe v{AXE_VERSION}\n")
    tarball[len(tarball) // 2] ^= 1
    with pytest.raises(IntegrityError):
        script_of(bytes(tarball))


def test_the_pinned_release_runs_with_the_experimental_rules(page):
    page.set_content(f'<!doctype html><html lang="ky"><title>Таблица</title><main>{HEADERLESS_TABLE}</main></html>')
    page.add_script_tag(content=axe_script())
    assert page.evaluate("axe.version") == AXE_VERSION
    assert violations(page) == ["td-has-header (critical): table"]
