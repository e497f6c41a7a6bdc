"""A local web server that answers every way a source can, hostile ways
included, and the fake name resolution the source watch's tests use.

Everything stays on this machine: the server listens on 127.0.0.1, and
``fake_resolution`` answers for a few names under example.org (one of them
resolving to loopback, as a hostile name would) and refuses every other,
so no test ever asks a real resolver.

Run as ``python -m tests.hostile_server ARGS…``, it runs `publish ARGS…`
with the fake resolution and the test allowance for 127.0.0.1,
for a test to signal it as a user would (the allowance is a keyword of
``check_sources``: nothing outside test code can set it).
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import sys
import threading
import time
from collections.abc import Iterator

WATCHED = "watched.example.org"  # resolves to the test server
REBOUND = "rebound.example.org"  # a public-looking name that resolves to loopback
MIXED = "mixed.example.org"  # a public address and a private one
NAMES = {WATCHED: ["127.0.0.1"], REBOUND: ["127.0.0.2"], MIXED: ["93.184.216.34", "10.0.0.1"]}
ALLOW = ["127.0.0.1/32"]  # the test server only: 127.0.0.2, ::1… stay refused
# A Location header holding Markdown, HTML, a mention and a folded second line.
MARKDOWN_LOCATION = ("/ok?q=| x | ![p](https://evil/p.png) @everyone [click](https://phish) <img src=x> `code`\r\n"
                     "\t| second | line |")


def redirects(port: int) -> dict[str, str]:
    """/to/NAME redirects to each of these."""
    return {
        "file-passwd": "file:///etc/passwd",
        "file-missing": "file:///root/.ssh/id_watch_test",
        "data": "data:text/plain;base64,aGVsbG8=",
        "ftp": f"ftp://127.0.0.1:{port}/x",
        "javascript": "javascript:alert(document.cookie)",
        "loopback": f"http://127.0.0.2:{port}/ok",
        "metadata": "http://169.254.169.254/latest/meta-data/",
        "ipv6-loopback": f"http://[::1]:{port}/ok",
        "ipv4-mapped": f"http://[::ffff:127.0.0.2]:{port}/ok",
        "decimal-loopback": f"http://2130706434:{port}/ok",
        "private": f"http://10.1.2.3:{port}/ok",
        "rebound-name": f"http://{REBOUND}:{port}/ok",
        "mixed-name": f"http://{MIXED}:{port}/ok",
        "malformed": f"http://[::1:{port}/ok",
        "localhost": f"http://localhost:{port}/ok",
        "dot-local": f"http://printer.local:{port}/ok",
        "single-label": f"http://intranet:{port}/ok",
    }


class Handler(http.server.BaseHTTPRequestHandler):
    seen: list[tuple[str, str, str]] = []
    sent: dict[str, int] = {}  # bytes written by the endless routes
    dripping = threading.Event()  # set when a dripping answer has begun

    def log_message(self, *args) -> None:
        pass

    def write(self, data: bytes) -> None:
        self.wfile.write(data)
        self.wfile.flush()

    def answer(self, body: bool) -> None:
        Handler.seen.append((self.command, self.path, self.headers.get("User-Agent", "")))
        port = self.server.server_address[1]
        routes = {
            "/ok": (200, None), "/moved": (301, "/ok"), "/temporary": (302, "/ok"),
            "/missing": (404, None), "/error": (500, None), "/loop": (302, "/loop"),
            "/markdown": (301, None),
            "/with-credentials": (301, f"http://user:secret@{WATCHED}:{port}/ok#fragment"),
            "/long": (301, "/ok?" + "a" * 5000),
        }
        try:
            if self.path.startswith("/to/"):
                status, location = 301, redirects(port)[self.path[4:]]
            elif self.path == "/slow":
                time.sleep(1.2)
                status, location = 200, None
            elif self.path == "/head-refused":
                status, location = (405, None) if self.command == "HEAD" else (200, None)
            elif self.path.startswith(("/drip", "/endless")):
                return self.hostile(self.path)
            else:
                status, location = routes.get(self.path.split("?", 1)[0], (404, None))
            self.send_response(status)
            if self.path == "/markdown":
                self.send_header("Location", MARKDOWN_LOCATION)
            elif location:
                self.send_header("Location", location)
            self.send_header("Content-Length", "2")
            self.end_headers()
            if body:
                self.wfile.write(b"ok")
        except (BrokenPipeError, ConnectionResetError):
            pass

    def hostile(self, path: str) -> None:
        """Answers that never end, slowly or at once."""
        if self.command == "HEAD" and path in ("/drip-body", "/endless-body"):
            self.send_response(405)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        try:
            if path == "/drip":  # one header line a second
                Handler.dripping.set()
                self.write(b"HTTP/1.1 200 OK\r\n")
                for number in range(60):
                    time.sleep(1)
                    self.write(f"X-Drip-{number}: a\r\n".encode())
            elif path == "/drip-body":  # the headers at once, then a byte a second
                Handler.dripping.set()
                self.write(b"HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n")
                for _ in range(60):
                    time.sleep(1)
                    self.write(b"x")
            elif path == "/endless-body":
                self.write(b"HTTP/1.1 200 OK\r\n\r\n")
                chunk = b"x" * 65536
                while True:
                    self.write(chunk)
                    Handler.sent[path] = Handler.sent.get(path, 0) + len(chunk)
            elif path == "/endless-headers":
                self.write(b"HTTP/1.1 200 OK\r\n")
                line = b"X-Padding: " + b"a" * 60000 + b"\r\n"
                while True:
                    self.write(line)
                    Handler.sent[path] = Handler.sent.get(path, 0) + len(line)
        except (BrokenPipeError, ConnectionResetError, OSError):
            pass

    def do_HEAD(self) -> None:
        self.answer(body=False)

    def do_GET(self) -> None:
        self.answer(body=True)


@contextlib.contextmanager
def serving() -> Iterator[tuple[str, int]]:
    """The server, on 127.0.0.1: (its address by the watched name, its port)."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{WATCHED}:{httpd.server_port}", httpd.server_port
    finally:
        httpd.shutdown()
        httpd.server_close()


def fake_getaddrinfo(host, port, *args, **kwargs):
    """Answers for NAMES only: no test asks a real resolver."""
    name = host.decode() if isinstance(host, bytes) else str(host)
    if name not in NAMES:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
    return [(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP, "", (address, int(port or 0))) for address in NAMES[name]]


def _publish_with_the_test_allowance(args: list[str]) -> None:
    from generator.catalogue import source_watch

    socket.getaddrinfo = fake_getaddrinfo
    source_watch.check_sources = functools.partial(source_watch.check_sources, allow_addresses=ALLOW)
    sys.argv = ["publish", *args]  # `publish` handles signals from its start, as the installed command does
    from generator.cli import main

    main()


if __name__ == "__main__":
    _publish_with_the_test_allowance(sys.argv[1:])
