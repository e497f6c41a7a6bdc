"""What changed in the catalogue since the previous release, from git."""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml


@dataclass
class CatalogueChanges:
    previous: str | None  # tag of the previous release, if any
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)


def _git(project_dir: Path, *args: str) -> str | None:
    try:
        result = subprocess.run(["git", *args], cwd=project_dir, capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return result.stdout


def previous_release_tag(project_dir: Path, version: str) -> str | None:
    """The newest release tag (v*) other than this version's, by version order."""
    tags = (_git(project_dir, "tag", "--list", "v*", "--sort=-v:refname") or "").split()
    return next((tag for tag in tags if tag != f"v{version}"), None)


def _entries_at(project_dir: Path, tag: str) -> dict[str, str]:
    """slug -> last_updated of the entries at ``tag``."""
    listing = _git(project_dir, "ls-tree", "--name-only", f"{tag}:practices") or ""
    entries = {}
    for name in listing.split():
        if not name.endswith(".yml"):
            continue
        text = _git(project_dir, "show", f"{tag}:practices/{name}") or ""
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError:
            continue
        if isinstance(data, dict):
            entries[name.removesuffix(".yml")] = str(data.get("last_updated", ""))
    return entries


def catalogue_changes(project_dir: Path, version: str, current: dict[str, str]) -> CatalogueChanges:
    """Compare ``current`` (slug -> last_updated) with the previous release."""
    tag = previous_release_tag(project_dir, version)
    if tag is None:
        return CatalogueChanges(None, added=sorted(current))
    before = _entries_at(project_dir, tag)
    return CatalogueChanges(
        tag,
        added=sorted(set(current) - set(before)),
        updated=sorted(slug for slug in set(current) & set(before) if current[slug] != before[slug]),
        removed=sorted(set(before) - set(current)),
    )
