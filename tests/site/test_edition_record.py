"""The record of an edition, in the current area beside the editions (``<language>/editions/<version>/``):
the page a reviewer prints for the file."""

from __future__ import annotations

import re
import subprocess
from html import unescape
from urllib.parse import urljoin

import pytest

from helpers import copy_sources
from sapat.core.load import load_project

VERSION = "2018-12-21"
QUOTE_KY = "ЖАМУнун Окумуштуулар кеңешинде каралып, бекитүүгө сунушталган. Протокол № 3."


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_the_record_quotes_the_source_and_sets_stated_beside_inferred(published_repo, language):
    site = published_repo / "site"
    html = (site / language / "editions" / VERSION / "index.html").read_text(encoding="utf-8")
    text = unescape(html)
    assert QUOTE_KY in text and "manual/scan.txt" in text
    if language == "ru":
        assert "Рассмотрено и рекомендовано к утверждению Учёным советом ЖАГУ. Протокол № 3." in text
        assert "вывод редакторов: На титульном листе оригинала сказано" in text  # the approval, and why
        assert "Заседание №</td><td>4</td><td>сказано в источнике" in text
        assert "по состоянию на 2" in text.lower()
    # every controlled document of the edition, by code, with its revision
    rows = [row for row in re.findall(r"<tr>(.*?)</tr>", html) if "ЖАМУ-СМС-" in row]
    assert [row.split("ЖАМУ-СМС-")[1][:2] for row in rows] == [f"{n:02d}" for n in range(13)]
    # the digest recorded, and the commands that check it, which work as written
    registry = (published_repo / "manual/editions/editions.yml").read_text(encoding="utf-8")
    digest = registry.split("manifest: sha256:")[1].split()[0]
    assert f"sha256:{digest}" in text
    commands = text.split("<pre><code>")[1].split("</code></pre>")[0].splitlines()
    assert commands[0] == f"cd manual/editions/{VERSION}"
    for command in commands[1:]:
        done = subprocess.run(command.split(), cwd=published_repo / commands[0].split()[1], capture_output=True,
                              text=True)
        assert done.returncode == 0, done.stderr
        assert done.stdout == ("" if "-c" in command else f"{digest}  site/ky/manifest.sha256\n")


@pytest.mark.parametrize("language", ["ky", "ru"])
def test_every_link_of_the_record_and_the_list_leads_to_a_file_of_the_site(published_repo, language):
    site = published_repo / "site"
    for page in (f"{language}/editions/{VERSION}/index.html", f"{language}/editions/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        targets = [urljoin(page, href) for href in _hrefs(html)]
        assert targets and [target for target in targets if not _exists(site, target)] == []
    listing = (site / language / "editions" / "index.html").read_text(encoding="utf-8")
    assert f'href="{VERSION}/"' in listing  # the list leads to the record


def _hrefs(html: str) -> list[str]:
    return [part.split('"', 1)[0] for part in html.split('href="')[1:] if not part.startswith(("data:", "#"))]


def _exists(site, target: str) -> bool:
    path = site / target.split("#")[0]
    return (path / "index.html").is_file() if target.endswith("/") or path.is_dir() else path.is_file()


@pytest.mark.parametrize("change", [("lines:\n        - 1\n        - 9", "lines:\n        - 1\n        - 99999"),
                                    ("file: manual/scan.txt", "file: manual/no-such-scan.txt"),
                                    ("file: manual/scan.txt", "file: ../../etc/passwd")])
def test_a_quote_of_lines_the_repository_does_not_have_is_an_error_on_the_edition(tmp_path, change):
    root = copy_sources(tmp_path / "repo", editions=True)
    registry = root / "manual/editions/editions.yml"
    text = registry.read_text(encoding="utf-8")
    assert change[0] in text
    registry.write_text(text.replace(*change), encoding="utf-8")
    found = [(d.path, d.line, d.message.key) for d in load_project(root).errors()]
    line = next(number for number, content in enumerate(text.splitlines(), 1) if "- version: 2018-12-21" in content)
    assert found == [("manual/editions/editions.yml", line, "edition.quote_missing")]
