"""The source watch against a local server that answers every way a source
can, hostile ways included: redirects to file: or to an internal address,
answers that drip or never end, a Location that is Markdown."""

from __future__ import annotations

import datetime
import functools
import json
import socket
import time
from pathlib import Path

import cmarkgfm
import pytest
from click.testing import CliRunner

from generator.catalogue import source_watch
from generator.catalogue.loading import check_practices, load_catalogue
from generator.catalogue.source_watch import check_sources, check_url
from generator.cli import main
from tests.hostile_server import ALLOW, MARKDOWN_LOCATION, Handler, fake_getaddrinfo, redirects, serving
from tests.synthetic import synthetic_entry, write_entry


@pytest.fixture(scope="module")
def server():
    with serving() as (url, port):
        yield url


@pytest.fixture()
def port(server) -> int:
    return int(server.rsplit(":", 1)[1])


@pytest.fixture(autouse=True)
def network(monkeypatch) -> list[tuple[str, int]]:
    """No real name resolution, and every connection the watch makes,
    which must all go to the test server's address."""
    monkeypatch.setattr(socket, "getaddrinfo", fake_getaddrinfo)
    made: list[tuple[str, int]] = []
    real = socket.socket.connect_ex

    def connect_ex(sock, address):
        made.append(address[:2])
        assert address[0] == "127.0.0.1", f"the watch connected to {address[0]}"
        return real(sock, address)

    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)
    return made


@pytest.fixture()
def allowed(monkeypatch) -> None:
    """`publish sources`, in this process, may reach the test server."""
    monkeypatch.setattr(source_watch, "check_sources", functools.partial(check_sources, allow_addresses=ALLOW))


@pytest.fixture()
def refused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed when the block ends: nothing listens there


def project_with(tmp_path: Path, urls: list[str], slug: str = "lisbon-watched") -> Path:
    entry = synthetic_entry(3)
    entry["slug"] = slug
    entry["sources"] = [{"title": f"Source {number}", "url": url} for number, url in enumerate(urls, 1)]
    write_entry(tmp_path / "practices", entry)
    return tmp_path


@pytest.fixture()
def project(tmp_path, server, refused_port) -> Path:
    paths = ["/ok", "/moved", "/temporary", "/missing", "/error", "/slow", "/head-refused", "/loop"]
    return project_with(tmp_path, [server + p for p in paths] + [server.rsplit(":", 1)[0] + f":{refused_port}/"])


def test_each_kind_of_answer_gets_its_outcome(project, server):
    practices = load_catalogue(project / "practices").practices
    Handler.seen.clear()
    checks = check_sources(practices, timeout=4, slow_after=1.0, allow_addresses=ALLOW)
    outcomes = {check.url.rsplit("/", 1)[-1] or "refused": (check.outcome, check.status, check.detail) for check in checks}
    assert outcomes["ok"] == ("ok", 200, "")
    assert outcomes["moved"] == ("moved", 200, server + "/ok")
    assert outcomes["temporary"] == ("ok", 200, "")
    assert outcomes["missing"] == ("dead", 404, "HTTP 404")
    assert outcomes["error"] == ("dead", 500, "HTTP 500")
    assert outcomes["slow"][:2] == ("slow", 200)
    assert outcomes["head-refused"] == ("ok", 200, "")
    assert outcomes["loop"][0] == "dead" and "redirects" in outcomes["loop"][2]
    assert outcomes["refused"] == ("unreachable", None, "connection refused")
    # Polite: HEAD first, GET only when HEAD is refused, a user agent naming the project.
    requests = [(method, path) for method, path, _ in Handler.seen]
    assert ("HEAD", "/ok") in requests and ("GET", "/ok") not in requests
    assert [m for m, p, _ in Handler.seen if p == "/head-refused"] == ["HEAD", "GET"]
    assert all("cities-migration-site source watch" in agent for _, _, agent in Handler.seen)


