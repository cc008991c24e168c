"""Options of the ``sapat`` MkDocs plugin."""

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..core.i18n.messages import MESSAGE_LANGUAGES


class SapatConfig(base.Config):
    """``plugins: - sapat`` with the repository's settings; ``enabled`` and ``stop_on_errors`` exist
    for tests and previews."""

    enabled = c.Type(bool, default=True)
    #: Fail the build on a source error at once, before MkDocs reads the broken file itself.
    stop_on_errors = c.Type(bool, default=True)
    #: The language of messages to editors (the ``sapat`` command reads it from mkdocs.yml too);
    #: ``SAPAT_LANG`` overrides it.
    messages = c.Optional(c.Choice(MESSAGE_LANGUAGES))
    #: The branch "Edit this page" opens the source file on, when ``repo_url`` is set.
    edit_branch = c.Type(str, default="main")
    #: The web root's address (``https://host/qms/``), where an edition's offline copy sends the
    #: reader for what it does not hold (the list of editions, the other language); not set, the
    #: copy names them without a link. Read by ``sapat release`` and ``sapat mend`` from the
    #: repository's mkdocs.yml of the day (a mend builds from an edition's frozen mkdocs.yml).
    site_address = c.Optional(c.Type(str))
