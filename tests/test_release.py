"""`publish release`, for real: PDFs, site archive, checksums, notes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader

try:
    import weasyprint  # noqa: F401  (needs Pango from the system)
except OSError as error:
    pytest.skip(f"RELEASE TESTS SKIPPED: WeasyPrint cannot load Pango ({error}); "
                "`./tasks test` installs it as root, or: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0",
                allow_module_level=True)

from generator.catalogue.loading import load_catalogue
from generator.pages.cities import city_name, normalise_name
from generator.release.release import ReleaseError, make_edition, make_release
from generator.release.typography import french_spacing
from tests.conftest import PROJECT_DIR, copy_project
from tests.synthetic import synthetic_entry, write_entry

EPOCH = "1764028800"  # 2025-11-25, fixed for reproducibility
SITE = "https://cities.example.org/"
# A thematic edition, small enough for a test: Europe, theme housing
# (Barcelona, Utrecht, Vienna), named by the region's English name.
EDITION = "region=Europe&theme=housing"
EDITION_PDF = "cities-migration-2026.1-theme-housing-region-150-{lang}.pdf"
# The team's threshold in the tests: an edition of more practices than this
# is a digest. The Americas (region 019) hold more; Europe's housing fewer.
DIGEST_ABOVE = 3
DIGEST = "region=019"
DIGEST_PDF = "cities-migration-2026.1-region-019-{lang}.pdf"
# A follow-up report the team declares: one city, one practice, in every language.
REPORT = "city=lisbon-pt"
REPORT_FILE = "cities-migration-2026.1-report-city-lisbon-pt-{lang}.{suffix}"
REPORT_FILES = sorted(REPORT_FILE.format(lang=lang, suffix=suffix) for lang in ("en", "es", "fr") for suffix in ("csv", "md", "pdf"))


def release_project(folder: Path) -> Path:
    """A copy of the project without the team's list of editions, so that a
    test renders the PDFs it is about and no more."""
    project = copy_project(folder)
    (project / "content" / "print-editions.yml").unlink(missing_ok=True)
    return project


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("release") / "project")
    # The team's list of editions, its threshold and its reports, as content/print-editions.yml holds them.
    (project / "content" / "print-editions.yml").write_text(
        f'digest_above: {DIGEST_ABOVE}\neditions:\n  - "{EDITION}"\n  - "{DIGEST}"\nreports:\n  - "{REPORT}"\n',
        encoding="utf-8")
    os.environ.update(SOURCE_DATE_EPOCH=EPOCH, SITE_URL=SITE)
    progress: list[str] = []
    try:
        first = make_release(project, "2026.1", project / "dist", progress.append)
        again = make_release(project, "2026.1", project / "dist-again")
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH")
        os.environ.pop("SITE_URL")
    first.progress = progress
    return project, first, again


def letters(text: str) -> str:
    """Only the letters and digits: compares text across line breaks and
    hyphenation (the hyphen added at a line end is a glyph without text)."""
    return "".join(character for character in text.casefold() if character.isalnum())


def text_of(pdf: Path) -> str:
    return letters("".join(page.extract_text() or "" for page in PdfReader(pdf).pages))


def titles(outline) -> list[str]:
    found = []
    for item in outline:
        found.extend(titles(item) if isinstance(item, list) else [item.title])
    return found


def test_the_release_holds_the_archive_a_pdf_per_language_notes_and_checksums(released):
    _, release, _ = released
    assert [path.name for path in release.files] == [
        "CITATION.cff", "RELEASE-NOTES.md", "SHA256SUMS", "cities-migration-2026.1-en.pdf", "cities-migration-2026.1-es.pdf",
        "cities-migration-2026.1-fr.pdf", *sorted(DIGEST_PDF.format(lang=lang) for lang in ("en", "es", "fr")),
        *REPORT_FILES, *sorted(EDITION_PDF.format(lang=lang) for lang in ("en", "es", "fr")),
        "cities-migration-site-2026.1.tar.gz",
    ]
    sums = (release.folder / "SHA256SUMS").read_text().splitlines()
    assert len(sums) == 21 and all(re.fullmatch(r"[0-9a-f]{64}  \S+", line) for line in sums)
    # How to cite it: its CITATION.cff names its version and date, and the notes give its reference.
    citation = yaml.safe_load((release.folder / "CITATION.cff").read_text())
    assert citation["version"] == "2026.1" and re.fullmatch(r"\d{4}-\d\d-\d\d", str(citation["date-released"]))
    notes = (release.folder / "RELEASE-NOTES.md").read_text()
    assert f"## How to cite this release\n\n{citation['authors'][0]['name']} ({str(citation['date-released'])[:4]}). " in notes
    assert ", version 2026.1." in notes
    # The open data of the released site names the release as its version.
    with tarfile.open(release.folder / "cities-migration-site-2026.1.tar.gz") as archive:
        package = json.load(archive.extractfile("cities-migration-site-2026.1/catalogue/datapackage.json"))
    assert package["version"] == "2026.1"


def test_two_releases_of_the_same_commit_are_byte_identical(released):
    """The digests, the thematic editions (in full and as a digest) and the
    reports too, though rendered side by side."""
    _, first, again = released
    assert len([path for path in first.files if path.suffix == ".pdf"]) == 12
    for path in first.files:
        assert path.read_bytes() == (again.folder / path.name).read_bytes(), path.name


def test_each_pdf_speaks_its_language(released):
    _, release, _ = released
    french = text_of(release.folder / "cities-migration-2026.1-fr.pdf")
    english = text_of(release.folder / "cities-migration-2026.1-en.pdf")
    for sentence in ("les flux migratoires convergent essentiellement vers les zones urbaines",
                     "Metropolis s'engage à", "Version 2026.1", "25 novembre 2025",
                     "Bureau d'intégration des nouveaux arrivants à Montréal"):
        assert letters(sentence) in french, sentence
    for sentence in ("migration flows essentially converge on urban areas", "November 25, 2025",
                     "Montréal Newcomer Integration Office"):
        assert letters(sentence) in english, sentence
    assert letters("les flux migratoires convergent") not in english
    spanish = text_of(release.folder / "cities-migration-2026.1-es.pdf")
    for sentence in ("los flujos migratorios convergen esencialmente en las zonas urbanas", "Metropolis se compromete a",
                     "Versión 2026.1", "25 de noviembre de 2025",
                     "Oficina de Integración de los Recién Llegados a Montreal (BINAM)"):
        assert letters(sentence) in spanish, sentence


def test_french_typography_puts_no_break_spaces(released):
    _, release, _ = released
    raw = "".join(page.extract_text() for page in PdfReader(release.folder / "cities-migration-2026.1-fr.pdf").pages[2:4])
    assert "ce qui suit\u00a0:" in raw or "ce qui suit :" not in raw
    assert french_spacing("<p>Oui ? « Non » : peut-être ; bien !</p>") == \
        "<p>Oui\u202f? «\u00a0Non\u00a0»\u00a0: peut-être\u202f; bien\u202f!</p>"


def test_spanish_and_english_get_no_french_spacing(released):
    """Typography is data (generator/languages.yml): only French has rules."""
    _, release, _ = released
    for lang in ("en", "es"):
        raw = "".join(page.extract_text() for page in PdfReader(release.folder / f"cities-migration-2026.1-{lang}.pdf").pages)
        assert "\u202f" not in raw and "\u00a0:" not in raw, lang


def test_the_outline_follows_the_headings(released):
    _, release, _ = released
    reader = PdfReader(release.folder / "cities-migration-2026.1-en.pdf")
    outline = titles(reader.outline)
    assert outline[0].startswith("Contribution to the United Nations Global Compact")
    assert "Our vision: the cities' perspective on migration" in outline
    assert "The local governance of migration" in outline and "Catalogue of practices" in outline
    # The digest by region and country, each practice under its country.
    assert outline.index("Americas") < outline.index("Canada") < \
        outline.index("Montréal Newcomer Integration Office (BINAM)") < outline.index("Europe")
    assert "Index of cities" in outline and "Index of GCM objectives" in outline


def test_links_are_live_annotations_and_metadata_is_set(released):
    _, release, _ = released
    reader = PdfReader(release.folder / "cities-migration-2026.1-fr.pdf")
    external, internal = set(), 0
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            action = annotation.get_object().get("/A")
            if action and action.get("/URI"):
                external.add(action["/URI"])
            elif annotation.get_object().get("/Dest") or (action and action.get("/D")):
                internal += 1
    assert "https://www.metropolis.org/" in external
    assert internal >= 24  # the contents and indexes link to chapters, countries and practices
    assert f"{SITE}catalogue/practices/montreal-binam/" in external  # each practice's page, as a link
    # A thematic edition gives the practices in full: their sources are links.
    edition = PdfReader(release.folder / EDITION_PDF.format(lang="fr"))
    uris = {annotation.get_object()["/A"].get("/URI") for page in edition.pages for annotation in page.get("/Annots") or []
            if annotation.get_object().get("/A")}
    assert "https://www.ciutatrefugi.barcelona/ca/el-pla" in uris
    assert reader.metadata.title.startswith("Villes et migrations")
    assert reader.metadata.author == "Metropolis · CGLU"
    root = reader.trailer["/Root"]
    assert root.get("/Lang") == "fr"
    # PDF/UA-1: a structure tree for screen readers, the title shown, XMP metadata.
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    assert b"pdfuaid" in root["/Metadata"].get_object().get_data()
    fonts = {font for page in reader.pages[:3] for font in page["/Resources"]["/Font"].values()}
    assert fonts and all("/FontFile2" in f.get_object()["/FontDescriptor"] or "/FontFile3" in f.get_object()["/FontDescriptor"]
                         for f in (font.get_object()["/DescendantFonts"][0] if "/DescendantFonts" in font.get_object() else font
                                   for font in fonts))


def test_the_site_in_the_archive_shows_the_version_and_offers_the_pdfs(released):
    _, release, _ = released
    with tarfile.open(release.folder / "cities-migration-site-2026.1.tar.gz") as tar:
        names = tar.getnames()
        assert "cities-migration-site-2026.1/downloads/cities-migration-2026.1-fr.pdf" in names
        spanish = tar.extractfile("cities-migration-site-2026.1/es/contribution/index.html").read().decode()
        assert all(member.mtime == int(EPOCH) and member.uid == 0 for member in tar.getmembers())
        page = tar.extractfile("cities-migration-site-2026.1/contribution/index.html").read().decode()
        english = tar.extractfile("cities-migration-site-2026.1/en/contribution/index.html").read().decode()
    assert "Version 2026.1" in page
    assert 'href="../downloads/cities-migration-2026.1-fr.pdf"' in page
    assert "Download the print edition (PDF, version 2026.1)" in english
    assert "Descargar la edición para imprimir (PDF, versión 2026.1)" in spanish
    assert 'href="../downloads/cities-migration-2026.1-es.pdf"' in spanish
    assert "/tmp/" not in page and str(Path.home()) not in page


def test_an_invalid_entry_fails_the_release_and_leaves_nothing(tmp_path, monkeypatch):
    project = release_project(tmp_path / "project")
    entry = project / "practices" / "montreal-binam.yml"
    entry.write_text(entry.read_text().replace("themes: [", "themes: [housng, "))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    with pytest.raises(ReleaseError, match=r"montreal-binam.yml:\d+:\d+: themes\[0\]: 'housng' is not an allowed value"):
        make_release(project, "2026.2", project / "dist")
    assert not (project / "dist").exists()  # not even the folder: a mistake changes nothing


def test_release_notes_list_what_changed_since_the_previous_tag(tmp_path, monkeypatch):
    project = release_project(tmp_path / "project")
    git = lambda *args: subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)  # noqa: E731
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "--allow-empty", "-m", "start")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "catalogue")
    git("tag", "v2026.1")
    (project / "practices" / "vienna-core.yml").unlink()
    binam = project / "practices" / "montreal-binam.yml"
    # An update, whatever date the entry carries now.
    binam.write_text(re.sub(r"(?m)^last_updated: .*$", "last_updated: 2020-01-01", binam.read_text()))
    write_entry(project / "practices", synthetic_entry(4) | {"slug": "dakar-new-practice"})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    notes = (make_release(project, "2026.2", project / "dist").folder / "RELEASE-NOTES.md").read_text()
    count = len(list((project / "practices").glob("*.yml")))
    assert f"{count} practices, since v2026.1:" in notes
    assert "- Added (1):\n  - Practice 4" in notes and "(`dakar-new-practice`)" in notes
    assert "- Updated (1):\n  - Montréal Newcomer Integration Office (BINAM) (`montreal-binam`)" in notes
    assert "- Removed (1):\n  - vienna-core (`vienna-core`)" in notes
    assert f"{count} pratiques, depuis v2026.1" in notes


def test_the_command_reports_each_step(tmp_path):
    project = release_project(tmp_path / "project")
    result = subprocess.run(
        [os.sys.executable, "-m", "generator.cli", "release", "--version", "2026.3", "--project-dir", str(project)],
        capture_output=True, text=True, env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
    )
    assert result.returncode == 0, result.stderr
    # Each step as it ends, numbered, with the next one; the PDFs render
    # while the site builds, each reported as it is done, with its pages and
    # the PDFs still to come.
    lines = [line.strip() for line in result.stdout.splitlines()]
    for number, step, after in ((1, "checked the catalogue", "; next: render the PDFs and build the site"),
                                (2, "rendered the PDFs and built the site", "; next: archive the site"),
                                (3, "archived the site", "; next: write the release notes and checksums"),
                                (4, "wrote the release notes and checksums", "")):
        assert any(re.fullmatch(rf"\[{number}/4\] {step} \(\d+\.\d s\){re.escape(after)}", line) for line in lines), step
    assert re.fullmatch(r"\[2/4\] rendering 3 PDFs \([12] at a time\) while the site builds: fr PDF, en PDF, es PDF",
                        lines[1]), lines[1]
    assert any(re.fullmatch(r"\[2/4\] built the site \(\d+\.\d s\); (\d PDFs?|no PDF) left", line) for line in lines)
    assert any(line.startswith("[2/4] site: built the es pages") for line in lines)
    done = [line for line in lines if line.startswith("[2/4] rendered the ") and " PDF: " in line]
    assert len(done) == 3 and all(re.search(r" PDF: \d+ pages \(\d+\.\d s\); ", line) for line in done)
    last = done[2].split("rendered the ")[1].split(":")[0]
    assert [line.rpartition("; ")[2] for line in done][1:] == [f"1 left: {last}", "none left"]
    again = subprocess.run(
        [os.sys.executable, "-m", "generator.cli", "release", "--version", "2026.3", "--project-dir", str(project)],
        capture_output=True, text=True, env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
    )
    assert again.returncode == 1 and "already exists" in again.stderr and "Traceback" not in again.stderr
    wrong = subprocess.run(
        [os.sys.executable, "-m", "generator.cli", "release", "--version", "2026.5", "--project-dir", str(project),
         "--edition", "gcm=24"], capture_output=True, text=True, env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
    )
    assert wrong.returncode == 1 and "Traceback" not in wrong.stderr
    assert "--edition: '24' is not a value of gcm: use one of 1, 2, 3" in wrong.stderr and "No release was written." in wrong.stderr


def test_hostile_text_stays_inert_text_in_the_pdf(tmp_path, monkeypatch):
    project = release_project(tmp_path / "project")
    for path in (project / "practices").glob("*.yml"):
        path.unlink()
    (project / "content" / "featured.yml").unlink()  # it names practices removed above
    hostile = synthetic_entry(5) | {"slug": "tunis-hostile"}
    hostile["title"] = {"fr": '<script>alert("t")</script> Titre', "en": "<img src=x onerror=alert(1)> Title"}
    hostile["description"] = {"fr": "[lien](javascript:alert(1)) <b onclick=x>gras</b>", "en": "plain"}
    write_entry(project / "practices", hostile)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    pdf = make_release(project, "2026.9", project / "dist").folder / "cities-migration-2026.9-fr.pdf"
    raw = pdf.read_bytes()
    assert b"/JavaScript" not in raw and b"/JS " not in raw and b"javascript:" not in raw
    text = "".join(page.extract_text() for page in PdfReader(pdf).pages).replace("\x00", "")
    assert '<script>alert("t")</script>' in text
    uris = [a.get_object().get("/A", {}).get("/URI") for page in PdfReader(pdf).pages for a in page.get("/Annots") or []]
    assert not [uri for uri in uris if uri and not uri.startswith(("http://", "https://"))]


def pages_text(pdf: Path) -> list[str]:
    """Each page's text as poppler reads it (as viewers and copy-paste do;
    ENGINE-FACTS.md, "PDF text")."""
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")[:-1]


needs_pdftotext = pytest.mark.skipif(not shutil.which("pdftotext"), reason="no pdftotext: apt-get install poppler-utils")


@needs_pdftotext
def test_the_full_edition_gives_the_catalogue_as_a_digest_with_indexes(released):
    _, release, _ = released
    pages = pages_text(release.folder / "cities-migration-2026.1-en.pdf")
    start = next(number for number, page in enumerate(pages) if "Catalogue of practices\n" in page.lstrip()[:40])
    index = next(number for number, page in enumerate(pages) if page.lstrip().startswith("Index of cities"))
    practices = len(list((PROJECT_DIR / "practices").glob("*.yml")))
    # Several practices a page (at most 0.6 pages each), after the paper in full.
    assert index - start <= 0.6 * practices
    assert any("les flux migratoires" in page or "migration flows essentially converge" in page for page in pages[:start])
    # A practice: title, city and country, period, themes and objectives,
    # summary and its address, in a few lines.
    binam = next(number for number, page in enumerate(pages) if "Montréal Newcomer Integration Office (BINAM)\n" in page)
    entry = pages[binam].split("Montréal Newcomer Integration Office (BINAM)\n", 1)[1][:900]
    assert "Montreal, Canada · since 2016 (ongoing)" in entry
    assert re.search(r"Themes: .*Reception", entry) and re.search(r"GCM objectives: [\d, ]*16", entry)
    assert f"{SITE}en/catalogue/practices/montreal-binam/" in entry
    # The indexes give the page of the city's first practice, and of a
    # country's first practice for an objective.
    # (Counted from the catalogue: a contributor may add a practice there.)
    shipped = load_catalogue(PROJECT_DIR / "practices").practices
    in_montreal = [p for p in shipped if p.country == "CA" and normalise_name(city_name(p)) == "montreal"]
    in_canada_for_16 = [p for p in shipped if p.country == "CA" and 16 in p.gcm_objectives]
    indexes = "\n".join(pages[index:])
    city = re.search(rf"Montreal, Canada\s+(\d+)\s+\({len(in_montreal)}\)", indexes)
    assert city and int(city[1]) <= binam + 1
    objective_16 = indexes.split("\n16. ", 1)[1].split("\n17. ", 1)[0]
    # Montréal (16 among its objectives) comes before Toronto in Canada.
    country = re.search(rf"\n\s*Canada\s+(\d+)\s+\({len(in_canada_for_16)}\)", objective_16)
    assert country and int(country[1]) <= binam + 1


def edition_text(release, lang: str) -> str:
    return letters("".join(pages_text(release.folder / EDITION_PDF.format(lang=lang))))


@needs_pdftotext
def test_a_thematic_edition_in_each_language_says_what_it_selects_and_gives_the_practices_in_full(released):
    _, release, _ = released
    expected = {
        "en": ("Europe · Housing", "This edition gathers the 3 practices of the catalogue that match this selection",
               "Region", "Theme"),
        "fr": ("Europe · Logement", "Cette édition rassemble les 3 pratiques du catalogue qui répondent à cette sélection",
               "Région", "Thème"),
        "es": ("Europa · Vivienda", "Esta edición reúne las 3 prácticas del catálogo que responden a esta selección",
               "Región", "Tema"),
    }
    for lang, sentences in expected.items():
        text = edition_text(release, lang)
        for sentence in sentences:
            assert letters(sentence) in text, (lang, sentence)
        # The practices in full (their facts and sources), and only they.
        assert letters("Plan Einstein") in text and letters("ciutat refugi") in text, lang
        assert letters("https://www.ciutatrefugi.barcelona/ca/el-pla") in text, lang
        assert letters(f"{SITE}{'' if lang == 'fr' else lang + '/'}catalogue/practices/vienna-core/") in text, lang
        assert letters("BINAM") not in text, lang
    reader = PdfReader(release.folder / EDITION_PDF.format(lang="es"))
    assert reader.trailer["/Root"].get("/Lang") == "es"
    assert reader.metadata.title == "Ciudades y migraciones: Europa · Vivienda"
    outline = titles(reader.outline)
    assert outline[0] == "Introducción" and "Países Bajos" in outline
    assert "«Plan Einstein» – Utrecht Refugee Launchpad: convivencia entre solicitantes de asilo y jóvenes del barrio" in outline


def test_a_selection_that_names_no_facet_or_value_stops_the_release_with_advice(tmp_path, monkeypatch):
    project = release_project(tmp_path / "project")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    with pytest.raises(ReleaseError, match=r"'housng' is not a value of theme: use one of .*housing"):
        make_release(project, "2026.4", project / "dist", editions=["theme=housng"])
    with pytest.raises(ReleaseError, match=r"'colour' is not a facet of the catalogue: use one of theme, region"):
        make_release(project, "2026.4", project / "dist", editions=["colour=red"])
    with pytest.raises(ReleaseError, match=r"--edition country=NZ&theme=housing: no practice of the catalogue matches it"):
        make_release(project, "2026.4", project / "dist", editions=["country=NZ&theme=housing"])
    assert not (project / "dist").exists()  # not even the folder: a mistake changes nothing


@pytest.mark.parametrize("version", ["9\n", "2026.1\n", "2026.1\r", "2026\t1", "2026.1/../x", "../2026", "2026.1 "])
def test_a_version_that_would_not_be_a_plain_file_name_is_refused_and_leaves_nothing(tmp_path, monkeypatch, version):
    # Its folder and files are named after it, and SHA256SUMS lists them:
    # a trailing newline made `sha256sum -c` fail on the published release.
    project = release_project(tmp_path / "project")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    with pytest.raises(ReleaseError, match=re.escape(f"{version!r} is not a version name")):
        make_release(project, version, project / "dist")
    assert not (project / "dist").exists() or list((project / "dist").iterdir()) == []


@pytest.mark.parametrize("selection", ["gcm=16\n", "gcm=16\r", "theme=housing\x1b[31m", "gcm=\t16"])
def test_a_selection_with_a_control_character_is_refused(tmp_path, monkeypatch, selection):
    project = release_project(tmp_path / "project")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    with pytest.raises(ReleaseError, match=re.escape(f"{selection!r} holds a control character")):
        make_release(project, "2026.4", project / "dist", editions=[selection])
    assert not (project / "dist").exists() or list((project / "dist").iterdir()) == []


def test_the_teams_list_of_editions_is_checked_where_it_is_written(tmp_path, monkeypatch):
    project = release_project(tmp_path / "project")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    declared = project / "content" / "print-editions.yml"
    declared.write_text('editions:\n  - "theme=housing"\n  - "theme=housng"\n', encoding="utf-8")
    with pytest.raises(ReleaseError, match=r"print-editions.yml:3:5: editions\[1\] \(theme=housng\): 'housng' is not a value of theme"):
        make_release(project, "2026.4", project / "dist")
    declared.write_text('editions:\n  - 16\n', encoding="utf-8")
    with pytest.raises(ReleaseError, match=r"print-editions.yml:2:5: editions\[0\]: 16 is not a selection: .* \"gcm=16\""):
        make_release(project, "2026.4", project / "dist")
    declared.write_text('editions:\n  - "country=NZ&theme=housing"\n', encoding="utf-8")
    with pytest.raises(ReleaseError, match=r"print-editions.yml:2:5: editions\[0\]: no practice of the catalogue matches it"):
        make_release(project, "2026.4", project / "dist")
    # The threshold above which an edition is a digest: a whole number of practices.
    for value in ("-1", "many", "true", "12.5", "null"):
        declared.write_text(f'digest_above: {value}\neditions:\n  - "theme=housing"\n', encoding="utf-8")
        with pytest.raises(ReleaseError, match=r"print-editions.yml:1:15: digest_above: .* is not a number of practices: "
                                               r"write a whole number, e.g. digest_above: 50"):
            make_release(project, "2026.4", project / "dist")
    declared.write_text('editions:\n  - "theme=housing"\ndigest_over: 10\n', encoding="utf-8")
    with pytest.raises(ReleaseError, match=r"print-editions.yml:3:1: 'digest_over' is not a setting of this file: "
                                           r"use digest_above, editions or reports"):
        make_release(project, "2026.4", project / "dist")
    assert not (project / "dist").exists()  # not even the folder: a mistake changes nothing


def shipped_cities() -> dict:
    from generator.catalogue.vocabularies import load_vocabularies
    from generator.pages.catalogue_pages import CatalogueOptions, CatalogueView
    from generator.release.selection import catalogue_cities

    practices = load_catalogue(PROJECT_DIR / "practices", root=PROJECT_DIR).practices
    return catalogue_cities(CatalogueView(practices, load_vocabularies(), "fr", CatalogueOptions()))


def test_the_shipped_list_declares_the_threshold_and_says_what_a_digest_is():
    from generator.catalogue.vocabularies import load_vocabularies
    from generator.release.declared_editions import load_declared_editions

    path = PROJECT_DIR / "content" / "print-editions.yml"
    declared = load_declared_editions(path, load_vocabularies(), shipped_cities())
    assert declared.digest_above == 50 and declared.threshold_source.startswith("print-editions.yml:")
    assert declared.is_digest(51) and not declared.is_digest(50)
    text = path.read_text(encoding="utf-8")
    assert "digest_above: 50" in text and "digest" in text.split("digest_above: 50")[0]


def test_an_edition_over_the_threshold_is_announced_as_a_digest_in_the_progress(released):
    _, release, _ = released
    shipped = load_catalogue(PROJECT_DIR / "practices").practices
    from generator.catalogue.vocabularies import load_vocabularies

    americas = sum(load_vocabularies().region_of(p.country) == "019" for p in shipped)
    assert americas > DIGEST_ABOVE
    lines = release.progress
    # Each edition, its size and its form, with where the threshold comes from,
    # before anything renders; then each PDF as it is done, its form in its name.
    assert f"[2/4] edition {DIGEST}: {americas} practices, a digest (more than {DIGEST_ABOVE} practices: " \
        f"digest_above, print-editions.yml:1)" in lines
    assert f"[2/4] edition region=150&theme=housing: 3 practices, in full (at most {DIGEST_ABOVE} practices: " \
        f"digest_above, print-editions.yml:1)" in lines
    rendering = next(line for line in lines if line.startswith("[2/4] rendering "))
    assert rendering.startswith("[2/4] rendering 12 PDFs") and f"fr edition {DIGEST} (digest)" in rendering
    assert "en edition region=150&theme=housing," in rendering and "region=150&theme=housing (digest)" not in rendering
    for lang in ("fr", "en", "es"):
        assert any(re.fullmatch(rf"\[2/4\] rendered the {lang} edition {DIGEST} \(digest\): \d+ pages \(\d+\.\d s\); .*", line)
                   for line in lines), lang


def test_a_declared_report_is_made_in_each_language_beside_the_editions_and_said_in_the_progress(released):
    _, release, _ = released
    names = [path.name for path in release.files]
    assert all(name in names for name in REPORT_FILES)
    assert all(f"- `{name}`" in (release.folder / "RELEASE-NOTES.md").read_text() for name in REPORT_FILES)
    # The report itself, in the language its name says: its PDF, its Markdown, its CSV.
    for lang, title in (("fr", "Rapport de suivi"), ("en", "Follow-up report"), ("es", "Informe de seguimiento")):
        reader = PdfReader(release.folder / REPORT_FILE.format(lang=lang, suffix="pdf"))
        assert reader.trailer["/Root"].get("/Lang") == lang and reader.metadata.title.startswith(title)
        heading = (release.folder / REPORT_FILE.format(lang=lang, suffix="md")).read_text().splitlines()[0]
        assert heading.startswith("# ") and letters(heading).startswith(letters(title)), heading
        table = (release.folder / REPORT_FILE.format(lang=lang, suffix="csv")).read_text(encoding="utf-8-sig")
        assert table.startswith("framework,item,item_label,practice,") and "lisbon-" in table
    # The progress names the report before rendering, then each language as it is done.
    assert f"[2/4] report {REPORT}: 1 practice, its PDF, Markdown and CSV in fr, en, es" in release.progress
    for lang in ("fr", "en", "es"):
        assert any(re.fullmatch(rf"\[2/4\] rendered the {lang} report {REPORT}: \d+ pages \(\d+\.\d s\); .*", line)
                   for line in release.progress), lang
    # The released site holds every file in every language's downloads.
    with tarfile.open(release.folder / "cities-migration-site-2026.1.tar.gz") as tar:
        held = set(tar.getnames())
    for root in ("", "en/", "es/"):
        assert all(f"cities-migration-site-2026.1/{root}downloads/{name}" in held for name in REPORT_FILES), root


def test_the_city_page_in_each_language_links_to_its_report_and_no_other_city_page_does(released):
    _, release, _ = released
    site = "cities-migration-site-2026.1/"
    words = {"fr": "Rapport de suivi (Lisbonne), pour un examen local volontaire",
             "en": "Follow-up report (Lisbon), for a Voluntary Local Review",
             "es": "Informe de seguimiento (Lisboa), para un examen local voluntario"}
    with tarfile.open(release.folder / "cities-migration-site-2026.1.tar.gz") as tar:
        held = set(tar.getnames())
        for lang, sentence in words.items():
            root = "" if lang == "fr" else f"{lang}/"
            page = f"{root}catalogue/cities/lisbon-pt/index.html"
            html = tar.extractfile(site + page).read().decode()
            assert sentence in html, lang
            links = re.findall(r'<p class="catalogue-report">.*?</p>', html, re.S)[0]
            hrefs = re.findall(r'href="([^"]+)"', links)
            assert [href.rpartition("/")[2] for href in hrefs] == \
                [REPORT_FILE.format(lang=lang, suffix=suffix) for suffix in ("pdf", "md", "csv")]
            # Each link reaches the file in the archive, from the page's folder.
            for href in hrefs:
                assert site + os.path.normpath(os.path.join(os.path.dirname(page), href)) in held, href
            other = tar.extractfile(f"{site}{root}catalogue/cities/montreal-ca/index.html").read().decode()
            assert "catalogue-report" not in other, lang
            catalogue = tar.extractfile(f"{site}{root}catalogue/index.html").read().decode()
            assert REPORT_FILE.format(lang=lang, suffix="pdf") in catalogue
            # The filters' offer is the editions', never a report's.
            assert f'data-query="{REPORT}"' not in catalogue


@needs_pdftotext
def test_an_edition_over_the_threshold_is_printed_as_a_digest_that_says_why(released):
    _, release, _ = released
    pages = pages_text(release.folder / DIGEST_PDF.format(lang="en"))
    text = letters("".join(pages))
    # The introduction says what it selects, and why it is a digest.
    assert letters("Americas") in text
    assert letters(f"They are more than {DIGEST_ABOVE}, too many to print in full: each is summed up here") in text
    # Each practice in a few lines, with its page's address; not in full
    # (no description, no sources), and only the selection's.
    binam = next(page for page in pages if "Montréal Newcomer Integration Office (BINAM)\n" in page)
    entry = binam.split("Montréal Newcomer Integration Office (BINAM)\n", 1)[1][:900]
    assert "Montreal, Canada · since 2016 (ongoing)" in entry and re.search(r"GCM objectives: [\d, ]*16", entry)
    assert f"{SITE}en/catalogue/practices/montreal-binam/" in entry
    assert letters("Plan Einstein") not in text and "\nDescription\n" not in "".join(pages)
    # Several practices a page, and an index of cities with their pages.
    index = next(number for number, page in enumerate(pages) if page.lstrip().startswith("Index of cities"))
    assert re.search(r"Montreal, Canada\s+\d+\s+\(\d+\)", "".join(pages[index:]))
    start = next(number for number, page in enumerate(pages) if page.lstrip().startswith("Catalogue of practices"))
    assert index - start <= 3
    # In each language, the form said in the language.
    french = letters("".join(pages_text(release.folder / DIGEST_PDF.format(lang="fr"))))
    assert letters(f"Elles sont plus de {DIGEST_ABOVE}, trop nombreuses pour être imprimées en entier") in french
    spanish = letters("".join(pages_text(release.folder / DIGEST_PDF.format(lang="es"))))
    assert letters(f"Son más de {DIGEST_ABOVE}, demasiadas para imprimirlas completas") in spanish
    # The outline: regions, countries, practices, the index.
    outline = titles(PdfReader(release.folder / DIGEST_PDF.format(lang="en")).outline)
    assert outline.index("Introduction") < outline.index("Americas") < outline.index("Canada") < \
        outline.index("Montréal Newcomer Integration Office (BINAM)") < outline.index("Index of cities")


def test_publish_edition_follows_the_teams_threshold(tmp_path, monkeypatch):
    project = release_project(tmp_path / "project")
    (project / "content" / "print-editions.yml").write_text("editions: []\ndigest_above: 0\n", encoding="utf-8")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    lines: list[str] = []
    [pdf] = make_edition(project, "country=NZ", tmp_path / "out", ["en"], progress=lines.append)
    assert lines[0] == ("1 practice matches country=NZ: a digest (more than 0 practices: digest_above, "
                        "print-editions.yml:2); rendering 1 PDF (1 at a time)")
    assert lines[1].startswith("rendered the en edition country=NZ (digest): ")
    assert letters("They are more than 0, too many to print in full") in text_of(pdf)


def test_the_catalogue_page_offers_the_edition_of_the_ticked_filters(released, browser, tmp_path):
    from tests.browser import serve_folder

    _, release, _ = released
    with tarfile.open(release.folder / "cities-migration-site-2026.1.tar.gz") as tar:
        tar.extractall(tmp_path, filter="data")
    site = tmp_path / "cities-migration-site-2026.1"
    assert (site / "es" / "downloads" / EDITION_PDF.format(lang="es")).is_file()
    with serve_folder(site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url + "es/catalogue/")
        offer = page.locator(".catalogue-edition a:visible")
        assert offer.count() == 0
        page.locator('input[name="region"][value="150"]').check()
        assert offer.count() == 0  # Europe alone: no edition
        page.locator('input[name="theme"][value="housing"]').check()
        assert offer.count() == 1
        assert offer.inner_text() == "Descargar esta selección como edición para imprimir (PDF): Europa · Vivienda"
        answer = page.request.get(page.evaluate("document.querySelector('.catalogue-edition a:not([hidden])').href"))
        assert answer.ok and answer.url.endswith("/es/downloads/" + EDITION_PDF.format(lang="es"))
        assert answer.body()[:5] == b"%PDF-"
        page.fill("#catalogue-text", "utrecht")  # words narrow it further: no longer the edition
        assert page.locator(".catalogue-edition a:visible").count() == 0
        page.close()


@needs_pdftotext
def test_publish_edition_makes_one_selection_in_one_language_without_a_release(tmp_path):
    project = release_project(tmp_path / "project")
    command = [os.sys.executable, "-m", "generator.cli", "edition", "country=NZ", "--lang", "es", "--project-dir", str(project)]
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    first = subprocess.run(command + ["--out", str(tmp_path / "one")], capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    assert ("1 practice matches country=NZ: in full (at most 50 practices: the default digest_above; "
            "content/print-editions.yml may set it); rendering 1 PDF (1 at a time)") in first.stdout
    [pdf] = (tmp_path / "one").iterdir()
    assert pdf.name == "cities-migration-2025-11-25-country-nz-es.pdf"
    text = letters("".join(pages_text(pdf)))
    assert letters("Nueva Zelanda") in text and letters("Esta edición reúne la práctica del catálogo") in text
    assert letters("Palmerston North") in text and letters("Montreal") not in text
    again = subprocess.run(command + ["--out", str(tmp_path / "two")], capture_output=True, text=True, env=env)
    assert again.returncode == 0 and (tmp_path / "two" / pdf.name).read_bytes() == pdf.read_bytes()
    wrong = subprocess.run(command[:4] + ["country=ZZ", "--out", str(tmp_path / "three")] + command[5:],
                           capture_output=True, text=True, env=env)
    assert wrong.returncode == 1 and "'ZZ' is not a value of country" in wrong.stderr and "Traceback" not in wrong.stderr
    assert not (tmp_path / "three").exists()
