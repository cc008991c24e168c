"""The quality objectives' measured values, in the current area: ``<language>/objectives/``
(docs/objectives.md).

The objectives themselves (their words, indicator, unit, baseline, target, due, owner) are part
of the manual's data and every edition lists them (the generated page ``objectives.md``); the
values are records the quality department enters year by year, with dates of their own, so they
are published outside every edition, true as of the build. Each objective gets its chart (values
against the target line, :mod:`sapat.core.diagrams.chart`) with the same values in a table as its
text version; one without values says it is not measured yet. Nothing is filled in.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from ...diagrams.chart import Point, line_chart
from ...i18n.labels import label, number
from ...model.editions import DRAFT
from ...model.links import Location
from ...model.processes import Objective, Text, Value
from ...model.project import Project
from ..generated.processes import OBJECTIVES, quantity, target_text
from .area import CurrentPage, clause_links, html_link, html_table

OBJECTIVES_AREA = "objectives"


def objectives(project: Project, language: str) -> Iterator[CurrentPage]:
    """``<language>/objectives/``, when the objectives' file could be read."""
    if project.process_model.objectives is None:
        return
    title = label("objectives.values_title", language)
    here = Location(language, f"{OBJECTIVES_AREA}/index.md")
    items = project.process_model.objectives.items
    sections = "".join(_objective(project, position, objective, language)
                       for position, objective in enumerate(items, start=1))
    links = (html_link(f"../{DRAFT}/{OBJECTIVES.removesuffix('.md')}/", label("objectives.edition_link", language))
             + " · " + clause_links(project, project.process_model.objectives.clauses, here))
    yield CurrentPage(OBJECTIVES_AREA, title,
                      f"<h1>{escape(title)}</h1><p>{escape(label('objectives.values_intro', language))}</p>"
                      f"<p>{links}</p>{sections}")


def reached(objective: Objective, value: Value, language: str) -> str:
    """Whether ``value`` reaches the objective's target: yes, no, or a dash without a target."""
    if objective.target is None:
        return "—"
    return escape(label("yes" if objective.target.reached(value.value) else "no", language))


def _capital(text: str) -> str:
    """A field's name at the head of a row ("единица" -> "Единица")."""
    return text[:1].upper() + text[1:]


def _not_set(text: str) -> str:
    return f"<i>{escape(text)}</i>"


def _objective(project: Project, position: int, objective: Objective, language: str) -> str:
    """One objective: what it measures, then its chart and table, or that it is not measured yet."""
    not_set = label("record.not_set", language)

    def text(value: Text | None) -> str:
        return escape(value.get(language)) if value else _not_set(not_set)

    baseline = objective.baseline
    fields = [("indicator", text(objective.indicator)), ("field.unit", text(objective.unit)),
              ("objectives.baseline", escape(f"{quantity(baseline.value, objective.unit, language)} ({baseline.year})")
               if baseline else _not_set(not_set)),
              ("target", escape(target_text(objective, language)) or _not_set(not_set)),
              ("due", escape(objective.due) if objective.due else _not_set(not_set)),
              ("responsible", escape(project.roles.name(objective.owner, language)) if objective.owner
               else _not_set(not_set))]
    table = html_table([label("record.field", language), label("record.value", language)],
                       [[escape(_capital(label(key, language))), value] for key, value in fields])
    heading = f'<h2 id="{escape(objective.id)}">{position}. {escape(objective.text.get(language))}</h2>'
    if not objective.measured:
        return (f"{heading}{table}<p><strong>{escape(label('objectives.not_measured', language))}</strong>: "
                f"{escape(label('objectives.not_measured_note', language))}</p>")
    return heading + table + chart(objective, language)


def chart(objective: Objective, language: str) -> str:
    """The chart of an objective's baseline and values against its target, and beside it the
    same values as a table (its text version)."""
    series = objective.series()
    unit = objective.unit.get(language) if objective.unit else ""
    indicator = objective.indicator.get(language) if objective.indicator else objective.id
    target = target_text(objective, language) or label("objectives.no_target", language)
    described = ", ".join(f"{value.year}: {quantity(value.value, objective.unit, language)}"
                          + (f" ({label('objectives.baseline', language)})" if value is objective.baseline else "")
                          for value in series)
    ident = f"chart-{objective.id}"
    svg = line_chart(ident, label("objectives.chart_title", language, indicator=indicator, unit=unit),
                     label("objectives.chart_desc", language, values=described, target=target),
                     [Point(value.year, value.value, number(value.value, language)) for value in series],
                     objective.target.value if objective.target else None,
                     label("objectives.chart_target", language, target=target),
                     lambda value: number(value, language))
    rows = [[str(value.year), escape(quantity(value.value, objective.unit, language)),
             escape(label("objectives.baseline" if value is objective.baseline else "objectives.measured", language)),
             reached(objective, value, language)] for value in series]
    headers = [label(key, language) for key in ("objectives.col.year", "objectives.col.value", "objectives.col.kind",
                                                "objectives.col.reached")]
    return (f'<div class="sapat-chart-pair"><figure>{svg}</figure>'
            f"<div><p><b>{escape(label('objectives.text_version', language))}</b></p>"
            f"{html_table(headers, rows)}</div></div>")


__all__ = ["OBJECTIVES_AREA", "chart", "objectives", "reached"]
