"""Thin MkDocs adapters over :mod:`sapat.core`."""