def test_the_command_reports_as_json_and_records_check_dates(project, allowed, monkeypatch):
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


def test_the_markdown_report_lists_what_needs_attention(project, allowed, monkeypatch):
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["sources", "--format", "markdown", "--timeout", "4", "--slow", "1"])
    lines = result.stdout.splitlines()
    assert "9 sources checked, 4 dead or unreachable, 1 moved, 1 slow." in lines[0]
    assert sum(line.startswith("| `practices/lisbon-watched.yml`") for line in lines) == 6


# Hostile answers ------------------------------------------------------------

@pytest.mark.parametrize("kind, scheme", [
    ("file-passwd", "file"), ("file-missing", "file"), ("data", "data"), ("ftp", "ftp"), ("javascript", "javascript"),
])
def test_a_redirect_to_anything_but_the_web_is_refused_not_opened(server, network, kind, scheme):
    outcome, status, seconds, detail = check_url(f"{server}/to/{kind}", timeout=4, allow_addresses=ALLOW)
    assert (outcome, status) == ("refused", 301)
    article = "an" if scheme[0] in "aeiou" else "a"
    assert detail == f"redirect to {article} {scheme}: address refused"  # never a local path nor the error's text
    assert len(network) == 1  # the source itself; nothing after the redirect


@pytest.mark.parametrize("kind, detail", [
    ("loopback", "internal address refused"),
    ("metadata", "internal address refused"),
    ("ipv6-loopback", "internal address refused"),
    ("ipv4-mapped", "internal address refused"),
    ("decimal-loopback", "internal address refused"),
    ("private", "internal address refused"),
    ("rebound-name", "internal address refused"),  # checked after the name is resolved
    ("mixed-name", "internal address refused"),  # one internal address among public ones is enough
    ("malformed", "redirect to a malformed address refused"),
    ("localhost", "local host name refused"),
    ("dot-local", "local host name refused"),
    ("single-label", "local host name refused"),
])
def test_a_redirect_to_an_internal_address_is_refused_before_any_connection(server, network, kind, detail):
    Handler.seen.clear()
    assert check_url(f"{server}/to/{kind}", timeout=4, allow_addresses=ALLOW)[::3] == ("refused", detail)
    assert len(network) == 1 and [path for _, path, _ in Handler.seen] == [f"/to/{kind}"]


def test_without_the_test_allowance_loopback_is_never_requested(server, port, network):
    """The allowance is a keyword of check_url and check_sources only: the
    command, its options and its environment cannot set it."""
    for url in (f"http://127.0.0.1:{port}/ok", f"http://localhost:{port}/ok", f"{server}/ok", f"http://[::1]:{port}/ok"):
        outcome, _, _, detail = check_url(url, timeout=4)
        assert (outcome, detail) in {("refused", "internal address refused"), ("refused", "local host name refused")}, url
    assert network == []


def test_the_command_has_no_way_to_reach_an_internal_address(tmp_path, server, network, monkeypatch):
    """The entry's name resolves to loopback: `publish sources` refuses it
    whatever option or variable is given."""
    monkeypatch.chdir(project_with(tmp_path, [server + "/ok"]))
    monkeypatch.setenv("ALLOW_ADDRESSES", "127.0.0.1/32")
    result = CliRunner().invoke(main, ["sources", "--format", "json"])
    assert result.exit_code == 1
    assert [(row["outcome"], row["detail"]) for row in json.loads(result.stdout)] == [("refused", "internal address refused")]
    assert network == []


def test_a_server_dripping_its_headers_is_cut_at_the_timeout(server):
    started = time.monotonic()
    outcome, status, seconds, detail = check_url(f"{server}/drip", timeout=2, allow_addresses=ALLOW)
    elapsed = time.monotonic() - started
    assert (outcome, detail) == ("unreachable", "timed out")
    assert 1.9 < elapsed < 4, elapsed  # one header line a second kept a read timeout waiting for ever


