"""sapat: the quality manual of Jalal-Abad State University, kept as code.

``sapat.core`` holds all logic as plain Python (no MkDocs import), so it survives a move to
Zensical or MkDocs 2.0; ``sapat.markdown`` holds Python-Markdown extensions; ``sapat.mkdocs``
holds thin MkDocs plugins that adapt the core to MkDocs events; ``sapat.cli`` is the command line.
"""
