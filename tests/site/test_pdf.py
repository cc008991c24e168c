"""The PDF of the manual, read back with pypdf: the draft typeset on request (``sapat pdf``),
a frozen edition with its evidence attached, and the PDF a release publishes."""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from helpers import elements, html_pages, resolve_link, sapat, stand_in_pdf
from sapat.core.i18n.labels import label
from sapat.core.i18n.languages import LANGUAGES
from sapat.core.load import load_project
from sapat.core.model.editions import DRAFT, Edition, Order, draft_edition
from sapat.core.model.project import Project
from sapat.core.publishing.page_header import marked
from sapat.core.publishing.pdf import printed_pages, write_pdf
from sapat.core.publishing.pdf.registers import ANCHOR

FROZEN = Edition("2018-12-21", approved_by="academic_council", approval_date="2018-12-21", protocol="4",
                 order=Order("112", "2018-12-24"), released="2026-11-29")


def words(text: str) -> str:
    """Text with every run of white space as one space, and none after a word's hyphen: lines
    wrap differently in a PDF ("Жалал-Абад" may break after its hyphen)."""
    return re.sub(r"(?<=\w)- ", "-", " ".join(text.split()))


class Pdf:
    """A PDF file with the text of each page, as pypdf reads it."""

    def __init__(self, path: Path):
        self.reader = PdfReader(path)
        self.pages = [words(page.extract_text()) for page in self.reader.pages]
        self.destinations = self.reader.named_destinations

    def page_of(self, destination: str) -> int:
        """The index of the page a named destination points to."""
        return self.reader.get_destination_page_number(self.destinations[destination])

    def position(self, destination: str) -> tuple[int, float]:
        """Where a named destination is, in reading order."""
        return self.page_of(destination), -float(self.destinations[destination].top)


@pytest.fixture(scope="module")
def project(built_repo) -> Project:
    return load_project(built_repo)


@pytest.fixture(scope="module")
def draft_pdfs(built_repo, tmp_path_factory) -> dict[str, Pdf]:
    """The draft typeset in both languages by ``sapat pdf --only manual`` (as ``make pdf`` does:
    the two at once, in processes of their own), read back; the sheets and checklists it
    typesets too without ``--only`` are test_audits_site's."""
    out = tmp_path_factory.mktemp("pdf")
    run = sapat(built_repo, "pdf", "--only", "manual", "--out", str(out))
    assert run.returncode == 0, run.output
    assert sorted(path.name for path in out.iterdir()) == sorted(draft_edition().pdf_name(code) for code in LANGUAGES)
    return {language: Pdf(out / draft_edition().pdf_name(language)) for language in LANGUAGES}


@pytest.fixture(scope="module", params=list(LANGUAGES))
def draft(request, draft_pdfs) -> tuple[str, Pdf]:
    return request.param, draft_pdfs[request.param]


def test_every_clause_is_a_heading_where_its_destination_points(draft, project):
    language, pdf = draft
    clauses = project.languages[language].index.clauses.values()  # every clause of the manual
    assert {c.page for c in clauses} == {page.display for page in printed_pages(project, language)[1:]}
    for clause in clauses:
        assert words(clause.heading) in pdf.pages[pdf.page_of(clause.id)], clause.id


def test_the_draft_says_it_is_not_approved_and_gives_each_page_s_approval(draft, project):
    language, pdf = draft
    cover, control_table = pdf.pages[0], pdf.pages[1]
    assert words(label("edition.draft", language)) in cover
    assert words(label("pdf.draft_cover", language, date=project.today.isoformat())) in cover
    for page in printed_pages(project, language):
        control = project.control(page.name)
        assert control is not None
        row = (f"{control.code} {page.title} {control.revision} "
               f"{marked(control, 'status', label('status.approved', language), language)} "
               f"{marked(control, 'approval_date', control.approval_date or '', language)} "
               f"{marked(control, 'protocol', control.protocol or '', language)}")
        assert words(row) in control_table
    assert words(label("pdf.uncontrolled", language)) in pdf.pages[-1]


