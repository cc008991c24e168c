"""The checks of a loaded project: each takes the project (or one language's pages) and returns
what is wrong, with file and line."""

from __future__ import annotations

import datetime as dt
import posixpath
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .active_html import address_problem
from .cache import KeptResults, digest
from .control import TranslationState
from .critic import marks_in
from .data_files import ClauseMention, Schemas
from .diagnostics import Diagnostic, Severity, did_you_mean
from .editions import EDITIONS_FILE, editions_folder
from .generated import nav_levels, nav_with_sections
from .glossary import terminology_problems
from .labels import label_mentions
from .languages import LANGUAGES, SOURCE_LANGUAGE
from .manifests import MANIFEST, PUBLISHED, SOURCES, ManifestError, compare, digest_of, parse_manifest
from .messages import Message
from .metadata import revision_rules, schema_problems
from .orthography import scan_errors
from .pages import LanguagePages, Page
from .roles import Roles

if TYPE_CHECKING:
    from .project import Project

ROLE_KEYS = ("owner_role", "approved_by")


def page_metadata(pages: LanguagePages, schemas: Schemas, today: dt.date, roles: Roles) -> list[Diagnostic]:
    """Front matter against its schema; the source pages' revision rules, roles and spelling.
    A page whose front matter breaks its schema is marked invalid."""
    problems: list[Diagnostic] = []
    source = pages.language == SOURCE_LANGUAGE
    for page in pages.files.values():
        if not page.valid:
            continue
        schema = schemas.schema(_schema_of(page, source))
        invalid = schema_problems(page.meta, schema, page.display)
        problems += invalid
        page.valid = not invalid
        if not source or not page.controlled:
            continue
        problems += revision_rules(page.meta, page.display, page.fingerprint, today)
        problems += scan_errors(page.display, page.body, page.body_line)
        for key in ROLE_KEYS:
            role = page.get(key)
            if isinstance(role, str) and \
                    (problem := roles.unknown(role, page.display, page.meta.line_of((key,)), key)):
                problems.append(problem)
    return problems


def critic_marks(project: Project) -> list[Diagnostic]:
    """CriticMarkup in the manual's own pages: only the changes page may mark a change."""
    return [problem for pages in project.languages.values() for page in pages.files.values()
            for problem in marks_in(page.display, page.body, page.body_line)]


def _schema_of(page: Page, source: bool) -> str:
    """The schema of a page's front matter: the guide's own, a controlled page's, a translation's."""
    if page.in_guide:
        return "guide.schema.json"
    return "page.schema.json" if source else "translation.schema.json"


def guide_pages(project: Project) -> list[Diagnostic]:
    """The guide for editors stands outside the manual's numbering: none of its headings is a clause."""
    return [Diagnostic(page.display, clause.line,
                       Message("guide.clause_heading", heading=clause.heading, clause=clause.id),
                       Message("guide.clause_heading.hint"))
            for pages in project.languages.values() for page in pages.files.values() if page.in_guide
            for clause in page.scan.clauses]


def references(project: Project) -> list[Diagnostic]:
    """Every ``[[reference]]`` that points to no clause, in a file or in a generated page.

    A generated page's references come from data files or from sapat's own words for the page,
    whose clauses are checked with their own file and line (:func:`data_clauses`); anything else
    would be a fault of sapat itself, reported on the data the page is generated from.
    """
    mentioned = {mention.clause for mention in _mentions(project)}
    problems: list[Diagnostic] = []
    for pages in project.languages.values():
        for ref in pages.index.unresolved:
            page = pages.by_display[ref.page]
            if not page.generated:
                problems.append(pages.index.unresolved_problem(ref, LANGUAGES[pages.language].appendix_word))
            elif ref.target not in mentioned:
                problems.append(Diagnostic(
                    page.display, None,
                    Message("generated.unknown_reference", page=page.name, language=page.language,
                            written=ref.written),
                    Message("generated.unknown_reference.hint")))
    return list(dict.fromkeys(problems))


