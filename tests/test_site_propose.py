"""'Propose a practice': the web form writes the file `publish new` writes,
checked by the same schema and worded as `publish check` words it, in every
language of the site, in a real Chromium against the built site."""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.catalogue import checks, schema, text_rules
from generator.catalogue.scaffold import practice_from_answers, render_practice
from generator.catalogue.vocabularies import load_vocabularies
from generator.i18n import translations
from generator.languages import site_languages
from generator.pages.propose import MAX_LINK_LENGTH, new_file_url, repository_file_url
from generator.site_build import build_site
from tests.browser import GuardedPage
from tests.conftest import PROJECT_DIR, parse

LANGUAGES = site_languages()
EDIT_URL = "https://github.com/example-org/cities-migration/edit/main/{path}"
NEW_FILE = "https://github.com/example-org/cities-migration/new/main"
VENDORED_AJV = PROJECT_DIR / "overrides/assets/javascripts/vendor/ajv2020.min.js"
NPM_AJV = PROJECT_DIR / "node_modules/ajv-dist/dist/ajv2020.min.js"
VENDORED_YAML = PROJECT_DIR / "overrides/assets/javascripts/vendor/yaml-js.min.js"
NPM_YAML = PROJECT_DIR / "node_modules/yaml-js/yaml.min.js"

# Answers as a city officer could type them, with what YAML and HTML must
# survive: quotes, colons, '#', a multi-line Markdown description with an
# indented line, accents, a decimal comma, two sources and two partners.
ANSWERS: dict[str, str | list[str]] = {
    "title.fr": "Maison « d'accueil » : #1 des nouveaux arrivants",
    "title.en": 'The "Welcome" house: #1 for newcomers',
    "summary.fr": "La Ville accueille les personnes nouvellement arrivées et les oriente vers ses services.",
    "summary.en": "The City welcomes newcomers and guides them to its services.",
    "description.en": "First paragraph: the context.\n\n- an item\n  continued on an indented line\n- <b>bold?</b> no: text\n\nLast line.  ",
    "results.fr": "Plus de 300 personnes accueillies en 2023 [source 1].",
    "city.fr": "Montréal",
    "city.en": "Montreal",
    "country": "CA",
    "coordinates.lat": "45,50191",
    "coordinates.lon": "-73.5674",
    "government_level": "metropolitan",
    "period.start": "2018",
    "period.end": "2024",
    "themes": ["reception", "housing"],
    "gcm_objectives[0]": "16",
    "gcm_objectives": ["15", "16"],
    "gcm_principles": ["people-centred"],
    "sdg_targets": ["10.7", "11.1"],
    "target_groups": ["refugees"],
    "networks": ["metropolis"],
    "sources[0].title": "BINAM – Ville de Montréal",
    "sources[0].url": "https://montreal.ca/binam",
    "sources[0].language": "fr",
    "sources[1].title": "Report: 2024 \"figures\"",
    "sources[1].url": "https://example.org/report?a=1&b=2",
    "partners[0].fr": "Haut Commissariat des Nations unies pour les réfugiés",
    "partners[0].en": "UNHCR",
    "partners[1].fr": "Concertation Montréal",
}
# What only a careful copy of Python's rules gets right: a backslash, a line
# separator and an indented line in Markdown, a latitude that rounds to -0.0,
# a longitude exactly halfway between two fourth decimals (Python rounds it
# to the even one), a name that is the same in every language it is given in.
TRICKY_ANSWERS: dict[str, str | list[str]] = {
    "title.es": "Casa \\ «abierta» 🏠 para todas",
    "summary.es": "La Ciudad abre su casa.",
    "description.es": "Primera línea\u2028segunda línea\n\n    código sangrado\n> cita",
    "city.es": "Ciudad de Panamá",
    "country": "PA",
    "coordinates.lat": "-0.00001",
    "coordinates.lon": "0.03125",
    "period.start": "2020",
    "themes": ["participation"],
    "gcm_objectives": ["7"],
    "sources[0].title": "Alcaldía",
    "sources[0].url": "https://mupa.gob.pa/",
    "partners[0].fr": "ACNUR",
    "partners[0].es": "ACNUR",
}
SELECTS = {"country", "government_level", "gcm_objectives[0]", "sources[0].language", "sources[1].language"}


