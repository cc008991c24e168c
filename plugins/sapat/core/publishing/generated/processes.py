"""Markdown pages generated from ``processes/*.yml``: one per process, the index, the objectives.

The pages are ordinary Markdown for the site to render: clauses are written ``[[7.3.1]]`` (the
site turns them into links and checks them), neighbouring processes are relative links
``[name](<id>.md)`` (all process pages live side by side), and the diagrams are placeholders
``<!-- sapat:diagram ... -->`` that the site replaces with the inline SVG. Every text taken from
YAML is escaped, so a stray ``<`` or ``*`` in a name cannot become markup.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from ...diagrams.interaction import flow_order
from ...i18n.labels import label, number
from ...model.audits import checklist_page
from ...model.links import PROCESS_FOLDER, Location, process_page, site_link
from ...model.processes import KINDS, HandOver, Item, Objective, Process, ProcessModel, Text
from ...model.registers import RECORDS_PAGE, Record
from .markdown import link, md, refs, table

PROCESS_INDEX = f"{PROCESS_FOLDER}/index.md"
INTERACTION_MATRIX = "interaction-matrix.md"
OBJECTIVES = "objectives.md"


def _process_link(process: Process, lang: str) -> str:
    """A link to a process page from another page of the processes folder."""
    return link(process.name.get(lang), f"{process.id}.md")


def _item(item: Item, lang: str) -> str:
    return md(item.text.get(lang)) + (f" ({refs([item.clause])})" if item.clause else "")


def _section(title: str, lines: Sequence[str], lang: str) -> list[str]:
    body = [f"- {line}" for line in lines] if lines else [f"*{md(label('not_set', lang))}*"]
    return [f"## {title}", "", *body, ""]


def _party_names(model: ProcessModel, ids: Sequence[str], lang: str) -> list[str]:
    return [md(model.party_name(p, lang)) for p in ids]


def process_page_markdown(model: ProcessModel, process_id: str, lang: str, records: Sequence[Record] = (),
                          checklist: bool = True) -> str:
    """The page of one process: name, owner, map, inputs, outputs and everything around them,
    the ``records`` it makes, linked to the records register (outside the editions), and, when
    the edition has checklists, its audit checklist."""
    p = model.process(process_id)
    sources, targets = model.received_from(p.id), model.handed_to(p.id)
    lines = [f"# {md(p.name.get(lang))}", "",
             f"**{label('kind', lang)}:** {label('kind.' + p.kind, lang)}  ",
             f"**{label('process.owner', lang)}:** {md(model.roles.name(p.owner, lang))} "
             f"({refs(p.owner_clauses)})", ""]
    if p.summary:
        lines += [_item(p.summary, lang), ""]
    lines += [f"<!-- sapat:diagram process-map:{p.id} -->", ""]
    lines += _section(label("inputs", lang), [_item(i, lang) for i in p.inputs], lang)
    lines += _section(label("outputs", lang), [_item(i, lang) for i in p.outputs], lang)
    lines += _section(label("suppliers", lang), _party_names(model, p.suppliers, lang) +
                      [_process_link(s, lang) for s in sources], lang)
    lines += _section(label("customers", lang), [_process_link(t, lang) for t in targets] +
                      _party_names(model, p.customers, lang), lang)
    lines += _section(label("resources", lang), [_item(i, lang) for i in p.resources], lang)
    lines += _section(label("indicators", lang), [_item(i, lang) for i in p.indicators], lang)
    if records:
        lines += _section(label("process.records", lang), [record_link(r, lang) for r in records],
                          lang)
    lines += [f"## {label('clauses', lang)}", "", refs(p.clauses), ""]
    if checklist:
        lines += [f"{label('audit.checklist', lang)}: {link(p.name.get(lang), '../' + checklist_page(p.id))}", ""]
    clause_of = {h.target: h.clause for h in p.hands_over_to}
    neighbours = [f"**{label('receives_from', lang)}:** " +
                  (", ".join(_process_link(s, lang) for s in sources) or label("none", lang)),
                  f"**{label('hands_over_to', lang)}:** " +
                  (", ".join(f"{_process_link(t, lang)} ({refs([clause_of[t.id]])})" for t in targets)
                   or label("none", lang))]
    lines += _section(label("neighbours", lang), neighbours, lang)
    return "\n".join(lines).rstrip() + "\n"


def record_link(record: Record, lang: str) -> str:
    """A record's entry in the records register (beside the editions), from a generated page of
    any edition, with the clauses requiring it."""
    target = site_link(Location(lang, RECORDS_PAGE, anchor=record.id))
    return f'<a href="{html.escape(target)}">{html.escape(record.name.get(lang))}</a> ({refs(record.clauses)})'


def processes_index_markdown(model: ProcessModel, lang: str) -> str:
    """``processes/index.md``: the interaction map and every process, grouped by kind.

    Within a kind, processes come in the order of the interaction map above them.
    """
    order = [model.processes[pid] for pid in flow_order(model)]
    lines = [f"# {label('processes', lang)}", "",
             f"> {label('processes.intro', lang)}", "",
             "<!-- sapat:diagram interaction -->", ""]
    for kind in KINDS:
        members = [p for p in order if p.kind == kind]
        if not members:
            continue
        lines += [f"## {label('kinds.' + kind, lang)}", ""]
        lines += [f"- {_process_link(p, lang)} — {md(model.roles.name(p.owner, lang))}" for p in members]
        lines.append("")
    lines += [f"{label('matrix.as_table', lang)}: {link(label('matrix.title', lang), '../' + INTERACTION_MATRIX)}.", "",
              label("processes.see_also", lang), ""]
    return "\n".join(lines)


def interaction_matrix_markdown(model: ProcessModel, lang: str) -> str:
    """The process interaction matrix, in two forms of the same hand-overs, one shown per width.

    The table: each row hands over to the columns it has a cell in; a cell gives the clause that
    makes the hand-over and what is handed over. It is an HTML table whose cells are Markdown
    (``markdown="1"``), so that clauses are ``[[references]]`` checked like any other and the
    rows and columns have real headers: a screen reader names both processes of a cell. Rows and
    columns are grouped by kind, in the order of the nav. The list, for a phone and for paper
    (17 columns fit neither): each process with what it hands over to whom, the same words.
    """
    order = [model.processes[pid] for pid in flow_order(model)]
    number = {p.id: n for n, p in enumerate(order, start=1)}
    hand_over = {(s.id, t.id): h for s, t, h in model.hand_overs()}
    bands = [(kind, members) for kind in KINDS if (members := [p for p in order if p.kind == kind])]

    def name(process: Process) -> str:
        return f"{number[process.id]}\\. {link(process.name.get(lang), process_page(process.id))}"

    kinds = "".join(html_element("th", md(label(f"kinds.{kind}", lang)), scope="col", colspan=str(len(members)))
                    for kind, members in bands)
    # The corner tells how to read the table ("hands over ↓, receives →"): the header of the
    # column of row names, so that no cell with text is without a header.
    corner = html_element("th", md(label("matrix.corner", lang)), scope="col", rowspan="2",
                   **{"class": "sapat-matrix-corner"})
    head = html_element("thead", html_element("tr", corner + kinds) +
                 html_element("tr", "".join(html_element("th", name(p), scope="col") for p in order)))
    bodies = []
    for kind, members in bands:
        rows = [html_element("tr", html_element("th", md(label(f"kinds.{kind}", lang)), scope="rowgroup",
                                  colspan=str(len(order) + 1)))]
        rows += [html_element("tr", html_element("th", name(source), scope="row") +
                       "".join(_matrix_cell(hand_over.get((source.id, target.id)), lang, source is target)
                               for target in order))
                 for source in members]
        bodies.append(html_element("tbody", "\n".join(rows)))
    table = html_element("table", "\n".join([head, *bodies]))
    listed = [label("matrix.list_intro", lang), ""]
    for kind, members in bands:
        listed += [f"## {label(f'kinds.{kind}', lang)}", ""]
        for source in members:
            targets = [(target, hand_over[source.id, target.id]) for target in order
                       if (source.id, target.id) in hand_over]
            listed.append(f"- **{name(source)}**. {label('hands_over_to', lang)}:"
                          + ("" if targets else f" {label('none', lang)}."))
            listed += [f"    - {name(target)} — {_hand_over(h, lang)}" for target, h in targets]
        listed.append("")
    return "\n".join([f"# {label('matrix.title', lang)}", "",
                      f"{label('matrix.as_map', lang)}: {link(label('processes', lang), PROCESS_INDEX)}.", "",
                      html_element("div", f"\n{label('matrix.intro', lang)}\n\n{table}\n",
                                   **{"class": "sapat-matrix"}), "",
                      html_element("div", "\n" + "\n".join(listed), **{"class": "sapat-matrix-list"}), ""])


def _matrix_cell(hand_over: HandOver | None, lang: str, diagonal: bool) -> str:
    """A cell of the table: the hand-over (:func:`_hand_over`); empty when there is none."""
    if hand_over is None:
        return html_element("td", "", **({"class": "sapat-matrix-self"} if diagonal else {}))
    return html_element("td", _hand_over(hand_over, lang))


def _hand_over(hand_over: HandOver, lang: str) -> str:
    """The clause that makes a hand-over, in bold, and what is handed over."""
    what = "; ".join(_item(item, lang) for item in hand_over.what)
    return f"**{refs([hand_over.clause])}**" + (f": {what}" if what else "")


def html_element(tag: str, content: str, **attributes: str) -> str:
    """An HTML element whose content is Markdown (``markdown="1"`` of md_in_html)."""
    attrs = "".join(f' {name}="{html.escape(value)}"' for name, value in attributes.items())
    return f'<{tag}{attrs} markdown="1">{content}</{tag}>'


def quantity(value: float, unit: Text | None, lang: str) -> str:
    """A value with its unit, kept on one line: ``64,5 %``."""
    return f"{number(value, lang)}\u00a0{unit.get(lang)}" if unit else number(value, lang)


def target_text(objective: Objective, lang: str) -> str:
    """The target in words, which way counting as reached: "не менее 80 %"."""
    target = objective.target
    if target is None:
        return ""
    return label(f"target.{target.better}", lang, value=quantity(target.value, objective.unit, lang))


def _objective_row(position: int, objective: Objective, model: ProcessModel, lang: str) -> list[str]:
    def cell(value: Text | str | None) -> str:
        if value is None:
            return "—"
        return md(value.get(lang) if isinstance(value, Text) else value)

    owner = md(model.roles.name(objective.owner, lang)) if objective.owner else "—"
    if objective.measurable:
        status = label("measurable", lang)
    else:
        missing = ", ".join(label(f"field.{name}", lang) for name in objective.missing_smart_fields())
        status = f"**{label('not_measurable', lang)}** ({label('missing', lang)}: {missing})"
    indicator = cell(objective.indicator) + (f" ({md(objective.unit.get(lang))})" if objective.unit else "")
    return [str(position), md(objective.text.get(lang)), indicator, md(target_text(objective, lang)) or "—",
            cell(objective.due), owner, status]


def objectives_markdown(model: ProcessModel, lang: str) -> str:
    """The register of quality objectives (2.2), marking those that cannot be measured yet.

    Nothing is filled in that the YAML does not say: a missing indicator or target shows as
    a dash and the objective is marked as not yet measurable.
    """
    objectives = model.objectives
    lines = [f"# {label('objectives', lang)}", "", label("objectives.source", lang), ""]
    if objectives is None:
        return "\n".join(lines)
    headers = ["№", label("objective", lang), label("indicator", lang), label("target", lang),
               label("due", lang), label("responsible", lang), label("measurability", lang)]
    lines += table(headers, [_objective_row(n, o, model, lang)
                             for n, o in enumerate(objectives.items, start=1)])
    if not all(o.measurable for o in objectives.items):
        lines += ["", label("objectives.note", lang)]
    return "\n".join(lines) + "\n"
