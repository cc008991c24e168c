"""Mending a frozen edition: its pages and PDFs made again with today's code, only while the
text of every clause stays the same, recorded so that a copy published before still verifies."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest

from helpers import FIRST, git, sapat, sapat_process, stand_in_pdfs
from sapat.core.diagnostics import SapatError
from sapat.core.i18n.labels import label
from sapat.core.load import load_project
from sapat.core.model.editions import Edition
from sapat.core.releasing.mend import clause_texts, mend
from sapat.core.sources.repository import Repository
from test_bad_inputs import digest

REASON = ("--reason-ky", "Издөө жана жеткиликтүүлүк оңдолду", "--reason-ru", "Исправлены поиск и доступность")


@pytest.fixture(scope="module")
def mended(tmp_path_factory, released) -> tuple[Path, Path]:
    """A copy of the released repository whose first edition was mended after a change of the
    theme; and the web root published before the mend."""
    root = tmp_path_factory.mktemp("mended") / "repo"
    shutil.copytree(released, root)
    css = root / "site_config/overrides/assets/sapat.css"
    css.write_text(css.read_text(encoding="utf-8") + "\n.sapat-mended { color: inherit; }\n", encoding="utf-8")
    git(root, "commit", "-q", "-am", "A fix of the theme")
    with stand_in_pdfs():  # no test here reads the PDFs a mend makes again
        run = sapat(root, "mend", FIRST, *REASON)
    assert run.returncode == 0, run.output
    return root, released / "site"


def test_the_edition_is_made_again_with_today_s_code_and_the_act_is_recorded(mended):
    root, _ = mended
    edition = load_project(root).editions[0]
    assert [(mend.date, mend.reason["ru"]) for mend in edition.mends] == \
        [(dt.date.today().isoformat(), "Исправлены поиск и доступность")]
    assert edition.mends[0].replaced != edition.manifest_digest
    for language in ("ky", "ru"):
        css = next((root / "manual/editions" / FIRST / "site" / language / "assets").glob("sapat.css"))
        assert ".sapat-mended" in css.read_text(encoding="utf-8")
        record = (root / "manual/editions" / FIRST / "site" / language / "editions/index.html").read_text("utf-8")
        assert label("edition.mended", language, date=dt.date.today().isoformat(),
                     reason=edition.mends[0].reason[language]).split(" (")[0] in record
    log = git(root, "log", "-1", "--format=%B")
    assert log.startswith(f"Mend edition {FIRST}: Исправлены поиск и доступность") and edition.mends[0].replaced in log
    assert git(root, "status", "--porcelain", "--", "manual") == ""


def test_the_repository_and_copies_made_before_and_after_still_verify(mended):
    root, before = mended
    assert sapat(root, "verify").returncode == 0
    old = sapat(root, "verify", str(before))
    assert old.returncode == 0 and f"edition {FIRST}: verified" in old.output, old.output
    assert sapat(root, "build").returncode == 0
    new = sapat(root, "verify", str(root / "site"))
    assert new.returncode == 0 and load_project(root).editions[0].manifest_digest in new.output, new.output


def test_no_clause_reads_differently_after_the_mend(mended):
    root, before = mended
    compared = 0
    for language in ("ky", "ru"):
        for old in (before / language / FIRST).rglob("*.html"):
            new = root / "manual/editions" / FIRST / "site" / language / old.relative_to(before / language / FIRST)
            texts = clause_texts(old.read_text(encoding="utf-8"))
            assert texts == clause_texts(new.read_text(encoding="utf-8")), new
            compared += len(texts)
    assert compared > 100


def test_a_build_that_would_change_a_clause_s_text_changes_nothing(tmp_path, released):
    """Whatever the new code does to the text (here: one word of 4.2.3 on one page), the mend
    is refused, naming the page and the clause, and not a file of the repository changes. The
    new code is stood in for by the edition's pages as frozen with that one word changed: that
    today's code builds the edition again is the real mend's (``mended``)."""
    root = tmp_path / "repo"
    shutil.copytree(released, root)
    project = load_project(root)
    before = digest(root / "manual")

    def build(source: Repository, edition: Edition, out: Path, evidence: tuple[Path, ...]) -> None:
        for language in ("ky", "ru"):
            shutil.copytree(root / "manual/editions" / FIRST / "site" / language, out / language)
        page = out / "ru" / "04-qms" / "index.html"
        html = page.read_text(encoding="utf-8")
        page.write_text(re.sub(r"(id=\"4\.2\.3\".*?</h3>.*?<p>)(\w+)", r"\1Иначе", html, count=1, flags=re.S),
                        encoding="utf-8")

    with pytest.raises(SapatError) as refused:
        mend(Repository(root), project.editions, FIRST, {"ky": "сынак", "ru": "проба"}, dt.date.today(), build)
    assert refused.value.message is not None and refused.value.message.key == "mend.refused"
    assert [(problem.path, dict(problem.message.values)["clauses"]) for problem in refused.value.problems] == \
        [(f"manual/editions/{FIRST}/site/ru/04-qms/index.html", "4.2.3")]
    assert digest(root / "manual") == before


def test_clause_texts_leave_out_what_sapat_adds_around_the_manual_s_text():
    html = ('<article><h1 id="4">4. СМС</h1><div class="sapat-control"><b>Издание:</b> X</div>'
            '<h3 id="4.2.3">4.2.3 Документы<a class="headerlink" href="#4.2.3">¶</a></h3>'
            '<p class="sapat-backlinks">Ссылаются: 5.1</p><p>Текст <a class="sapat-ref" href="#4.2.4">4.2.4</a>.</p>'
            '<figure class="sapat-diagram"><svg><text>Метка</text></svg></figure>'
            '<span class="sapat-due" hidden> (срок истёк)</span><h2 id="kosumcha">Кошумча</h2><p>ещё</p></article>'
            '<footer><p>вне статьи</p></footer>')
    assert clause_texts(html) == {"4": "4. СМС", "4.2.3": "4.2.3 Документы Текст 4.2.4. Кошумча ещё"}


def test_an_unknown_edition_is_named_without_a_traceback(released):
    """The console script, in a process of its own: exit status 1, and no traceback on stderr."""
    run = sapat_process(released, "--lang", "en", "mend", "2000-01-01", *REASON)
    assert run.returncode == 1 and "there is no frozen edition 2000-01-01" in run.output
    assert "Traceback" not in run.output


def test_what_the_release_kept_beside_the_pages_stays_after_the_mend(mended, released):
    """A mend makes the pages and PDFs again; the release day's criteria spreadsheets and
    acknowledgement sheets are no build's: they stay as released (KEPT_AT_RELEASE)."""
    root, _ = mended
    for language in ("ky", "ru"):
        for folder in ("criteria", "acknowledgement"):
            before, after = (repo / "manual/editions" / FIRST / "site" / language / folder for repo in (released, root))
            assert list(before.iterdir()) and digest(before) == digest(after), (language, folder)
