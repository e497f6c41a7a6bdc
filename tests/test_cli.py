"""The `publish` command as people run it: real output, no traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT_DIR


def publish(*args: str, cwd: Path = PROJECT_DIR) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args], cwd=cwd, capture_output=True, text=True
    )


def test_build_reports_each_step_and_the_result(project_copy, tmp_path):
    result = publish("build", "--project-dir", str(project_copy), "--site-dir", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "built the fr pages from mkdocs.yml" in result.stdout
    assert "built the en pages from mkdocs.en.yml" in result.stdout
    assert "indexed the search" in result.stdout
    assert (tmp_path / "out" / "en" / "index.html").is_file()


def test_a_broken_link_is_an_error_message_not_a_traceback(project_copy, tmp_path):
    page = project_copy / "content" / "fr" / "about.md"
    page.write_text(page.read_text() + "\n[lien](nulle-part.md)\n")
    result = publish("build", "--project-dir", str(project_copy), "--site-dir", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "about.md" in result.stderr and "nulle-part.md" in result.stderr
    assert "previous site, if any, was left as it was" in result.stderr
    assert not (tmp_path / "out").exists()


def test_outside_the_project_the_error_says_where_to_run_it(tmp_path):
    result = publish("build", cwd=tmp_path)
    assert result.returncode == 1
    assert "mkdocs.yml: not found" in result.stderr and "--project-dir" in result.stderr
    assert "Traceback" not in result.stderr


def test_serve_refuses_an_unknown_language_with_the_list():
    result = publish("serve", "--lang", "de")
    assert result.returncode == 2
    assert "'de'; the site has fr, en" in result.stderr


def test_help_shows_an_example():
    result = publish("build", "--help")
    assert "Example:" in result.stdout and "publish build --site-dir" in result.stdout


BROKEN = Path(__file__).parent / "broken_practices"


def practices_project(tmp_path: Path, *entries: Path) -> Path:
    (tmp_path / "practices").mkdir()
    for entry in entries:
        (tmp_path / "practices" / entry.name).write_bytes(entry.read_bytes())
    return tmp_path


def test_check_passes_on_the_shipped_catalogue():
    result = publish("check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "files checked: 0 errors, 0 warnings. All good." in result.stdout


def test_check_prints_located_advice_and_fails(tmp_path):
    project = practices_project(tmp_path, BROKEN / "theme-misspelt.yml", BROKEN / "country-alias.yml")
    result = publish("check", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "practices/theme-misspelt.yml:21:21: themes[1]: 'housng' is not an allowed value (did you mean 'housing'?)" in result.stdout
    assert "practices/country-alias.yml:17:10: country: 'UK' is not a country code" in result.stdout
    assert "2 files checked: 2 errors, 0 warnings." in result.stdout


def test_check_speaks_json_for_programs(tmp_path):
    project = practices_project(tmp_path, BROKEN / "url-with-space.yml")
    result = publish("check", "--format", "json", cwd=project)
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert report["files"] == 1 and report["valid"] == 0
    assert report["errors"][0] | {} == {
        "file": "practices/url-with-space.yml", "line": 26, "column": 10, "field": "sources[0].url",
        "message": "the address contains a space", "hint": "copy the full address from the browser's address bar",
        "severity": "error",
    }


def test_check_writes_github_annotations_on_the_right_line(tmp_path):
    project = practices_project(tmp_path, BROKEN / "status-misspelt.yml")
    result = publish("check", "--format", "github", cwd=project)
    assert result.stdout.splitlines() == [
        "::error file=practices/status-misspelt.yml,line=28,col=11,title=review.status::"
        "'validate' is not an allowed value (did you mean 'validated'?)"
    ]


def test_check_of_named_files_only_reports_those(tmp_path):
    project = practices_project(tmp_path, BROKEN / "theme-misspelt.yml", BROKEN / "country-alias.yml")
    result = publish("check", "practices/country-alias.yml", cwd=project)
    assert "theme-misspelt" not in result.stdout and "country-alias" in result.stdout


def test_new_writes_an_entry_that_check_accepts(tmp_path):
    project = practices_project(tmp_path)
    answers = [
        "--title-fr", "Maison d'accueil des réfugiés", "--title-en", "Refugee Welcome House",
        "--summary-fr", "La Ville accueille les personnes réfugiées.", "--summary-en", "The City welcomes refugees.",
        "--city", "Genève", "--city-en", "Geneva", "--country", "ch", "--lat", "46.2044", "--lon", "6.1432",
        "--start", "2019", "--themes", "reception, housing", "--gcm", "16 15",
        "--source-title", "Ville de Genève", "--source-url", "https://www.geneve.ch/",
    ]
    result = subprocess.run([sys.executable, "-m", "generator.cli", "new", *answers], cwd=project,
                            capture_output=True, text=True, input="")
    assert result.returncode == 0, result.stdout + result.stderr
    entry = project / "practices" / "geneve-maison-d-accueil-des-refugies.yml"
    assert entry.is_file()
    assert entry.read_text().startswith("# yaml-language-server: $schema=../generator/catalogue/practice.schema.json\n")
    checked = publish("check", cwd=project)
    assert checked.returncode == 0 and "All good." in checked.stdout


def test_new_asks_for_what_is_missing(tmp_path):
    project = practices_project(tmp_path)
    answers = "\n".join([
        "Centre de ressources", "", "Un centre municipal oriente les migrants.", "", "Quezon City", "", "PH",
        "14.676", "121.0437", "2016", "information-orientation", "16 3", "Quezon City", "https://quezoncity.gov.ph/",
    ]) + "\n"
    result = subprocess.run([sys.executable, "-m", "generator.cli", "new"], cwd=project, input=answers,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Wrote practices/quezon-city-centre-de-ressources.yml" in result.stdout
    assert "to do: title: no English text yet" in result.stdout


def test_new_refuses_wrong_answers_and_writes_nothing(tmp_path):
    project = practices_project(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "generator.cli", "new", "--title-fr", "Accueil", "--title-en", "", "--summary-fr", "Accueil.",
         "--summary-en", "", "--city", "Lyon", "--city-en", "", "--country", "FR", "--lat", "45.76", "--lon", "4.83",
         "--start", "2020", "--themes", "recepshun", "--gcm", "16", "--source-title", "Lyon", "--source-url", "lyon.fr"],
        cwd=project, capture_output=True, text=True, input="",
    )
    assert result.returncode == 1
    assert "'recepshun' is not an allowed value (did you mean 'reception'?)" in result.stderr
    assert "'lyon.fr' is not a web address" in result.stderr
    assert list((project / "practices").iterdir()) == []


def test_translations_lists_the_missing_languages_as_a_checklist(tmp_path):
    project = practices_project(tmp_path, BROKEN.parent / "valid_practice.yml")
    entry = project / "practices" / "valid_practice.yml"
    entry.rename(entry.with_name("lisbon-welcome-house.yml"))
    text = (project / "practices" / "lisbon-welcome-house.yml").read_text().replace("  en: Welcome House\n", "")
    (project / "practices" / "lisbon-welcome-house.yml").write_text(text)
    result = publish("translations", "--format", "markdown", cwd=project)
    assert result.stdout.splitlines() == ["- [ ] `practices/lisbon-welcome-house.yml` line 3, `title`: no English text yet"]
