"""Fetching pages and feeds over HTTP, politely and safely.

A news site is someone else's server: sitrep names itself in its User-Agent, obeys robots.txt, waits
between two requests to the same host, and asks feeds "anything new since this ETag / date?" so an
unchanged feed costs one small 304. It is also a hostile input: a page may never answer, trickle bytes
forever, redirect in circles or be a 20 MB dump, so every request has a time-out, an overall deadline,
a redirect limit and a size cap, and each failure becomes a `FetchError` naming the URL.

A URL is also a way into the network of the machine that fetches it (the API's `POST /articles` takes
URLs from strangers): unless explicitly allowed (`allow_private=True`, `allow_hosts`, or
$SITREP_FETCH_ALLOW_PRIVATE=1), a host that resolves to a loopback, private, link-local, multicast or
otherwise non-public address is refused before any connection is made, at every redirect hop, and the
connection itself goes to the address that was checked (so a DNS answer that changes in between,
"DNS rebinding", cannot slip through).

Only the standard library (urllib) is used: no extra dependency, and nothing but the URL asked for
(and its robots.txt) is ever requested.
"""
from __future__ import annotations

import http.client
import ipaddress
import os
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from email.message import Message
from typing import Callable, Optional

from sitrep import __version__
from sitrep.errors import (FetchError, FetchTimeout, HTTPStatus, InputTooLarge, RobotsDisallowed,
                           TooManyRedirects)
from sitrep.ingest.detect import MAX_ARTICLE_BYTES
from sitrep.ingest.text import human_size

USER_AGENT = f"sitrep/{__version__} (news event coder; obeys robots.txt)"
ROBOTS_AGENT = "sitrep"          # the name robots.txt rules address
ROBOTS_MAX_BYTES = 512 * 1024
_CHUNK = 64 * 1024
_REDIRECTS = (301, 302, 303, 307, 308)
ALLOW_PRIVATE_ENV = "SITREP_FETCH_ALLOW_PRIVATE"


class PrivateAddress(FetchError):
    """A URL whose host is (or resolves to) an address inside a private network: never fetched."""

    code = "E136"
    template = "{source}: refused, {reason}"
    transient = False


