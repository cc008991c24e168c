"""Every reference leads somewhere: ``[[clause]]`` references in pages, clauses named in data
and in sapat's words, and ordinary Markdown links and images."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from pathlib import Path

from ..diagnostics import Diagnostic, did_you_mean
from ..i18n.languages import LANGUAGES
from ..i18n.messages import Message
from ..model.clauses import REFERENCE, reference_id
from ..model.pages import LanguagePages, Page
from ..model.project import Project
from ..sources.active_html import address_problem
from ..sources.data_files import ClauseMention


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
            *project.frameworks.mentions, *project.registers.mentions, *label_mentions(project.repository.display)]



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


def label_mentions(display: Callable[[Path], str]) -> list[ClauseMention]:
    """Every clause that sapat's own words refer to (``[[2.2]]`` in a label), with the file and
    line of the label, so that a renumbered clause is reported where the words live."""
    found = []
    for language in LANGUAGES.values():
        source = Path(str(language.module.__file__))
        lines = source.read_text(encoding="utf-8").splitlines()
        for key, text in language.labels.items():
            if not (matches := list(REFERENCE.finditer(text))):
                continue  # a label without a reference needs no line: looking for every one was 27 ms a check
            line = next((number for number, content in enumerate(lines, 1) if f'"{key}":' in content), None)
            found += [ClauseMention(reference_id(match.group("target")), display(source), line,
                                    Message("label.unknown_clause.hint", key=key))
                      for match in matches]
    return found
