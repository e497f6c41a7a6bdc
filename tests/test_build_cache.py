"""The generator's cache between builds: it must save work, and it must never
give back a page or a check that the current input would not give."""

from __future__ import annotations

import dataclasses
import datetime
import shutil
from pathlib import Path

import pytest

from generator.build_cache import BuildCache, generator_fingerprint
from generator.catalogue.loading import check_practices, load_catalogue
from generator.catalogue.vocabularies import load_vocabularies
from generator.pages import links
from generator.pages.catalogue_pages import CatalogueOptions, catalogue_pages
from generator.pages.related import related_practices
from tests.conftest import PROJECT_DIR

pytestmark = pytest.mark.catalogue

TODAY = datetime.date(2026, 11, 25)
OPTIONS = CatalogueOptions(today=TODAY)
V = load_vocabularies()


def shipped():
    return load_catalogue(PROJECT_DIR / "practices").practices


def pages_with_cache(practices, cache_dir: Path, lang: str = "en") -> tuple[dict[str, str], BuildCache]:
    cache = BuildCache(cache_dir, f"pages-{lang}")
    return catalogue_pages(practices, V, lang, OPTIONS, cache), cache


def test_a_second_build_takes_every_page_from_the_cache_and_they_are_the_same(tmp_path):
    practices = shipped()
    uncached = catalogue_pages(practices, V, "en", OPTIONS)
    # A page per practice, the gathering pages, and the related practices of all.
    first, cache = pages_with_cache(practices, tmp_path)
    assert (cache.hits, cache.misses) == (0, len(practices) + 2)
    second, cache = pages_with_cache(practices, tmp_path)
    assert (cache.hits, cache.misses) == (len(practices) + 2, 0)
    assert first == second == uncached
    assert list(second) == list(uncached)  # the same order, too


def test_a_changed_entry_is_made_again_and_shows_its_change_everywhere(tmp_path):
    practices = shipped()
    pages_with_cache(practices, tmp_path)
    changed = dataclasses.replace(practices[0], title={"fr": "Titre changé", "en": "A changed title"})
    pages, cache = pages_with_cache([changed, *practices[1:]], tmp_path)
    # Its page, the pages that gather practices and the pages that list it
    # among their related practices (they show its title) are made again; no
    # other. What it shares with the others did not change: nor do they.
    listing = [slug for slug, related in related_practices(practices, V.region_of).items() if changed.slug in related]
    assert (cache.hits, cache.misses) == (len(practices) + 2 - 2 - len(listing), 2 + len(listing))
    assert "A changed title" in pages[links.practice_page(changed.slug)]
    assert "A changed title" in pages[links.CATALOGUE]
    assert "A changed title" in pages[links.JSON_DATA]
    assert pages == catalogue_pages([changed, *practices[1:]], V, "en", OPTIONS)


def test_the_other_language_and_other_options_do_not_share_pages(tmp_path):
    practices = shipped()
    pages_with_cache(practices, tmp_path, "en")
    french, cache = pages_with_cache(practices, tmp_path, "fr")
    assert cache.hits == 0
    cache = BuildCache(tmp_path, "pages-en")
    edit = CatalogueOptions(today=TODAY, edit_url="https://forge.example/edit/{path}")
    pages = catalogue_pages(practices, V, "en", edit, cache)
    assert cache.hits == 1  # the related practices, which do not depend on the options
    assert "https://forge.example/edit/practices/" in pages[links.practice_page(practices[0].slug)]


def test_any_change_to_the_generator_changes_every_key(tmp_path):
    package = tmp_path / "generator"
    shutil.copytree(PROJECT_DIR / "generator", package, ignore=shutil.ignore_patterns("__pycache__"))
    fingerprint = generator_fingerprint.__wrapped__  # uncached: the files change under it
    before = fingerprint(package)
    template = package / "pages" / "templates" / "practice.md.j2"
    template.write_text(template.read_text() + "\n")
    after_template = fingerprint(package)
    vocabulary = package / "catalogue" / "vocabularies" / "themes.yml"
    vocabulary.write_text(vocabulary.read_text().replace("Housing", "Homes", 1))
    assert len({before, after_template, fingerprint(package)}) == 3


def test_a_damaged_cache_is_ignored_and_rewritten(tmp_path):
    practices = shipped()
    (tmp_path / "pages-en.pickle").write_bytes(b"not a pickle at all")
    pages, cache = pages_with_cache(practices, tmp_path)
    assert cache.hits == 0 and pages == catalogue_pages(practices, V, "en", OPTIONS)
    _, cache = pages_with_cache(practices, tmp_path)
    assert cache.misses == 0


