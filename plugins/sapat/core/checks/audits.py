"""The audit programme against the processes and roles (8.2.2).

Errors, each on the line of the key at fault: an audit of a process that does not exist, a lead
auditor's role that roles.yml does not define, a lead auditor whose role owns the process it
audits (8.2.2: the choice of auditors ensures objectivity and impartiality, so no one audits
their own work), and a cycle of the programme that leaves a process unaudited (on 'audits:').
A month out of range breaks the file's schema and is reported while it is read. A programme
with no audit yet is a notice: the manual states none, and none is invented.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic, Severity, did_you_mean
from ..i18n.messages import Message
from ..model.project import Project


def programme(project: Project) -> list[Diagnostic]:
    """Every mistake of the programme at once; nothing when the file is absent or unreadable."""
    audits, model = project.audits, project.process_model
    if audits is None:
        return []
    if not audits.audits:
        return [Diagnostic(audits.display, audits.line, Message("audits.empty"), Message("audits.empty.hint"),
                           Severity.NOTICE)]
    problems: list[Diagnostic] = []
    for audit in audits.audits:
        process = model.processes.get(audit.process)
        if process is None:
            problems.append(Diagnostic(audits.display, audit.line("process"),
                                       Message("audits.unknown_process", process=audit.process),
                                       did_you_mean(audit.process, model.processes)
                                       or Message("audits.unknown_process.hint")))
        if unknown := model.roles.unknown(audit.auditor, audits.display, audit.line("auditor"), "auditor"):
            problems.append(unknown)
        elif process is not None and process.owner == audit.auditor:
            problems.append(Diagnostic(audits.display, audit.line("auditor"),
                                       Message("audits.own_process", role=audit.auditor, process=audit.process),
                                       Message("audits.own_process.hint", file=process.path)))
    for cycle in audits.cycles():
        audited = {audit.process for audit in audits.audits if audit.year in cycle}
        years = f"{cycle[0]}" if len(cycle) == 1 else f"{cycle[0]}–{cycle[-1]}"
        problems += [Diagnostic(audits.display, audits.line, Message("audits.not_audited", process=pid, years=years),
                                Message("audits.not_audited.hint", process=pid, years=years))
                     for pid in model.processes if pid not in audited]
    return problems
