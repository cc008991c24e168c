"""Pages generated from the pages' metadata and the glossary: the document register, the
translation status and the glossary."""

from __future__ import annotations

from ...i18n.labels import due_mark, label, remark, soon_mark
from ...i18n.languages import LANGUAGES, TRANSLATIONS
from ...model.control import DocumentControl, TranslationState
from ...model.links import LinkForm, Location, href
from ...model.project import Project
from ...model.reviews import WINDOW
from .markdown import link, md, refs, table

REGISTER, GLOSSARY, TRANSLATION_STATUS = "register.md", "glossary.md", "translation-status.md"


def _page_link(project: Project, name: str, language: str, here: str) -> str:
    """A link to a page of the manual, titled in the reader's language."""
    page = project.languages[language].files.get(name) or project.source.files[name]
    target = href(Location(language, name), Location(language, here), LinkForm.SOURCE)
    return link(page.title, target)


def _cell(control: DocumentControl, field: str, text: str, language: str) -> str:
    """A register cell holding the value of ``field``, with what must be said about it (inferred,
    overdue, due within 30 days once that is near, overdue once its date has passed); empty when
    the page has no value."""
    if not text:
        return ""
    later = ""
    if field == "next_review_date" and control.overdue_later():
        later = soon_mark(text, WINDOW, language) + due_mark(text, control.overdue_later(), language)
    return md(text) + remark(control.remarks(field), language) + later


def register_page(project: Project, language: str) -> str:
    """The document register: the master list of controlled documents, from the metadata, in the
    order of the navigation (as the PDF lists them). A value the editors inferred says so, and so
    does an overdue review that rests on an inferred date."""
    rows = []
    any_inferred = False
    for name in project.in_nav_order(project.source.controlled()):
        control = project.control(name)
        if control is None:
            continue
        any_inferred = any_inferred or bool(control.shown_inferences())
        rows.append([md(control.code), _page_link(project, name, language, REGISTER), str(control.revision),
                     _cell(control, "status", label("status." + control.shown_status, language), language),
                     _cell(control, "approval_date", control.approval_date or "", language),
                     _cell(control, "owner_role", project.roles.name(control.owner_role, language), language),
                     _cell(control, "next_review_date", control.next_review_date or "", language)])
    headers = [label(key, language) for key in
               ("register.code", "register.title_col", "revision", "status", "approved", "owner",
                "next_review")]
    note = [label("inferred_note", language) + " " + label("register.inferred_reasons", language), ""] \
        if any_inferred else []
    return "\n".join([f"# {label('register.title', language)}", "", label("register.intro", language), "",
                      *note, *table(headers, rows)]) + "\n"


def translation_status_page(project: Project, language: str) -> str:
    """Every page, in the order of the register, with the state of its translation into each
    other language; a stale one names the clauses whose original changed since it was translated."""
    rows = []
    for name in project.in_nav_order(project.source.controlled()):
        cells = [_page_link(project, name, language, TRANSLATION_STATUS)]
        for other in TRANSLATIONS:
            state = project.translation_state(name, other)
            cell = label("translation." + state.value, language)
            if state is TranslationState.STALE:
                cell += ": " + refs(project.lagging_clauses(name, other))
            cells.append(cell)
        rows.append(cells)
    headers = [label("status_page.page", language)] + \
        [label(f"language.{other}", language) for other in TRANSLATIONS]
    return "\n".join([f"# {label('status_page.title', language)}", "",
                      label("status_page.intro", language), "", *table(headers, rows)]) + "\n"


def glossary_page(project: Project, language: str) -> str:
    """The terminology glossary, in the reader's language first and its alphabetical order."""
    order = [language] + [code for code in LANGUAGES if code != language]
    terms = sorted(project.terms, key=lambda term: LANGUAGES[language].sort_key(term.name(language)))
    rows = [[md(term.name(code)) for code in order] +
            [md(term.iso_clause), ", ".join(md(stem) + "…" for code in TRANSLATIONS for stem in term.avoid[code])]
            for term in terms]
    headers = [label(f"glossary.{code}", language) for code in order] + \
        [label("glossary.iso", language), label("glossary.avoid", language)]
    return "\n".join([f"# {label('glossary.title', language)}", "", label("glossary.intro", language), "",
                      *table(headers, rows)]) + "\n"
