"""The list of editions and each edition's record, in the current area.

The list says which edition is in force; the record is the page a reviewer prints for the
file: the decision in its source's own words, each value stated or inferred side by side,
the documents of the edition with their revisions, its evidence, and how to check its files.
Neither lives in an edition: both say what the registry (editions.yml) holds today.
"""

from __future__ import annotations

from collections.abc import Iterator
from html import escape

from ...i18n.labels import label, remark
from ...i18n.languages import SOURCE_LANGUAGE
from ...model.editions import (
    ADDED_COPIES,
    CHANGES,
    DRAFT,
    EDITIONS_FILE,
    EDITIONS_LIST,
    PUBLISHED,
    Edition,
    draft_edition,
    editions_folder,
)
from ...model.frameworks import CRITERIA
from ...model.links import LinkForm, Location, href, page_url
from ...model.project import Project
from ...releasing.manifests import MANIFEST
from ...releasing.offline import offline_copy
from ..page_header import approval_text, edition_mends, edition_reasons
from .area import CurrentPage, html_link, html_table, released_sources
from .objectives import OBJECTIVES_AREA
from .registers import ACKNOWLEDGEMENTS, REGISTERS
from .review import REVIEW
from .sheets import edition_sheets_of

#: The fields of an edition's decision, as the record shows them side by side.
_DECISION_FIELDS = (("approval", "edition.approval_field"), ("approved_by", "approval"),
                    ("approval_date", "approval_date"), ("protocol", "protocol_number"))


def editions_list(project: Project, language: str) -> Iterator[CurrentPage]:
    """The list of every edition of ``language``, newest first, the draft last, at
    ``<language>/editions/``: each edition's folder and record are linked from it."""
    headers = ("editions.version", "editions.state", "editions.approval", "editions.order", "editions.summary",
               "editions.files", "editions.manifest", "editions.signature")
    newest_first = list(reversed(project.editions))
    rows = [_list_row(project, edition, language, in_force=index == 0) for index, edition in enumerate(newest_first)]
    changes = html_link(f"../{DRAFT}/{CHANGES.removesuffix('.md')}/", label("editions.changes", language))
    rows.append([html_link(f"../{DRAFT}/", draft_edition().title(language)), escape(label("editions.draft", language)),
                 "—", "—", "—", changes, "—", "—"])
    none = "" if project.editions else f"<p>{escape(label('editions.none', language))}</p>"
    reasons = "".join(f"<h2>{escape(edition.title(language))}</h2>{edition_reasons(edition, language)}"
                      for edition in newest_first if edition.inferred)
    if reasons:
        reasons = f"<p>{escape(label('inferred_note', language))}</p>{reasons}"
    title = label("editions.title", language)
    criteria = html_link(f"../{CRITERIA}/", label("editions.criteria_link", language))
    registers = html_link(f"../{REGISTERS}/", label("editions.registers_link", language))
    measured = (html_link(f"../{OBJECTIVES_AREA}/", label("objectives.values_link", language)) + " · "
                + html_link(f"../{REVIEW}/", label("review.index_title", language)))
    yield CurrentPage(EDITIONS_LIST, title,
                      f"<h1>{escape(title)}</h1><p>{escape(label('editions.list_intro', language))}</p>{none}"
                      f"{html_table([label(key, language) for key in headers], rows)}<p>{criteria}</p>"
                      f"<p>{registers}</p><p>{measured}</p>{reasons}")


def _list_row(project: Project, edition: Edition, language: str, in_force: bool) -> list[str]:
    folder = f"../{edition.version}/"
    order = escape(label("edition.order", language, number=edition.order.number, date=edition.order.date)) \
        if edition.order else "—"
    files = "<br>".join((html_link(f"{edition.version}/", label("record.link", language)),
                         html_link(folder + edition.pdf_name(language), label("editions.pdf", language)),
                         _offline(project, edition, language, folder),
                         html_link(folder + CHANGES.removesuffix(".md") + "/", label("editions.changes", language))))
    return [html_link(folder, edition.title(language)),
            escape(label("editions.in_force" if in_force else "editions.superseded", language)
                   + remark([] if edition.approval_stated else ["inferred"], language)),
            escape(edition.decision(project.roles, language)), order,
            "<br>".join(filter(None, (escape(edition.summary.get(language, "")), edition_mends(edition, language))))
            or "—", files, f"<code>{escape(edition.manifest_digest or '')}</code>",
            escape(_signature(edition, language))]


