"""Plain-Python core of sapat: parsing, validation, reference resolution and rendering.

Nothing in this package imports ``mkdocs``; functions take values and return values.
"""
