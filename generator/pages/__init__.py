"""Markdown pages made from data and templates (no engine-specific code)."""
