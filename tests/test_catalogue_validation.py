"""The validator against a corpus of broken entries, each with the exact
messages a contributor must see, and against the shipped catalogue."""

from __future__ import annotations

import datetime
import re
import shutil
import time
from pathlib import Path

import pytest

from generator.catalogue.checks import NOT_ENCRYPTED
from generator.catalogue.loading import CatalogueError, check_practices, load_catalogue
from generator.catalogue.yaml_source import MAX_FILE_BYTES
from tests.conftest import PROJECT_DIR

pytestmark = pytest.mark.catalogue

TODAY = datetime.date(2026, 11, 25)
BROKEN_DIR = Path(__file__).parent / "broken_practices"
BROKEN = sorted(BROKEN_DIR.iterdir())
VALID_ENTRY = BROKEN_DIR.parent / "valid_practice.yml"


def expected_messages(path: Path) -> list[str]:
    lines = path.read_bytes().decode("utf-8", errors="replace").splitlines()
    return [line.removeprefix("# expect: ") for line in lines if line.startswith("# expect: ")]


def check_alone(tmp_path: Path, source: Path, name: str | None = None):
    practices = tmp_path / "practices"
    practices.mkdir(exist_ok=True)
    shutil.copy(source, practices / (name or source.name))
    return check_practices(practices, root=tmp_path, today=TODAY)


def test_the_corpus_covers_at_least_thirty_mistakes():
    assert len(BROKEN) >= 30
    assert all(expected_messages(path) for path in BROKEN)


@pytest.mark.parametrize("path", BROKEN, ids=[path.stem for path in BROKEN])
def test_each_broken_entry_gets_its_exact_located_messages(tmp_path, path):
    report = check_alone(tmp_path, path)
    assert [str(problem) for problem in report.problems] == expected_messages(path)
    assert report.errors, "a broken entry must be an error, not only a warning"
    assert report.practices == []


def test_an_http_source_gets_a_warning_with_the_https_address_to_try(tmp_path):
    text = VALID_ENTRY.read_text(encoding="utf-8").replace("url: https://www.lisboa.pt/", "url: HTTP://www.lisboa.pt/a?b")
    (tmp_path / "lisbon-welcome-house.yml").write_text(text, encoding="utf-8")
    report = check_alone(tmp_path, tmp_path / "lisbon-welcome-house.yml")
    assert report.errors == []
    assert [(p.field, p.message, p.hint) for p in report.warnings] == [(
        "sources[0].url", NOT_ENCRYPTED,
        "try https://www.lisboa.pt/a?b, and keep http:// only if the site has no https:// version",
    )]


def test_the_shipped_catalogue_is_valid_and_its_only_warnings_are_missing_translations():
    # A contributor may write in one language: the others fall back, with a
    # notice, and the pull request lists what to translate. Nothing else may
    # even warn.
    report = check_practices(PROJECT_DIR / "practices", root=PROJECT_DIR)
    assert report.files >= 20
    assert [str(p) for p in report.errors] == []
    # And sources at http:// addresses, which a reviewer may move to https:// once the site offers it.
    assert [str(p) for p in report.warnings
            if not re.fullmatch(r"no \w+ text yet", p.message) and p.message != NOT_ENCRYPTED] == []
    assert len(report.practices) == report.files


def test_every_problem_of_every_file_is_reported_at_once(tmp_path):
    for name in ["theme-misspelt.yml", "country-alias.yml", "empty-file.yml"]:
        check_alone(tmp_path, BROKEN_DIR / name)
    report = check_practices(tmp_path / "practices", root=tmp_path, today=TODAY)
    assert [problem.file for problem in report.errors] == [
        "practices/country-alias.yml", "practices/empty-file.yml", "practices/theme-misspelt.yml",
    ]


def test_a_slug_used_twice_is_reported_on_the_file_not_named_after_it(tmp_path):
    check_alone(tmp_path, VALID_ENTRY, "lisbon-welcome-house.yml")
    copy = tmp_path / "practices" / "lisbon-copy.yml"
    copy.write_text((tmp_path / "practices" / "lisbon-welcome-house.yml").read_text())
    report = check_practices(tmp_path / "practices", root=tmp_path, today=TODAY)
    assert [str(p) for p in report.errors] == [
        "practices/lisbon-copy.yml:1:1: slug: 'lisbon-welcome-house' is already the slug of practices/lisbon-welcome-house.yml "
        "(give each practice its own slug and file name)",
        "practices/lisbon-copy.yml:2:7: slug: 'lisbon-welcome-house' differs from the file name 'lisbon-copy.yml' "
        "(rename the file to lisbon-welcome-house.yml, or set slug: lisbon-copy)",
    ]


