"""Options of the ``cities`` plugin, as written under ``plugins:`` in mkdocs.yml."""

from properdocs.config import base
from properdocs.config import config_options as c

from generator.build_cache import DEFAULT_CACHE_DIR


class CitiesPluginConfig(base.Config):
    # The language this build makes, one of generator/languages.yml; the
    # default language when unset. `publish build` builds each in turn
    # (setting it through the SITE_LANGUAGE environment variable, which
    # mkdocs.yml passes here), `publish serve --lang es` one of them.
    language = c.Optional(c.Type(str))
    # Folder holding one sub-folder of Markdown pages per language, relative
    # to the folder of mkdocs.yml.
    content_dir = c.Type(str, default="content")
    # Folder of the practice entries (one YAML file each), relative to the
    # folder of mkdocs.yml. The catalogue's pages are generated from it.
    practices_dir = c.Type(str, default="practices")
    # Address to edit an entry, with {path} standing for practices/<slug>.yml
    # (for example https://github.com/ORG/REPO/edit/main/{path}); no edit
    # link is shown without it.
    edit_url = c.Optional(c.Type(str))
    # Release this build belongs to; shown in the footer. Without it, the
    # SITE_VERSION environment variable (set by `publish release`) is used:
    # read directly, because !ENV would turn "2026.10" into the number 2026.1.
    version = c.Type(str, default="")
    # Folder of files to publish under downloads/ (the release's PDFs).
    downloads_dir = c.Optional(c.Type(str))
    # Keep what the generator made (the entries read and checked, the
    # catalogue's pages) for the next build, which then redoes only what
    # changed; cache_dir is relative to the folder of mkdocs.yml.
    cache = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=DEFAULT_CACHE_DIR)
    # Draw the link-preview cards (with a site address) and hand them to the
    # engine. `publish build` turns it off and draws them itself, beside the
    # languages' builds (generator/site_cards.py).
    cards = c.Type(bool, default=True)
