"""Revision metadata as the model knows it: the states of a controlled page and the fields whose
value may be the editors' inference rather than a fact of the source."""

from __future__ import annotations

APPROVED, DRAFT, SUPERSEDED = "approved", "draft", "superseded"

#: The fields whose value may be the editors' inference rather than a fact of the source
#: (``inferred:`` in the front matter; schemas/page.schema.json lists the same).
INFERABLE = ("status", "approved_by", "approval_date", "protocol", "effective_date", "owner_role",
             "next_review_date")