def propose_path(lang: str) -> str:
    return LANGUAGES.root(lang) + "catalogue/propose/"


def gettext(lang: str, message: str) -> str:
    return translations(lang).gettext(message)


@pytest.fixture(scope="module")
def forge_site(tmp_path_factory):
    """The project built as the publishing workflow builds it: with the
    forge's edit address, so the form offers the pull request."""
    before = os.environ.get("EDIT_URL")
    os.environ["EDIT_URL"] = EDIT_URL
    try:
        built = build_site(PROJECT_DIR, tmp_path_factory.mktemp("forge") / "site")
    finally:
        if before is None:
            del os.environ["EDIT_URL"]
        else:
            os.environ["EDIT_URL"] = before
    from tests.browser import serve_folder

    with serve_folder(built.site_dir) as url:
        yield built, url


@pytest.fixture()
def guarded(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = GuardedPage(context)
    yield page.page
    context.close()
    assert page.foreign_requests == [], "the form asked another host for something"
    assert page.failed_responses == [], "the form asked its own server for something missing"


def fill(page, answers: dict) -> None:
    for kind in ("sources", "partners"):
        rows = 1 + max((int(m) for key in answers for m in re.findall(rf"^{kind}\[(\d+)\]", key)), default=-1)
        while page.locator(f'[data-rows="{kind}"] > li').count() < rows:
            page.click(f'[data-add="{kind}"]')
    for name, value in answers.items():
        if isinstance(value, list):
            for choice in value:
                page.check(f'input[name="{name}"][value="{choice}"]')
        elif name in SELECTS:
            page.select_option(f'[name="{name}"]', value)
        else:
            page.fill(f'[name="{name}"]', value)


def submit(page) -> None:
    page.click("#propose-form button[type=submit]")


def today_in(page) -> datetime.date:
    return datetime.date.fromisoformat(page.evaluate(
        "(() => { const d = new Date(); return [d.getFullYear(), String(d.getMonth() + 1).padStart(2, '0'),"
        " String(d.getDate()).padStart(2, '0')].join('-'); })()"))


def test_the_forge_new_file_page_comes_from_the_edit_address():
    assert new_file_url(EDIT_URL) == NEW_FILE
    assert repository_file_url(EDIT_URL, "CONTRIBUTING.md") == "https://github.com/example-org/cities-migration/blob/main/CONTRIBUTING.md"
    # No edit address, or a forge whose new-file page reads other parameters: no link.
    assert new_file_url(None) is None
    assert new_file_url("https://gitlab.com/org/cities/-/edit/main/{path}") is None


def test_the_answers_make_the_file_publish_new_writes(tmp_path):
    """The Python half of the form: the same rules as `publish new`."""
    practice = practice_from_answers(ANSWERS, load_vocabularies())
    assert practice.slug == "montreal-maison-d-accueil-1-des-nouveaux-arrivants"
    assert practice.gcm_objectives == [16, 15]
    assert practice.city == {code: ("Montreal" if code == "en" else "Montréal") for code in LANGUAGES.codes}
    assert practice.partners == [{"fr": ANSWERS["partners[0].fr"], "en": "UNHCR"}, {"fr": "Concertation Montréal"}]
    text = render_practice(practice, datetime.date(2026, 11, 26))
    assert '  - "Concertation Montréal"\n' in text  # one name: the schema's plain name
    assert publish_check(tmp_path, practice.slug, text).returncode == 0


def publish_check(folder: Path, slug: str, text: str) -> subprocess.CompletedProcess:
    entry = folder / "practices" / f"{slug}.yml"
    entry.parent.mkdir(parents=True, exist_ok=True)
    entry.write_text(text, encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "generator.cli", "check", str(entry)], cwd=PROJECT_DIR,
                          capture_output=True, text=True)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES.codes)