def _mentions(project: Project) -> list[ClauseMention]:
    """The clauses named outside the manual's pages: in the YAML data and in sapat's own words."""
    return [*project.process_model.mentions, *project.roles.mentions, *project.coverage.mentions,
            *label_mentions(project.repository.display)]


def data_clauses(project: Project) -> list[Diagnostic]:
    """Clauses named in the YAML data and in sapat's words must exist, like references in Markdown."""
    clauses = project.source.index.clauses
    return [Diagnostic(m.display, m.line, Message("data.unknown_clause", clause=m.clause),
                       m.hint or did_you_mean(m.clause, clauses) or Message("data.unknown_clause.hint"))
            for m in _mentions(project) if m.clause not in clauses]


def links(project: Project) -> list[Diagnostic]:
    """Ordinary Markdown links and images must lead to a page, anchor or file of the edition.

    MkDocs checks the same when it builds (validation in mkdocs.yml); checking here tells the
    editor with the line, and before anything is built.
    """
    problems: list[Diagnostic] = []
    for language, pages in project.languages.items():
        docs = project.repository.docs_dir(language)
        for page in (*pages.files.values(), *pages.generated.values()):
            for link in page.scan.links:
                problem = _link_problem(link.target, link.image, page, pages, docs)
                if problem:
                    message, hint = problem
                    problems.append(Diagnostic(page.display, link.line, message, hint))
    return problems


def _link_problem(target: str, image: bool, page: Page, pages: LanguagePages,
                  docs: Path) -> tuple[Message, Message] | None:
    if "://" in target or target.startswith(("mailto:", "tel:")) or address_problem(target, loads=image):
        return None  # another site's page; an address that runs or loads is the page's active content
    if target.startswith("/"):
        return Message("link.absolute", target=target), Message("link.absolute.hint")
    path, _, anchor = target.partition("#")
    folder = posixpath.dirname(page.name)
    name = posixpath.normpath(posixpath.join(folder, path)) if path else page.name
    if path and not path.endswith(".md"):
        if image or (docs / name).is_file():
            return None if (docs / name).is_file() else (Message("link.missing_image", path=path),
                                                         Message("link.missing_image.hint"))
        return Message("link.not_a_page", path=path), Message("link.not_a_page.hint")
    linked = pages.page(name)
    if linked is None:
        return (Message("link.no_page", path=path),
                did_you_mean(name, pages.names()) or Message("link.no_page.hint"))
    if anchor and anchor not in linked.scan.anchors:
        return (Message("link.no_anchor", target=target, page=linked.name, anchor=anchor),
                did_you_mean(anchor, linked.scan.anchors) or Message("link.no_anchor.hint"))
    return None


def document_codes(source: LanguagePages) -> list[Diagnostic]:
    """A document code identifies one controlled document."""
    first: dict[str, Page] = {}
    problems = []
    for page in source.controlled().values():
        code = page.get("document_code")
        if not isinstance(code, str):
            continue
        if code in first:
            problems.append(Diagnostic(page.display, page.meta.line_of(("document_code",)),
                                       Message("document_code.used", code=code, other=first[code].display),
                                       Message("document_code.used.hint")))
        first.setdefault(code, page)
    return problems


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
#: against 96 (README, "Build time"). A list of 100 can still be read through, and adds some 20 KB
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