def _is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def public_addresses(url: str, host: str, port: int) -> list[tuple]:
    """getaddrinfo for host:port, refusing the whole host if any address it resolves to is not public
    (a name with one public and one private address is as dangerous as a private one)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise FetchError(url, reason=f"cannot resolve {host!r} ({err})") from None
    for info in infos:
        address = info[4][0]
        if not _is_public(address):
            raise PrivateAddress(url, reason=f"{host} resolves to {address}, not a public address (a private, "
                                             f"loopback or link-local network is never fetched unless allowed)")
    return infos


def _guarded_connect(url: str):
    """A socket.create_connection that connects only to the public addresses it has just checked."""
    def connect(address, timeout=socket._GLOBAL_DEFAULT_TIMEOUT, source_address=None, **_):  # noqa: SLF001
        host, port = address
        last: Optional[OSError] = None
        for family, type_, proto, _, sockaddr in public_addresses(url, host, port):
            sock = socket.socket(family, type_, proto)
            try:
                if timeout is not socket._GLOBAL_DEFAULT_TIMEOUT:  # noqa: SLF001
                    sock.settimeout(timeout)
                if source_address:
                    sock.bind(source_address)
                sock.connect(sockaddr)
                return sock
            except OSError as err:
                sock.close()
                last = err
        raise last or OSError(f"no address for {host}")
    return connect


class _GuardedHTTP(http.client.HTTPConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _guarded_connect(f"http://{self.host}:{self.port}")


class _GuardedHTTPS(http.client.HTTPSConnection):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._create_connection = _guarded_connect(f"https://{self.host}:{self.port}")


class _GuardedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_GuardedHTTP, req)


class _GuardedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_GuardedHTTPS, req, context=self._context)


@dataclass
class Response:
    """A fetched resource. `not_modified` is True for a 304 (then `body` is empty)."""

    url: str                      # the URL asked for
    final_url: str                # after redirects
    status: int
    headers: Message
    body: bytes = b""
    not_modified: bool = False

    @property
    def etag(self) -> Optional[str]:
        return self.headers.get("ETag")

    @property
    def last_modified(self) -> Optional[str]:
        return self.headers.get("Last-Modified")

    @property
    def content_type(self) -> str:
        return (self.headers.get_content_type() or "").lower() if self.headers else ""

    @property
    def charset(self) -> Optional[str]:
        return self.headers.get_content_charset() if self.headers else None


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects are followed by `Fetcher` itself, so each hop is checked (robots, loops, limit)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: D401 - urllib API
        return None


@dataclass
class Fetcher:
    """Polite HTTP GET with time-outs, retries with exponential backoff, robots.txt, a per-host rate
    limit, conditional requests and a size cap. One Fetcher per run: it remembers robots.txt files
    and when it last asked each host.

    timeout: seconds to connect and between two reads; deadline: seconds for a whole response.
    retries: further tries after a transient failure (time-out, connection reset, 5xx, 429), waiting
    backoff, 2 x backoff, 4 x backoff... (or the server's Retry-After, up to max_wait).
    """

    timeout: float = 10.0
    deadline: float = 30.0
    retries: int = 2
    backoff: float = 1.0
    max_wait: float = 60.0
    per_host_interval: float = 1.0
    max_bytes: int = MAX_ARTICLE_BYTES
    max_redirects: int = 5
    respect_robots: bool = True
    user_agent: str = USER_AGENT
    allow_private: Optional[bool] = None     # None: $SITREP_FETCH_ALLOW_PRIVATE decides (default: refuse)
    allow_hosts: frozenset = frozenset()     # "host" or "host:port" trusted even though private
    sleep: Callable[[float], None] = time.sleep
    _robots: dict = field(default_factory=dict, repr=False)
    _last_request: dict = field(default_factory=dict, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def __post_init__(self) -> None:
        self.allow_hosts = frozenset(h.lower() for h in self.allow_hosts)
        self._opener = urllib.request.build_opener(_NoRedirects())
        self._guarded_opener = urllib.request.build_opener(_NoRedirects(), _GuardedHTTPHandler(),
                                                           _GuardedHTTPSHandler())

    def private_allowed(self, url: str) -> bool:
        """Whether this URL may reach a non-public address: allowed for this Fetcher, or its host listed."""
        if self.allow_private is not None:
            if self.allow_private:
                return True
        elif os.environ.get(ALLOW_PRIVATE_ENV, "").strip().lower() in ("1", "true", "yes"):
            return True
        parts = urllib.parse.urlsplit(url)
        host = (parts.hostname or "").lower()
        return host in self.allow_hosts or f"{host}:{parts.port or _default_port(parts.scheme)}" in self.allow_hosts

    def check_address(self, url: str) -> None:
        """Raise PrivateAddress when the URL's host resolves to a non-public address and that is not
        allowed; nothing is sent anywhere (only the name is resolved)."""
        if self.private_allowed(url):
            return
        parts = urllib.parse.urlsplit(url)
        if not parts.hostname:
            raise FetchError(url, reason="no host in the URL")
        public_addresses(url, parts.hostname, parts.port or _default_port(parts.scheme))

    # -- public ----------------------------------------------------------------------------------

    def fetch(self, url: str, etag: Optional[str] = None, last_modified: Optional[str] = None) -> Response:
        """GET `url`, following redirects; raise a `FetchError` subclass (or InputTooLarge) on failure."""
        _check_scheme(url)
        chain = [url]
        current = url
        while True:
            self.check_address(current)
            if self.respect_robots and not self.allowed(current):
                raise RobotsDisallowed(current, host=_host(current))
            response = self._with_retries(current, etag, last_modified)
            if response.status not in _REDIRECTS:
                response.url = url
                return response
            target = response.headers.get("Location")
            if not target:
                raise HTTPStatus(current, status=response.status, reason="redirect without a Location")
            current = urllib.parse.urljoin(current, target.strip())
            _check_scheme(current)
            if current in chain:
                raise TooManyRedirects(url, reason="redirect loop: " + " -> ".join(chain + [current]))
            chain.append(current)
            if len(chain) > self.max_redirects + 1:
                raise TooManyRedirects(url, reason=f"more than {self.max_redirects} redirects")

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of the URL's host lets sitrep fetch it (fetched once per host).

        No robots.txt (4xx) allows everything; a robots.txt the server fails to give (5xx) forbids
        everything for this run, as RFC 9309 says; an unreachable host raises the fetch error.
        """
        root = _root(url)
        with self._lock:
            rules = self._robots.get(root)
        if rules is None:
            rules = self._load_robots(root)
            with self._lock:
                self._robots[root] = rules
        return rules.can_fetch(ROBOTS_AGENT, url)

    # -- internals -------------------------------------------------------------------------------

    def _load_robots(self, root: str) -> urllib.robotparser.RobotFileParser:
        rules = urllib.robotparser.RobotFileParser(root + "/robots.txt")
        try:
            response = self._with_retries(root + "/robots.txt", None, None, limit=ROBOTS_MAX_BYTES,
                                          retries=0)
        except HTTPStatus as err:
            if err.transient:
                rules.disallow_all = True
            else:
                rules.allow_all = True
            return rules
        except InputTooLarge:
            rules.allow_all = True
            return rules
        if response.status in _REDIRECTS or response.status >= 400:
            rules.allow_all = True
            return rules
        rules.parse(response.body.decode("utf-8", "replace").splitlines())
        return rules

    def _wait_for_host(self, url: str) -> None:
        host = _host(url)
        with self._lock:
            last = self._last_request.get(host)
            now = time.monotonic()
            wait = 0.0 if last is None else last + self.per_host_interval - now
            self._last_request[host] = now + max(0.0, wait)
        if wait > 0:
            self.sleep(wait)

    def _with_retries(self, url: str, etag, last_modified, limit: Optional[int] = None,
                      retries: Optional[int] = None) -> Response:
        tries = (self.retries if retries is None else retries) + 1
        for attempt in range(tries):
            try:
                return self._get(url, etag, last_modified, limit or self.max_bytes)
            except FetchError as err:
                if not err.transient or attempt == tries - 1:
                    raise
                wait = getattr(err, "retry_after", None)
                self.sleep(min(self.max_wait, self.backoff * 2 ** attempt if wait is None else wait))
        raise AssertionError("unreachable")  # pragma: no cover

    def _get(self, url: str, etag, last_modified, limit: int) -> Response:
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "identity",
                   "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                             "application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self._wait_for_host(url)
        request = urllib.request.Request(url, headers=headers)
        started = time.monotonic()
        try:
            # Through a proxy the proxy connects; the URL's own host was checked by `check_address`.
            direct = urllib.parse.urlsplit(url).scheme.lower() not in urllib.request.getproxies()
            opener = self._guarded_opener if direct and not self.private_allowed(url) else self._opener
            reply = opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as err:
            return self._error_reply(url, err)
        except PrivateAddress:
            raise
        except (socket.timeout, TimeoutError):
            raise FetchTimeout(url, reason=f"no answer within {self.timeout:g} s") from None
        except urllib.error.URLError as err:
            reason = err.reason
            if isinstance(reason, PrivateAddress):
                raise reason from None
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise FetchTimeout(url, reason=f"no answer within {self.timeout:g} s") from None
            raise FetchError(url, reason=str(reason)) from None
        except (OSError, ValueError) as err:  # connection reset, malformed URL or reply
            raise FetchError(url, reason=str(err) or type(err).__name__) from None
        with reply:
            body = self._read_body(url, reply, limit, started)
            return Response(url=url, final_url=reply.geturl(), status=reply.status, headers=reply.headers,
                            body=body)

    def _error_reply(self, url: str, err: urllib.error.HTTPError) -> Response:
        try:
            if err.code == 304:
                return Response(url=url, final_url=url, status=304, headers=err.headers, not_modified=True)
            if err.code in _REDIRECTS:
                return Response(url=url, final_url=url, status=err.code, headers=err.headers)
            error = HTTPStatus(url, status=err.code, reason=str(err.reason or "").strip() or "error")
            retry_after = err.headers.get("Retry-After") if err.headers else None
            if retry_after and retry_after.strip().isdigit():
                error.retry_after = float(retry_after.strip())  # type: ignore[attr-defined]
            raise error
        finally:
            err.close()

    def _read_body(self, url: str, reply, limit: int, started: float) -> bytes:
        declared = reply.headers.get("Content-Length")
        if declared and declared.strip().isdigit() and int(declared) > limit:
            raise InputTooLarge(url, size=human_size(int(declared)), limit=human_size(limit))
        chunks, total = [], 0
        while True:
            if time.monotonic() - started > self.deadline:
                raise FetchTimeout(url, reason=f"the page took more than {self.deadline:g} s to arrive")
            try:
                chunk = reply.read1(_CHUNK) if hasattr(reply, "read1") else reply.read(_CHUNK)
            except (socket.timeout, TimeoutError):
                raise FetchTimeout(url, reason=f"the page stalled for more than {self.timeout:g} s") from None
            except OSError as err:
                raise FetchError(url, reason=f"connection broke while reading ({err})") from None
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise InputTooLarge(url, size="more than " + human_size(limit), limit=human_size(limit))
        return b"".join(chunks)


def _check_scheme(url: str) -> None:
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchError(url, reason=f"only http and https URLs are fetched, not {scheme or 'this'!r}")


def _default_port(scheme: str) -> int:
    return 443 if scheme.lower() == "https" else 80


def _host(url: str) -> str:
    return urllib.parse.urlsplit(url).netloc.lower()


def _root(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def is_url(text: str) -> bool:
    return text[:8].lower().startswith(("http://", "https://"))


_default: Optional[Fetcher] = None


def default_fetcher() -> Fetcher:
    """The Fetcher of this process, so robots.txt and rate limits are shared by every reader."""
    global _default
    if _default is None:
        _default = Fetcher()
    return _default
