"""The audit checklists of an edition: ``audits/index.md`` and ``audits/<process>.md``.

A checklist is the manual's approved text put as questions (:mod:`sapat.core.model.audits`), so
it is a generated page of each edition like the process pages: it changes when a governing
clause changes, and the changes page names it (:func:`changed_checklists`). Each clause is a
table whose rows are its requirements, in its own words with its ``[[references]]``, and whose
finding columns are left blank for the auditor; the rows have headers (their numbers), so a
screen reader names the requirement of a cell. The table is written in Markdown's own form, its
headers marked on the tree (:mod:`sapat.markdown.checklists`): as HTML it cost more. The PDF of
a checklist is this page typeset (:mod:`sapat.core.publishing.pdf.checklists`, made by
``sapat pdf``).
"""

from __future__ import annotations

import html
from collections.abc import Collection, Iterable, Sequence

from ...diagrams.interaction import flow_order
from ...i18n.labels import label
from ...model.audits import AUDITS_INDEX, Checklist, ChecklistClause, Question, checklist, checklist_page
from ...model.clauses import REFERENCE, reference_id
from ...model.links import LinkForm, Location, href, process_page
from ...model.project import Project
from ...releasing.compare import Change, ProjectDiff
from ..search import NOT_SEARCHED
from .markdown import link, md, refs, table
from .processes import record_link

#: The folder of the programme page in the current area, below a language's web root.
PROGRAMME = "audit-programme"
#: The columns an auditor fills in, after the requirement.
FINDINGS = ("conforms", "nonconformity", "observation", "notes")
#: Every column of a clause's questions, in order (``audit.col.<key>``, class ``sapat-audit-<key>``).
COLUMNS = ("number", "requirement", *FINDINGS)
#: The class of the block that holds a clause's questions (left out of search).
QUESTIONS_CLASS = "sapat-audit"


def process_checklist(project: Project, process_id: str, language: str) -> Checklist:
    """The checklist of a process in ``language``, from that language's clauses."""
    return checklist(project.process_model.process(process_id), project.languages[language].index.clauses,
                     project.registers.records)


def checklist_markdown(project: Project, process_id: str, language: str) -> str:
    """The checklist page of a process: what it is, then each governing clause's questions."""
    found = process_checklist(project, process_id, language)
    process, roles = found.process, project.process_model.roles
    lines = [f"# {label('audit.checklist', language)}: {md(process.name.get(language))}", "",
             f"**{label('audit.process', language)}:** "
             f"{link(process.name.get(language), '../' + process_page(process.id))}  ",
             f"**{label('process.owner', language)}:** {md(roles.name(process.owner, language))}  ",
             f"**{label('clauses', language)}:** {refs(process.clauses)}", "",
             label("audit.intro", language), "",
             '<div class="sapat-audit-fields"><table><tbody>' + "".join(
                 f'<tr><th scope="row">{html.escape(label(f"audit.field.{key}", language))}</th><td></td></tr>'
                 for key in ("date", "auditor", "auditee")) + "</tbody></table></div>", ""]
    for clause in found.clauses:
        lines += _clause(clause, process_id, language, project.languages[language].index.clauses)
    return "\n".join(lines).rstrip() + "\n"


def _clause(clause: ChecklistClause, process_id: str, language: str, known: Collection[str]) -> list[str]:
    """A governing clause: its title and link, the evidence to ask for, the table of questions."""
    title = md(clause.clause.title) if clause.clause and clause.clause.title != clause.clause.heading else ""
    lines = [f"## {title + ' — ' if title else label('audit.clause', language) + ' '}[[{clause.id}]]", ""]
    evidence = clause.evidence
    named = ([record_link(record, language) for record in evidence.records]
             + [f"{label(key, language)}: {md(item.text.get(language))}"
                for key, items in (("inputs", evidence.inputs), ("outputs", evidence.outputs),
                                   ("indicators", evidence.indicators)) for item in items])
    lines += [f"**{label('audit.evidence', language)}:**", ""]
    lines += [f"- {item}" for item in named] if named else [f"*{md(label('audit.no_evidence', language))}*"]
    lines.append("")
    if clause.clause is None:
        return lines + [f"*{md(label('audit.clause_missing', language))}*", ""]
    if not clause.questions:
        return lines + [f"*{md(label('audit.no_own_text', language))}*", ""]
    # The requirement's header names the clause, linked: a screen reader says it with each
    # requirement. The headers' scope and classes are set on the tree (sapat.markdown.checklists).
    head = [label(f"audit.col.{key}", language, **({"clause": f"[[{clause.id}]]"} if key == "requirement" else {}))
            for key in COLUMNS]
    rows = [[question.number, _requirement(question, known), *[""] * len(FINDINGS)] for question in clause.questions]
    # The requirements are the manual's words, found by search on the manual's page, not here too.
    return lines + [f'<div class="{QUESTIONS_CLASS}" {NOT_SEARCHED} markdown="1">', "", *table(head, rows), "",
                    "</div>", ""]