def test_a_huge_file_is_refused_before_it_is_parsed(tmp_path):
    huge = tmp_path / "practices" / "huge.yml"
    huge.parent.mkdir()
    with huge.open("w") as file:
        file.write("slug: huge\ndescription:\n  fr: |\n")
        line = "    " + "x" * 95 + "\n"
        file.write(line * (50 * 1024 * 1024 // len(line)))
    assert huge.stat().st_size > MAX_FILE_BYTES
    report = check_practices(huge.parent, root=tmp_path, today=TODAY)
    assert [str(p) for p in report.errors] == [
        "practices/huge.yml:1:1: file: the file is 50.0 MB; a practice file is at most 512 KB "
        "(keep one practice per file and link to long documents in sources)"
    ]


def test_deep_nesting_is_a_message_not_a_crash(tmp_path):
    deep = tmp_path / "practices" / "deep.yml"
    deep.parent.mkdir()
    deep.write_text("slug: " + "[" * 5000 + "]" * 5000 + "\n")
    report = check_practices(deep.parent, root=tmp_path, today=TODAY)
    assert [p.field for p in report.errors] == ["yaml"]
    assert "nested too deeply" in report.errors[0].message


def test_a_valid_entry_becomes_a_practice(tmp_path):
    report = check_alone(tmp_path, VALID_ENTRY, "lisbon-welcome-house.yml")
    assert report.problems == []
    [practice] = report.practices
    assert practice.slug == "lisbon-welcome-house"
    assert practice.country == "PT" and practice.ongoing
    assert practice.review_date == datetime.date(2026, 11, 1)
    assert practice.text("title", "en") == ("Welcome House", "en")


def test_load_catalogue_raises_with_the_report_when_an_entry_is_broken(tmp_path):
    check_alone(tmp_path, BROKEN_DIR / "theme-misspelt.yml")
    with pytest.raises(CatalogueError) as failure:
        load_catalogue(tmp_path / "practices", root=tmp_path)
    assert "did you mean 'housing'?" in str(failure.value.report.errors[0])


def test_html_and_relative_links_in_markdown_are_flagged_before_they_vanish(tmp_path):
    """The site drops raw HTML and links that are not web addresses, as
    GitHub does: the contributor hears it from the checker, on the line."""
    entry = VALID_ENTRY.read_text().replace(
        "    The house refers people to the City's services.",
        "    The house refers people to <b>the City's services</b>; see [our page](welcome.html), `<br>` is code.",
    )
    assert entry != VALID_ENTRY.read_text()
    (tmp_path / "practices").mkdir()
    (tmp_path / "practices" / "lisbon-welcome-house.yml").write_text(entry)
    report = check_practices(tmp_path / "practices", root=tmp_path, today=TODAY)
    assert report.errors == [] and len(report.practices) == 1
    assert [str(problem) for problem in report.problems] == [
        "practices/lisbon-welcome-house.yml:14:3: description.en: HTML is not shown on the site: '<b>' "
        "(write it in Markdown: **bold**, *italic*, '- ' for a list, [words](https://…) for a link)",
        "practices/lisbon-welcome-house.yml:14:3: description.en: the link to 'welcome.html' will show as plain text "
        "(link to a full web address, starting with https://)",
    ]
    assert {problem.severity for problem in report.problems} == {"warning"}


def test_a_large_catalogue_read_in_two_processes_gives_the_same_report(tmp_path):
    from generator.catalogue.loading import PARALLEL_FROM
    from tests.synthetic import write_synthetic_catalogue

    practices = tmp_path / "practices"
    write_synthetic_catalogue(practices, PARALLEL_FROM)
    for name in ["theme-misspelt.yml", "duplicate-key.yml"]:
        shutil.copy(BROKEN_DIR / name, practices / name)
    alone = check_practices(practices, root=tmp_path, today=TODAY, jobs=1)
    together = check_practices(practices, root=tmp_path, today=TODAY, jobs=2)
    assert len(together.practices) == PARALLEL_FROM
    assert together.practices == alone.practices
    assert [str(p) for p in together.problems] == [str(p) for p in alone.problems]
    assert [p.file for p in together.errors] == ["practices/duplicate-key.yml", "practices/theme-misspelt.yml"]


def test_only_plain_files_are_entries_and_links_are_never_read(tmp_path):
    outside = tmp_path / "outside.yml"
    outside.write_text(VALID_ENTRY.read_text().replace("Welcome House", "SECRET-OUTSIDE-VALUE"))
    practices = tmp_path / "practices"
    practices.mkdir()
    (practices / "linked.yml").symlink_to(outside)
    (practices / "dangling.yml").symlink_to(tmp_path / "nowhere.yml")
    (practices / "loop.yml").symlink_to(practices / "loop.yml")
    (practices / "folder.yml").mkdir()
    (practices / "folder-link.yml").symlink_to(practices / "folder.yml")
    (practices / ".hidden.yml").write_text(VALID_ENTRY.read_text())
    (practices / "notes.txt").write_text("to do")
    report = check_practices(practices, root=tmp_path, today=TODAY)
    assert report.practices == []
    assert [(p.file, p.message.split(";")[0]) for p in report.errors] == [
        ("practices/.hidden.yml", "is a hidden file"),
        ("practices/dangling.yml", "is a symbolic link"),
        ("practices/folder-link.yml", "is a symbolic link"),
        ("practices/folder.yml", "is a folder"),
        ("practices/linked.yml", "is a symbolic link"),
        ("practices/loop.yml", "is a symbolic link"),
        ("practices/notes.txt", "is not a practice entry: entries are files named <slug>.yml"),
    ]
    assert all(p.line == 1 and p.column == 1 and p.hint for p in report.errors)
    assert "SECRET-OUTSIDE-VALUE" not in "".join(str(p) for p in report.problems)


def test_a_link_named_on_the_command_line_is_not_followed(tmp_path):
    outside = tmp_path / "outside.yml"
    outside.write_text(VALID_ENTRY.read_text())
    practices = tmp_path / "practices"
    practices.mkdir()
    (practices / "lisbon-welcome-house.yml").symlink_to(outside)
    report = check_practices(practices, only=[practices / "lisbon-welcome-house.yml"], root=tmp_path, today=TODAY)
    assert report.practices == []
    assert [str(p) for p in report.errors] == [
        "practices/lisbon-welcome-house.yml:1:1: file: is a symbolic link; entries are plain files "
        "(replace the link with the file itself)",
    ]


@pytest.mark.parametrize("url", ["https://münchen.de/", "HTTPS://EXAMPLE.ORG/", "Http://example.org/a?b=c#d", "https://例え.jp/"])
def test_addresses_a_browser_reads_are_accepted(tmp_path, url):
    entry = tmp_path / "lisbon-welcome-house.yml"
    entry.write_text(VALID_ENTRY.read_text().replace("url: https://www.lisboa.pt/", f"url: {url}"))
    report = check_alone(tmp_path, entry)
    assert [str(p) for p in report.errors] == []


@pytest.mark.parametrize("written, read", [("-9.1393", -9.1393), ("-9", -9), ("+9.5", 9.5), ("0", 0), ("9.", 9.0), (".5", 0.5)])
def test_decimal_numbers_mean_what_they_look_like(tmp_path, written, read):
    entry = tmp_path / "lisbon-welcome-house.yml"
    entry.write_text(VALID_ENTRY.read_text().replace("lon: -9.1393", f"lon: {written}"))
    report = check_alone(tmp_path, entry)
    # Read as written; far from Portugal, said as a warning only (tests/test_catalogue_places.py).
    assert [str(p) for p in report.errors] == []
    assert report.practices[0].longitude == read


def test_hundreds_of_kilobytes_of_nested_quotes_are_refused_at_once(tmp_path):
    """Such a description, under the size limit, used to pass check and then
    hold the build for hours in the HTML sanitiser."""
    entry = tmp_path / "lisbon-welcome-house.yml"
    entry.write_text(VALID_ENTRY.read_text().replace(
        "    The house refers people to the City's services.", "    " + "> " * 200_000 + "x"))
    assert entry.stat().st_size > 390_000
    started = time.process_time()
    report = check_alone(tmp_path, entry)
    assert [p.message for p in report.errors] == [
        "quotes, lists or emphasis are nested more than 8 levels deep (from line 1 of the text)"]
    assert time.process_time() - started < 10  # about 0.1 s here


def test_schema_patterns_match_whole_values_as_the_forms_browser_reads_them():
    # JSON Schema patterns are ECMA-262: '$' is the very end. Python's '$'
    # also matches before a final newline, which let 'PT\n' pass as a country.
    from generator.catalogue.schema import python_pattern

    assert python_pattern("^[A-Z]{2}$") == r"^[A-Z]{2}\Z"
    assert python_pattern(r"^a\$[$]b$") == r"^a\$[$]b\Z"
    assert python_pattern(r"^[\]$]x$") == r"^[\]$]x\Z"


def test_capitals_are_advised_only_when_they_make_a_country_code(tmp_path):
    # 'usa' in capitals is still not a code (US is): the advice says what a code is instead.
    for written, capitals in (("pt", True), ("usa", False)):
        entry = tmp_path / "lisbon-welcome-house.yml"
        entry.write_text(VALID_ENTRY.read_text().replace("country: PT", f"country: {written}"))
        [problem] = check_alone(tmp_path, entry).errors
        assert ("write it in capitals" in problem.hint) is capitals, problem.hint


@pytest.mark.parametrize(("written", "code"), [("english", "en"), ("Français", "fr"), ("inglés", "en")])
def test_a_source_language_written_by_its_name_gets_its_code(tmp_path, written, code):
    entry = tmp_path / "lisbon-welcome-house.yml"
    entry.write_text(VALID_ENTRY.read_text().replace("    url: https://www.lisboa.pt/\n", f"    url: https://www.lisboa.pt/\n    language: {written}\n"))
    [problem] = check_alone(tmp_path, entry).errors
    assert problem.field == "sources[0].language" and problem.hint == f"did you mean '{code}'?"
