"""The navigation (mkdocs.yml's nav): every page reachable, every entry a page, no level too long."""

from __future__ import annotations

import posixpath

from ..diagnostics import Diagnostic, Severity, did_you_mean
from ..i18n.languages import LANGUAGES, SOURCE_LANGUAGE
from ..i18n.messages import Message
from ..model.project import Project
from ..publishing.generated import nav_levels, nav_with_sections


def navigation(project: Project) -> list[Diagnostic]:
    """Every page must be reachable from the nav, and the nav must name only real pages."""
    if project.nav is None:
        return []
    problems: list[Diagnostic] = []
    named = {entry.page for entry in project.nav.entries}
    for pages in project.languages.values():
        for name, page in pages.files.items():
            if name not in named:
                problems.append(Diagnostic(page.display, 1, Message("nav.unreachable"),
                                           Message("nav.unreachable.hint", page=name)))
    known = project.source.names()
    display = project.repository.display(project.repository.mkdocs_yml)
    for entry in project.nav.entries:
        if entry.page not in known:
            problems.append(Diagnostic(display, entry.line, Message("nav.no_page", page=entry.page),
                                       did_you_mean(entry.page, known) or
                                       Message("nav.no_page.hint", path=f"manual/{SOURCE_LANGUAGE}/{entry.page}")))
    return problems



#: The most pages one level of the nav lists before the check suggests folders. Material writes a
#: page's whole level into it (with ``navigation.prune``, the levels of the sections it is in), so
#: a level of n pages makes each of them n links longer and the build grows as n squared: 2,000
#: procedures flat took 4.1 times the CPU time of the same in folders per unit, a page 694 KB
#: against 96 (bench/RESULTS.md). A list of 100 can still be read through, and adds some 20 KB
#: to each of its pages (73 KB in sections of 100 against 52 KB in units of 29); past that a reader
#: searches instead, and every page of the level pays for a list nobody reads.
LONGEST_NAV_LEVEL = 100



def long_nav_levels(project: Project) -> list[Diagnostic]:
    """A level of the nav, as readers see it (a folder is a section), that lists more than
    :data:`LONGEST_NAV_LEVEL` pages: a notice whose hint writes three of its pages into a folder
    per unit (``procedures/<unit>/`` when they stand at the top), on the line of the first of
    them. The three are where the level passes the limit, not at its top, where the manual's
    own chapters stand. A notice, not an error: such a nav works, and an editor's work never
    waits on its layout."""
    if project.nav is None:
        return []
    lines: dict[str, int] = {}
    for entry in project.nav.entries:
        lines.setdefault(entry.page, entry.line)
    repository = project.repository
    docs = ", ".join(repository.display(repository.docs_dir(language)) for language in LANGUAGES)
    problems: list[Diagnostic] = []
    for level in nav_levels(nav_with_sections(project.nav.items, project, SOURCE_LANGUAGE)):
        pages = [page for page in level if page in lines]  # generated process pages have no line
        if len(pages) <= LONGEST_NAV_LEVEL:
            continue
        start = min(LONGEST_NAV_LEVEL, len(pages) - 3)
        first, second, third = (posixpath.basename(page) for page in pages[start:start + 3])
        problems.append(Diagnostic(
            repository.display(repository.mkdocs_yml), lines[pages[start]],
            Message("nav.long_level", count=len(pages), most=LONGEST_NAV_LEVEL),
            Message("nav.long_level.hint", folder=posixpath.dirname(pages[start]) or "procedures", docs=docs,
                    first=first, second=second, third=third),
            Severity.NOTICE))
    return problems