def test_a_server_dripping_its_body_is_cut_at_the_timeout(server):
    started = time.monotonic()
    assert check_url(f"{server}/drip-body", timeout=2, allow_addresses=ALLOW)[::3] == ("unreachable", "timed out")
    assert time.monotonic() - started < 4


def test_an_endless_answer_is_read_no_further_than_the_cap(server):
    started = time.monotonic()
    assert check_url(f"{server}/endless-body", timeout=5, allow_addresses=ALLOW)[0] == "ok"
    outcome, _, _, detail = check_url(f"{server}/endless-headers", timeout=5, allow_addresses=ALLOW)
    assert outcome == "unreachable" and detail in ("answer too large", "not a valid HTTP answer")
    assert time.monotonic() - started < 3


def test_markdown_in_a_location_reaches_the_reports_inert(tmp_path, server, allowed, monkeypatch):
    """A server's Location goes into the public issues of the weekly watch:
    no table cell, image, link, mention, HTML or line of its own there."""
    monkeypatch.chdir(project_with(tmp_path, [server + "/markdown"]))
    watched = CliRunner().invoke(main, ["sources", "--format", "markdown", "--save", "sources.json"])
    review = CliRunner().invoke(main, ["review", "--format", "markdown", "--sources-report", "sources.json"])
    saved = json.loads((tmp_path / "sources.json").read_text())
    assert saved[0]["outcome"] == "moved" and "@everyone" in saved[0]["detail"]
    for report in (watched.stdout, review.stdout):
        row = next(line for line in report.splitlines() if "lisbon-watched" in line)
        html = cmarkgfm.github_flavored_markdown_to_html(report)
        assert "<a " not in html and "<img" not in html and "<table" not in html.replace("<table>\n<thead>", "", 1)
        assert "@everyone" in row and "@everyone" not in _outside_code(html)
        assert "second" in row  # the folded line stays on the row
    cells = cmarkgfm.github_flavored_markdown_to_html(watched.stdout).split("<tbody>")[1].count("<td>")
    assert cells == 4  # entry, source, outcome, detail: no cell added


def _outside_code(html: str) -> str:
    import re

    return re.sub(r"<code>.*?</code>", "", html, flags=re.S)


def test_the_run_deadline_reports_the_rest_as_not_checked(tmp_path, server, allowed, monkeypatch):
    monkeypatch.chdir(project_with(tmp_path, [server + "/drip"] * 3 + [server + "/ok"]))
    started = time.monotonic()
    result = CliRunner().invoke(main, ["sources", "--format", "markdown", "--per-host", "1", "--timeout", "30",
                                       "--deadline", "2"])
    assert time.monotonic() - started < 5
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "0 of 4 sources checked" in lines[0] and "4 not checked" in lines[0]
    assert sum("| `not checked` |" in line for line in lines) == 4
    assert "deadline passed" in result.stdout


def test_refused_and_unchecked_sources_are_due_for_review(tmp_path, server, allowed, monkeypatch):
    monkeypatch.chdir(project_with(tmp_path, [server + "/to/file-passwd", server + "/ok"]))
    CliRunner().invoke(main, ["sources", "--format", "json", "--save", "sources.json"])
    review = CliRunner().invoke(main, ["review", "--sources-report", "sources.json"])
    assert "practices/lisbon-watched.yml: dead source: source 1 is refused: " in review.stdout
    assert "(redirect to a file: address refused)" in review.stdout


