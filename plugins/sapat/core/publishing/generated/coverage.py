"""The compliance matrix (``iso-9001.md``), generated from ``manual/standards/iso9001.yml``.

One row per clause of ISO 9001:2008 with the ISO 9001:2015 clauses that replaced it, the manual's
clauses as ``[[references]]`` (linked and checked like an editor's), the processes as links to
their pages and how far the manual addresses it; then the ISO 9001:2015 requirements the manual
does not yet address. Every text taken from the YAML is escaped.
"""

from __future__ import annotations

from html import escape

from ...i18n.labels import label
from ...model.coverage import Extent, NewRequirement, Requirement
from ...model.frameworks import CRITERIA
from ...model.links import LinkForm, Location, site_link
from ...model.project import Project
from .markdown import link, md, refs, table

COVERAGE = "iso-9001.md"
NOTHING = "—"


def _extent(extent: Extent, note: str | None, language: str) -> str:
    """How far a requirement is addressed, with what is missing."""
    words = label(f"coverage.{extent.value}", language)
    shown = f"**{words}**" if extent is Extent.GAP else words
    return f"{shown}: {md(note)}" if note else shown


def _processes(project: Project, process_ids: tuple[str, ...], here: Location) -> str:
    model = project.process_model
    links = [link(model.processes[pid].name.get(here.language), target)
             for pid in process_ids
             if pid in model.processes and (target := project.link(f"process:{pid}", here, LinkForm.SOURCE))]
    return ", ".join(links) or NOTHING


def _matrix_row(project: Project, requirement: Requirement, here: Location) -> list[str]:
    language = here.language
    clause = f"{requirement.number} {md(requirement.title.get(language))}"
    if requirement.heading:
        extent = ""
        clause = f"**{clause}**"
    else:
        note = requirement.gap or requirement.partly
        extent = _extent(requirement.extent, note.get(language) if note else None, language)
    return [clause, ", ".join(requirement.iso2015), refs(requirement.clauses) or NOTHING,
            _processes(project, requirement.processes, here), extent]


def _gap_row(requirement: NewRequirement, language: str) -> list[str]:
    return [f"{requirement.number} {md(requirement.title.get(language))}", refs(requirement.clauses) or NOTHING,
            _extent(requirement.extent, requirement.note.get(language), language)]


def coverage_page(project: Project, language: str) -> str:
    """The compliance matrix in ``language``."""
    coverage = project.coverage
    here = Location(language, COVERAGE)
    lines = [f"# {label('coverage.title', language)}", "", label("coverage.intro", language), ""]
    if coverage.source is not None:
        lines += [f"**{label('source', language)}:** {md(coverage.source.get(language))}", ""]
    counts = coverage.counts()
    lines += [f"## {label('coverage.matrix', language)}", "",
              label("coverage.summary", language, total=sum(counts.values()), full=counts[Extent.FULL],
                    partial=counts[Extent.PARTIAL], gap=counts[Extent.GAP]), ""]
    headers = ["ISO 9001:2008", "ISO 9001:2015", label("coverage.clauses", language),
               label("processes", language), label("coverage.extent", language)]
    lines += table(headers, [_matrix_row(project, r, here) for r in coverage.requirements])
    lines += ["", f"## {label('coverage.gaps', language)}", ""]
    if coverage.gaps_2015:  # a frozen edition's file, from before manual/frameworks/ mapped every requirement
        headers = ["ISO 9001:2015", label("coverage.clauses", language), label("coverage.extent", language)]
        lines += [label("coverage.gaps_intro", language), ""]
        lines += table(headers, [_gap_row(r, language) for r in coverage.gaps_2015])
    else:  # outside the edition: ``<language>/criteria/``
        lines += [label("criteria.iso2015_elsewhere", language), "",
                  f'<p><a href="{site_link(Location(language, f"{CRITERIA}/index.md"))}">'
                  f'{escape(label("criteria.title", language))}</a></p>']
    return "\n".join(lines) + "\n"
