"""Publishing system of the cities' position paper and catalogue of practices.

The core (``languages``, ``i18n``, ``pages`` and, later, ``catalogue``) knows
nothing of the engine (ProperDocs): ``mkdocs_plugin`` and ``site_build`` adapt
it to the engine.
"""
