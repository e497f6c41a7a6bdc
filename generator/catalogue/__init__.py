"""The catalogue of practices as data: format, vocabularies, loading, checks.

Nothing here knows about pages or engines; ``generator.pages`` renders what
``load_catalogue`` returns.
"""