def test_every_page_has_the_running_header_and_footer(draft, project):
    """At the top, on one line: the page's code and revision, the clause in force at the top of
    the page (the one its text continues, or the one it starts with) and the edition; at the
    foot: the notice and "page N of M"."""
    language, pdf = draft
    edition, total = label("edition.draft", language), len(pdf.pages)
    mark = label("edition.draft_badge", language) + " "
    for number, text in enumerate(pdf.pages[1:], start=2):
        assert edition in text and label("pdf.uncontrolled", language) in text and text.startswith(mark)
        assert label("pdf.page_of", language, page=number, pages=total) in text
    clauses = sorted(project.languages[language].index.clauses.values(), key=lambda c: pdf.position(c.id))
    chapters = printed_pages(project, language)
    starts = {pdf.page_of("page-" + page.name.removesuffix(".md")): page for page in chapters}
    registers = pdf.page_of(ANCHOR)  # after the chapters: its header is its title, no document's code
    title = words(label("pdf.registers", language, date=project.today.isoformat()))
    assert all(f"{title} {edition} {label('pdf.uncontrolled', language)}" in text for text in pdf.pages[registers:])
    for index in range(min(starts), registers):
        chapter = starts[max(start for start in starts if start <= index)]
        control = project.control(chapter.name)
        header = pdf.pages[index].rsplit(f"{control.code} · {label('revision', language)} {control.revision}", 1)[1]
        before = [c for c in clauses if pdf.page_of(c.id) < index]
        text = pdf.pages[index].removeprefix(mark)  # the draft's mark, drawn behind every sheet's text
        on_top = [c for c in clauses if pdf.page_of(c.id) == index and text.startswith(words(c.heading))]
        expected = chapter.title if index in starts else (on_top or before)[-1].heading
        # one line: a long title is cut short with an ellipsis, its start always shown
        assert header.startswith(" " + words(expected)[:24]), (index + 1, header)


def test_the_registers_follow_the_manual_and_each_clause_links_its_records(draft, project):
    """docs/registers.md: the registers of the day after the manual's pages, as no part of the
    approved text; the records a clause requires link to their rows inside the document."""
    language, pdf = draft
    start = pdf.page_of(ANCHOR)
    chapters = [pdf.page_of("page-" + page.name.removesuffix(".md")) for page in printed_pages(project, language)]
    assert start > max(chapters)
    section = " ".join(pdf.pages[start:])
    assert words(label("pdf.registers_note", language)) in section
    for record in project.registers.records:
        assert pdf.page_of(f"record-{record.id}") >= start
    assert all(words(document.name.get(language)) in section for document in project.registers.documents)
    clause = pdf.pages[pdf.page_of("7.3.2")]
    [record] = project.registers.records_of_clause("7.3.2")
    assert words(f"{label('records.line', language)} {record.name.get(language)}") in clause


def test_the_contents_give_the_page_of_each_section(draft, project):
    language, pdf = draft
    contents = pdf.pages[2]
    for page in printed_pages(project, language):
        found = re.search(re.escape(words(page.title)) + r" ?\.+ ?(\d+)", contents)
        assert found, page.title
        anchor = "page-" + page.name.removesuffix(".md")
        assert int(found.group(1)) == pdf.page_of(anchor) + 1, page.title


def test_links_lead_to_named_destinations_inside_the_document(draft, project):
    language, pdf = draft
    targets = []
    for page in pdf.reader.pages:
        for annotation in page.get("/Annots") or []:
            link = annotation.get_object()
            assert "/A" not in link  # no link leaves the document
            targets.append(str(link["/Dest"]))
    assert set(targets) <= set(pdf.destinations)
    references = {ref.target for pages in printed_pages(project, language) for ref in pages.scan.references}
    assert references and references <= set(targets)  # every [[reference]] is a link
    assert {f"page-{p.name.removesuffix('.md')}" for p in printed_pages(project, language)} <= set(targets)


def fonts(resources: DictionaryObject):
    """Every font of a page's resources, those of its drawings (form XObjects) included."""
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for xobject in (resources.get("/XObject") or {}).values():
        inner = xobject.get_object().get("/Resources")
        if inner is not None:
            yield from fonts(inner.get_object())


def test_every_font_is_embedded_and_the_file_is_pdf_a_3b(draft, project):
    language, pdf = draft
    seen = 0
    for page in pdf.reader.pages:
        for font in fonts(page["/Resources"]):
            descriptor = (font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font)
            assert {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor["/FontDescriptor"]), font
            seen += 1
    assert seen
    catalog = pdf.reader.trailer["/Root"]
    xmp = catalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfaid:part="3"' in xmp and 'pdfaid:conformance="B"' in xmp
    assert "/OutputIntents" in catalog and catalog["/Lang"] == language
    info = pdf.reader.metadata
    assert info.title == printed_pages(project, language)[0].title
    assert info.author == label("pdf.university", language)


