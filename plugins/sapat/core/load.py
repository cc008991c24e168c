"""Loading the manual: ``load_project`` reads every page of every language, the glossary and the
process data, writes the generated pages, runs every check (:data:`sapat.core.checks.CHECKS`),
and returns the :class:`~sapat.core.model.project.Project` with every diagnostic of the run.
``sapat check`` prints those diagnostics; the MkDocs plugin logs them and publishes from the
same object, which ``sapat build`` hands to it (each call here loads everything again, finding
what did not change in :mod:`.runtime.cache`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from contextlib import nullcontext
from functools import partial
from pathlib import Path

from . import checks
from .checks.pages import page_metadata
from .diagnostics import Diagnostic, SapatError, sort_key
from .diagrams import LaidOut, diagram_names, lay_out
from .diagrams.interaction import KIND as INTERACTION
from .diagrams.interaction import Arrangement, adopt_arrangement, arrangement
from .i18n.languages import LANGUAGES, SOURCE_LANGUAGE
from .i18n.messages import Message
from .model.audits import load_programme
from .model.coverage import load_coverage
from .model.editions import LATEST, edition_sources, load_editions
from .model.frameworks import load_frameworks
from .model.glossary import Term
from .model.pages import LanguagePages, read_page
from .model.processes import ProcessModel, load_process_model
from .model.project import Project
from .model.registers import load_registers
from .publishing.generated import generate_pages
from .runtime.background import Beside
from .runtime.cache import kept
from .sources.data_files import Schemas, read_data_file
from .sources.repository import Repository, read_nav


def _check_diagrams(beside: Beside, model: ProcessModel) -> Callable[[], tuple[list[Diagnostic], LaidOut]]:
    """Start laying out and checking every diagram beside the rest of the check
    (:mod:`.runtime.background`): the interaction map, whose arrangement is a search of its
    own, and the other diagrams at the same time. What they find depends on the process model
    alone, which seldom changes between two checks: it is kept (:mod:`.runtime.cache`). The
    function returned gives the diagnostics and the scenes, and leaves the map's arrangement
    where the generated pages will look for it."""
    others = tuple(name for name in diagram_names(model) if name != INTERACTION)
    interaction_map = beside.start(partial(_interaction_laid_out, model), Message("runtime.work.interaction_map"))
    other_diagrams = beside.start(partial(kept, lay_out, model, others), Message("runtime.work.diagrams"))

    def result() -> tuple[list[Diagnostic], LaidOut]:
        (diagnostics, scenes), found = interaction_map.result()
        other_diagnostics, other_scenes = other_diagrams.result()
        if found is not None:
            adopt_arrangement(model, found)
        return diagnostics + other_diagnostics, {**scenes, **other_scenes}
    return result


def _interaction_laid_out(model: ProcessModel) -> tuple[tuple[list[Diagnostic], LaidOut], Arrangement | None]:
    """The interaction map laid out and checked, and the arrangement that drawing it needed."""
    return kept(lay_out, model, (INTERACTION,)), arrangement(model) if model.processes else None


def load_sources(root: Path, today: dt.date | None = None) -> Project:
    """The pages and process data, their clauses resolved, and nothing checked beyond what
    tells a valid page from an invalid one: all a comparison needs of the edition in force,
    whose own checks ran when it was released."""
    repository = Repository(root.resolve())
    project = Project(repository, today or dt.date.today())
    if _links_outside(project):
        return project
    schemas = Schemas(repository.schemas)
    project.process_model, _ = load_process_model(repository, schemas)
    _read_pages(project, schemas)
    for pages in project.languages.values():
        pages.index.resolve()
    project.diagnostics.clear()
    return project


def load_project(root: Path, today: dt.date | None = None) -> Project:
    """Read and check everything; the result carries all diagnostics, sorted by file and line.
    Some of the work runs beside (:mod:`.runtime.background`); none of it outlives this call."""
    repository = Repository(root.resolve())
    project = Project(repository, today or dt.date.today())
    if _links_outside(project):
        return project
    with Beside() as beside:
        _check(project, beside)
    return project


def _check(project: Project, beside: Beside) -> None:
    repository, report = project.repository, project.diagnostics
    schemas = Schemas(repository.schemas)
    glossary = read_data_file(repository.manual / "glossary.yml", "manual/glossary.yml",
                              schemas.schema("glossary.schema.json"), report)
    project.terms = [Term.from_yaml(entry) for entry in glossary.value["terms"]] if glossary else []
    try:
        project.nav = read_nav(repository.mkdocs_yml)
    except SapatError as exc:
        report.extend(exc.problems)
    project.process_model, problems = load_process_model(repository, schemas)
    report.extend(problems)
    diagrams = _check_diagrams(beside, project.process_model)
    project.editions = load_editions(repository, schemas, report)
    if (base := edition_sources(repository, project.editions, LATEST)) is not None and base.is_dir():
        project.base = load_sources(base, project.today)
    project.registers, problems = load_registers(repository, schemas, project.process_model, project.editions)
    report.extend(problems)
    project.audits, problems = load_programme(repository, schemas)
    report.extend(problems)
    records = project.registers.record_names() if project.registers.records_dates else None
    project.frameworks, problems = load_frameworks(repository, schemas, project.process_model, records)
    report.extend(problems)
    project.coverage, problems = load_coverage(repository, schemas, project.process_model, project.frameworks)
    report.extend(problems)
    _read_pages(project, schemas, beside)
    for pages in project.languages.values():
        pages.index.resolve()  # the manual's own clauses, for the pages that show them (changes)
    diagram_problems, project.drawings = diagrams()
    for language, pages in project.languages.items():
        for page in generate_pages(project, language):
            pages.add(page)
        report.extend(pages.index.resolve())
    report.extend(diagram_problems)
    report.extend(checks.run_checks(project))
    project.diagnostics.sort(key=sort_key)


def _links_outside(project: Project) -> bool:
    """Whether a source is a symbolic link out of the repository. Then the check reads nothing
    at all: no file is read through such a link, and the build stops on its errors, so nothing
    is published through it either. Every language is there, with no page."""
    if outside := project.repository.links_outside():
        project.diagnostics += outside
        project.languages = {language: LanguagePages(language) for language in LANGUAGES}
    return bool(outside)


def _read_pages(project: Project, schemas: Schemas, beside: Beside | None = None) -> None:
    """Every Markdown file of every language, its front matter checked against its schema.
    Generated pages show document control and translation state: the files' metadata is
    checked first, and a page whose metadata is wrong is left out of them. Each translation is
    read beside the source (:mod:`.runtime.background`), in ``beside`` or a group of its own."""
    with Beside() if beside is None else nullcontext(beside) as group:
        translations = {language: group.start(partial(_read_language, project, schemas, language),
                                              Message("runtime.work.read_language",
                                                      language=Message(f"language.{language}")))
                        for language in LANGUAGES if language != SOURCE_LANGUAGE}
        read = {SOURCE_LANGUAGE: _read_language(project, schemas, SOURCE_LANGUAGE)}
        read.update((language, reading.result()) for language, reading in translations.items())
    for language in LANGUAGES:
        project.languages[language], problems = read[language]
        project.diagnostics.extend(problems)


def _read_language(project: Project, schemas: Schemas, language: str) -> tuple[LanguagePages, list[Diagnostic]]:
    """The pages of one language and what is wrong with them, their metadata checked."""
    pages = LanguagePages(language)
    problems: list[Diagnostic] = []
    docs = project.repository.docs_dir(language)
    for path in sorted(docs.rglob("*.md")):
        pages.add(read_page(path, path.relative_to(docs).as_posix(), language,
                            project.repository.display(path), problems))
    problems += page_metadata(pages, schemas, project.today, project.roles)
    return pages, problems
