"""Check that the sources of the practices still answer.

Catalogues of practices rot: links die, sites move. This checks every source
address, politely (a few requests at a time per host, a user agent that
names the project, HEAD first and GET only when HEAD is refused), and says
for each one whether it is fine, moved, slow, dead, unreachable, refused or
not checked.

A source's server is a stranger (an expired domain someone bought is
enough), and the report becomes a public issue. So:

- only http and https are requested and followed: a redirect to file:,
  data:, ftp: or anything else is refused, never opened;
- no internal address is requested (``addresses.py``: loopback, private,
  link-local such as the cloud's metadata service…): the watch resolves the
  name itself, checks every address it resolves to, before the first
  request and after every redirect, and connects to the very address it
  checked, so that a second lookup cannot answer otherwise;
- one deadline bounds each source as a whole (lookup, connection, TLS,
  redirects, headers and body), however slowly a server drips its answer:
  a reaper thread shuts the socket when it passes; at most ``MAX_READ``
  bytes of an answer are read;
- the run has a deadline, and Ctrl-C or SIGTERM ends it within a second:
  the sources not checked by then say so;
- a failure is named by its kind ("timed out", "TLS error"), never by the
  exception's text, which can hold a local path or what the server sent.
"""

from __future__ import annotations

import errno
import http.client
import ipaddress
import math
import select
import socket
import ssl
import threading
import time
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import asdict, dataclass
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from generator.catalogue.addresses import INTERNAL_ADDRESS, IPAddress, internal_host, ip_literal, is_internal
from generator.catalogue.model import Practice

USER_AGENT = "cities-migration-site source watch (+https://github.com/ ; checks the sources of a catalogue of city practices)"
PERMANENT_REDIRECTS = {301, 308}
MAX_REDIRECTS = 5
MAX_READ = 256 * 1024  # bytes of one answer: its headers and a little of its body
BODY_READ = 1024  # enough to know a GET answers; never the whole page
MAX_SHOWN = 300  # characters of a redirect's address kept for the report
_POLL = 0.05  # seconds: how soon a deadline or a stop is noticed

# Outcomes, from best to worst.
OK, MOVED, SLOW, DEAD, UNREACHABLE, REFUSED, NOT_CHECKED = "ok", "moved", "slow", "dead", "unreachable", "refused", "not checked"
BROKEN = (DEAD, UNREACHABLE, REFUSED)

TIMED_OUT = "timed out"
STOPPED = "the watch was stopped before it got an answer"
RUN_OVER = "the watch's deadline passed before it got an answer"


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


class WatchInterrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM stopped the run. ``checks`` holds every source,
    those not checked as NOT_CHECKED; the signal's own exception is the
    ``__cause__``, to raise again once the report is out."""

    def __init__(self, checks: list[SourceCheck]) -> None:
        super().__init__()
        self.checks = checks


class _Refused(Exception):
    """A request the watch will not make; the message says why."""


class _Cut(Exception):
    """The source's deadline, the run's deadline or a stop came first; the
    message says which."""


class _TooLarge(Exception):
    pass


class _Run:
    """What the requests of one run share: when the run ends, whether it was
    stopped, which addresses tests may reach, and the sockets open now,
    which a reaper thread shuts as soon as their source's deadline passes or
    the run stops (a read that waits on a dripping server then returns)."""

    def __init__(self, seconds: float | None, allow_addresses: Iterable[str]) -> None:
        self.ends = time.monotonic() + seconds if seconds else math.inf
        self.stop = threading.Event()
        self.allowed = tuple(ipaddress.ip_network(network) for network in allow_addresses)
        self._open: dict[socket.socket, float] = {}
        self._lock = threading.Lock()
        self._done = threading.Event()
        threading.Thread(target=self._reap, name="source-watch-reaper", daemon=True).start()

    def left(self, deadline: float) -> float:
        """Seconds left before ``deadline``; raises ``_Cut`` if none."""
        if self.stop.is_set():
            raise _Cut(STOPPED)
        now = time.monotonic()
        if now >= self.ends and self.ends < deadline:
            raise _Cut(RUN_OVER)
        if now >= deadline:
            raise _Cut(TIMED_OUT)
        return min(deadline, self.ends) - now

    def refuses(self, address: IPAddress) -> bool:
        return is_internal(address) and not any(address in network for network in self.allowed)

    def track(self, sock: socket.socket, deadline: float) -> None:
        with self._lock:
            self._open[sock] = deadline

    def untrack(self, sock: socket.socket) -> None:
        with self._lock:
            self._open.pop(sock, None)

    def _reap(self) -> None:
        while not self._done.wait(_POLL):
            now = time.monotonic()
            # Under the lock: a socket its request untracked (then closed) is
            # never shut here, whatever number its descriptor gets next.
            with self._lock:
                due = [sock for sock, deadline in self._open.items()
                       if self.stop.is_set() or now >= min(deadline, self.ends)]
                for sock in due:
                    del self._open[sock]
                    try:
                        # The plain socket's shutdown, also under TLS: the reading
                        # thread's SSL object stays whole, its read just ends.
                        socket.socket.shutdown(sock, socket.SHUT_RDWR)
                    except OSError:
                        pass

    def close(self) -> None:
        self._done.set()


class _CappedReader:
    """The answer's stream, of which at most ``limit`` bytes are read."""

    def __init__(self, stream, limit: int) -> None:
        self._stream, self._left = stream, limit

    def _took(self, count: int) -> None:
        self._left -= count
        if self._left < 0:
            raise _TooLarge()

    def _size(self, size: int | None) -> int:
        return self._left + 1 if size is None or size < 0 else min(size, self._left + 1)

    def read(self, size: int | None = -1) -> bytes:
        data = self._stream.read(self._size(size))
        self._took(len(data))
        return data

    def read1(self, size: int = -1) -> bytes:
        data = self._stream.read1(self._size(size))
        self._took(len(data))
        return data

    def readline(self, size: int | None = -1) -> bytes:
        data = self._stream.readline(self._size(size))
        self._took(len(data))
        return data

    def readinto(self, buffer) -> int:
        view = memoryview(buffer).cast("B")
        count = self._stream.readinto(view[: self._size(len(view))])
        self._took(count)
        return count

    def peek(self, size: int = 0) -> bytes:
        return self._stream.peek(size)[: self._left + 1]

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


class _CappedResponse(http.client.HTTPResponse):
    def __init__(self, sock: socket.socket, *args, **kwargs) -> None:
        super().__init__(sock, *args, **kwargs)
        self.fp = _CappedReader(self.fp, MAX_READ)


def _connect(addresses: list[IPAddress], port: int, run: _Run, deadline: float) -> socket.socket:
    """A connection to the first of ``addresses`` that accepts one, waited
    for in short steps so that a deadline or a stop is noticed."""
    error: OSError = OSError(errno.EHOSTUNREACH, "no address")
    for address in addresses:
        family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        run.track(sock, deadline)
        try:
            sock.setblocking(False)
            code = sock.connect_ex((str(address), port))
            while code in (errno.EINPROGRESS, errno.EALREADY, errno.EWOULDBLOCK):
                _, writable, _ = select.select([], [sock], [], min(_POLL, run.left(deadline)))
                if writable:
                    code = sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if code not in (0, errno.EISCONN):
                raise OSError(code, "")
            sock.settimeout(run.left(deadline))
            return sock
        except OSError as failed:
            run.untrack(sock)
            sock.close()
            error = failed
        except BaseException:
            run.untrack(sock)
            sock.close()
            raise
    raise error


class _Connection(http.client.HTTPConnection):
    """HTTP to the addresses the watch checked, never to a new lookup."""

    response_class = _CappedResponse

    def __init__(self, host: str, port: int, addresses: list[IPAddress], run: _Run, deadline: float) -> None:
        super().__init__(host, port)
        self._addresses, self._run, self._deadline = addresses, run, deadline
        self.opened: list[socket.socket] = []  # for the request to untrack, whatever http.client did with them

    def connect(self) -> None:
        self.sock = _connect(self._addresses, self.port, self._run, self._deadline)
        self.opened.append(self.sock)


