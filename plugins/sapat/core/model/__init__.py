"""The model: the manual's sources as values (pages, clauses, processes, roles, editions, links,
document control, coverage, glossary) and :class:`~.project.Project`, which answers questions about them.
Nothing here checks a whole project, writes a file or knows MkDocs."""
