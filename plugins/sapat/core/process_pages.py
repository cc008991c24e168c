"""Markdown pages generated from ``processes/*.yml``: one per process, the index, the objectives.

The pages are ordinary Markdown for the site to render: clauses are written ``[[7.3.1]]`` (the
site turns them into links and checks them), neighbouring processes are relative links
``[name](<id>.md)`` (all process pages live side by side), and the diagrams are placeholders
``<!-- sapat:diagram ... -->`` that the site replaces with the inline SVG. Every text taken from
YAML is escaped, so a stray ``<`` or ``*`` in a name cannot become markup.
"""

from __future__ import annotations

import html
import re
from typing import Iterable, Sequence

from .diagrams.interaction import flow_order
from .diagrams.labels import label
from .processes import KINDS, Item, Objective, Process, ProcessModel, Text

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]|])")
_LEADING_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.")
APPENDIX_WORD = {"ky": "тиркеме", "ru": "приложение"}


def md(text: str) -> str:
    """YAML text made inert in Markdown: no HTML, no emphasis, no links, no table breaks.

    A leading "7." is escaped too, so that a heading made of a name never reads as a clause.
    """
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(text.split()), quote=False))
    return _LEADING_NUMBER.sub(lambda m: m.group(1) + "\\.", escaped)


def refs(clauses: Iterable[str]) -> str:
    """Clause references as the site expects them: ``[[5.1]], [[5.3]]``."""
    return ", ".join(f"[[{c}]]" for c in clauses)


def process_link(process: Process, lang: str) -> str:
    """A Markdown link to a process page, relative to another process page."""
    return f"[{md(process.name.get(lang))}]({process.id}.md)"


def _item(item: Item, lang: str) -> str:
    return md(item.text.get(lang)) + (f" ({refs([item.clause])})" if item.clause else "")


def _section(title: str, lines: Sequence[str], lang: str) -> list[str]:
    body = [f"- {line}" for line in lines] if lines else [f"*{md(label(lang, 'not_set'))}*"]
    return [f"## {title}", "", *body, ""]


def _party_names(model: ProcessModel, ids: Sequence[str], lang: str) -> list[str]:
    return [md(model.party(p).name.get(lang)) if model.party(p) else md(p) for p in ids]


def process_page_markdown(model: ProcessModel, process_id: str, lang: str) -> str:
    """The page of one process: name, owner, map, inputs, outputs and everything around them."""
    p = model.process(process_id)
    sources, targets = model.received_from(p.id), model.handed_to(p.id)
    lines = [f"# {md(p.name.get(lang))}", "",
             f"**{label(lang, 'kind')}:** {label(lang, 'kind.' + p.kind)}  ",
             f"**{label(lang, 'owner')}:** {md(model.role_name(p.owner, lang))} ({refs(p.owner_clauses)})", ""]
    if p.summary:
        lines += [_item(p.summary, lang), ""]
    lines += [f"<!-- sapat:diagram process-map:{p.id} -->", ""]
    lines += _section(label(lang, "inputs"), [_item(i, lang) for i in p.inputs], lang)
    lines += _section(label(lang, "outputs"), [_item(i, lang) for i in p.outputs], lang)
    lines += _section(label(lang, "suppliers"), _party_names(model, p.suppliers, lang) +
                      [process_link(s, lang) for s in sources], lang)
    lines += _section(label(lang, "customers"), [process_link(t, lang) for t in targets] +
                      _party_names(model, p.customers, lang), lang)
    lines += _section(label(lang, "resources"), [_item(i, lang) for i in p.resources], lang)
    lines += _section(label(lang, "indicators"), [_item(i, lang) for i in p.indicators], lang)
    lines += [f"## {label(lang, 'clauses')}", "", refs(p.clauses), ""]
    clause_of = {h.target: h.clause for h in p.hands_over_to}
    neighbours = [f"**{label(lang, 'receives_from')}:** " +
                  (", ".join(process_link(s, lang) for s in sources) or label(lang, "none")),
                  f"**{label(lang, 'hands_over_to')}:** " +
                  (", ".join(f"{process_link(t, lang)} ({refs([clause_of[t.id]])})" for t in targets)
                   or label(lang, "none"))]
    lines += _section(label(lang, "neighbours"), neighbours, lang)
    return "\n".join(lines).rstrip() + "\n"


def processes_index_markdown(model: ProcessModel, lang: str) -> str:
    """``processes/index.md``: the interaction map and every process, grouped by kind.

    Within a kind, processes come in the order of the interaction map above them.
    """
    word = APPENDIX_WORD[lang]
    order = [model.processes[pid] for pid in flow_order(model)]
    lines = [f"# {label(lang, 'processes')}", "",
             f"> {label(lang, 'processes.intro')} ({refs(['3'])})", "",
             "<!-- sapat:diagram interaction -->", ""]
    for kind in KINDS:
        members = [p for p in order if p.kind == kind]
        if not members:
            continue
        lines += [f"## {label(lang, 'kinds.' + kind)}", ""]
        lines += [f"- {process_link(p, lang)} — {md(model.role_name(p.owner, lang))}" for p in members]
        lines.append("")
    lines += [f"{label(lang, 'processes.see_also')} [[{word} 1]], [[{word} 2]].", ""]
    return "\n".join(lines)


def _objective_row(number: int, objective: Objective, model: ProcessModel, lang: str) -> str:
    def cell(value: Text | str | None) -> str:
        if value is None:
            return "—"
        return md(value.get(lang) if isinstance(value, Text) else value)

    owner = md(model.role_name(objective.owner, lang)) if objective.owner else "—"
    if objective.measurable:
        status = label(lang, "measurable")
    else:
        missing = ", ".join(label(lang, f"field.{name}") for name in objective.missing_smart_fields())
        status = f"**{label(lang, 'not_measurable')}** ({label(lang, 'missing')}: {missing})"
    return (f"| {number} | {md(objective.text.get(lang))} | {cell(objective.indicator)} | "
            f"{cell(objective.target)} | {cell(objective.due)} | {owner} | {status} |")


def objectives_markdown(model: ProcessModel, lang: str) -> str:
    """The register of quality objectives (2.2), marking those that cannot be measured yet.

    Nothing is filled in that the YAML does not say: a missing indicator or target shows as
    a dash and the objective is marked as not yet measurable.
    """
    objectives = model.objectives
    lines = [f"# {label(lang, 'objectives')}", "", label(lang, "objectives.source"), ""]
    if objectives is None:
        return "\n".join(lines)
    headers = ["№", label(lang, "objective"), label(lang, "indicator"), label(lang, "target"),
               label(lang, "due"), label(lang, "responsible"), label(lang, "measurability")]
    lines += ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += [_objective_row(n, o, model, lang) for n, o in enumerate(objectives.items, start=1)]
    if not all(o.measurable for o in objectives.items):
        lines += ["", label(lang, "objectives.note")]
    return "\n".join(lines) + "\n"