def test_valid_answers_give_the_file_publish_new_writes_and_publish_check_accepts(forge_site, guarded, lang, tmp_path):
    _, url = forge_site
    page = guarded
    page.goto(url + propose_path(lang))
    fill(page, ANSWERS)
    submit(page)
    written = page.text_content("#practice-yaml")

    expected = render_practice(practice_from_answers(ANSWERS, load_vocabularies()), today_in(page))
    assert written == expected
    result = publish_check(tmp_path, "montreal-maison-d-accueil-1-des-nouveaux-arrivants", written)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout

    # The link to the forge carries the file's name and content.
    link = urlsplit(page.get_attribute("#propose-pull-request", "href"))
    assert f"{link.scheme}://{link.netloc}{link.path}" == NEW_FILE
    query = parse_qs(link.query)
    assert query["filename"] == ["practices/montreal-maison-d-accueil-1-des-nouveaux-arrivants.yml"]
    assert query["value"] == [written]
    # Languages left empty are translations to do, said in the reader's language.
    spanish = LANGUAGES.name("es", lang) if "es" in LANGUAGES.codes else None
    if spanish:
        assert gettext(lang, checks.NO_TEXT_YET) % {"language": spanish} in page.text_content("#propose-todo")

    # A reload keeps the answers, and so the file.
    page.reload()
    assert page.input_value('[name="title.en"]') == ANSWERS["title.en"]
    assert page.input_value('[name="sources[1].url"]') == ANSWERS["sources[1].url"]
    assert page.is_checked('input[name="themes"][value="housing"]')
    assert page.text_content("#practice-yaml") == written


@pytest.mark.browser
def test_what_only_python_rules_get_right_is_written_alike(forge_site, guarded, tmp_path):
    _, url = forge_site
    page = guarded
    page.goto(url + propose_path(LANGUAGES.default))
    fill(page, TRICKY_ANSWERS)
    submit(page)
    written = page.text_content("#practice-yaml")
    practice = practice_from_answers(TRICKY_ANSWERS, load_vocabularies())
    assert (practice.lat, practice.lon, practice.partners) == (-0.0, 0.0312, [{"fr": "ACNUR", "es": "ACNUR"}])
    assert written == render_practice(practice, today_in(page))
    assert "coordinates: {lat: -0.0, lon: 0.0312}" in written
    result = publish_check(tmp_path, practice.slug, written)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.browser
def test_norway_and_norwegian_stay_text_in_the_file(forge_site, guarded, tmp_path):
    """YAML 1.1 reads a bare NO or no as false: the file quotes them, and
    publish check reads the country and the language the reader chose."""
    _, url = forge_site
    page = guarded
    page.goto(url + propose_path(LANGUAGES.default))
    answers = {**TRICKY_ANSWERS, "country": "NO", "sources[0].language": "no", "city.es": "Oslo",
               "sources[0].url": "https://www.oslo.kommune.no/"}
    fill(page, answers)
    submit(page)
    written = page.text_content("#practice-yaml")
    assert 'country: "NO"\n' in written and '    language: "no"\n' in written
    practice = practice_from_answers(answers, load_vocabularies())
    assert written == render_practice(practice, today_in(page))
    result = publish_check(tmp_path, practice.slug, written)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES.codes)
