"""The checks: each finds every mistake of one kind, with file, line and a fix.

Two kinds run at two moments. What decides whether a source can be read at all runs while it
is read, beside the reading: a page's front matter against its schema (:func:`.pages.page_metadata`),
a data file against its schema (:mod:`sapat.core.sources.data_files`, used by the process model,
the coverage, the glossary and the editions), the diagrams' layouts (:mod:`sapat.core.diagrams`).
Everything that looks across the loaded project is in :data:`CHECKS`, in the order they run;
adding a check means adding a row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..diagnostics import Diagnostic
from ..model.project import Project
from . import audits, editions, navigation, objectives, pages, references, registers, translations


@dataclass(frozen=True)
class Check:
    """One check of the whole project."""

    #: What it finds, in a few words (docs/architecture.md lists them).
    finds: str
    run: Callable[[Project], list[Diagnostic]]


CHECKS: tuple[Check, ...] = (
    Check("[[references]] to no clause, in pages and generated pages", references.references),
    Check("CriticMarkup outside the changes page", pages.critic_marks),
    Check("clauses named in YAML data and in sapat's words that do not exist", references.data_clauses),
    Check("Markdown links and images to no page, anchor or file", references.links),
    Check("a document code used by two documents", pages.document_codes),
    Check("pages the nav does not reach, nav entries that are no page", navigation.navigation),
    Check("nav levels longer than readers read (a notice)", navigation.long_nav_levels),
    Check("numbered clause headings in the editors' guide", pages.guide_pages),
    Check("translations: missing pages and clauses, terms, text changed since translated",
          translations.translations),
    Check("frozen editions changed since they were released", editions.frozen_editions),
    Check("the decision's source an edition quotes: a file and lines the repository has", editions.quoted_sources),
    Check("clauses that refer to 4.2.4 for their records and name no record of the records register",
          registers.clause_records),
    Check("records only a framework would name that no framework names", registers.framework_records),
    Check("citations of documents of external origin the register lacks; replaced ones the manual cites (a notice)",
          registers.citations),
    Check("what the quality department has not stated in the registers yet (a notice per register)",
          registers.not_set),
    Check("units that have not returned the acknowledgement sheet of the edition in force (a notice)",
          registers.unreturned),
    Check("reviews overdue or due within 30 days, per register (a notice)", registers.reviews_due),
    Check("quality objectives' values for a year still to come", objectives.future_values),
    Check("the audit programme: unknown processes and roles, auditors of their own process, processes a cycle "
          "leaves unaudited; an empty programme (a notice)", audits.programme),
)


def run_checks(project: Project) -> list[Diagnostic]:
    """Every check of :data:`CHECKS` on ``project``: all mistakes of a run at once."""
    return [problem for check in CHECKS for problem in check.run(project)]


__all__ = ["CHECKS", "Check", "run_checks"]