def test_every_page_of_a_frozen_edition_links_its_pdf_and_the_draft_has_none(released):
    """A release writes its PDF for each language (the stand-in of the tests, written where
    the release calls the typesetting: helpers.stand_in_pdfs); the draft is an uncontrolled copy,
    typeset only on request."""
    site = released / "site"
    edition = load_project(released).editions[0]
    for language in LANGUAGES:
        pdf = (site / language / edition.version / edition.pdf_name(language)).resolve()
        assert pdf.read_bytes() == stand_in_pdf(edition.version, language)
        for page in html_pages(site / language / edition.version):
            if page.name == "404.html":
                continue
            links = [e.attrs["href"] for e in elements(page) if e.attrs.get("type") == "application/pdf"]
            assert [resolve_link(page, href)[0] for href in links] == [pdf], page
        draft = site / language / DRAFT
        assert not list(draft.glob("*.pdf"))
        for page in html_pages(draft):
            assert not [e for e in elements(page) if e.attrs.get("type") == "application/pdf"], page


@pytest.fixture
def short_manual(sources) -> Path:
    """A copy whose navigation lists only the title page and section 9: quick to typeset."""
    config = sources / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    nav = re.search(r"^nav:\n(?:  - .*\n)+", text, re.MULTILINE)
    assert nav
    config.write_text(text.replace(nav.group(0), "nav:\n  - index.md\n  - 09-export.md\n"), encoding="utf-8")
    return sources


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_a_frozen_edition_shows_its_approval_and_carries_its_evidence(short_manual, tmp_path, language):
    project = load_project(short_manual)
    minutes = tmp_path / "minutes-4.pdf"
    minutes.write_bytes(b"%PDF-1.4 the extract of the minutes")
    target = tmp_path / FROZEN.pdf_name(language)
    write_pdf(project, FROZEN, language, target, evidence=[minutes])
    pdf = Pdf(target)
    cover = pdf.pages[0]
    assert words(FROZEN.title(language)) in cover
    assert words(FROZEN.decision(project.roles, language)) in cover
    assert words(label("pdf.order", language, number="112", date="2018-12-24")) in cover
    assert words(label("pdf.attachments", language, files="minutes-4.pdf")) in cover
    assert words(label("edition.draft", language)) not in " ".join(pdf.pages)
    notice = words(label("pdf.controlled", language, edition=FROZEN.title(language)))
    assert all(notice in text for text in pdf.pages)
    assert pdf.reader.attachments == {"minutes-4.pdf": [minutes.read_bytes()]}
    assert pdf.reader.metadata["/CreationDate"].startswith("D:20261129")  # typeset at its release
    again = tmp_path / "again.pdf"  # a PDF frozen with its edition can be checked by making it again
    write_pdf(project, FROZEN, language, again, evidence=[minutes])
    assert again.read_bytes() == target.read_bytes()


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_an_edition_whose_approval_the_editors_inferred_never_says_approved(short_manual, tmp_path, language,
                                                                             real_project):
    """The 2018-12-21 edition as editions.yml records it: the source states a meeting, and the
    approval is the editors' inference; cover, header, footer and metadata say no more."""
    project = load_project(short_manual)
    edition = real_project.editions[0]
    assert not edition.approval_stated
    target = tmp_path / edition.pdf_name(language)
    write_pdf(project, edition, language, target)
    pdf = Pdf(target)
    text = words(" ".join(pdf.pages))
    stated = label("edition.title", language, date="2018-12-21", protocol="4")
    assert words(stated) not in text and stated not in str(pdf.reader.metadata)
    assert words(edition.title(language)) in pdf.pages[0] and edition.title(language) in pdf.reader.metadata["/Subject"]
    assert words(edition.decision(project.roles, language)) in pdf.pages[0]
    assert words(label("inferred", language)) in pdf.pages[0]
    assert all(words(label("pdf.controlled", language, edition=edition.title(language))) in page for page in pdf.pages)


def test_typesetting_sends_no_request_for_what_an_editor_wrote(short_manual, tmp_path):
    """An image or style sheet named in a page is not fetched (the server here sees no request)."""
    requests: list[str] = []

    class Recorder(BaseHTTPRequestHandler):
        def do_GET(self):
            requests.append(self.path)
            self.send_error(404)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    page = short_manual / "manual/ky/09-export.md"
    page.write_text(page.read_text(encoding="utf-8") +
                    f'\n![сүрөт]({url}/image.png)\n\n<link rel="stylesheet" href="{url}/style.css">\n',
                    encoding="utf-8")
    try:
        write_pdf(load_project(short_manual), draft_edition(), "ky", tmp_path / "out.pdf")
    finally:
        server.shutdown()
    assert requests == []