def test_mistakes_are_shown_on_their_fields_as_publish_check_words_them(forge_site, guarded, lang):
    _, url = forge_site
    page = guarded
    page.goto(url + propose_path(lang))

    def said(message: str, hint: str) -> str:
        return f"{message} ({hint})"

    # As the reader leaves the field (by the keyboard).
    page.fill('[name="sources[0].url"]', "montreal.ca/binam")
    page.keyboard.press("Tab")
    url_field = page.locator('[name="sources[0].url"]')
    assert url_field.get_attribute("aria-invalid") == "true"
    message_id = "field-sources-0-url-message"
    assert message_id in url_field.get_attribute("aria-describedby").split()
    assert page.text_content(f"#{message_id}") == said(
        "'montreal.ca/binam' " + gettext(lang, "is not a web address"),
        gettext(lang, "start it with https:// — copy the full address from the browser's address bar"))

    page.fill('[name="period.start"]', "2020")
    page.fill('[name="period.end"]', "2010")
    page.keyboard.press("Tab")
    assert page.get_attribute('[name="period.end"]', "aria-invalid") == "true"
    assert page.text_content("#field-period-end-message") == said(
        gettext(lang, checks.ENDS_BEFORE_START) % {"end": 2010, "start": 2020}, gettext(lang, checks.ENDS_BEFORE_START_HINT))

    page.fill('[name="coordinates.lat"]', "95")
    page.keyboard.press("Tab")
    assert page.text_content("#field-coordinates-lat-message") == said(
        gettext(lang, schema.OUT_OF_RANGE) % {"value": 95},
        gettext(lang, schema.RANGE_HINT) % {"low": -90, "high": 90} + "; "
        + gettext(lang, "Latitude in decimal degrees (north is positive)"))

    page.fill(f'[name="description.{lang}"]', "Figures [source 3].")
    page.keyboard.press("Tab")
    assert page.text_content(f"#field-description-{lang}-message") == said(
        gettext(lang, checks.NO_SUCH_SOURCE) % {"number": 3, "count": 1}, gettext(lang, checks.SOURCE_NUMBER_HINT))

    # A practice already in the catalogue is not proposed again as new.
    page.fill(f'[name="title.{lang}"]', "BINAM")
    page.fill(f'[name="city.{lang}"]', "Montréal")
    page.keyboard.press("Tab")
    assert page.text_content("#field-title-message") == said(
        gettext(lang, "%(path)s is already in the catalogue") % {"path": "practices/montreal-binam.yml"},
        gettext(lang, "give the practice a title of its own, or propose a change to that entry instead"))
    page.fill(f'[name="title.{lang}"]', "")
    page.fill(f'[name="city.{lang}"]', "")

    # A field not visited yet says nothing before the form is sent.
    assert page.get_attribute(f'[name="summary.{lang}"]', "aria-invalid") is None
    assert page.text_content("#field-summary-message") == ""
    assert page.text_content("#practice-yaml") == ""
    assert page.get_attribute("#propose-pull-request", "href") is None

    # On submit: every mistake, the first one focused; the message tied to each control of the group.
    submit(page)
    title = page.locator(f'[name="title.{lang}"]')
    assert title.get_attribute("aria-invalid") == "true"
    assert "field-title-message" in title.get_attribute("aria-describedby").split()
    assert page.text_content("#field-title-message") == said(gettext(lang, schema.IS_MISSING), gettext(lang, "Name of the practice"))
    assert page.evaluate("document.activeElement.name") == f"title.{lang}"  # the reader's language first
    assert page.text_content("#field-themes-message") == said(gettext(lang, schema.LIST_EMPTY), gettext(lang, "What the practice does."))
    assert page.get_attribute('input[name="themes"][value="reception"]', "aria-invalid") == "true"

    # Corrected, the message goes as the text is typed.
    page.fill('[name="sources[0].url"]', "https://montreal.ca/binam")
    assert page.get_attribute('[name="sources[0].url"]', "aria-invalid") is None
    assert page.text_content(f"#{message_id}") == ""


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["fr", "es"])
def test_pasted_invisible_characters_are_shown_on_their_fields_as_publish_check_words_them(forge_site, guarded, lang):
    _, url = forge_site
    page = guarded
    page.goto(url + propose_path(lang))
    # Text pasted from a word processor or a right-to-left page: an escape
    # twice after an astral character (positions count characters, as in
    # Python), and a direction override in a city's name (refused in names,
    # a warning only in running text).
    description = "Un accueil 🏠 pour\x1b tous\x1b."
    page.fill(f'[name="description.{lang}"]', description)
    page.fill(f'[name="city.{lang}"]', "Lyon\u202e")
    page.fill(f'[name="summary.{lang}"]', "Un résumé \u202e en arabe.")
    page.keyboard.press("Tab")
    submit(page)
    # publish check's findings, in English, then as the form gives them in the reader's language.
    position = description.index("\x1b") + 1  # 18: the house is one character, two UTF-16 units
    where = {"character": "U+001B ESCAPE", "where": text_rules.AND_MORE % {"position": position, "more": 1}}
    assert text_rules.text_findings(description, strict=False) == [
        (position - 1, text_rules.CONTROL % where, text_rules.CONTROL_HINT, "error")]
    control = gettext(lang, text_rules.CONTROL) % {
        "character": "U+001B ESCAPE", "where": gettext(lang, text_rules.AND_MORE) % {"position": position, "more": 1}}
    assert page.text_content(f"#field-description-{lang}-message") == f"{control} ({gettext(lang, text_rules.CONTROL_HINT)})"
    assert page.get_attribute(f'[name="description.{lang}"]', "aria-invalid") == "true"
    bidi = gettext(lang, text_rules.BIDI_IN_NAME) % {
        "character": "U+202E RIGHT-TO-LEFT OVERRIDE", "where": gettext(lang, text_rules.AT_CHARACTER) % {"position": 5}}
    assert page.text_content(f"#field-city-{lang}-message") == f"{bidi} ({gettext(lang, text_rules.BIDI_IN_NAME_HINT)})"
    assert page.text_content(f"#field-summary-{lang}-message") == ""
    assert page.get_attribute(f'[name="summary.{lang}"]', "aria-invalid") is None


