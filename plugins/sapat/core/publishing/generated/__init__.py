"""The pages sapat writes beside the manual, in one table.

Each generated page is Markdown, produced from the loaded project for one language. The core
produces them while it loads the project and scans them like an editor's page, so ``sapat
check`` sees exactly the references the site will render; the site only publishes them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...diagrams.interaction import flow_order
from ...i18n.labels import label
from ...model.audits import AUDITS_FOLDER, AUDITS_INDEX, checklist_page
from ...model.editions import CHANGES, EDITIONS
from ...model.links import process_page
from ...model.pages import LanguagePages, Page, generated_page
from ...model.project import Project
from .audits import checklist_pages, checklists_index_markdown
from .changes import edition_changes_page
from .coverage import COVERAGE, coverage_page
from .editions import editions_page
from .processes import (
    INTERACTION_MATRIX,
    OBJECTIVES,
    PROCESS_INDEX,
    interaction_matrix_markdown,
    objectives_markdown,
    process_page_markdown,
    processes_index_markdown,
)
from .registers import (
    GLOSSARY,
    REGISTER,
    TRANSLATION_STATUS,
    glossary_page,
    register_page,
    translation_status_page,
)


@dataclass(frozen=True)
class GeneratedPage:
    """A page sapat writes: its name, where its content comes from, and how it is written."""

    name: str
    #: What an editor changes to change the page (shown with problems found on it).
    source: str
    write: Callable[[Project, str], str]


GENERATED_PAGES = (
    GeneratedPage(REGISTER, "manual/ky (front matter)", register_page),
    GeneratedPage(GLOSSARY, "manual/glossary.yml", glossary_page),
    GeneratedPage(TRANSLATION_STATUS, "manual (translation_of)", translation_status_page),
    GeneratedPage(OBJECTIVES, "processes/objectives.yml",
                  lambda project, language: objectives_markdown(project.process_model, language)),
    GeneratedPage(PROCESS_INDEX, "processes",
                  lambda project, language: processes_index_markdown(project.process_model, language)),
    GeneratedPage(AUDITS_INDEX, "processes (clauses) and the manual's clauses", checklists_index_markdown),
    GeneratedPage(INTERACTION_MATRIX, "processes (hands_over_to)",
                  lambda project, language: interaction_matrix_markdown(project.process_model, language)),
    GeneratedPage(EDITIONS, "manual/editions/editions.yml", editions_page),
    GeneratedPage(CHANGES, "manual (against the edition in force)", edition_changes_page),
    GeneratedPage(COVERAGE, "manual/standards/iso9001.yml", coverage_page),
)


def generate_pages(project: Project, language: str) -> list[Page]:
    """Every generated page of ``language``: the table above, one page per process and, when
    the nav has their section, the audit checklists."""
    checklists = project.has_checklists
    pages = [generated_page(language, page.name, page.source, page.write(project, language))
             for page in GENERATED_PAGES if checklists or page.name != AUDITS_INDEX]
    model = project.process_model
    pages += [generated_page(language, process_page(pid), process.path,
                             process_page_markdown(model, pid, language, project.registers.records_of_process(pid),
                                                   checklist=checklists))
              for pid, process in model.processes.items()]
    if checklists:
        pages += [generated_page(language, name, source, text)
                  for name, source, text in checklist_pages(project, language)]
    return pages


def nav_with_sections(nav: list[Any], project: Project, language: str) -> list[Any]:
    """The nav as readers see it: the sections whose title is in the reader's language."""
    return nav_with_folder_sections(nav_with_process_pages(nav, project, language), project.languages[language])


def nav_with_process_pages(nav: list[Any], project: Project, language: str) -> list[Any]:
    """The nav with its ``processes/index.md`` entry turned into a section (the map, the
    interaction matrix and every process page) and its ``audits/index.md`` entry into another
    (the list of checklists and every checklist, titled by its process's name: the section says
    they are checklists), in the order of the interaction map."""
    model = project.process_model
    order = flow_order(model)
    sections = {PROCESS_INDEX: {label("processes", language): [PROCESS_INDEX, INTERACTION_MATRIX] +
                                [process_page(pid) for pid in order]},
                AUDITS_INDEX: {label("audit.checklists", language): [AUDITS_INDEX] +
                               [{model.processes[pid].name.get(language): checklist_page(pid)} for pid in order]}}
    return [sections.get(item, item) if isinstance(item, str) else item for item in nav]


@dataclass
class _Folder:
    """The pages of one folder, gathered where the first of them stood in the nav."""

    name: str
    pages: list[str]


def nav_with_folder_sections(nav: list[Any], pages: LanguagePages, prefix: str = "") -> list[Any]:
    """The nav with the pages of each folder (``- guide/….md``, ``- procedures/hr/pr-1.md`` in
    mkdocs.yml, in their order) gathered into one section where the first of them stood, titled
    by the folder's ``index.md`` (else by the folder's name); a folder in a folder nests.

    With Material's ``navigation.prune`` a page carries only the sections it is in, so a QMS of
    thousands of pages keeps every page's nav (and the build, which renders it into every page)
    small."""
    entries: list[Any] = []
    folders: dict[str, _Folder] = {}
    for item in nav:
        inside = item[len(prefix):] if isinstance(item, str) and item.startswith(prefix) else ""
        if "/" not in inside:
            entries.append(item)
        elif (name := inside.split("/", 1)[0]) in folders:
            folders[name].pages.append(item)
        else:
            entries.append(folders.setdefault(name, _Folder(name, [item])))
    return [{_folder_title(prefix + entry.name, pages): nav_with_folder_sections(entry.pages, pages,
                                                                                  f"{prefix}{entry.name}/")}
            if isinstance(entry, _Folder) else entry for entry in entries]


def nav_levels(nav: list[Any]) -> list[list[str]]:
    """The pages of each level of a nav as readers see it: its top level first, then each
    section's own pages (a page titled in mkdocs.yml, ``{title: page.md}``, stands in its level;
    a section is a level of its own)."""
    levels: list[list[str]] = [[]]
    for item in nav:
        for value in item.values() if isinstance(item, dict) else (item,):
            if isinstance(value, list):
                levels += nav_levels(value)
            elif isinstance(value, str):
                levels[0].append(value)
    return levels


def _folder_title(folder: str, pages: LanguagePages) -> str:
    index = pages.page(f"{folder}/index.md")
    return index.title if index is not None else folder.rsplit("/", 1)[-1]


#: Generated pages whose content is a wide table or figure and whose headings need no table of contents.
FULL_WIDTH_PAGES = frozenset({REGISTER, GLOSSARY, TRANSLATION_STATUS, OBJECTIVES, EDITIONS, COVERAGE,
                              PROCESS_INDEX, INTERACTION_MATRIX})


def hidden_sidebars(name: str) -> list[str]:
    """The theme's ``hide`` value for page ``name``: the table of contents on full-width pages
    (and on the checklists, whose tables need the width more than their few headings a list)."""
    return ["toc"] if name in FULL_WIDTH_PAGES or name.startswith(f"{AUDITS_FOLDER}/") else []


__all__ = ["FULL_WIDTH_PAGES", "GENERATED_PAGES", "PROCESS_INDEX", "GeneratedPage", "generate_pages",
           "hidden_sidebars", "nav_levels", "nav_with_folder_sections", "nav_with_process_pages", "nav_with_sections"]
