"""The `publish` command as people run it: real output, no traceback."""

from __future__ import annotations

import contextlib
import json
import os
import re
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PROJECT_DIR


def publish(*args: str, cwd: Path = PROJECT_DIR) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args], cwd=cwd, capture_output=True, text=True
    )


def test_build_reports_each_step_and_the_result(project_copy, tmp_path):
    result = publish("build", "--project-dir", str(project_copy), "--site-dir", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert "built the fr pages from mkdocs.yml" in result.stdout
    assert "built the en pages from mkdocs.yml" in result.stdout
    assert "built the es pages from mkdocs.yml" in result.stdout
    assert "indexed the search" in result.stdout
    assert "Built " in result.stdout and " in fr, en, es into " in result.stdout
    assert (tmp_path / "out" / "en" / "index.html").is_file()
    assert (tmp_path / "out" / "es" / "index.html").is_file()


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
    assert "'de'; the site has fr, en, es" in result.stderr


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
    assert re.search(r"files checked: 0 errors, \d+ warnings?\.", result.stdout)


def test_check_prints_located_advice_and_fails(tmp_path):
    project = practices_project(tmp_path, BROKEN / "theme-misspelt.yml", BROKEN / "country-alias.yml")
    result = publish("check", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "practices/theme-misspelt.yml:26:21: themes #2: 'housng' is not an allowed value (did you mean 'housing'?)" in result.stdout
    assert "practices/country-alias.yml:22:10: country: 'UK' is not a country code" in result.stdout
    assert "2 files checked: 2 errors, 0 warnings." in result.stdout


def test_check_speaks_json_for_programs(tmp_path):
    project = practices_project(tmp_path, BROKEN / "url-with-space.yml")
    result = publish("check", "--format", "json", cwd=project)
    report = json.loads(result.stdout)
    assert result.returncode == 1
    assert report["files"] == 1 and report["valid"] == 0
    assert report["errors"][0] | {} == {
        "file": "practices/url-with-space.yml", "line": 31, "column": 10, "field": "sources[0].url",
        "message": "the address contains a space", "hint": "copy the full address from the browser's address bar",
        "severity": "error",
    }


def test_check_writes_github_annotations_on_the_right_line(tmp_path):
    project = practices_project(tmp_path, BROKEN / "status-misspelt.yml")
    result = publish("check", "--format", "github", cwd=project)
    assert result.stdout.splitlines() == [
        "::error file=practices/status-misspelt.yml,line=33,col=11,title=review.status::"
        "'validate' is not an allowed value (one of: submitted, changes-requested, editor-checked, peer-reviewed)"
    ]


def test_check_of_named_files_only_reports_those(tmp_path):
    project = practices_project(tmp_path, BROKEN / "theme-misspelt.yml", BROKEN / "country-alias.yml")
    result = publish("check", "practices/country-alias.yml", cwd=project)
    assert "theme-misspelt" not in result.stdout and "country-alias" in result.stdout


def test_new_writes_an_entry_that_check_accepts(tmp_path):
    project = practices_project(tmp_path)
    answers = [
        "--title-fr", "Maison d'accueil des réfugiés", "--title-en", "Refugee Welcome House",
        "--title-es", "Casa de acogida de refugiados",
        "--summary-fr", "La Ville accueille les personnes réfugiées.", "--summary-en", "The City welcomes refugees.",
        "--summary-es", "La Ciudad acoge a las personas refugiadas.",
        "--city", "Genève", "--city-en", "Geneva", "--city-es", "Ginebra", "--country", "ch", "--lat", "46.2044", "--lon", "6.1432",
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
        "Centre de ressources", "", "", "Un centre municipal oriente les migrants.", "", "", "Quezon City", "", "", "PH",
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
        [sys.executable, "-m", "generator.cli", "new", "--title-fr", "Accueil", "--title-en", "", "--title-es", "",
         "--summary-fr", "Accueil.", "--summary-en", "", "--summary-es", "",
         "--city", "Lyon", "--city-en", "", "--city-es", "", "--country", "FR", "--lat", "45.76", "--lon", "4.83",
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


# Ctrl-C and SIGTERM ------------------------------------------------------------
# The build runs as people run it, in a session of its own, so that a signal
# can go to its whole process group as a terminal sends Ctrl-C (children
# included), or to the parent alone as `kill` or a CI runner sends it.

INTERRUPTED_BUILD = "Interrupted: the build was stopped; the previous site was left as it was."


@contextlib.contextmanager
def started(*args: str, cwd: Path, env: dict | None = None) -> Iterator[subprocess.Popen]:
    """`publish ARGS` running in a session of its own; whatever of it is left
    when the block ends (if a test failed) is killed."""
    process = subprocess.Popen([sys.executable, "-m", "generator.cli", *args], cwd=cwd, env=env,
                               start_new_session=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()


def read_until(process: subprocess.Popen, text: str, times: int = 1) -> str:
    """The output up to the ``times``-th line holding ``text`` (click flushes
    each line)."""
    seen = ""
    while seen.count(text) < times:
        line = process.stdout.readline()
        assert line, f"the command ended before {text!r}: {seen}{process.communicate()}"
        seen += line
    return seen


def wait_for(condition, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"no {what} after {timeout} s"
        time.sleep(0.002)


def session_processes(session: int) -> list[str]:
    """The processes (Linux /proc) still in ``session``: the command's own
    session, so its children, and theirs."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[3] == str(session) and fields[0] != "Z":
            command = (stat.parent / "cmdline").read_bytes().replace(b"\0", b" ")[:120]
            found.append(f"{stat.parent.name}: {command!r}")
    return found


def assert_none_left(session: int) -> None:
    if not Path("/proc/self/stat").exists():
        return
    deadline = time.monotonic() + 2
    while session_processes(session) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert session_processes(session) == []


def scratch_folders(folder: Path) -> list[Path]:
    return sorted(folder.glob(".site.*"))


MOMENTS = {
    # Python is still importing the engine, or has just begun.
    "starting": lambda build, tmp_path: time.sleep(0.25),
    "checking the catalogue": lambda build, tmp_path: wait_for(lambda: scratch_folders(tmp_path), "scratch folder"),
    # The language builds' processes are being forked right then.
    "starting the language builds": lambda build, tmp_path: read_until(build, "checked"),
    "building the languages": lambda build, tmp_path: read_until(build, "built the "),
    "indexing the search": lambda build, tmp_path: read_until(
        build, "built the ", times=len(list((tmp_path / "project").glob("mkdocs*.yml")))),
}


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("moment", list(MOMENTS))
def test_a_signal_to_the_process_group_stops_the_build_and_keeps_the_previous_site(project_copy, tmp_path, moment, signum):
    site = tmp_path / "site"
    site.mkdir()
    (site / "MARKER").write_text("the previous site")
    with started("build", "--site-dir", str(site), cwd=project_copy) as build:
        MOMENTS[moment](build, tmp_path)
        os.killpg(build.pid, signum)  # as a terminal sends Ctrl-C: to the parent and its children
        stdout, stderr = build.communicate(timeout=60)
        assert_none_left(build.pid)

    assert build.returncode == 128 + signum, stdout + stderr  # 130, 143: the shell's convention
    assert "Traceback" not in stdout + stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Interrupted: "), stderr
    if moment != "starting":
        assert lines == [INTERRUPTED_BUILD]
    assert "Built" not in stdout
    assert sorted(path.name for path in site.iterdir()) == ["MARKER"]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project", "site"]  # no scratch folder left


def test_sigterm_to_the_parent_alone_ends_its_language_builds_too(project_copy, tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    (site / "MARKER").write_text("the previous site")
    with started("build", "--site-dir", str(site), cwd=project_copy) as build:
        read_until(build, "checked")
        time.sleep(0.1)
        build.terminate()  # the parent only: its children did not get the signal
        stdout, stderr = build.communicate(timeout=60)
        assert_none_left(build.pid)
    assert build.returncode == 143
    assert stderr.strip().splitlines() == [INTERRUPTED_BUILD]
    assert sorted(path.name for path in tmp_path.iterdir()) == ["project", "site"]
    assert sorted(path.name for path in site.iterdir()) == ["MARKER"]


def weasyprint_missing() -> str:
    try:
        import weasyprint  # noqa: F401  (needs Pango from the system)
    except OSError as error:
        return f"WeasyPrint cannot load Pango ({error})"
    return ""


@pytest.mark.skipif(bool(weasyprint_missing()), reason=weasyprint_missing() or "-")
@pytest.mark.parametrize(("signum", "after"), [
    (signal.SIGINT, "checked the catalogue"),  # while it renders the PDFs
    (signal.SIGTERM, "rendered the en PDF"),  # while it builds the site
], ids=["SIGINT-pdf", "SIGTERM-site"])
def test_a_signal_stops_a_release_and_leaves_nothing_in_dist(project_copy, signum, after):
    dist = project_copy / "dist"
    with started("release", "--version", "2026.9", cwd=project_copy,
                 env=dict(os.environ, SOURCE_DATE_EPOCH="1764028800")) as release:
        read_until(release, after)
        if after == "rendered the en PDF":
            wait_for(lambda: list(dist.glob(".2026.9.partial-*/.site.build-*")), "site build")
        os.killpg(release.pid, signum)
        stdout, stderr = release.communicate(timeout=60)
        assert_none_left(release.pid)
    assert release.returncode == 128 + signum, stdout + stderr
    assert "Traceback" not in stdout + stderr
    assert stderr.strip().splitlines() == ["Interrupted: the release was stopped; nothing was written to dist."]
    assert not dist.exists()  # not even the folder, which the release made


# What reaches the terminal -------------------------------------------------------
# Entries are hostile input: an escape sequence (ESC [2J clears the screen,
# ESC ]0; retitles the window), a carriage return or a bidirectional override
# in a file name or a value must reach the terminal as visible text, and a line
# break must not start a line of its own (GitHub reads `::command::` at the
# start of any line its runner prints).

HOSTILE_NAME = "evil\x1b[31m\r\u202e\n::error::injected.yml"
HIDDEN = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def hostile_project(tmp_path: Path) -> Path:
    entry = (BROKEN.parent / "valid_practice.yml").read_text()
    for old, new in [
        ("  en: Welcome House\n", ""),  # a missing translation, for `publish translations`
        # YAML's double-quoted escapes: the parsed values hold the raw characters.
        ("  fr: Lisbonne\n", '  fr: "Lisbonne\\e]0;owned\\a\\e[2J\\r\\u202e"\n'),
        ("country: PT", 'country: "p\\x1b[31mt"'),
        ("themes: [reception, housing]", 'themes: [reception, "hous\\x1b[31ming\\r\\u202e"]'),
    ]:
        assert old in entry
        entry = entry.replace(old, new)
    (tmp_path / "practices").mkdir(parents=True)
    (tmp_path / "practices" / HOSTILE_NAME).write_text(entry, encoding="utf-8")
    return tmp_path


def publish_exact(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """`publish ARGS`, its output decoded as it is (no newline translation,
    which would turn a carriage return into a line break)."""
    result = subprocess.run([sys.executable, "-m", "generator.cli", *args], cwd=cwd, env=env, capture_output=True)
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode(), result.stderr.decode())


def raw_controls(text: str) -> list[str]:
    """The characters a terminal would act on or hide (line breaks aside)."""
    return sorted({f"U+{ord(c):04X}" for c in text if c != "\n" and unicodedata.category(c) in HIDDEN})


def test_check_shows_what_an_entry_holds_as_visible_escapes_one_line_per_problem(tmp_path):
    project = hostile_project(tmp_path)
    problems = json.loads(publish_exact("check", "--format", "json", cwd=project).stdout)
    count = len(problems["errors"]) + len(problems["warnings"])
    result = publish_exact("check", cwd=project)
    assert result.returncode == 1 and count >= 4
    assert raw_controls(result.stdout + result.stderr) == []
    assert "practices/evil\\x1b[31m\\r\\u202e\\n::error::injected.yml:" in result.stdout
    assert "\\x1b[31m" in result.stdout.replace("practices/evil\\x1b[31m", "")  # a value's, too
    lines = result.stdout.splitlines()
    assert len(lines) == count + 1 and all(line.startswith("practices/evil") for line in lines[:-1])


def test_check_json_escapes_them_and_reads_back_the_same(tmp_path):
    project = hostile_project(tmp_path)
    result = publish_exact("check", "--format", "json", cwd=project)
    assert raw_controls(result.stdout) == []
    assert json.loads(result.stdout)["errors"][0]["file"] == f"practices/{HOSTILE_NAME}"


def test_github_annotations_cannot_be_cut_into_another_command(tmp_path):
    project = hostile_project(tmp_path)
    problems = json.loads(publish_exact("check", "--format", "json", cwd=project).stdout)
    result = publish_exact("check", "--format", "github", cwd=project)
    lines = result.stdout.splitlines()
    assert raw_controls(result.stdout) == []
    assert len(lines) == len(problems["errors"]) + len(problems["warnings"])
    # GitHub's escapes: the name's line break is %0A, its colons %3A (a property).
    name = "practices/evil\\x1b[31m%0D\\u202e%0A%3A%3Aerror%3A%3Ainjected.yml"
    assert all(re.match(rf"::(error|warning) file={re.escape(name)},line=\d+,col=\d+,title=[^:,]+::", line)
               for line in lines), lines


def test_translations_show_them_as_visible_escapes(tmp_path):
    project = hostile_project(tmp_path)
    for output_format in ["text", "markdown"]:
        result = publish_exact("translations", "--format", output_format, cwd=project)
        assert raw_controls(result.stdout + result.stderr) == []
        assert "evil\\x1b[31m\\r\\u202e\\n::error::injected.yml" in result.stdout
        assert not any(line.lstrip().startswith("::") for line in result.stdout.splitlines())


def test_error_messages_show_them_as_visible_escapes_on_their_own_lines(tmp_path):
    project = hostile_project(tmp_path)
    commands = [("sources",), ("pages", "--out", str(tmp_path / "out"))]
    if not weasyprint_missing():
        commands.append(("release", "--version", "2026.9"))  # its catalogue check fails first
    for args in commands:
        result = publish_exact(*args, cwd=project, env=dict(os.environ, SOURCE_DATE_EPOCH="1764028800"))
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert raw_controls(result.stdout + result.stderr) == []
        assert "practices/evil\\x1b[31m\\r\\u202e\\n::error::injected.yml:" in result.stderr
        assert not any(line.lstrip().startswith("::") for line in result.stderr.splitlines()), result.stderr


def test_build_errors_show_them_as_visible_escapes_on_their_own_lines(project_copy, tmp_path):
    hostile = hostile_project(tmp_path / "hostile") / "practices" / HOSTILE_NAME
    (project_copy / "practices" / HOSTILE_NAME).write_bytes(hostile.read_bytes())
    result = publish_exact("build", "--project-dir", str(project_copy), "--site-dir", str(tmp_path / "site"),
                           cwd=PROJECT_DIR)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert raw_controls(result.stdout + result.stderr) == []
    assert "evil\\x1b[31m\\r\\u202e\\n::error::injected.yml" in result.stderr
    assert not any(line.lstrip().startswith("::") for line in result.stderr.splitlines()), result.stderr


# The source watch, stopped: what it checked is reported, the rest listed as not checked.

@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_ends_the_source_watch_within_seconds_with_a_partial_report(tmp_path, signum):
    from tests.hostile_server import Handler, serving
    from tests.synthetic import synthetic_entry, write_entry

    with serving() as (url, port):
        entry = synthetic_entry(1)
        entry["slug"] = "lisbon-watched"
        entry["sources"] = [{"title": "Source", "url": url + path} for path in ["/ok", "/drip", "/drip", "/drip"]]
        write_entry(tmp_path / "practices", entry)
        Handler.dripping.clear()
        # `publish sources`, allowed to reach the local server (test code only: see tests/hostile_server.py).
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.hostile_server", "sources", "--format", "markdown", "--timeout", "60"],
            cwd=tmp_path, env={**os.environ, "PYTHONPATH": str(PROJECT_DIR)}, start_new_session=True,
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert Handler.dripping.wait(30), "the watch never reached the dripping server"
            time.sleep(0.5)  # the first source has its answer; the second and third are dripping
            process.send_signal(signum)
            stopped = time.monotonic()
            stdout, stderr = process.communicate(timeout=15)
            elapsed = time.monotonic() - stopped
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
    assert elapsed < 3, elapsed  # a dripping server held a run for minutes
    assert process.returncode == 128 + signum, stdout + stderr
    assert "Traceback" not in stdout + stderr
    assert stderr.strip().splitlines() == [
        "Interrupted: the source watch was stopped: 1 of 4 sources checked, the others listed as not checked."]
    lines = stdout.splitlines()
    assert "1 of 4 sources checked" in lines[0] and "3 not checked" in lines[0]
    assert sum("| `not checked` | `the watch was stopped before it got an answer` |" in line for line in lines) == 3


# Wrong places and wrong input: advice, never a traceback --------------------------

def test_check_and_review_outside_a_project_say_so_and_fail(tmp_path):
    for command in ("check", "review", "translations"):
        result = publish(command, cwd=tmp_path)
        assert result.returncode == 1, (command, result.stdout)
        assert "this folder has no practices/ folder: run publish from the project's folder" in result.stderr
        assert "All good" not in result.stdout and "Traceback" not in result.stderr


def test_pages_checks_every_language_before_writing_any(tmp_path):
    result = publish("pages", "--out", str(tmp_path / "out"), "--lang", "fr", "--lang", "de")
    assert result.returncode == 2 and "'de'; the site has fr, en, es" in result.stderr
    assert not (tmp_path / "out").exists()


def test_pages_into_a_folder_that_cannot_be_made_says_where(tmp_path):
    (tmp_path / "a-file").write_text("")
    result = publish("pages", "--out", str(tmp_path / "a-file" / "out"), "--lang", "fr")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "could not be written (Not a directory)" in result.stderr


def test_an_unexpected_error_is_one_line_unless_publish_debug_asks(monkeypatch):
    from click.testing import CliRunner

    import generator.cli.entries
    from generator.cli import main

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(generator.cli.entries, "check_practices", broken)
    result = CliRunner().invoke(main, ["check", "--project-dir", str(PROJECT_DIR)])
    assert result.exit_code == 1
    assert "publish check stopped on an unexpected RuntimeError (a bug). This is a bug of publish" in result.output
    monkeypatch.setenv("PUBLISH_DEBUG", "1")
    debugged = CliRunner().invoke(main, ["check", "--project-dir", str(PROJECT_DIR)])
    assert isinstance(debugged.exception, RuntimeError)
