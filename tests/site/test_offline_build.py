"""An edition's offline copy built twice from the same sources: the same bytes (pages, search
index, scripts and ZIP), so a copy can be made again and checked against the frozen one."""

from __future__ import annotations

import pytest

from helpers import FIRST, SITE_ADDRESS
from sapat.core.i18n.languages import LANGUAGES
from sapat.core.model.editions import Edition
from sapat.core.publishing.offline import OfflineCopy
from sapat.core.sources.repository import Repository
from sapat.mkdocs.site import build_edition


@pytest.mark.slow
def test_an_offline_copy_built_twice_is_the_same_bytes(sources, tmp_path):
    edition = Edition(FIRST, approved_by="academic_council", approval_date=FIRST, protocol="4", released=FIRST)
    built = []
    for run in ("first", "second"):
        out = tmp_path / run / "out"
        out.parent.mkdir()
        build_edition(Repository(sources), edition, out, latest_exists=True, offline=OfflineCopy(SITE_ADDRESS),
                      pages=False)  # the copies alone, as sapat add-offline builds them
        built.append({language: (out / language / edition.offline_name(language)).read_bytes()
                      for language in LANGUAGES})
    assert all(len(zip_bytes) > 500_000 for zip_bytes in built[0].values())
    assert built[0] == built[1]