@pytest.mark.browser
def test_sources_are_added_and_removed_by_the_keyboard_and_keep_their_answers(forge_site, guarded):
    _, url = forge_site
    page = guarded
    page.goto(url + propose_path(LANGUAGES.default))
    page.focus('[data-add="sources"]')
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.name") == "sources[1].title"  # into the new row
    page.keyboard.type("Second source")
    page.keyboard.press("Tab")
    page.keyboard.type("https://example.org/second")
    page.fill('[name="sources[0].title"]', "First source")
    # Removing the first row numbers the second again, with its answers, and
    # leaves the focus on the button that adds one.
    page.focus('[data-rows="sources"] > li:first-child [data-remove]')
    page.keyboard.press("Enter")
    assert page.locator('[data-rows="sources"] > li').count() == 1
    assert page.input_value('[name="sources[0].title"]') == "Second source"
    assert page.input_value('[name="sources[0].url"]') == "https://example.org/second"
    assert page.evaluate("document.activeElement.getAttribute('data-add')") == "sources"


@pytest.mark.browser
def test_a_file_too_long_for_an_address_is_copied_for_the_reader_to_paste(forge_site, guarded):
    _, url = forge_site
    page = guarded
    page.goto(url + propose_path(LANGUAGES.default))
    long_description = "\n\n".join(f"Paragraph {n}: what the city does, step by step." for n in range(200))
    fill(page, {**ANSWERS, "description.en": long_description})
    submit(page)
    written = page.text_content("#practice-yaml")
    href = page.get_attribute("#propose-pull-request", "href")
    assert len(written) > MAX_LINK_LENGTH
    assert parse_qs(urlsplit(href).query) == {"filename": ["practices/montreal-maison-d-accueil-1-des-nouveaux-arrivants.yml"]}
    # The reader follows the link (kept from leaving the test's host): the file is copied.
    page.evaluate("document.getElementById('propose-pull-request').addEventListener('click', e => e.preventDefault())")
    page.click("#propose-pull-request")
    page.wait_for_function("document.getElementById('propose-action-status').textContent !== ''")
    assert page.evaluate("navigator.clipboard.readText()") == written


@pytest.mark.browser
def test_the_file_downloads_under_its_name_and_clearing_forgets_the_answers(forge_site, guarded):
    _, url = forge_site
    page = guarded
    page.goto(url + propose_path(LANGUAGES.default))
    fill(page, ANSWERS)
    submit(page)
    with page.expect_download() as download:
        page.click("#propose-download")
    assert download.value.suggested_filename == "montreal-maison-d-accueil-1-des-nouveaux-arrivants.yml"
    assert Path(download.value.path()).read_text(encoding="utf-8") == page.text_content("#practice-yaml")

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("#propose-clear")
    assert page.input_value('[name="title.en"]') == ""
    page.reload()
    assert page.input_value('[name="title.en"]') == ""
    assert page.text_content("#practice-yaml") == ""


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1366])
def test_the_form_fits_a_phone_and_sets_the_languages_side_by_side_on_a_desk(forge_site, browser, width):
    _, url = forge_site
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(url + propose_path(LANGUAGES.default))
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    first, second = (page.locator(f'[name="title.{code}"]').bounding_box() for code in LANGUAGES.codes[:2])
    if width < 500:
        assert second["y"] > first["y"]  # one under the other
    else:
        assert second["y"] == first["y"] and second["x"] > first["x"]  # side by side
    context.close()


def test_without_javascript_the_page_says_what_the_form_needs_and_where_to_go(forge_site, built_site):
    forge, _ = forge_site
    for lang in LANGUAGES.codes:
        html = parse(forge.site_dir / propose_path(lang) / "index.html")
        links = re.findall(r'href="([^"]+)"', str(html.noscript))
        assert any(link.startswith("https://github.com/example-org/cities-migration/blob/main/CONTRIBUTING") for link in links)
        assert "https://github.com/example-org/cities-migration/blob/main/generator/catalogue/templates/practice.yml.j2" in links
        assert html.select_one("#propose-form").has_attr("hidden")  # shown by the script only
    # Built without an edit address: no link to a forge, and the page says so.
    html = parse(built_site.site_dir / propose_path(LANGUAGES.default) / "index.html")
    if not os.environ.get("EDIT_URL"):
        assert html.select_one("#propose-pull-request") is None
        assert html.select_one("#propose-no-forge") is not None


