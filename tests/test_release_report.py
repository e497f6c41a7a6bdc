"""`publish report`, for real: a city's and a region's follow-up report in
every language (PDF by WeasyPrint, Markdown, CSV), read back as a city
officer and a spreadsheet would read them."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from pypdf import PdfReader

try:
    import weasyprint  # noqa: F401  (needs Pango from the system)
except OSError as error:
    pytest.skip(f"REPORT TESTS SKIPPED: WeasyPrint cannot load Pango ({error}); "
                "`./tasks test` installs it as root, or: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0",
                allow_module_level=True)

from generator.catalogue.loading import load_catalogue
from generator.catalogue.vocabularies import load_vocabularies
from generator.cli import main
from generator.pages.catalogue_pages import CatalogueOptions, CatalogueView, City
from generator.release.declared_editions import load_declared_editions
from generator.release.release import ReleaseError, make_release
from generator.release.selection import SelectionError, catalogue_cities, parse_selection
from generator.release.typography import RULES, TEXT_RULES
from tests.conftest import PROJECT_DIR, copy_project

EPOCH = "1764028800"  # 2025-11-25: "running, unconfirmed" is judged on that day
LANGUAGES = ("fr", "en", "es")
# São Paulo: two practices, one of them (the CRAI) said to run with no source
# confirming it in the year before EPOCH. Europe: nine cities, Vienna's
# practice ended in 2019.
CITY, REGION = "city=sao-paulo-br", "region=Europe"
CITY_SLUG, REGION_SLUG = "city-sao-paulo-br", "region-150"
HEADER = ["framework", "item", "item_label", "practice", "title", "city", "country_code", "country", "start", "end",
          "period", "running_unconfirmed", "review_status", "results", "sources", "url"]


def run(*args: str) -> object:
    env = {"SOURCE_DATE_EPOCH": EPOCH, "SITE_URL": ""}
    return CliRunner().invoke(main, [*args, "--project-dir", str(PROJECT_DIR)], env=env)


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    """The two reports, each in every language, made once by the command."""
    out = tmp_path_factory.mktemp("reports")
    made = {}
    for selection, slug in ((CITY, CITY_SLUG), (REGION, REGION_SLUG)):
        result = run("report", selection, "--out", str(out / slug))
        assert result.exit_code == 0, result.output
        made[slug] = (out / slug, result.output)
    return made


def file(reports, slug: str, lang: str, suffix: str) -> Path:
    return reports[slug][0] / f"cities-migration-report-{slug}-{lang}.{suffix}"


def letters(text: str) -> str:
    """Letters and digits only: compares text across line breaks and hyphenation."""
    return "".join(character for character in text.casefold() if character.isalnum())


def pdf_pages(path: Path) -> list[str]:
    return [letters(page.extract_text() or "") for page in PdfReader(path).pages]


def rows(reports, slug: str, lang: str) -> list[dict]:
    text = file(reports, slug, lang, "csv").read_text(encoding="utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_command_writes_a_pdf_markdown_and_csv_per_language_and_lists_them(reports):
    folder, output = reports[CITY_SLUG]
    expected = sorted(f"cities-migration-report-{CITY_SLUG}-{lang}.{suffix}" for lang in LANGUAGES for suffix in ("pdf", "md", "csv"))
    assert sorted(path.name for path in folder.iterdir()) == expected
    assert "2 practices match city=sao-paulo-br; writing its report in fr, en, es (PDF, Markdown, CSV)" in output
    assert f"Report city=sao-paulo-br in {folder}:" in output
    assert all(name in output for name in expected)
    # Nothing left beside it: the scratch folder became the report.
    assert [path.name for path in folder.parent.iterdir() if path.name.startswith(".")] == []


# What a reader of each language sees on the first page, and the section
# titles after it: from the gettext catalogues, the vocabularies and CLDR.
FIRST_PAGE = {
    "fr": ("Rapport de suivi", "São Paulo (Brésil)", "Le catalogue au 25 novembre 2025", "Objectifs du PMM couverts",
           "À propos de ce rapport", "Lacunes", "Les pratiques"),
    "en": ("Follow-up report", "São Paulo (Brazil)", "The catalogue as of November 25, 2025", "GCM objectives addressed",
           "About this report", "Gaps", "The practices"),
    "es": ("Informe de seguimiento", "São Paulo (Brasil)", "El catálogo al 25 de noviembre de 2025", "Objetivos del PMM abordados",
           "Acerca de este informe", "Vacíos", "Las prácticas"),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_city_report_opens_with_what_it_is_its_figures_and_its_contents(reports, lang):
    pdf = file(reports, CITY_SLUG, lang, "pdf")
    first = pdf_pages(pdf)[0]
    for words in FIRST_PAGE[lang]:
        assert letters(words) in first, words
    # Two practices, objectives 3, 4, 15, 16 and 17 of 23, four targets of the catalogue's fourteen.
    assert letters("5/23") in first and letters("3, 4, 15, 16, 17") in first and letters("8.5, 10.2, 10.7, 16.7") in first
    reader = PdfReader(pdf)
    assert reader.trailer["/Root"].get("/Lang") == lang
    assert reader.metadata.title.startswith(FIRST_PAGE[lang][0])


SECTIONS = {
    "en": ("By objective of the Global Compact for Migration", "By target of the Sustainable Development Goals"),
    "fr": ("Par objectif du Pacte mondial sur les migrations", "Par cible des Objectifs de développement durable"),
    "es": ("Por objetivo del Pacto Mundial para la Migración", "Por meta de los Objetivos de Desarrollo Sostenible"),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_city_report_arranges_its_practices_by_objective_then_target_then_gives_each_once(reports, lang):
    vocab = load_vocabularies()
    text = "".join(pdf_pages(file(reports, CITY_SLUG, lang, "pdf"))[1:])  # after the first page's contents
    gcm, sdg = (text.index(letters(title)) for title in SECTIONS[lang])
    gaps, practices = text.index(letters(FIRST_PAGE[lang][5]), sdg), text.rindex(letters(FIRST_PAGE[lang][6]))
    assert gcm < sdg < gaps < practices
    # Objective 16 by its official title, in the section of objectives; target 10.7 by its text, in that of targets.
    assert gcm < text.index(letters(vocab.gcm_objectives[16].title[lang])) < sdg
    assert sdg < text.index(letters(vocab.sdg_targets["10.7"][lang])) < gaps
    # Each practice in full once, with its results and its sources.
    assert text.count(letters("https://acnur.org/br/node/2193")) == 1
    assert letters({"fr": "en cours, non confirmée", "en": "running, unconfirmed", "es": "en curso, sin confirmar"}[lang]) in text
    assert letters({"fr": "depuis 2016 (en cours)", "en": "since 2016 (ongoing)", "es": "desde 2016 (en curso)"}[lang]) in text


def test_the_gaps_are_the_objectives_and_targets_the_selection_has_no_practice_for(reports):
    vocab = load_vocabularies()
    text = "".join(pdf_pages(file(reports, CITY_SLUG, "en", "pdf"))[1:])
    gaps = text[text.index(letters("Objectives of the Global Compact for Migration for which the selection holds no practice")):
                text.rindex(letters("The practices"))]
    assert letters("18/23") in gaps and letters("10/14") in gaps
    assert letters(f"Objective 1: {vocab.gcm_objectives[1].title['en']}") in gaps
    assert letters(f"Objective 23: {vocab.gcm_objectives[23].title['en']}") in gaps
    assert letters(vocab.gcm_objectives[16].title["en"]) not in gaps
    assert letters(f"Target 5.2: {vocab.sdg_targets['5.2']['en']}") in gaps
    # The method says what the catalogue cannot show, before any practice.
    assert text.index(letters("It is not an evaluation")) < text.index(letters("Its coverage depends on contributions")) \
        < text.index(letters(SECTIONS["en"][0]))


def test_the_csv_has_one_row_per_practice_and_framework_item_under_stable_columns(reports):
    catalogue = {p.slug: p for p in load_catalogue(PROJECT_DIR / "practices", root=PROJECT_DIR).practices}
    vocab = load_vocabularies()
    for lang in LANGUAGES:
        text = file(reports, CITY_SLUG, lang, "csv").read_text(encoding="utf-8-sig")
        assert text.splitlines()[0] == ",".join(HEADER)
        table = rows(reports, CITY_SLUG, lang)
        slugs = {row["practice"] for row in table}
        assert slugs == {"sao-paulo-crai", "sao-paulo-municipal-immigrant-policy"}
        expected = sorted((framework, str(item), slug) for slug in slugs for framework, items in
                          (("gcm", catalogue[slug].gcm_objectives), ("sdg", catalogue[slug].sdg_targets)) for item in items)
        assert sorted((row["framework"], row["item"], row["practice"]) for row in table) == expected
        crai = next(row for row in table if row["practice"] == "sao-paulo-crai" and row["item"] == "16")
        assert crai["item_label"] == vocab.gcm_objectives[16].title[lang]
        assert (crai["start"], crai["end"], crai["running_unconfirmed"], crai["country_code"]) == ("2014", "", "yes", "BR")
        assert len(crai["sources"].split(" | ")) == len(catalogue["sao-paulo-crai"].sources)
        assert crai["url"] == f"/{'' if lang == 'fr' else lang + '/'}catalogue/practices/sao-paulo-crai/"
    # In the order of the report: objectives by number, then targets by number.
    table = rows(reports, CITY_SLUG, "en")
    assert [row["item"] for row in table if row["framework"] == "gcm"] == ["3", "4", "15", "15", "16", "16", "17"]
    assert [row["framework"] for row in table] == sorted((row["framework"] for row in table), key=["gcm", "sdg"].index)


def test_a_region_report_gathers_its_cities_with_an_ended_practice_said_so(reports):
    folder, output = reports[REGION_SLUG]
    assert "9 practices match region=150" in output
    table = rows(reports, REGION_SLUG, "es")
    cities = {row["city"] for row in table}
    assert {"Ámsterdam", "Viena", "Lisboa", "Barcelona", "Berlín"} <= cities and len(cities) == 9
    vienna = {row["period"] for row in table if row["practice"] == "vienna-core"}
    assert vienna == {"2016–2019"} and {row["running_unconfirmed"] for row in table if row["practice"] == "vienna-core"} == {"no"}
    first = pdf_pages(file(reports, REGION_SLUG, "fr", "pdf"))[0]
    assert letters("Rapport de suivi") in first and letters("Europe") in first and letters("9 pratiques") in first
    markdown = file(reports, REGION_SLUG, "en", "md").read_text(encoding="utf-8")
    # The gaps of a region: no European practice names objective 2 (drivers of migration).
    gaps = markdown[markdown.index("## Gaps"):markdown.index("## The practices")]
    assert "- **Objective 2**: Minimize the adverse drivers" in gaps and "**Objective 16**" not in gaps


def test_the_markdown_has_the_pdfs_sections_and_escapes_what_entries_hold(reports):
    markdown = file(reports, CITY_SLUG, "fr", "md").read_text(encoding="utf-8")
    headings = [line for line in markdown.splitlines() if re.match(r"#{1,2} ", line)]
    assert headings == ["# Rapport de suivi\u00a0: São Paulo \\(Brésil\\)", "## L’essentiel", "## À propos de ce rapport",
                        "## Par objectif du Pacte mondial sur les migrations", "## Par cible des Objectifs de développement durable",
                        "## Lacunes", "## Les pratiques"]
    assert "### Objectif 16\n" in markdown and "### Cible 10.7\n" in markdown
    assert "**en cours, non confirmée**" in markdown
    # Law 16.478: the dot is escaped, so that no Markdown reads it as a list number.
    assert "Loi 16\\.478" in markdown or "Lei 16\\.478" in markdown or "16\\.478" in markdown
    assert "1. [Decreto" in markdown  # sources numbered, as "[source 1]" cites them


def test_a_selection_that_matches_nothing_says_so_and_writes_nothing(tmp_path):
    result = run("report", "country=NZ&theme=housing", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1
    assert "country=NZ&theme=housing: no practice of the catalogue matches it" in result.output
    assert "No report was written." in result.output and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_language_or_city_is_refused_with_the_allowed_ones_and_writes_nothing(tmp_path):
    result = run("report", "city=sao-paulo-br", "--lang", "de", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and "--lang de: the site's languages are fr, en, es" in result.output
    result = run("report", "city=Sao Paolo", "--out", str(tmp_path / "out"))
    assert result.exit_code == 1 and "'Sao Paolo' is not a city of the catalogue (did you mean sao-paulo-br?)" in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_city_is_named_by_its_address_or_by_a_name_no_other_city_bears():
    vocab = load_vocabularies()
    practices = load_catalogue(PROJECT_DIR / "practices", root=PROJECT_DIR).practices
    cities = catalogue_cities(CatalogueView(practices, vocab, "en", CatalogueOptions()))
    assert parse_selection("city=lisbon-pt", vocab, cities).query == "city=lisbon-pt"
    # Or by a name in any language, as the other facets' names are read.
    both = parse_selection("city=Lisbonne,Ámsterdam&theme=housing", vocab, cities)
    assert both.query == "city=amsterdam-nl,lisbon-pt&theme=housing" and both.slug == "theme-housing-city-amsterdam-nl-lisbon-pt"
    # Two cities of one name: only their addresses tell them apart.
    portland = {key: City(key, {"en": "Portland"}, "US", lat, -70.0, []) for key, lat in (("portland-us-46n", 46.0), ("portland-us-44n", 44.0))}
    with pytest.raises(SelectionError, match="'Portland' names more than one city of the catalogue: .* portland-us-44n, portland-us-46n"):
        parse_selection("city=Portland", vocab, portland)
    # Where the command does not read the catalogue's cities, it says so.
    with pytest.raises(SelectionError, match="does not read the catalogue's cities"):
        parse_selection("city=lisbon-pt", vocab)


def test_a_second_report_into_the_same_folder_replaces_its_files_whole(reports, tmp_path):
    folder = tmp_path / "lisbon"
    folder.mkdir()
    (folder / "notes.txt").write_text("the officer's own notes")
    stale = folder / "cities-migration-report-city-lisbon-pt-en.csv"
    stale.write_text("old")
    result = run("report", "city=lisbon-pt", "--lang", "en", "--out", str(folder))
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in folder.iterdir()) == [
        "cities-migration-report-city-lisbon-pt-en.csv", "cities-migration-report-city-lisbon-pt-en.md",
        "cities-migration-report-city-lisbon-pt-en.pdf", "notes.txt"]
    assert stale.read_text(encoding="utf-8-sig").startswith(",".join(HEADER))
    assert [path.name for path in tmp_path.iterdir()] == ["lisbon"]


def test_the_markdown_typography_follows_the_language():
    assert set(TEXT_RULES) == set(RULES)


def test_an_edition_of_one_city_names_it_on_its_cover(tmp_path, monkeypatch):
    from generator.release.release import make_edition

    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    [pdf] = make_edition(PROJECT_DIR, "city=Lisbonne", tmp_path, ["en"])
    assert pdf.name == "cities-migration-2025-11-25-city-lisbon-pt-en.pdf"
    assert PdfReader(pdf).metadata.title == "Cities and migration: Lisbon (Portugal)"


def test_a_declared_report_that_names_no_city_stops_the_release_and_writes_nothing(tmp_path, monkeypatch):
    """City selections are checked once the catalogue is read, where they
    are written; the release stops before anything is rendered."""
    project = copy_project(tmp_path / "project")
    declared = project / "content" / "print-editions.yml"
    declared.write_text('editions: []\nreports:\n  - "country=PT"\n  - "city=lisbonne-pt"\n', encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    with pytest.raises(ReleaseError, match=r"print-editions.yml:4:5: reports\[1\] \(city=lisbonne-pt\): 'lisbonne-pt' is not a "
                                           r"city of the catalogue \(did you mean lisbon-pt\?\)"):
        make_release(project, "2026.4", project / "dist")
    # A city that exists, narrowed to nothing: said where it is written too.
    declared.write_text('editions: []\nreports:\n  - "city=lisbon-pt&theme=health"\n', encoding="utf-8")
    with pytest.raises(ReleaseError, match=r"print-editions.yml:3:5: reports\[0\]: no practice of the catalogue matches it"):
        make_release(project, "2026.4", project / "dist")
    declared.write_text('editions: []\nreports: "city=lisbon-pt"\n', encoding="utf-8")
    with pytest.raises(ReleaseError, match=r"print-editions.yml:2:10: reports: expected a list of selections"):
        make_release(project, "2026.4", project / "dist")
    # --edition may name a city as well, checked the same way.
    declared.unlink()
    with pytest.raises(ReleaseError, match=r"--edition: 'Lisbone' is not a city of the catalogue"):
        make_release(project, "2026.4", project / "dist", editions=["city=Lisbone"])
    assert not (project / "dist").exists()


def test_the_shipped_reports_name_shipped_cities_and_countries():
    vocab = load_vocabularies()
    practices = load_catalogue(PROJECT_DIR / "practices", root=PROJECT_DIR).practices
    everything = CatalogueView(practices, vocab, "en", CatalogueOptions())
    declared = load_declared_editions(PROJECT_DIR / "content" / "print-editions.yml", vocab, catalogue_cities(everything))
    assert [selection.query for selection in declared.reports] == ["city=sao-paulo-br", "country=CO"]
    for selection in declared.reports:
        assert any(selection.matches(everything, practice) for practice in everything.practices), selection.query


def test_a_report_takes_the_entries_checks_from_the_builds_cache(project_copy, monkeypatch):
    """At 5,000 entries checking them all again cost a report 12 s; after a
    build, an unchanged entry's check is the build's."""
    from generator.catalogue import loading
    from generator.release.release import dated_catalogue
    from generator.site_build import build_site

    monkeypatch.chdir(project_copy)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")
    build_site(project_copy, project_copy / "site")
    edited = next(iter(sorted((project_copy / "practices").glob("*.yml"))))
    edited.write_text(edited.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    loading._loaded.clear()  # what this process read: as a new command
    checked, check_file = [], loading.check_file

    def counted(path, *args, **kwargs):
        checked.append(path.name)
        return check_file(path, *args, **kwargs)

    monkeypatch.setattr(loading, "check_file", counted)
    practices, _, _ = dated_catalogue(project_copy)
    assert checked == [edited.name] and len(practices) > 20
