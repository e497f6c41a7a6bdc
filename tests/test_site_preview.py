"""publish serve, as a contributor uses it: the page of the entry they
write, open in a real browser, shows what is wrong the moment they save a
mistake, and comes back by itself when they save the fix."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time

import pytest

from tests.browser import GuardedPage
from tests.conftest import copy_project

pytestmark = pytest.mark.browser

SLUG = "lisbon-lisboa-acolhe"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture()
def preview(tmp_path):
    project = copy_project(tmp_path / "project")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--lang", "en", "--project-dir", str(project), "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if server.poll() is not None:
                pytest.fail(f"publish serve ended: {server.stdout.read()}")
            time.sleep(0.3)
    try:
        yield project, url
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


def test_a_mistake_saved_during_the_preview_shows_on_the_page_and_the_fix_brings_it_back(preview, browser):
    project, url = preview
    entry = project / "practices" / f"{SLUG}.yml"
    good = entry.read_text(encoding="utf-8")
    context = browser.new_context()
    guarded = GuardedPage(context)
    page = guarded.page
    page.goto(f"{url}catalogue/practices/{SLUG}/")
    title = page.locator("h1").inner_text()
    assert "Lisboa Acolhe" in title

    entry.write_text(good.replace("themes: [information-orientation,", "themes: [informaton-orientation,"), encoding="utf-8")
    # Live reload: the open page changes by itself, without the test navigating.
    page.locator("h1", has_text="This entry cannot be published yet").wait_for(timeout=30_000)
    text = page.locator("article").inner_text()
    assert "Line 48, column 10" in text and "'informaton-orientation' is not an allowed value" in text
    assert "did you mean 'information-orientation'?" in text
    assert re.search(r"48\s+themes: \[informaton-orientation", page.locator("mark").inner_text())
    # The whole file is a link away, as text.
    with page.expect_navigation():
        page.get_by_role("link", name=f"practices/{SLUG}.yml").click()
    assert "themes: [informaton-orientation" in page.locator("body").inner_text()
    page.go_back()

    # Another page of the preview says the catalogue has an error, and where.
    other = context.new_page()
    other.goto(f"{url}catalogue/map/")
    notice = other.locator(".admonition.danger")
    assert "1 error in the catalogue" in notice.inner_text()
    other.close()

    entry.write_text(good, encoding="utf-8")
    page.locator("h1", has_text="Lisboa Acolhe").wait_for(timeout=30_000)
    assert page.locator(".admonition.danger").count() == 0
    assert guarded.foreign_requests == []
    context.close()


def test_a_broken_entry_does_not_stop_the_preview_from_starting(tmp_path, browser):
    project = copy_project(tmp_path / "project")
    entry = project / "practices" / f"{SLUG}.yml"
    entry.write_text(entry.read_text(encoding="utf-8").replace("country: PT", "country: Portugal"), encoding="utf-8")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "generator.cli", "serve", "--project-dir", str(project), "-a", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and server.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.3)
        assert server.poll() is None, server.stdout.read()
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{port}/catalogue/preview-problems/")
        assert "'Portugal' n’est pas un code de pays" in page.locator("article").inner_text()  # the page's language
        page.close()
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=20)
    # The terminal says it too: the located error, and where the preview shows it.
    said = server.stdout.read()
    assert f"practices/{SLUG}.yml:" in said and "country: 'Portugal' is not a country code" in said
    assert f"1 error in the entries: the preview shows it at http://127.0.0.1:{port}/catalogue/preview-problems/" in said
