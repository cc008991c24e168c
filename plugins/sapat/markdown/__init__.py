"""Python-Markdown extensions of sapat (these carry over to Zensical, unlike MkDocs plugins)."""

from .references import ReferencesExtension, slugify

__all__ = ["ReferencesExtension", "slugify"]
