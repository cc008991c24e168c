"""Every published page of both editions, in Chromium, as a reader gets it (the sweep,
sweep.py, made and tested a language at a time): axe-core finds no serious or critical
accessibility violation, no script logs an error, no English of the theme is shown or spoken,
and on a phone 360 px wide nothing but a named scroll region scrolls sideways.

A frozen edition's pages are byte for byte as released, the theme's HTML and scripts included.
What that theme did wrong is named in FROZEN_THEME_FAULTS: reported at every run (a warning),
not failing, until the edition is rendered again with today's code; anything else fails there
as on the draft, and an entry that no page of the sample shows any more fails too, so that it
is removed (a fault of one page outside the sample: add that page to FROZEN_SAMPLE).

Every page of the draft is read, but of the pages made from one template per process (the
process pages, the audit checklists: sweep.TEMPLATED) only each folder's list, the largest and
the smallest; and every page outside the editions (the lists of editions, the current area,
the 404 pages). Of a frozen edition, a sample is read: one page of each kind (FROZEN_SAMPLE),
which runs that edition's theme, styles and scripts in today's Chromium. The rest is proven by
its manifest instead: every file of a frozen edition is the one released (``sapat verify``,
sapat.core.checks.editions; test_frozen_editions: the repository passes verify, and a build
publishes the edition byte for byte as frozen), and each page was read here in full when the
edition was released or mended. A change of axe-core (AXE_VERSION) or of a frozen edition
(a mend), or of the template of the process pages or of the checklists, is the time to read
every page again: SAPAT_EVERY_PAGE=1 pytest tests/browser/test_every_page.py
"""

from __future__ import annotations

import os
import warnings
from collections import Counter

from sweep import (
    EVERY_PAGE,
    FROZEN_SAMPLE,
    TEMPLATED,
    edition_of,
    frozen_editions,
    is_templated,
    language_of,
    published_pages,
)

from sapat.core.i18n.languages import SOURCE_LANGUAGE
from sapat.core.model.editions import DRAFT

# The frozen editions' findings that come from the theme they were rendered with, each fixed
# since: what was found ("rule (impact): element", as violations() prints it, or the error
# logged) -> why, and what fixed it.
# The edition of 2018-12-21 had four (the version selector's name, the matrix's corner cell,
# the banner script's error, the 404 page's icon) until it was mended on 2026-12-07 (editions.yml).
FROZEN_THEME_FAULTS: dict[str, dict[str, str]] = {}


def assert_nothing_unexcused(found: dict[str, list[str]]) -> None:
    """Fails with every line found on a page (by its address) but the named faults of its
    frozen edition's theme."""
    left = {address: [line for line in lines if line not in FROZEN_THEME_FAULTS.get(edition_of(address), {})]
            for address, lines in found.items()}
    assert not any(left.values()), "\n".join(f"{address}: {line}" for address, lines in left.items() for line in lines)


def test_every_page_of_the_draft_and_a_sample_of_templated_and_frozen_pages_is_checked(sweep, published_site):
    frozen = frozen_editions(published_site)
    assert frozen  # main publishes at least one frozen edition
    language, pages = sweep.language, list(sweep.pages)
    published = published_pages(published_site)
    for version in (DRAFT, *frozen):
        edition = [address for address in published if address.startswith(f"{language}/{version}/")]
        read = [address for address in pages if address.startswith(f"{language}/{version}/")]
        if os.environ.get(EVERY_PAGE):
            assert read == edition
        elif version == DRAFT:  # every page, but of each templated folder its list and two
            assert [address for address in read if not is_templated(address)] == \
                [address for address in edition if not is_templated(address)] and len(read) >= 30
            for folder in TEMPLATED:
                made = [address for address in edition if address.startswith(f"{language}/{DRAFT}/{folder}")]
                assert len(made) >= 18 and len(set(made) & set(read)) == 3, folder
        else:  # every page of the sample is still published: none was renamed away from it
            assert sorted(read) == sorted(f"{language}/{version}/{address}" for address in FROZEN_SAMPLE[language])
    outside = [address for address in published if address.startswith(f"{language}/")
               and edition_of(address) not in (DRAFT, *frozen)]
    assert outside and set(outside) <= set(pages)  # the list of editions, the language's 404 page
    assert {address for address in published if language_of(address) == language} >= set(pages)
    assert ("404.html" in pages) == (language == SOURCE_LANGUAGE)  # the web root's page


def test_axe_core_finds_no_serious_or_critical_violation(sweep):
    assert_nothing_unexcused({address: report.violations for address, report in sweep.pages.items()})


def test_no_page_logs_an_error(sweep):
    """An error in the console is a script that stopped half-way, or a file the page lacks."""
    assert_nothing_unexcused({address: report.errors for address, report in sweep.pages.items()})


def test_a_frozen_edition_is_excused_only_what_its_theme_still_shows(sweep):
    """Each named fault is reported with the number of pages that show it; one that no page
    shows any more (the edition was rendered again) is an error, so that it is removed."""
    seen = Counter((edition_of(address), line) for address, report in sweep.pages.items()
                   for line in {*report.violations, *report.errors})
    for edition, faults in FROZEN_THEME_FAULTS.items():
        gone = [fault for fault in faults if not seen[edition, fault]]
        assert gone == [], f"no page of the edition {edition} shows {gone}: remove it from FROZEN_THEME_FAULTS"
        warnings.warn(f"the frozen edition {edition} keeps faults of the theme it was rendered with, excused "
                      "until it is rendered again: " + "; ".join(f"{fault} ({seen[edition, fault]} of its pages: {why})"
                                                                  for fault, why in faults.items()), stacklevel=1)


def test_no_theme_english_is_shown_or_spoken(sweep):
    found = {address: sorted(report.english) for address, report in sweep.pages.items() if report.english}
    assert found == {}, found


def test_nothing_scrolls_sideways_on_a_phone_but_named_scroll_regions(sweep):
    found = {address: report.sideways for address, report in sweep.pages.items() if report.sideways}
    assert found == {}, "\n".join(f"{address}: {line}" for address, lines in found.items() for line in lines)
