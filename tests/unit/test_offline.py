"""An edition's offline copy as values: its links (files inside, the site outside), its ZIP
(the same bytes however the files were written) and the check of a ZIP or its folder."""

from __future__ import annotations

import os
import zipfile

import pytest

from sapat.core.model.links import LinkForm, Location, href, resolve_site_links, site_link
from sapat.core.publishing.offline import keep_links_inside
from sapat.core.releasing.manifests import MANIFEST
from sapat.core.releasing.offline import check_copy, pack

FILES = {"index.html": b"<p>home</p>", "04-qms.html": "<p>4. Сапат</p>".encode(), "pagefind/fragment/a": b"\x00\x01"}


def copy_written(folder, order, time):
    """A copy's files written in ``order``, every one dated ``time``."""
    for name in order:
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(FILES[name])
        os.utime(path, (time, time))
    return folder


def test_a_copy_packed_twice_is_the_same_bytes_whatever_the_order_and_times_of_its_files(tmp_path):
    first = copy_written(tmp_path / "a", list(FILES), 1_000_000_000)
    second = copy_written(tmp_path / "b", list(reversed(FILES)), 1_700_000_000)
    pack(first, tmp_path / "a.zip", "jamu-qms-2018-12-21-ky-offline")
    pack(second, tmp_path / "b.zip", "jamu-qms-2018-12-21-ky-offline")
    assert (tmp_path / "a.zip").read_bytes() == (tmp_path / "b.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        names = archive.namelist()
        assert names == sorted(names) and f"jamu-qms-2018-12-21-ky-offline/{MANIFEST}" in names
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_a_copy_verifies_as_its_zip_and_as_its_folder_and_a_changed_byte_is_named(tmp_path):
    folder = copy_written(tmp_path / "copy", list(FILES), 1_000_000_000)
    pack(folder, tmp_path / "copy.zip", "copy")
    assert check_copy(tmp_path / "copy.zip").verified and check_copy(folder).verified
    assert check_copy(folder).digest == check_copy(tmp_path / "copy.zip").digest
    assert check_copy(folder).files == len(FILES)

    page = folder / "04-qms.html"
    page.write_bytes(page.read_bytes().replace("Сапат".encode(), b"Capat"))
    (folder / "extra.html").write_bytes(b"")
    (folder / "index.html").unlink()
    found = {(item.path, item.kind) for item in check_copy(folder).discrepancies}
    assert found == {("04-qms.html", "changed"), ("extra.html", "added"), ("index.html", "missing")}

    changed = tmp_path / "changed.zip"
    with zipfile.ZipFile(tmp_path / "copy.zip") as source, zipfile.ZipFile(changed, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, data.replace(b"\x01", b"\x02") if info.filename.endswith("fragment/a") else data)
    check = check_copy(changed)
    assert not check.verified and [(item.path, item.kind) for item in check.discrepancies] == \
        [("pagefind/fragment/a", "changed")]


def test_a_byte_changed_in_the_zip_itself_is_named_without_a_traceback(tmp_path):
    """A byte of a file's compressed data changed: the file cannot be read back (its checksum),
    so it reads as changed; a ZIP cut short is no copy."""
    pack(copy_written(tmp_path / "copy", list(FILES), 0), tmp_path / "copy.zip", "copy")
    data = bytearray((tmp_path / "copy.zip").read_bytes())
    with zipfile.ZipFile(tmp_path / "copy.zip") as archive:
        info = archive.getinfo("copy/04-qms.html")
    data[info.header_offset + 30 + len(info.filename) + 1] ^= 0xFF  # past the local header: compressed bytes
    (tmp_path / "changed.zip").write_bytes(bytes(data))
    check = check_copy(tmp_path / "changed.zip")
    assert not check.verified and [(item.path, item.kind) for item in check.discrepancies] == \
        [("04-qms.html", "changed")]
    (tmp_path / "short.zip").write_bytes(bytes(data[:100]))
    assert check_copy(tmp_path / "short.zip").digest is None


def test_a_folder_without_a_manifest_is_no_copy(tmp_path):
    check = check_copy(copy_written(tmp_path / "copy", list(FILES), 0))
    assert check.digest is None and not check.verified


def test_links_in_a_copy_lead_to_files_inside_it_and_to_the_site_outside():
    here = Location("ky", "processes/internal-audit.md", version="2018-12-21", file_urls=True)
    edition = {"language": "ky", "version": "2018-12-21"}
    assert href(Location(page="04-qms.md", anchor="4.2.3", **edition), here, LinkForm.URL) == "../04-qms.html#4.2.3"
    assert href(Location(page="index.md", **edition), here, LinkForm.URL) == "../index.html"
    # another language or edition, and the current area, are on the site, whose pages are folders
    assert href(Location("ru", "04-qms.md", version="2018-12-21"), here, LinkForm.URL) == \
        "../../../ru/2018-12-21/04-qms/"
    records = site_link(Location("ky", "registers/records/index.md", anchor="audit-programme"))
    assert resolve_site_links(f'<a href="{records}">', here) == \
        '<a href="../../registers/records/#audit-programme">'
    served = Location("ky", "processes/internal-audit.md", version="2018-12-21")
    assert resolve_site_links(f'<a href="{records}">', served) == \
        '<a href="../../../registers/records/#audit-programme">'
    assert resolve_site_links(f'<a href="{records}">', Location("ky", "04-qms.md", version="2018-12-21",
                                                                 file_urls=True)) == \
        '<a href="../registers/records/#audit-programme">'


@pytest.mark.parametrize(("address", "expected"), [
    ("https://qms.jasu.invalid/", '<a href="https://qms.jasu.invalid/ky/registers/records/#a">'),
    (None, "<a>"),
])
def test_a_link_that_leaves_the_copy_leads_to_the_site_or_is_no_link(tmp_path, address, expected):
    page = tmp_path / "processes" / "audit.html"
    page.parent.mkdir()
    page.write_text('<a href="../../registers/records/#a"><a href="../04-qms.html#4"><a href="#x">'
                    '<a href="./"><a href="https://example.org/">', encoding="utf-8")
    keep_links_inside(tmp_path, "ky/2018-12-21/", address)
    assert page.read_text(encoding="utf-8") == (f'{expected}<a href="../04-qms.html#4"><a href="#x">'
                                                '<a href="./index.html"><a href="https://example.org/">')
