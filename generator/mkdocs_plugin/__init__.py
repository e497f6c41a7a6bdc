"""The engine adapter: hands ProperDocs the pages that the core produces.

The engine is ProperDocs (``engine.py`` says why); the package keeps its name
because the plugin API it implements is still MkDocs 1.x's, which ProperDocs
continues unchanged, and because the entry points, tests and notes name it.

The plugin declares its ProperDocs support the way ProperDocs documents it
(its discussion "Our continuation of MkDocs and a warning regarding MkDocs
2.0"): an entry point in ``properdocs.plugins`` (pyproject.toml) and this
call, which prints ProperDocs' notice only when the ``mkdocs`` executable
loads the plugin, never under ``properdocs`` or ``publish``.
"""

import properdocs.replacement_warning

properdocs.replacement_warning.setup()
