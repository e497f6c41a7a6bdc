"""`publish release`, for real: PDFs, site archive, checksums, notes."""

from __future__ import annotations

import os
import re
import subprocess
import tarfile
from pathlib import Path

import pytest
from pypdf import PdfReader

try:
    import weasyprint  # noqa: F401  (needs Pango from the system)
except OSError as error:
    pytest.skip(f"RELEASE TESTS SKIPPED: WeasyPrint cannot load Pango ({error}); "
                "`./tasks test` installs it as root, or: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0",
                allow_module_level=True)

from generator.release.release import ReleaseError, make_release
from generator.release.typography import french_spacing
from tests.conftest import copy_project
from tests.synthetic import synthetic_entry, write_entry

EPOCH = "1764028800"  # 2025-11-25, fixed for reproducibility


@pytest.fixture(scope="module")
def released(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("release") / "project")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        first = make_release(project, "2026.1", project / "dist")
        again = make_release(project, "2026.1", project / "dist-again")
    finally:
        os.environ.pop("SOURCE_DATE_EPOCH")
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
        "RELEASE-NOTES.md", "SHA256SUMS", "cities-migration-2026.1-en.pdf", "cities-migration-2026.1-es.pdf",
        "cities-migration-2026.1-fr.pdf", "cities-migration-site-2026.1.tar.gz",
    ]
    sums = (release.folder / "SHA256SUMS").read_text().splitlines()
    assert len(sums) == 5 and all(re.fullmatch(r"[0-9a-f]{64}  \S+", line) for line in sums)


def test_two_releases_of_the_same_commit_are_byte_identical(released):
    _, first, again = released
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
    assert "Montréal Newcomer Integration Office (BINAM)" in outline


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
    assert any("observatoirevivreensemble.org" in uri for uri in external)
    assert internal >= 24  # the contents link to each chapter and practice
    assert 30 < len(reader.pages) < 400
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
    project = copy_project(tmp_path / "project")
    entry = project / "practices" / "montreal-binam.yml"
    entry.write_text(entry.read_text().replace("themes: [", "themes: [housng, "))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    with pytest.raises(ReleaseError, match=r"montreal-binam.yml:\d+:\d+: themes\[0\]: 'housng' is not an allowed value"):
        make_release(project, "2026.2", project / "dist")
    assert list((project / "dist").iterdir()) == []


def test_release_notes_list_what_changed_since_the_previous_tag(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
    git = lambda *args: subprocess.run(["git", *args], cwd=project, check=True, capture_output=True)  # noqa: E731
    git("init", "-q")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "--allow-empty", "-m", "start")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "catalogue")
    git("tag", "v2026.1")
    (project / "practices" / "vienna-core.yml").unlink()
    binam = project / "practices" / "montreal-binam.yml"
    binam.write_text(binam.read_text().replace("last_updated: 2026-11-25", "last_updated: 2026-11-24"))
    write_entry(project / "practices", synthetic_entry(4) | {"slug": "dakar-new-practice"})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    notes = (make_release(project, "2026.2", project / "dist").folder / "RELEASE-NOTES.md").read_text()
    assert "24 practices, since v2026.1:" in notes
    assert "- Added (1):\n  - Practice 4" in notes and "(`dakar-new-practice`)" in notes
    assert "- Updated (1):\n  - Montréal Newcomer Integration Office (BINAM) (`montreal-binam`)" in notes
    assert "- Removed (1):\n  - vienna-core (`vienna-core`)" in notes
    assert "24 pratiques, depuis v2026.1" in notes


def test_the_command_reports_each_step(tmp_path):
    project = copy_project(tmp_path / "project")
    result = subprocess.run(
        [os.sys.executable, "-m", "generator.cli", "release", "--version", "2026.3", "--project-dir", str(project)],
        capture_output=True, text=True, env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
    )
    assert result.returncode == 0, result.stderr
    for step in ("checked the catalogue", "rendered the fr PDF", "rendered the en PDF", "built the site",
                 "archived the site", "wrote the release notes and checksums"):
        assert re.search(rf"  {step} \(\d+\.\d s\)", result.stdout), step
    again = subprocess.run(
        [os.sys.executable, "-m", "generator.cli", "release", "--version", "2026.3", "--project-dir", str(project)],
        capture_output=True, text=True, env=dict(os.environ, SOURCE_DATE_EPOCH=EPOCH),
    )
    assert again.returncode == 1 and "already exists" in again.stderr and "Traceback" not in again.stderr


def test_hostile_text_stays_inert_text_in_the_pdf(tmp_path, monkeypatch):
    project = copy_project(tmp_path / "project")
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
