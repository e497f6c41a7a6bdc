"""`publish new` (generator/new_practice.py): each answer checked as it is
given, a wrong one asked again with the reason, in the contributor's
language, and nothing typed lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from generator.languages import site_languages
from generator.new_practice import questions

# The questions asked, in order, when no option gives their answer.
ASKED = [question.name for question in questions(site_languages()) if question.asked]
GOOD = {
    "title_fr": "Centre de ressources", "title_en": "", "title_es": "", "summary_fr": "Un centre municipal oriente les migrants.",
    "summary_en": "", "summary_es": "", "city_fr": "Quezon City", "city_en": "", "city_es": "", "country": "PH",
    "lat": "14,676", "lon": "121.0437", "start": "2016", "themes": "information-orientation", "gcm": "16 3",
    "source_title": "Quezon City", "source_url": "https://quezoncity.gov.ph/", "source_lang": "en",
}
ENTRY = "practices/quezon-city-centre-de-ressources.yml"


def new(project: Path, lines: list[str], *options: str, lang: str = "C.UTF-8") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator.cli", "new", *options], cwd=project,
                          input="".join(line + "\n" for line in lines), capture_output=True, text=True, timeout=120,
                          env={**os.environ, "LANG": lang})


def answers(**wrong_first: list[str]) -> list[str]:
    """The good answers in the order asked, each preceded by the wrong ones given for it."""
    return [line for name in ASKED for line in wrong_first.get(name, []) + [GOOD[name]]]


def as_options(**changed: str) -> list[str]:
    """The good answers given as options, some ``changed``."""
    values = {**GOOD, **changed}
    return [item for name in ASKED for item in ("--city" if name == "city_fr" else f"--{name.replace('_', '-')}", values[name])]


def empty_project(tmp_path: Path) -> Path:
    (tmp_path / "practices").mkdir()
    return tmp_path


def test_a_wrong_answer_is_asked_again_on_the_spot_and_nothing_typed_is_lost(tmp_path):
    project = empty_project(tmp_path)
    result = new(project, answers(country=["Philippines"], lon=["north"], themes=["orientation"], gcm=["16 25"],
                                  source_url=["quezoncity.gov.ph", "http://192.168.1.10/intranet"], source_lang=["english"]))
    assert result.returncode == 0, result.stdout + result.stderr
    said = result.stderr
    assert "country: 'Philippines' is not a country code" in said
    assert "coordinates.lon: 'north' is not a number" in said
    assert "themes #1: 'orientation' is not an allowed value (did you mean 'information-orientation'?)" in said
    assert "gcm_objectives #2: 25 is out of range (from 1 to 23)" in said
    assert "sources #1.url: 'quezoncity.gov.ph' is not a web address" in said
    assert "sources #1.url: '192.168.1.10' is an internal address" in said
    assert said.count("Try again, or press Ctrl-C to stop: nothing has been written.") == 7
    # Every answer made it to the file, the ones given before a mistake too.
    entry = yaml.safe_load((project / ENTRY).read_text(encoding="utf-8"))
    assert entry["title"] == {"fr": "Centre de ressources"} and entry["country"] == "PH"
    assert entry["coordinates"] == {"lat": 14.676, "lon": 121.0437} and entry["gcm_objectives"] == [16, 3]
    assert entry["sources"] == [{"title": "Quezon City", "url": "https://quezoncity.gov.ph/", "language": "en"}]
    checked = subprocess.run([sys.executable, "-m", "generator.cli", "check", ENTRY], cwd=project, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout


def test_the_end_says_where_the_file_and_its_preview_page_are(tmp_path):
    result = new(empty_project(tmp_path), answers())
    # Said as soon as the title and the city make it, while it can still change.
    assert f"the entry's file will be {ENTRY} (give --slug for another name)" in result.stderr
    assert f"Wrote {ENTRY}." in result.stdout
    assert "http://127.0.0.1:8000/catalogue/practices/quezon-city-centre-de-ressources/" in result.stdout


def test_questions_and_messages_are_in_the_contributors_language(tmp_path):
    result = new(empty_project(tmp_path), answers(gcm=["seize"]), lang="es_ES.UTF-8")
    assert result.returncode == 0, result.stderr
    assert "Título en francés (Intro si aún no lo hay)" in result.stdout
    assert "gcm_objectives: 'seize' no es un número entero" in result.stderr
    assert "Se ha escrito practices/quezon-city-centre-de-ressources.yml." in result.stdout
    assert "pendiente: title: todavía no hay texto en inglés" in result.stdout


def test_a_title_that_names_an_entry_already_there_asks_for_another_file_name(tmp_path):
    project = empty_project(tmp_path)
    (project / ENTRY).write_text("# someone else's entry\n", encoding="utf-8")
    lines = answers()
    at_city = ASKED.index("city_fr")
    # After the city, which makes the file name with the title: a name of its own.
    lines.insert(at_city + 1, "quezon-city-resource-centre-2")
    result = new(project, lines)
    assert result.returncode == 0, result.stderr
    assert f"slug: {ENTRY} is already in the catalogue" in result.stderr
    assert (project / ENTRY).read_text() == "# someone else's entry\n"
    assert (project / "practices/quezon-city-resource-centre-2.yml").is_file()


def test_without_a_terminal_a_missing_answer_names_its_option(tmp_path):
    project = empty_project(tmp_path)
    result = new(project, [GOOD[name] for name in ASKED[: ASKED.index("country")]])
    assert result.returncode == 2
    assert "no answer to “Country code (ISO 3166-1, e.g. CA, FR, BR)”: give it with --country" in result.stderr
    assert "Aborted!" not in result.stderr and "Traceback" not in result.stderr
    assert list((project / "practices").iterdir()) == []


def test_wrong_options_from_a_script_are_listed_by_option_and_nothing_is_written(tmp_path):
    project = empty_project(tmp_path)
    result = new(project, [], *as_options(gcm="16 24", start="soon"))
    assert result.returncode == 1
    assert "--start (period.start): 'soon' is not a whole number" in result.stderr
    assert "--gcm (gcm_objectives #2): 24 is out of range (from 1 to 23)" in result.stderr
    assert list((project / "practices").iterdir()) == []


def test_an_answer_keeps_what_the_form_keeps(tmp_path):
    # Only spaces, tabs and line ends are cut around an answer, as the web
    # form cuts them: a line separator typed at the end stays in the file.
    project = empty_project(tmp_path)
    result = new(project, [], *as_options(summary_fr="  Un centre municipal oriente les migrants.\u2028 \t"))
    assert result.returncode == 0, result.stderr
    entry = yaml.safe_load((project / ENTRY).read_text(encoding="utf-8"))
    assert entry["summary"] == {"fr": "Un centre municipal oriente les migrants.\u2028"}


def test_a_start_year_no_source_gives_is_written_as_not_known(tmp_path):
    project = empty_project(tmp_path)
    result = new(project, [line for name, line in zip(ASKED, answers()) if name != "start"], "--start", "")
    assert result.returncode == 0, result.stderr
    entry = yaml.safe_load((project / ENTRY).read_text(encoding="utf-8"))
    assert entry["period"] == {"start": None, "end": None}


def test_ctrl_c_stops_the_questions_and_writes_nothing(tmp_path):
    # click reads Ctrl-C at a prompt as it reads the end of the input; the
    # answer must not be taken as empty (a newcomer could not leave).
    import signal
    import time

    project = empty_project(tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "generator.cli", "new"], cwd=project, stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "LANG": "C.UTF-8"})
    process.stdin.write(GOOD["title_fr"] + "\n")
    process.stdin.flush()
    deadline = time.monotonic() + 30
    seen = ""
    while "Title in English" not in seen and time.monotonic() < deadline:
        seen += process.stdout.read(1)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=30)
    assert process.returncode == 130, stdout + stderr
    assert "Interrupted: publish new was stopped." in stderr and "Traceback" not in stderr
    assert list((project / "practices").iterdir()) == []
