"""Options of the ``cities`` plugin, as written under ``plugins:`` in mkdocs.yml."""

from mkdocs.config import base
from mkdocs.config import config_options as c


class CitiesPluginConfig(base.Config):
    # The site's languages, the default one first; the language being built
    # is the theme's (`theme.language`).
    languages = c.ListOfItems(c.Type(str), default=["fr", "en"])
    # Folder holding one sub-folder of Markdown pages per language, relative
    # to the folder of mkdocs.yml.
    content_dir = c.Type(str, default="content")
