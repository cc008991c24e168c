"""Stable digests of text: what an approval, a translation or a frozen edition refers to."""

from __future__ import annotations

import hashlib
import unicodedata


def normalised(text: str) -> str:
    """The text as a reader sees it: NFC, Unix line ends, no trailing spaces or outer blank lines."""
    lines = [line.rstrip() for line in unicodedata.normalize("NFC", text).replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n") + "\n"


def fingerprint(text: str) -> str:
    """``sha256:<hex>`` of the normalised text: invisible differences do not count."""
    return "sha256:" + hashlib.sha256(normalised(text).encode("utf-8")).hexdigest()


def short_fingerprint(text: str) -> str:
    """The first 12 hex digits of :func:`fingerprint`: enough to tell one clause's versions apart."""
    return fingerprint(text)[len("sha256:"):][:12]
