"""A real HTTP server on 127.0.0.1 for the fetching, URL and watch tests (no test of its own here).

It serves whatever `routes` say, logs every request, answers conditional GETs, and has the hostile
pages of the real web: slow, looping, oversized, missing, forbidden by robots.txt.
"""
from __future__ import annotations

import os
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Optional, Union

Route = Union[tuple, Callable]

# sitrep refuses to fetch from loopback and private addresses unless explicitly allowed; this server
# is on 127.0.0.1, so a test process that uses it allows that (tests of the refusal unset it).
os.environ["SITREP_FETCH_ALLOW_PRIVATE"] = "1"


class NewsServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, *args) -> None:  # quiet
                pass

            def do_GET(self) -> None:  # noqa: N802 - http.server API
                server.requests.append((self.path, dict(self.headers)))
                route = server.routes.get(self.path)
                try:
                    if route is None:
                        self._send(404, {"Content-Type": "text/html"}, b"<html><body>Not found</body></html>")
                    elif callable(route):
                        route(self)
                    else:
                        status, headers, body = route
                        etag = headers.get("ETag")
                        if etag and self.headers.get("If-None-Match") == etag:
                            self._send(304, {"ETag": etag}, b"")
                        else:
                            self._send(status, headers, body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def _send(self, status: int, headers: dict, body: bytes) -> None:
                self.send_response(status)
                for key, value in headers.items():
                    self.send_header(key, value)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, html: str, etag: Optional[str] = None, content_type: str = "text/html; charset=utf-8"):
        headers = {"Content-Type": content_type}
        if etag:
            headers["ETag"] = etag
        self.routes[path] = (200, headers, html.encode("utf-8"))

    def asked(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def slow(seconds: float) -> Callable:
    """A page that sends its headers, then stalls."""
    def handler(h) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        h.end_headers()
        h.wfile.write(b"<html><body><p>Start")
        h.wfile.flush()
        time.sleep(seconds)
        h.wfile.write(b"</p></body></html>")
    return handler


def huge(size: int, declared: bool) -> Callable:
    """A page of `size` bytes, with or without a Content-Length saying so."""
    def handler(h) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "text/html")
        if declared:
            h.send_header("Content-Length", str(size))
        h.end_headers()
        chunk = b"<p>" + b"x" * 65530 + b"</p>"
        sent = 0
        while sent < size:
            h.wfile.write(chunk)
            sent += len(chunk)
    return handler


def flaky(failures: int, body: bytes) -> Callable:
    """503 the first `failures` times, then the page."""
    count = {"n": 0}

    def handler(h) -> None:
        count["n"] += 1
        if count["n"] <= failures:
            h._send(503, {"Content-Type": "text/plain", "Retry-After": "0"}, b"busy")
        else:
            h._send(200, {"Content-Type": "text/html"}, body)
    return handler


def redirect(to: str) -> tuple:
    return (302, {"Location": to}, b"")


class SilentServer:
    """Accepts connections (the kernel does) and never answers: a URL that never answers."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/news.html"

    def close(self) -> None:
        self.sock.close()


ROBOTS = "User-agent: *\nDisallow: /private/\n"
