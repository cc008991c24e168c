"""axe-core, the accessibility engine of the browser tests, and how a page is run through it.

The release is pinned here exactly, with the SHA-512 integrity the npm registry publishes for
its tarball. Python fetches that tarball from the registry once (a fresh machine has Python
and git, not Node.js), keeps it beside the packages of the Python that runs the tests (in
``.venv``, recreated with it), and checks the integrity every time before a byte of it runs,
so neither the download nor the file kept can change what is tested.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import os
import sys
import tarfile
import tempfile
import urllib.request
from functools import cache
from pathlib import Path
from typing import TypedDict

from playwright.sync_api import Page

AXE_VERSION = "4.14.1"
AXE_TARBALL = f"https://registry.npmjs.org/axe-core/-/axe-core-{AXE_VERSION}.tgz"
AXE_INTEGRITY = "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="
AXE_KEPT = Path(sys.prefix) / "share" / "axe-core" / f"axe-core-{AXE_VERSION}.tgz"

AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")
BLOCKING = ("serious", "critical")

# Every rule with one of the tags, the experimental ones too (axe leaves those out of a run by
# tag); only the deprecated ones stay out, as axe itself leaves them out: they are retired.
AXE_RUN = """([tags, rules]) => axe.run(document, {
  resultTypes: ["violations"],
  runOnly: {type: "rule", values: rules || axe.getRules(tags)
    .filter(rule => !rule.tags.includes("deprecated")).map(rule => rule.ruleId)},
}).then(results => results.violations.map(v => ({
  id: v.id, impact: v.impact, targets: v.nodes.map(n => n.target.join(" ")) })))"""


class Violation(TypedDict):
    id: str
    impact: str | None
    targets: list[str]


class IntegrityError(Exception):
    """The tarball is not the one the registry published for the pinned release."""


def verified(tarball: bytes, integrity: str = AXE_INTEGRITY) -> bytes:
    """``tarball`` itself when its SHA-512 is the pinned integrity (npm's ``sha512-<base64>``)."""
    algorithm, _, digest = integrity.partition("-")
    if algorithm != "sha512" or not hmac.compare_digest(hashlib.sha512(tarball).digest(), base64.b64decode(digest)):
        raise IntegrityError(f"the tarball of axe-core {AXE_VERSION} is not the one published ({integrity})")
    return tarball


def script_of(tarball: bytes) -> str:
    """The browser build of axe-core (``package/axe.min.js``) in a verified npm tarball."""
    with tarfile.open(fileobj=io.BytesIO(verified(tarball)), mode="r:gz") as archive:
        member = archive.extractfile("package/axe.min.js")
        assert member is not None, "the tarball has no package/axe.min.js"
        return member.read().decode("utf-8")


def _download() -> bytes:
    try:
        with urllib.request.urlopen(AXE_TARBALL, timeout=120) as response:
            return verified(response.read())
    except OSError as error:
        raise RuntimeError(f"the browser tests need axe-core {AXE_VERSION} from {AXE_TARBALL}: {error}") from error


@cache
def axe_script() -> str:
    """The pinned axe-core, fetched and kept on first use; checked at every use."""
    if not AXE_KEPT.is_file():
        tarball = _download()
        AXE_KEPT.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=AXE_KEPT.parent, delete=False) as partial:
            partial.write(tarball)
        os.replace(partial.name, AXE_KEPT)  # whole or not at all, should two runs fetch at once
    return script_of(AXE_KEPT.read_bytes())


def axe(page: Page, rules: list[str] | None = None) -> list[Violation]:
    """Every violation axe-core finds on ``page`` (whose context got ``axe_script()``), by all
    the rules of ``AXE_TAGS`` or by ``rules`` only."""
    found: list[Violation] = page.evaluate(AXE_RUN, [list(AXE_TAGS), rules])
    return found


def blocking(found: list[Violation]) -> list[str]:
    """The serious and critical violations, one line per element: "rule (impact): element"."""
    return [f"{v['id']} ({v['impact']}): {target}" for v in found if v["impact"] in BLOCKING
            for target in v["targets"]]


def violations(page: Page, rules: list[str] | None = None) -> list[str]:
    """The serious and critical violations on ``page``, as ``blocking`` prints them."""
    return blocking(axe(page, rules))
