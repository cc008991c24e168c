"""The benchmark's generated procedures (bench/corpus.py) stay a QMS that sapat accepts and
builds, so that `make bench` cannot silently measure a broken corpus. Nothing here is timed."""

from __future__ import annotations

from corpus import add_procedures, procedure_clause

from helpers import copy_sources, elements, resolve_link, sapat

LANGUAGES = ("ky", "ru")


def test_generated_procedures_pass_every_check_and_build_with_working_references(tmp_path):
    root = copy_sources(tmp_path / "repo")
    names = add_procedures(root, 3)
    assert names == ["pr-0001.md", "pr-0002.md", "pr-0003.md"]

    check = sapat(root, "check")
    assert check.returncode == 0, check.output
    assert "errors: 0, notices: 0" in check.output, check.output

    build = sapat(root, "build")
    assert build.returncode == 0, build.output
    procedures = {name.removesuffix(".md") for name in names}
    for language in LANGUAGES:
        targets = set()
        for procedure in sorted(procedures):
            page = root / "site" / language / "draft" / procedure / "index.html"
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


def test_procedures_can_go_into_a_folder_of_each_edition(tmp_path):
    root = copy_sources(tmp_path / "repo")
    names = add_procedures(root, 2, folder="procedures")
    assert names == ["procedures/pr-0001.md", "procedures/pr-0002.md"]
    for language in LANGUAGES:
        text = (root / "manual" / language / "procedures" / "pr-0002.md").read_text(encoding="utf-8")
        assert f"# {procedure_clause(2)}. " in text
    nav = (root / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - appendix-2.md\n  - procedures/pr-0001.md\n  - procedures/pr-0002.md\n" in nav