def test_a_sources_report_that_is_not_one_is_refused_with_advice(tmp_path, monkeypatch):
    monkeypatch.chdir(project_with(tmp_path, ["https://example.org/"]))
    (tmp_path / "sources.json").write_text(json.dumps([{"slug": "x", "index": "0"}]))
    result = CliRunner().invoke(main, ["review", "--sources-report", "sources.json"])
    assert result.exit_code == 2 and "record 1 is not a source check" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_redirect_targets_are_sent_as_a_browser_sends_them(server):
    """What the report keeps of a Location is the address requested: spaces,
    pipes, quotes and line breaks percent-encoded, no fragment."""
    outcome, _, _, detail = check_url(f"{server}/markdown", timeout=4, allow_addresses=ALLOW)
    assert outcome == "moved" and detail.startswith(f"{server}/ok?q=%7C%20x%20%7C%20!%5Bp%5D(https://evil/p.png)")
    assert not any(character in detail for character in " |<>`\r\n\t")
    assert MARKDOWN_LOCATION.count("|") == detail.count("%7C")


def test_every_redirect_kind_is_tested():
    tested = {"file-passwd", "file-missing", "data", "ftp", "javascript", "loopback", "metadata", "ipv6-loopback",
              "ipv4-mapped", "decimal-loopback", "private", "rebound-name", "mixed-name", "malformed", "localhost",
              "dot-local", "single-label"}
    assert set(redirects(1)) == tested


def test_credentials_and_fragments_of_a_redirect_are_neither_sent_nor_kept(server):
    Handler.seen.clear()
    assert check_url(f"{server}/with-credentials", timeout=4, allow_addresses=ALLOW)[::3] == ("moved", f"{server}/ok")
    assert [path for _, path, _ in Handler.seen] == ["/with-credentials", "/ok"]


def test_a_long_redirect_address_is_shortened_in_the_report(server):
    outcome, _, _, detail = check_url(f"{server}/long", timeout=4, allow_addresses=ALLOW)
    assert outcome == "moved" and len(detail) == 300 and detail.endswith("…")


def test_tls_to_a_server_that_does_not_speak_it_is_a_tls_error(server):
    https = server.replace("http://", "https://")
    assert check_url(f"{https}/ok", timeout=4, allow_addresses=ALLOW)[::3] == ("unreachable", "TLS error")


def test_a_save_file_that_cannot_be_written_costs_no_result(tmp_path, server, allowed, monkeypatch):
    monkeypatch.chdir(project_with(tmp_path, [server + "/ok"]))
    result = CliRunner().invoke(main, ["sources", "--save", str(tmp_path / "missing" / "sources.json")])
    assert result.exit_code == 1
    assert "1 sources checked: 1 answer" in result.stdout
    assert "sources.json: could not be written (No such file or directory); the report above has every result" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_named_entries_only_are_checked_and_an_offline_machine_is_told_so(tmp_path, monkeypatch):
    # Names that no resolver answers (fake_getaddrinfo), as on a machine offline.
    project = project_with(tmp_path, ["https://www.lisboa.pt/", "https://www.accmr.gr/en/"], slug="lisbon-new")
    other = project_with(tmp_path / "other", ["https://quezoncity.gov.ph/"], slug="quezon-city-other")
    (other / "practices" / "quezon-city-other.yml").rename(project / "practices" / "quezon-city-other.yml")
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["sources", "practices/lisbon-new.yml"])
    assert result.exit_code == 1
    assert "lisbon-new" in result.stdout and "quezon-city-other" not in result.stdout
    assert "2 sources checked: 0 answer, 2 dead, unreachable or refused." in result.stdout
    assert "this machine is probably offline" in result.stderr


def test_one_missing_host_name_is_not_called_an_offline_machine():
    checks = [source_watch.SourceCheck("x", 0, "https://expired.example/", source_watch.UNREACHABLE, None, 0.0,
                                       source_watch.NAME_NOT_FOUND)]
    assert not source_watch.network_seems_down(checks)
    answered = checks + [source_watch.SourceCheck("x", 1, "https://ok.example/", source_watch.OK, 200, 0.1)]
    assert not source_watch.network_seems_down(answered)
    two_hosts = checks + [checks[0].__class__("x", 1, "https://other.example/", source_watch.UNREACHABLE, None, 0.0,
                                              source_watch.NAME_NOT_FOUND)]
    assert source_watch.network_seems_down(two_hosts)