_TLS = ssl.create_default_context()


class _TLSConnection(http.client.HTTPSConnection):
    """HTTPS to the addresses the watch checked; the certificate must be
    valid for the host name."""

    response_class = _CappedResponse

    def __init__(self, host: str, port: int, addresses: list[IPAddress], run: _Run, deadline: float) -> None:
        super().__init__(host, port, context=_TLS)
        self._addresses, self._run, self._deadline = addresses, run, deadline
        self.opened: list[socket.socket] = []

    def connect(self) -> None:
        plain = _connect(self._addresses, self.port, self._run, self._deadline)
        self._run.untrack(plain)
        try:
            tls = _TLS.wrap_socket(plain, server_hostname=self.host, do_handshake_on_connect=False)
        except BaseException:
            plain.close()
            raise
        self._run.track(tls, self._deadline)  # the handshake too is bounded
        self.opened.append(tls)
        self.sock = tls
        tls.do_handshake()


def _resolve(host: str, port: int, run: _Run, deadline: float) -> list[IPAddress]:
    """Every address ``host`` resolves to. The lookup runs in a thread of its
    own, which is left behind if the deadline passes: a resolver can hang
    longer than any timeout we could give it."""
    answer: dict[str, object] = {}
    done = threading.Event()

    def lookup() -> None:
        try:
            answer["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError) as error:
            answer["error"] = error
        finally:
            done.set()

    threading.Thread(target=lookup, name="source-watch-lookup", daemon=True).start()
    while not done.wait(min(_POLL, run.left(deadline))):
        pass
    if "error" in answer:
        raise answer["error"]  # type: ignore[misc]
    found: list[IPAddress] = []
    for _, _, _, _, sockaddr in answer["infos"]:  # type: ignore[union-attr]
        address = ipaddress.ip_address(sockaddr[0].split("%", 1)[0])
        if address not in found:
            found.append(address)
    return found


def _web_address(base: str, location: str) -> str:
    """``location`` (relative to ``base``) as a browser would request it:
    spaces, quotes, pipes and the like percent-encoded, the host in ASCII,
    no fragment; raises ``_Refused`` if it is not an http or https address
    (its message completes "redirect to …")."""
    try:
        parts = urlsplit(urljoin(base, location.strip()))
        port = parts.port
    except ValueError:
        raise _Refused("a malformed address refused") from None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        if not scheme.isascii() or not scheme.isalnum() or len(scheme) > 16:
            raise _Refused("an address that is not a web address refused")
        article = "an" if scheme[0] in "aeiou" else "a"
        raise _Refused(f"{article} {scheme}: address refused")
    host = parts.hostname or ""
    try:
        host = host.encode("idna").decode("ascii") if not host.isascii() else host
    except UnicodeError:
        raise _Refused("a malformed address refused") from None
    if not host:
        raise _Refused("a malformed address refused")
    netloc = f"[{host}]" if ":" in host else host
    if port is not None:
        netloc += f":{port}"
    safe = "!$&'()*+,/:;=?@~%"
    return urlunsplit((scheme, netloc, quote(parts.path, safe=safe), quote(parts.query, safe=safe), ""))


def _ask(url: str, method: str, run: _Run, deadline: float) -> tuple[int, str | None]:
    """(status, Location) of one request to ``url`` (as ``_web_address``
    wrote it: http or https, an ASCII host), to an address checked first."""
    parts = urlsplit(url)
    scheme, host = parts.scheme, parts.hostname or ""
    port = parts.port or (443 if scheme == "https" else 80)
    kind = internal_host(host)
    literal = ip_literal(host)
    if kind and (literal is None or run.refuses(literal)):
        raise _Refused("internal address refused" if kind == INTERNAL_ADDRESS else "local host name refused")
    addresses = [literal] if literal is not None else _resolve(host, port, run, deadline)
    if any(run.refuses(address) for address in addresses):
        raise _Refused("internal address refused")
    connection_class = _TLSConnection if scheme == "https" else _Connection
    connection = connection_class(host, port, addresses, run, deadline)
    target = urlunsplit(("", "", parts.path or "/", parts.query, ""))
    try:
        connection.request(method, target, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        response = connection.getresponse()
        if method == "GET":
            response.read(BODY_READ)
        # A socket the reaper shut reads as the end of the headers: an
        # answer cut by the deadline can look whole.
        run.left(deadline)
        return response.status, response.getheader("Location")
    finally:
        for sock in connection.opened:
            run.untrack(sock)
        connection.close()


NAME_NOT_FOUND = "host name not found"
NETWORK_UNREACHABLE = "network unreachable"
HOST_UNREACHABLE = "host unreachable"


def network_seems_down(checks: list[SourceCheck]) -> bool:
    """Whether the run says more about this machine's network than about
    the sources: none answered, and each failed before any server did
    (its name not found, or no route to it). One source alone says little:
    a domain may have expired."""
    tried = [check for check in checks if check.outcome != NOT_CHECKED]
    hosts = {urlsplit(check.url).hostname for check in tried}
    return bool(tried) and all(check.outcome == UNREACHABLE and check.detail in
                               (NAME_NOT_FOUND, NETWORK_UNREACHABLE, HOST_UNREACHABLE) for check in tried) \
        and (len(hosts) > 1 or any(check.detail == NETWORK_UNREACHABLE for check in tried))


def _failure(error: BaseException) -> str:
    """The kind of failure, in words: never the exception's own text, which
    can quote a local path or what the server sent."""
    if isinstance(error, _TooLarge):
        return "answer too large"
    if isinstance(error, http.client.RemoteDisconnected):
        return "the server closed the connection without an answer"
    if isinstance(error, ssl.SSLCertVerificationError):
        return "TLS error: the certificate is not valid for this address"
    if isinstance(error, ssl.SSLError):
        return "TLS error"
    if isinstance(error, socket.gaierror):
        return NAME_NOT_FOUND
    if isinstance(error, (TimeoutError, socket.timeout)):
        return TIMED_OUT
    if isinstance(error, http.client.HTTPException):
        return "not a valid HTTP answer"
    if isinstance(error, OSError):
        return {
            errno.ECONNREFUSED: "connection refused",
            errno.ECONNRESET: "connection reset",
            errno.ENETUNREACH: NETWORK_UNREACHABLE,
            errno.EHOSTUNREACH: HOST_UNREACHABLE,
            errno.ETIMEDOUT: TIMED_OUT,
        }.get(error.errno, "network error")
    return "network error"


def _shown(address: str) -> str:
    return address if len(address) <= MAX_SHOWN else address[: MAX_SHOWN - 1] + "…"


def _check(url: str, run: _Run, timeout: float, slow_after: float) -> tuple[str, int | None, float, str]:
    started = time.monotonic()
    deadline = started + timeout
    moved_to, status = None, None

    def result(outcome: str, detail: str) -> tuple[str, int | None, float, str]:
        return outcome, status, time.monotonic() - started, detail

    try:
        current = _web_address(url, url)
    except _Refused as refused:
        return result(REFUSED, str(refused))
    try:
        for _ in range(MAX_REDIRECTS + 1):
            status, location = _ask(current, "HEAD", run, deadline)
            if status >= 400:
                # Many servers refuse or mishandle HEAD: ask again with GET.
                status, location = _ask(current, "GET", run, deadline)
            if 300 <= status < 400 and location:
                try:
                    target = _web_address(current, location)
                except _Refused as refused:
                    raise _Refused(f"redirect to {refused}") from None
                if status in PERMANENT_REDIRECTS and moved_to is None:
                    moved_to = target
                current = target
                continue
            break
        else:
            return result(DEAD, f"more than {MAX_REDIRECTS} redirects")
    except _Refused as refused:
        return result(REFUSED, str(refused))
    except _Cut as cut:
        return result(UNREACHABLE if str(cut) == TIMED_OUT else NOT_CHECKED, str(cut))
    except (OSError, http.client.HTTPException, _TooLarge, ValueError) as error:
        # The reaper shuts a socket whose deadline passed: what the reading
        # thread then sees is the deadline, not the error it got.
        try:
            run.left(deadline)
        except _Cut as cut:
            return result(UNREACHABLE if str(cut) == TIMED_OUT else NOT_CHECKED, str(cut))
        return result(UNREACHABLE, _failure(error))
    seconds = time.monotonic() - started
    if status >= 400:
        return DEAD, status, seconds, f"HTTP {status}"
    if moved_to:
        return MOVED, status, seconds, _shown(moved_to)
    if seconds > slow_after:
        return SLOW, status, seconds, f"answered in {seconds:.1f} s"
    return OK, status, seconds, ""


def check_url(url: str, *, timeout: float = 15.0, slow_after: float = 5.0,
              allow_addresses: Iterable[str] = ()) -> tuple[str, int | None, float, str]:
    """(outcome, last status, seconds, detail) for one address.
    ``allow_addresses`` (networks, e.g. "127.0.0.1/32") lets tests reach
    their local server; nothing else sets it."""
    run = _Run(None, allow_addresses)
    try:
        return _check(url, run, timeout, slow_after)
    finally:
        run.close()


def check_sources(
    practices: list[Practice],
    *,
    per_host: int = 2,
    workers: int = 16,
    timeout: float = 15.0,
    slow_after: float = 5.0,
    deadline: float | None = None,
    allow_addresses: Iterable[str] = (),
) -> list[SourceCheck]:
    """Check every source of every practice, at most ``per_host`` requests
    at a time to any one host, each source within ``timeout`` seconds and
    the whole run within ``deadline`` seconds (the sources not checked by
    then are NOT_CHECKED). Ctrl-C or SIGTERM (KeyboardInterrupt) ends the
    run within a second and raises ``WatchInterrupted`` with every source.
    ``allow_addresses`` (networks) lets tests reach their local server;
    the command never sets it."""
    jobs = [(p.slug, i, s.url) for p in practices for i, s in enumerate(p.sources)]
    limits: dict[str, threading.Semaphore] = defaultdict(lambda: threading.Semaphore(per_host))
    lock = threading.Lock()
    run = _Run(deadline, allow_addresses)

    def check(job: tuple[str, int, str]) -> SourceCheck:
        slug, index, url = job
        host = (urlsplit(url).hostname or "").lower()
        with lock:
            limit = limits[host]
        started = time.monotonic()
        try:
            while not limit.acquire(timeout=_POLL):
                run.left(math.inf)
        except _Cut as cut:
            return SourceCheck(slug, index, url, NOT_CHECKED, None, round(time.monotonic() - started, 2), str(cut))
        try:
            outcome, status, seconds, detail = _check(url, run, timeout, slow_after)
        except Exception as error:  # a bug: one source says so, the others are still checked
            outcome, status, seconds, detail = UNREACHABLE, None, time.monotonic() - started, \
                f"unexpected {type(error).__name__} in the watch (a bug: please report it)"
        finally:
            limit.release()
        return SourceCheck(slug, index, url, outcome, status, round(seconds, 2), detail)

    pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="source-watch")
    futures: dict[Future, int] = {}
    try:
        futures = {pool.submit(check, job): number for number, job in enumerate(jobs)}
        pending = set(futures)
        while pending:
            _, pending = wait(pending, return_when=FIRST_COMPLETED)
    except KeyboardInterrupt as interrupt:
        run.stop.set()  # every request ends within _POLL seconds
        pool.shutdown(wait=True, cancel_futures=True)
        checks = [
            future.result() if future.done() and not future.cancelled() else
            SourceCheck(*jobs[number], NOT_CHECKED, None, 0.0, STOPPED)
            for future, number in futures.items()
        ]
        checks += [SourceCheck(*job, NOT_CHECKED, None, 0.0, STOPPED) for job in jobs[len(checks):]]
        raise WatchInterrupted(checks) from interrupt
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        run.close()
    return [future.result() for future in futures]
