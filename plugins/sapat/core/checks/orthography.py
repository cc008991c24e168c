"""Kyrgyz orthography: the forms a scan or a keyboard without ө, ү, ң typically produces."""

from __future__ import annotations

import re

from ..diagnostics import Diagnostic
from ..i18n.messages import Message

# Broken form -> correct form. Each broken form is a word stem that does not exist in Kyrgyz.
SCAN_ERRORS = {
    "беруу": "берүү", "кецеш": "кеңеш", "енугуу": "өнүгүү", "тузумдук": "түзүмдүк",
    "белумдер": "бөлүмдөр", "вндуруу": "өндүрүү", "ендуруу": "өндүрүү", "университета": "университети",
    "тирекеме": "тиркеме", "canav": "сапат", "керектеечу": "керектөөчү", "учун": "үчүн",
    "жургуз": "жүргүз", "темендег": "төмөндөг", "децгээл": "деңгээл", "женундег": "жөнүндөг",
    "езгерт": "өзгөрт", "мумкун": "мүмкүн", "тузетуучу": "түзөтүүчү", "кеземел": "көзөмөл",
}
# One pass over the page finds every broken form at the start of a word: over the page in lower
# case, which is three times faster than matching regardless of case; regardless of case only
# where lowering changes a page's length (offsets would not agree: "İ" becomes two letters).
_ALTERNATIVES = r"\b(?:" + "|".join(sorted(map(re.escape, SCAN_ERRORS), key=len, reverse=True)) + ")"
_BROKEN, _BROKEN_ANY_CASE = re.compile(_ALTERNATIVES), re.compile(_ALTERNATIVES, re.IGNORECASE)


def scan_errors(display: str, body: str, first_line: int) -> list[Diagnostic]:
    """Every broken form at the start of a word in a Kyrgyz page, with its correction."""
    lowered = body.lower()
    found = _BROKEN.finditer(lowered) if len(lowered) == len(body) else _BROKEN_ANY_CASE.finditer(body)
    problems = []
    for match in found:
        broken = body[match.start():match.end()]
        problems.append(Diagnostic(
            display, first_line + body.count("\n", 0, match.start()), Message("orthography.scan_error", broken=broken),
            Message("orthography.scan_error.hint", correct=SCAN_ERRORS[broken.lower()])))
    return problems
