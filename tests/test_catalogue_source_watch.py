"""The source watch against a local server that answers every way a source can."""

from __future__ import annotations

import datetime
import http.server
import json
import socket
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.catalogue.loading import check_practices, load_catalogue
from generator.catalogue.source_watch import check_sources
from generator.cli import main
from tests.synthetic import synthetic_entry, write_entry


class Handler(http.server.BaseHTTPRequestHandler):
    seen: list[tuple[str, str, str]] = []

    def log_message(self, *args) -> None:
        pass

    def answer(self, body: bool) -> None:
        Handler.seen.append((self.command, self.path, self.headers.get("User-Agent", "")))
        routes = {
            "/ok": (200, None), "/moved": (301, "/ok"), "/temporary": (302, "/ok"),
            "/missing": (404, None), "/error": (500, None), "/loop": (302, "/loop"),
        }
        if self.path == "/slow":
            time.sleep(1.2)
            status, location = 200, None
        elif self.path == "/head-refused":
            status, location = (405, None) if self.command == "HEAD" else (200, None)
        else:
            status, location = routes.get(self.path, (404, None))
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:
        self.answer(body=False)

    def do_GET(self) -> None:
        self.answer(body=True)


@pytest.fixture(scope="module")
def server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture()
def loopback_only(monkeypatch):
    """Any connection to another host than 127.0.0.1 fails the test."""
    real = socket.create_connection

    def guarded(address, *args, **kwargs):
        assert address[0] == "127.0.0.1", f"the test tried to reach {address[0]}"
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", guarded)


@pytest.fixture()
def refused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed when the block ends: nothing listens there


@pytest.fixture()
def project(tmp_path, server, refused_port) -> Path:
    paths = ["/ok", "/moved", "/temporary", "/missing", "/error", "/slow", "/head-refused", "/loop"]
    entry = synthetic_entry(3)
    entry["slug"] = "lisbon-watched"
    entry["sources"] = [{"title": f"Source {p}", "url": server + p} for p in paths]
    entry["sources"].append({"title": "Refused", "url": f"http://127.0.0.1:{refused_port}/"})
    write_entry(tmp_path / "practices", entry)
    return tmp_path


def test_each_kind_of_answer_gets_its_outcome(project, server, loopback_only):
    practices = load_catalogue(project / "practices").practices
    Handler.seen.clear()
    checks = check_sources(practices, timeout=4, slow_after=1.0)
    outcomes = {check.url.rsplit("/", 1)[-1] or "refused": (check.outcome, check.status, check.detail) for check in checks}
    assert outcomes["ok"] == ("ok", 200, "")
    assert outcomes["moved"] == ("moved", 200, server + "/ok")
    assert outcomes["temporary"] == ("ok", 200, "")
    assert outcomes["missing"] == ("dead", 404, "HTTP 404")
    assert outcomes["error"] == ("dead", 500, "HTTP 500")
    assert outcomes["slow"][:2] == ("slow", 200)
    assert outcomes["head-refused"] == ("ok", 200, "")
    assert outcomes["loop"][0] == "dead" and "redirects" in outcomes["loop"][2]
    assert outcomes["refused"][0] == "unreachable"
    # Polite: HEAD first, GET only when HEAD is refused, a user agent naming the project.
    requests = [(method, path) for method, path, _ in Handler.seen]
    assert ("HEAD", "/ok") in requests and ("GET", "/ok") not in requests
    assert [m for m, p, _ in Handler.seen if p == "/head-refused"] == ["HEAD", "GET"]
    assert all("cities-migration-site source watch" in agent for _, _, agent in Handler.seen)


def test_the_command_reports_as_json_and_records_check_dates(project, server, loopback_only, monkeypatch):
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["sources", "--format", "json", "--timeout", "4", "--slow", "1", "--write-dates"])
    assert result.exit_code == 1, result.output  # dead sources fail the command
    report = json.loads(result.stdout)
    assert {row["outcome"] for row in report} == {"ok", "moved", "slow", "dead", "unreachable"}
    assert all(row["file"].endswith("lisbon-watched.yml") for row in report)
    entry = (project / "practices" / "lisbon-watched.yml").read_text()
    today = datetime.date.today().isoformat()
    assert entry.count(f"checked: {today}") == 5  # ok, moved, temporary, slow, head-refused
    recheck = check_practices(project / "practices", root=project)
    assert recheck.errors == []
    practice = recheck.practices[0]
    assert [s.checked is not None for s in practice.sources] == [True, True, True, False, False, True, True, False, False]


def test_the_markdown_report_lists_what_needs_attention(project, loopback_only, monkeypatch):
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["sources", "--format", "markdown", "--timeout", "4", "--slow", "1"])
    lines = result.stdout.splitlines()
    assert "9 sources checked, 4 dead or unreachable, 1 moved, 1 slow." in lines[0]
    assert sum(line.startswith("| `practices/lisbon-watched.yml`") for line in lines) == 6