def edition_records(project: Project, language: str) -> Iterator[CurrentPage]:
    """The record of every frozen edition, at ``<language>/editions/<version>/``."""
    for edition in project.editions:
        title = label("record.title", language, edition=edition.title(language))
        parts = [f"<h1>{escape(title)}</h1>", _decision(project, edition, language),
                 _documents(project, edition, language), _files(project, edition, language),
                 _sheets(project, edition, language), _check(project, edition, language)]
        yield CurrentPage(f"{EDITIONS_LIST}/{edition.version}", title, "".join(parts),
                          up=(EDITIONS_LIST, label("editions.title", language)))


def _decision(project: Project, edition: Edition, language: str) -> str:
    """The decision: its source quoted, then each value, stated or inferred and why."""
    html = f"<h2>{escape(label('record.decision', language))}</h2>"
    if (quote := edition.source) is not None:
        where = label("record.source_where", language, file=quote.file, first=quote.lines[0], last=quote.lines[1])
        html += (f'<blockquote lang="{SOURCE_LANGUAGE}"><p>«{escape(quote.words[SOURCE_LANGUAGE])}»</p></blockquote>'
                 f"<p>{escape(where)}</p>")
        if language != SOURCE_LANGUAGE:
            html += (f"<p>{escape(label('record.translation', language))}:</p>"
                     f"<blockquote><p>«{escape(quote.words[language])}»</p></blockquote>")
    html += f"<p>{escape(edition.decision(project.roles, language))}</p>"
    values = {"approval": label("record.approved", language), "approved_by":
              project.roles.name(edition.approved_by or "", language),
              "approval_date": edition.approval_date or "", "protocol": edition.protocol or ""}
    rows = [[escape(label(key, language)), escape(values[name]),
             escape(label("record.inferred", language) + ": " + edition.inferred[name].get(language, ""))
             if name in edition.inferred else escape(label("record.stated", language))]
            for name, key in _DECISION_FIELDS]
    if edition.meeting:
        rows.append([escape(label("record.meeting", language)), escape(edition.meeting),
                     escape(label("record.stated", language))])
    order = label("edition.order", language, number=edition.order.number, date=edition.order.date) \
        if edition.order else label("record.not_set", language)
    rows.append([escape(label("editions.order", language)), escape(order),
                 escape(label("record.stated" if edition.order else "record.not_stated", language))])
    headers = [label(key, language) for key in ("record.field", "record.value", "record.provenance")]
    return html + html_table(headers, rows)


def _documents(project: Project, edition: Edition, language: str) -> str:
    """The controlled documents of the edition, as released: code, title, revision, decision."""
    if (frozen := released_sources(project, edition)) is None:
        return ""
    rows = []
    controls = {name: control for name in frozen.source.controlled() if (control := frozen.control(name)) is not None}
    for name, control in sorted(controls.items(), key=lambda item: item[1].code):
        page = frozen.languages[language].files.get(name)
        title = str(page.get("title") or control.title) if page else control.title
        rows.append([escape(control.code), html_link(f"../../{edition.version}/{page_url(name)}", title),
                     str(control.revision), escape(approval_text(control, project.roles, language))])
    headers = [label(key, language) for key in ("document", "record.document_title", "revision", "editions.approval")]
    return f"<h2>{escape(label('record.documents', language))}</h2>{html_table(headers, rows)}"


def _files(project: Project, edition: Edition, language: str) -> str:
    """The edition's PDF, offline copy, changes page, evidence and mends."""
    up = f"../../{edition.version}/"
    items = [html_link(up, label("record.pages", language)),
             html_link(up + edition.pdf_name(language), label("editions.pdf", language)),
             _offline(project, edition, language, up, with_intro=True),
             html_link(up + CHANGES.removesuffix(".md") + "/", label("editions.changes", language))]
    # the evidence is published once, with the edition in the source language
    evidence = [html_link(f"../../../{SOURCE_LANGUAGE}/{edition.version}/evidence/{name}", name)
                for name in edition.evidence]
    html = f"<h2>{escape(label('editions.files', language))}</h2><ul>" + "".join(f"<li>{item}</li>" for item in items)
    html += "</ul>" + f"<p><b>{escape(label('record.evidence', language))}:</b> " + \
        (", ".join(evidence) or escape(label("record.no_evidence", language))) + "</p>"
    if edition.mends:
        html += f"<p><b>{escape(label('editions.mended', language))}:</b><br>{edition_mends(edition, language)}</p>"
    return html


