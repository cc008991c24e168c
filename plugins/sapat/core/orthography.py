"""Kyrgyz orthography: the forms a scan or a keyboard without ө, ү, ң typically produces."""

from __future__ import annotations

import re

from .diagnostics import Diagnostic
from .messages import Message

# Broken form -> correct form. Each broken form is a word stem that does not exist in Kyrgyz.
SCAN_ERRORS = {
    "беруу": "берүү", "кецеш": "кеңеш", "енугуу": "өнүгүү", "тузумдук": "түзүмдүк",
    "белумдер": "бөлүмдөр", "вндуруу": "өндүрүү", "ендуруу": "өндүрүү", "университета": "университети",
    "тирекеме": "тиркеме", "canav": "сапат", "керектеечу": "керектөөчү", "учун": "үчүн",
    "жургуз": "жүргүз", "темендег": "төмөндөг", "децгээл": "деңгээл", "женундег": "жөнүндөг",
    "езгерт": "өзгөрт", "мумкун": "мүмкүн", "тузетуучу": "түзөтүүчү", "кеземел": "көзөмөл",
}
_BROKEN = re.compile("|".join(sorted(map(re.escape, SCAN_ERRORS), key=len, reverse=True)),
                     re.IGNORECASE)
_WORD_START = re.compile(r"(?<![\wөүңӨҮҢ])")


def scan_errors(display: str, body: str, first_line: int) -> list[Diagnostic]:
    """Every broken form at the start of a word in a Kyrgyz page, with its correction."""
    problems = []
    for offset, line in enumerate(body.split("\n")):
        for match in _BROKEN.finditer(line):
            if not _WORD_START.match(line, match.start()):
                continue
            broken = match.group(0)
            problems.append(Diagnostic(
                display, first_line + offset, Message("orthography.scan_error", broken=broken),
                Message("orthography.scan_error.hint", correct=SCAN_ERRORS[broken.lower()])))
    return problems