def translations(project: Project) -> list[Diagnostic]:
    """Every language has the same pages with the same clauses, uses the glossary's terms, and
    is told when the original changed since it was translated. Searching a page for the terms
    to avoid takes longest; what it found is kept for the next run (:mod:`.cache`) by the
    glossary and the two pages' text."""
    problems: list[Diagnostic] = []
    source = project.source
    glossary = repr(project.terms)
    for language, pages in project.languages.items():
        if language == SOURCE_LANGUAGE:
            continue
        folder = project.repository.docs_dir(language)
        docs = project.repository.display(folder)
        terminology: KeptResults[list[Diagnostic]] = KeptResults("terminology", str(folder))
        for name, original in source.files.items():
            if not original.valid:
                continue  # already reported; comparing with a broken original says nothing new
            translated = pages.files.get(name)
            if translated is None:
                problems.append(Diagnostic(f"{docs}/{name}", None,
                                           Message("translation.missing", language=Message(f"language.{language}"),
                                                   original=original.display),
                                           Message("translation.missing.hint", path=f"{docs}/{name}")))
                continue
            if not original.controlled:
                continue  # the guide is written in each language, not translated clause by clause
            state = project.translation_state(name, language)
            if state is TranslationState.UNTRANSLATED:
                problems.append(Diagnostic(
                    translated.display, 1, Message("translation.untranslated", original=original.display),
                    Message("translation.untranslated.hint", original=original.display, path=translated.display),
                    Severity.NOTICE))
                continue
            problems += _compare_clauses(original, translated)
            problems += terminology.get(
                digest(glossary, original.body, translated.display, translated.body, str(translated.body_line)),
                partial(terminology_problems, project.terms, original.body, language, translated.display,
                        translated.body, translated.body_line))
            if state is TranslationState.STALE:
                lagging = ", ".join(project.lagging_clauses(name, language)) or "—"
                problems.append(Diagnostic(
                    translated.display, translated.meta.line_of(("translation_of",)),
                    Message("translation.stale", original=original.display, clauses=lagging),
                    Message("translation.stale.hint", path=translated.display), Severity.NOTICE))
        for name, page in pages.files.items():
            if name not in source.files:
                problems.append(Diagnostic(page.display, 1, Message("translation.no_original"),
                                           did_you_mean(name, source.files) or
                                           Message("translation.no_original.hint",
                                                   path=f"manual/{SOURCE_LANGUAGE}/{name}")))
        terminology.save()
    return problems


def _compare_clauses(original: Page, translated: Page) -> list[Diagnostic]:
    """Clause numbers, and so anchors and references, are the same in every language."""
    ours = [c.id for c in original.scan.clauses]
    theirs = {c.id: c for c in translated.scan.clauses}
    problems = [Diagnostic(translated.display, None,
                           Message("translation.clause_missing", clause=clause, original=original.display),
                           Message("translation.clause_missing.hint"))
                for clause in ours if clause not in theirs]
    problems += [Diagnostic(translated.display, clause.line,
                            Message("translation.extra_clause", clause=clause.id, original=original.display),
                            Message("translation.extra_clause.hint"))
                 for clause in theirs.values() if clause.id not in ours]
    return problems


def frozen_editions(project: Project) -> list[Diagnostic]:
    """Every frozen edition is exactly as it was released: each file as its manifest says, and
    the manifest the one whose digest editions.yml recorded."""
    repository = project.repository
    registry = repository.display(editions_folder(repository) / EDITIONS_FILE)
    problems: list[Diagnostic] = []
    for edition in project.editions:
        folder = editions_folder(repository) / edition.version
        manifests = {language: folder / PUBLISHED / language / MANIFEST for language in LANGUAGES}
        texts = {path.read_text(encoding="utf-8") for path in manifests.values() if path.is_file()}
        if len(texts) != 1 or not all(path.is_file() for path in manifests.values()) or \
                digest_of(next(iter(texts))) != edition.manifest_digest:
            problems.append(Diagnostic(registry, edition.line, Message("edition.manifest_untrusted",
                                                                       version=edition.version),
                                       Message("edition.restore.hint")))
            continue
        try:
            entries = parse_manifest(next(iter(texts)))
        except ManifestError as exc:
            problems.append(Diagnostic(repository.display(manifests[SOURCE_LANGUAGE]), exc.line,
                                       Message("edition.manifest_malformed"), Message("edition.restore.hint")))
            continue
        folders = {f"{PUBLISHED}/{language}": folder / PUBLISHED / language for language in LANGUAGES}
        folders[SOURCES] = folder / SOURCES
        for discrepancy in compare(entries, folders):
            problems.append(Diagnostic(repository.display(folder / discrepancy.path), None,
                                       Message(f"edition.file_{discrepancy.kind}", version=edition.version),
                                       Message("edition.restore.hint")))
    return problems
