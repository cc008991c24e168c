"""The benchmark's generated procedures (bench/corpus.py) stay a QMS that sapat accepts and
builds, so that `make bench` cannot silently measure a broken corpus. Nothing here is timed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from corpus import add_procedures, procedure_clause

from helpers import copy_sources, elements, resolve_link, sapat

LANGUAGES = ("ky", "ru")


@pytest.mark.slow
def test_generated_procedures_pass_every_check_and_build_with_working_references(tmp_path, plain_notices):
    root = copy_sources(tmp_path / "repo")
    names = add_procedures(root, 31, folder="procedures", by_unit=True)  # two units: 1-29, 30-31
    assert names[0] == "procedures/medicine/pr-0001.md" and names[-1] == "procedures/economics/pr-0031.md"
    nav = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - appendix-2.md\n  - procedures/medicine/pr-0001.md\n  - procedures/medicine/pr-0002.md\n" in nav
    for language in LANGUAGES:
        text = (root / "manual" / language / "procedures/medicine/pr-0002.md").read_text(encoding="utf-8")
        assert f"# {procedure_clause(2)}. " in text

    check = sapat(root, "check")
    assert check.returncode == 0, check.output
    assert f"errors: 0, notices: {plain_notices}" in check.output, check.output

    build = sapat(root, "build")
    assert build.returncode == 0, build.output
    for language in LANGUAGES:  # not a terminal: a line per language when its site is built
        assert re.search(rf"^sapat: draft \({language}\): \d+ pages built in [\d.]+ s$", build.output, re.M)
    procedures = {Path(name).stem for name in names}
    for language in LANGUAGES:
        targets = set()
        for name in names:
            page = root / "site" / language / "draft" / name.removesuffix(".md") / "index.html"
            found = elements(page)
            assert any(e.attrs.get("data-status") == "approved" for e in found)  # fingerprint right
            assert not any("sapat-notice" in e.attrs.get("class", "") for e in found)  # not stale
            for link in (e for e in found if "sapat-ref" in e.attrs.get("class", "").split()):
                assert link.tag == "a", f"unresolved reference {link.text} on {page}"
                path, anchor = resolve_link(page, link.attrs["href"])
                assert anchor in {e.attrs.get("id") for e in elements(path)}, link.attrs["href"]
                targets.add(path.parent.name)
            # each procedure is referred to by the next one: its clause lists where from
            assert any("sapat-backlinks" in e.attrs.get("class", "") for e in found), page
        assert targets & procedures and targets - procedures  # across procedures and into the manual
        # a section per unit: a page's nav lists its own unit's pages, another unit's only as its link
        page = root / "site" / language / "draft" / "procedures/economics/pr-0031/index.html"
        hrefs = {e.attrs.get("href") for e in elements(page) if e.tag == "a"}
        assert "../pr-0030/" in hrefs and "../../medicine/pr-0001/" in hrefs
        assert "../../medicine/pr-0002/" not in hrefs