def _offline(project: Project, edition: Edition, language: str, up: str, with_intro: bool = False) -> str:
    """The link to the edition's offline copy with its size, or, for an edition frozen before
    copies were made, that it has none until it is mended (never a link to nothing)."""
    copy = offline_copy(editions_folder(project.repository) / edition.version, edition, language)
    if not copy.is_file():
        return escape(label("record.offline_none", language))
    size = f"{copy.stat().st_size / 1_000_000:.1f}".replace(".", ",")
    link = html_link(up + edition.offline_name(language), label("record.offline", language, size=size))
    if added := edition.added_copies:
        link += f"<br>{escape(label('record.offline_added', language, date=added.date, reason=added.reason[language]))}"
    return link + (f"<br>{escape(label('record.offline_intro', language))}" if with_intro else "")


def _sheets(project: Project, edition: Edition, language: str) -> str:
    """The edition's acknowledgement sheets, one per unit, saying whether they are frozen with
    it or made in the current area from its sources; and who returned them."""
    sheets = edition_sheets_of(project, edition, language)
    if not sheets.units:
        return ""
    names = {unit.id: unit.name.get(language) for unit in project.registers.units}
    here = Location(language, f"{EDITIONS_LIST}/{edition.version}/index.md")
    urls = {unit: href(Location(language, sheets.path(unit)), here, LinkForm.URL) for unit in sheets.units}
    links = "".join(f"<li>{html_link(url, names.get(unit, unit))}</li>" for unit, url in urls.items())
    where = "ack.frozen" if sheets.frozen else "ack.current"
    register = html_link(f"../../{REGISTERS}/{ACKNOWLEDGEMENTS}/", label("record.ack_register", language))
    return (f"<h2>{escape(label('record.acknowledgement', language))}</h2>"
            f"<p>{escape(label(where, language, date=project.today.isoformat()))}</p><ul>{links}</ul><p>{register}</p>")


def _check(project: Project, edition: Edition, language: str) -> str:
    """How anyone checks the edition's files: the digest recorded, and the plain commands."""
    manifest = f"{PUBLISHED}/{SOURCE_LANGUAGE}/{MANIFEST}"
    folder = project.repository.display(project.repository.manual / "editions" / edition.version)
    commands = "\n".join((f"cd {folder}", f"sha256sum {manifest}", f"sha256sum -c --quiet {manifest}"))
    replaced = "".join(f"<li><code>{escape(digest)}</code></li>" for digest in edition.digests[1:])
    html = (f"<h2>{escape(label('record.check', language))}</h2>"
            f"<p>{escape(label('record.digest', language))}: <code>{escape(edition.manifest_digest or '')}</code></p>"
            f"<p>{escape(label('record.check_intro', language, file=EDITIONS_FILE))}</p>"
            f"<pre><code>{escape(commands)}</code></pre>"
            f"<p>{escape(label('record.check_site', language))}</p><pre><code>sapat verify site/</code></pre>")
    if replaced:
        html += f"<p>{escape(label('record.replaced', language))}</p><ul>{replaced}</ul>"
    if added := edition.added_copies:
        copies = "".join(f"<li><code>{escape(edition.offline_name(code))}</code>: <code>{escape(digest)}</code></li>"
                         for code, digest in added.digests.items())
        command = f"cd {folder}\nsha256sum {ADDED_COPIES}/*.zip"  # two lines: a phone's width
        html += (f"<p>{escape(label('record.offline_digests', language, file=EDITIONS_FILE))}</p>"
                 f"<pre><code>{escape(command)}</code></pre><ul>{copies}</ul>")
    signature = escape(_signature(edition, language))
    return html + f"<p><b>{escape(label('editions.signature', language))}:</b> {signature}</p>"


def _signature(edition: Edition, language: str) -> str:
    return edition.signature if edition.signature != "unsigned" else label("editions.unsigned", language)
