"""Python-Markdown extensions of sapat (these carry over to Zensical, unlike MkDocs plugins)."""

from ..core.model.clauses import heading_id as slugify
from .checklists import ChecklistTablesExtension
from .references import ReferencesExtension

__all__ = ["ChecklistTablesExtension", "ReferencesExtension", "slugify"]
