"""Reading untrusted sources: text, YAML and front matter, data files against their schemas,
the repository's layout, and the HTML a page may hold."""
