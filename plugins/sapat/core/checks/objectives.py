"""The quality objectives' values against the day of the run.

A value is measured, so its year has come: a value (or a baseline) for a year still to come is
a target written in the wrong place, or a typing mistake. Which years have come depends on the
day the check runs, so this is a check of the project, not of the file's reading (which checks
the rest: core/model/processes.py).
"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from ..i18n.messages import Message
from ..model.project import Project


def future_values(project: Project) -> list[Diagnostic]:
    """Every baseline and measured value of a year after the one the project is judged in."""
    objectives = project.process_model.objectives
    if objectives is None:
        return []
    today = project.today
    return [Diagnostic(objectives.display, value.line,
                       Message("objective.future_year", id=objective.id, year=value.year, today=today.isoformat()),
                       Message("objective.future_year.hint"))
            for objective in objectives.items for value in objective.series() if value.year > today.year]
