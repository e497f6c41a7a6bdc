"""The engine that builds and serves the site: ProperDocs.

ProperDocs is the continuation of MkDocs 1.x by its original maintainers
(MkDocs has had no release since 1.6.1; its owner announced an incompatible
"2.0" under the same name). Material for MkDocs still depends on the
``mkdocs`` package, so both are installed: whatever imports ``mkdocs.*`` in
our process (Material's plugins, a hook) must get ProperDocs' modules, not
MkDocs', or two engines' classes would meet in one build (ProperDocs refuses
a plugin that is not a subclass of its own BasePlugin). ``properdocs.replacement``
does that redirection; the ``properdocs`` executable imports it first thing,
and so does this module, which ``publish build`` and ``publish serve`` import
before anything else of the engine.

Neither notice about MkDocs 2.0 (Material's, nor the one ProperDocs prints
for plugins that declare their support) is printed by our commands: both are
printed only when the ``mkdocs`` executable runs. tests/test_engine.py holds it.
"""

from __future__ import annotations

import logging

import properdocs.replacement  # noqa: F401  (mkdocs.* imports get ProperDocs' modules from here on)

# The engine writes its messages and warnings under "properdocs", which its
# strict mode counts; those written under the old name ("mkdocs.*", as
# Material's) are passed up to it, as the ``properdocs`` executable does.
LOGGER = "properdocs"
_legacy = logging.getLogger("mkdocs")
_legacy.parent = logging.getLogger(LOGGER)
_legacy.setLevel(logging.NOTSET)
_legacy.propagate = True


def engine_logger() -> logging.Logger:
    """The logger of the engine's messages and warnings (the old name's too)."""
    return logging.getLogger(LOGGER)
