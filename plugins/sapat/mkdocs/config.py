"""Options of the ``sapat`` MkDocs plugin."""

from mkdocs.config import base
from mkdocs.config import config_options as c


class SapatConfig(base.Config):
    """``plugins: - sapat`` needs no options; these exist for tests and previews."""

    enabled = c.Type(bool, default=True)
    #: Fail the build on a source error at once, before MkDocs reads the broken file itself.
    stop_on_errors = c.Type(bool, default=True)
