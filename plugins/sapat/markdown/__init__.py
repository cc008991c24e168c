"""Python-Markdown extensions of sapat (these carry over to Zensical, unlike MkDocs plugins)."""

from ..core.model.clauses import heading_id as slugify
from .references import ReferencesExtension

__all__ = ["ReferencesExtension", "slugify"]