def _requirement(question: Question, known: Collection[str]) -> str:
    """A requirement in the clause's own words, as a table's cell. Its ``[[references]]`` to
    ``known`` clauses stay references; one to no clause is plain text, so the mistake is
    reported once, where the editor wrote it, not again on every checklist."""
    text = REFERENCE.sub(lambda match: match.group(0) if reference_id(match.group("target")) in known
                         else md(match.group("target")), question.text)
    return text.replace("|", "\\|")


def checklists_index_markdown(project: Project, language: str) -> str:
    """``audits/index.md``: every process's checklist, in the order of the interaction map, and
    where the programme is (the current area, outside the editions)."""
    model = project.process_model
    here = Location(language, AUDITS_INDEX, version="draft")
    programme = href(Location(language, f"{PROGRAMME}/index.md"), here, LinkForm.URL)
    rows = []
    for pid in flow_order(model):
        found = process_checklist(project, pid, language)
        process = found.process
        rows.append([link(process.name.get(language), checklist_page(pid).removeprefix("audits/")),
                     md(model.roles.name(process.owner, language)), refs(process.clauses), str(found.questions)])
    headers = [label(key, language) for key in ("audit.process", "process.owner", "clauses", "audit.count")]
    return "\n".join([f"# {label('audit.checklists', language)}", "", label("audit.index_intro", language), "",
                      f'{label("audit.programme_link", language)}: '
                      f'<a href="{html.escape(programme)}">{html.escape(label("audit.programme", language))}</a>.', "",
                      *table(headers, rows), ""])


def changed_checklists(diff: ProjectDiff, project: Project, language: str) -> dict[str, list[str]]:
    """The processes whose checklist in ``language`` changed with ``diff``, each with its governing
    clauses added, removed or whose text changed (a move alone changes no question)."""
    changed = [change.id for change in diff.languages[language].clauses
               if change.kind in (Change.ADDED, Change.REMOVED, Change.CHANGED)]
    model = project.process_model
    governing = {pid: frozenset(model.processes[pid].clauses) for pid in flow_order(model)}
    found = {pid: [ident for ident in changed if ident in clauses] for pid, clauses in governing.items()}
    return {pid: clauses for pid, clauses in found.items() if clauses}


def checklists_section(diff: ProjectDiff, project: Project, language: str, level: int) -> list[str]:
    """The changes page's section naming the checklists that changed, each linked with the
    clauses that changed it (a clause the edition removed as plain text: it has no page)."""
    changed = changed_checklists(diff, project, language)
    if not changed:
        return []
    model, clauses = project.process_model, project.languages[language].index.clauses
    items = [f"- {link(model.processes[pid].name.get(language), checklist_page(pid))} ("
             + ", ".join(refs([ident]) if ident in clauses else md(ident) for ident in idents) + ")"
             for pid, idents in changed.items()]
    return [f"{'#' * level} {label('changes.checklists', language)}", "", label("changes.checklists_intro", language),
            "", *items, ""]


def checklist_pages(project: Project, language: str) -> Iterable[tuple[str, str, str]]:
    """Every checklist page as (name, the file an editor changes, Markdown)."""
    model = project.process_model
    return [(checklist_page(pid), process.path, checklist_markdown(project, pid, language))
            for pid, process in model.processes.items()]


__all__: Sequence[str] = ["COLUMNS", "FINDINGS", "PROGRAMME", "QUESTIONS_CLASS", "changed_checklists",
                          "checklist_markdown", "checklist_pages",
                          "checklists_index_markdown", "checklists_section", "process_checklist"]
