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
# One pass over the page finds every broken form at the start of a word.
_BROKEN = re.compile(r"(?<![\wөүңӨҮҢ])(?:" + "|".join(sorted(map(re.escape, SCAN_ERRORS), key=len, reverse=True))
                     + ")", re.IGNORECASE)


def scan_errors(display: str, body: str, first_line: int) -> list[Diagnostic]:
    """Every broken form at the start of a word in a Kyrgyz page, with its correction."""
    problems = []
    for match in _BROKEN.finditer(body):
        broken = match.group(0)
        problems.append(Diagnostic(
            display, first_line + body.count("\n", 0, match.start()), Message("orthography.scan_error", broken=broken),
            Message("orthography.scan_error.hint", correct=SCAN_ERRORS[broken.lower()])))
    return problems
