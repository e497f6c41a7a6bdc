"""Check that the sources of the practices still answer.

Catalogues of practices rot: links die, sites move. This checks every source
address, politely (a few requests at a time per host, a timeout, a user agent
that names the project, HEAD first and GET only when HEAD is refused), and
says for each one whether it is fine, moved, slow, dead or unreachable.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
import urllib.error
import urllib.request
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from urllib.parse import urljoin, urlsplit

from generator.catalogue.model import Practice

USER_AGENT = "cities-migration-site source watch (+https://github.com/ ; checks the sources of a catalogue of city practices)"
PERMANENT_REDIRECTS = {301, 308}
MAX_REDIRECTS = 5

# Outcomes, from best to worst.
OK, MOVED, SLOW, DEAD, UNREACHABLE = "ok", "moved", "slow", "dead", "unreachable"


@dataclass(frozen=True)
class SourceCheck:
    slug: str
    index: int  # position in the entry's sources
    url: str
    outcome: str
    status: int | None  # last HTTP status seen
    seconds: float
    detail: str = ""  # where it moved to, or what went wrong

    def as_dict(self) -> dict:
        return asdict(self)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # we follow redirects ourselves, to see them
        return None


_OPENER = urllib.request.build_opener(_NoRedirect())


def _request(url: str, method: str, timeout: float) -> tuple[int, str | None]:
    request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            if method == "GET":
                response.read(1024)  # enough to know it answers; never the whole page
            return response.status, response.headers.get("Location")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location") if error.headers else None


def check_url(url: str, *, timeout: float = 15.0, slow_after: float = 5.0) -> tuple[str, int | None, float, str]:
    """(outcome, last status, seconds, detail) for one address."""
    started = time.perf_counter()
    current, moved_to = url, None
    try:
        for _ in range(MAX_REDIRECTS + 1):
            status, location = _request(current, "HEAD", timeout)
            if status >= 400 or status in (None,):
                # Many servers refuse or mishandle HEAD: ask again with GET.
                status, location = _request(current, "GET", timeout)
            if 300 <= status < 400 and location:
                target = urljoin(current, location)
                if status in PERMANENT_REDIRECTS and moved_to is None:
                    moved_to = target
                current = target
                continue
            break
        else:
            return DEAD, status, time.perf_counter() - started, f"more than {MAX_REDIRECTS} redirects"
    except (urllib.error.URLError, http.client.HTTPException, socket.timeout, TimeoutError, OSError, ValueError) as error:
        reason = getattr(error, "reason", error)
        return UNREACHABLE, None, time.perf_counter() - started, str(reason) or type(error).__name__
    seconds = time.perf_counter() - started
    if status >= 400:
        return DEAD, status, seconds, f"HTTP {status}"
    if moved_to:
        return MOVED, status, seconds, moved_to
    if seconds > slow_after:
        return SLOW, status, seconds, f"answered in {seconds:.1f} s"
    return OK, status, seconds, ""


def check_sources(
    practices: list[Practice],
    *,
    per_host: int = 2,
    workers: int = 16,
    timeout: float = 15.0,
    slow_after: float = 5.0,
) -> list[SourceCheck]:
    """Check every source of every practice, at most ``per_host`` requests
    at a time to any one host."""
    jobs = [(p.slug, i, s.url) for p in practices for i, s in enumerate(p.sources)]
    limits: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(per_host))
    lock = threading.Lock()

    def run(job: tuple[str, int, str]) -> SourceCheck:
        slug, index, url = job
        host = (urlsplit(url).hostname or "").lower()
        with lock:
            limit = limits[host]
        with limit:
            outcome, status, seconds, detail = check_url(url, timeout=timeout, slow_after=slow_after)
        return SourceCheck(slug, index, url, outcome, status, round(seconds, 2), detail)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(run, jobs))