def test_the_form_is_linked_from_the_catalogue_the_home_and_the_about_page(built_site):
    for lang in LANGUAGES.codes:
        root = built_site.site_dir / LANGUAGES.root(lang)
        for page, target in [("catalogue", "propose/"), ("", "catalogue/propose/"), ("about", "../catalogue/propose/")]:
            html = parse(root / page / "index.html")
            assert html.select(f'article a[href="{target}"]'), (lang, page)


def test_publish_pages_writes_the_form_the_catalogue_links_to(tmp_path):
    """For another Markdown engine: the catalogue's index links to the form."""
    lang = LANGUAGES.default
    result = subprocess.run([sys.executable, "-m", "generator.cli", "pages", "--out", str(tmp_path), "--lang", lang],
                            cwd=PROJECT_DIR, env={**os.environ, "EDIT_URL": EDIT_URL}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "](propose.md)" in (tmp_path / lang / "catalogue" / "index.md").read_text(encoding="utf-8")
    form = (tmp_path / lang / "catalogue" / "propose.md").read_text(encoding="utf-8")
    assert 'id="propose-form"' in form and f'href="{NEW_FILE}"' in form
    assert (tmp_path / lang / "catalogue" / "propose" / "practice.schema.json").is_file()


def test_the_served_validator_is_the_npm_package_the_project_pins():
    pinned = json.loads((PROJECT_DIR / "package.json").read_text(encoding="utf-8"))["devDependencies"]["ajv-dist"]
    assert VENDORED_AJV.read_text(encoding="utf-8").startswith(f"/* ajv {pinned} (ajv2020)")
    if not NPM_AJV.is_file():
        pytest.skip(f"{NPM_AJV} is missing (`npm ci` installs it): the vendored copy is not compared")
    assert VENDORED_AJV.read_bytes() == NPM_AJV.read_bytes(), "copy node_modules/ajv-dist/dist/ajv2020.min.js again"


def test_the_served_yaml_reader_is_the_npm_package_the_project_pins():
    pinned = json.loads((PROJECT_DIR / "package.json").read_text(encoding="utf-8"))["devDependencies"]["yaml-js"]
    licence = VENDORED_YAML.with_name("yaml-js.LICENSE.txt").read_text(encoding="utf-8")
    assert f"yaml-js {pinned} " in licence and f"yaml-js@{pinned} " in licence and "WTFPL" in licence
    if not NPM_YAML.is_file():
        pytest.skip(f"{NPM_YAML} is missing (`npm ci` installs it): the vendored copy is not compared")
    assert json.loads(NPM_YAML.with_name("package.json").read_text(encoding="utf-8"))["version"] == pinned
    assert VENDORED_YAML.read_bytes() == NPM_YAML.read_bytes(), "copy node_modules/yaml-js/yaml.min.js again"


AXE = PROJECT_DIR / "node_modules" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_the_form_and_its_messages_pass_axe_at_phone_and_desk_widths(forge_site, browser, width):
    """As tests/test_accessibility.py checks the other pages, here with the
    messages shown too (aria-invalid, aria-describedby)."""
    if not AXE.is_file():
        pytest.skip(f"ACCESSIBILITY TESTS SKIPPED: {AXE} is missing; `./tasks test` installs it with npm ci")
    _, url = forge_site
    context = browser.new_context(viewport={"width": width, "height": 900})
    guarded = GuardedPage(context)
    page = guarded.page
    page.goto(url + propose_path(LANGUAGES.default))
    fill(page, {"title.fr": "Accueil", "sources[0].url": "montreal.ca", "period.start": "1800"})
    submit(page)
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_22_AA)
    violations = [(v["id"], [node["target"] for node in v["nodes"]][:3]) for v in result["violations"]]
    assert page.locator('[aria-invalid="true"]').count() > 5
    context.close()
    assert violations == []
    assert guarded.foreign_requests == []
