"""Releases: a PDF per language from a print template of our own, a
reproducible archive of the site, checksums and release notes."""