def test_an_entry_broken_since_the_last_check_is_reported_not_served_from_the_cache(tmp_path):
    practices_dir = tmp_path / "practices"
    shutil.copytree(PROJECT_DIR / "practices", practices_dir)
    cache_dir = tmp_path / "cache"
    # The shipped entries record the dates their sources were checked: today.
    today = datetime.date.today()
    first = check_practices(practices_dir, root=tmp_path, today=today, cache_dir=cache_dir)
    again = check_practices(practices_dir, root=tmp_path, today=today, cache_dir=cache_dir)
    assert again.practices == first.practices and again.problems == first.problems and first.errors == []
    entry = practices_dir / "montreal-binam.yml"
    entry.write_text(entry.read_text().replace("country: CA", "country: Canada"))
    broken = check_practices(practices_dir, root=tmp_path, today=today, cache_dir=cache_dir)
    assert [str(problem) for problem in broken.errors] == [
        str(problem) for problem in check_practices(practices_dir, root=tmp_path, today=today).errors
    ]
    assert "practices/montreal-binam.yml" in str(broken.errors[0]) and "'Canada' is not a country code" in str(broken.errors[0])
    # Dates in the future are errors: the same files checked on another day are checked again.
    entry.write_text(entry.read_text().replace("country: Canada", "country: CA"))
    earlier = check_practices(practices_dir, root=tmp_path, today=datetime.date(2020, 1, 1), cache_dir=cache_dir)
    assert earlier.errors, "entries dated after 2020-01-01 must be refused on that day"


def test_a_moved_project_does_not_take_the_old_paths_from_the_cache(tmp_path):
    # publish sources writes dates into practice.file: it must be the file here.
    # The shipped entries are dated up to today: checked on an earlier day, none would load.
    cache_dir = tmp_path / "cache"
    for name in ("here", "there"):
        shutil.copytree(PROJECT_DIR / "practices", tmp_path / name / "practices")
        report = check_practices(tmp_path / name / "practices", root=tmp_path / name, today=datetime.date.today(),
                                 cache_dir=cache_dir)
        assert report.practices and report.errors == []
        assert {practice.file.parent for practice in report.practices} == {tmp_path / name / "practices"}


def test_practice_pages_made_yesterday_serve_today(tmp_path):
    practices = shipped()
    catalogue_pages(practices, V, "en", CatalogueOptions(today=TODAY), BuildCache(tmp_path, "pages-en"))
    cache = BuildCache(tmp_path, "pages-en")
    tomorrow = CatalogueOptions(today=TODAY + datetime.timedelta(days=1))
    pages = catalogue_pages(practices, V, "en", tomorrow, cache)
    # The gathering pages hold the feed; the practice pages and their related practices serve.
    assert (cache.hits, cache.misses) == (len(practices) + 1, 1)
    assert pages == catalogue_pages(practices, V, "en", tomorrow)


def test_a_deferred_store_is_kept_in_memory_and_written_when_flushed(tmp_path):
    """The preview's stores: each rebuild takes the last one's from memory
    (nothing read or written on disk), and the preview writes them when it
    stops, for the next one."""
    practices = shipped()
    first = BuildCache(tmp_path, "pages-en", deferred=True)
    pages = catalogue_pages(practices, V, "en", OPTIONS, first)
    assert not (tmp_path / "pages-en.pickle").exists()
    again = BuildCache(tmp_path, "pages-en", first, deferred=True)
    assert catalogue_pages(practices, V, "en", OPTIONS, again) == pages
    assert (again.hits, again.misses) == (len(practices) + 2, 0)
    assert not (tmp_path / "pages-en.pickle").exists()
    again.flush()
    from_disk = BuildCache(tmp_path, "pages-en")
    catalogue_pages(practices, V, "en", OPTIONS, from_disk)
    assert (from_disk.hits, from_disk.misses) == (len(practices) + 2, 0)


def test_a_rebuild_that_does_not_consult_a_store_leaves_it_whole(tmp_path):
    """A text page edited in the preview: the entries are not read again, so
    their store is not consulted; the next rebuild (an entry edited) still
    finds every other entry's check in it, and so does the next preview."""
    practices_dir = tmp_path / "practices"
    shutil.copytree(PROJECT_DIR / "practices", practices_dir)
    first = BuildCache(tmp_path, "entries", deferred=True)
    check_practices(practices_dir, cache=first)
    idle = BuildCache(tmp_path, "entries", first, deferred=True)  # a rebuild that did not read the entries
    after = BuildCache(tmp_path, "entries", idle, deferred=True)
    report = check_practices(practices_dir, cache=after)
    assert (after.hits, after.misses) == (report.files, 0)
    idle_again = BuildCache(tmp_path, "entries", after, deferred=True)
    idle_again.flush()  # the preview stops after a text page's edit
    from_disk = BuildCache(tmp_path, "entries")
    check_practices(practices_dir, cache=from_disk)
    assert (from_disk.hits, from_disk.misses) == (report.files, 0)
