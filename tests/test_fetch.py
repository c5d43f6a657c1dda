"""Fetching over HTTP against a real server on 127.0.0.1: politeness, limits and every failure named."""
from __future__ import annotations

import time

import pytest

from test_fetch_server import ROBOTS, NewsServer, SilentServer, flaky, huge, redirect, slow

from sitrep.article import Article
from sitrep.errors import (FetchTimeout, HTTPStatus, InputTooLarge, RobotsDisallowed, TooManyRedirects)
from sitrep.fetch import USER_AGENT, Fetcher
from sitrep.ingest import InputError, read_inputs

PAGE = ("<html><head><title>Army post attacked near Gao</title></head><body><article>"
        "<h1>Army post attacked near Gao</h1>"
        "<p>Gunmen attacked an army post near Gao on Sunday, killing 12 soldiers, the army said.</p>"
        "<p>No group has claimed responsibility for the attack; it followed by two days an ambush on a convoy "
        "travelling on the road to Menaka.</p></article></body></html>")


@pytest.fixture(autouse=True)
def local_server_allowed(monkeypatch):
    """The test server is on 127.0.0.1, which sitrep refuses to fetch unless told explicitly."""
    monkeypatch.setenv("SITREP_FETCH_ALLOW_PRIVATE", "1")


@pytest.fixture(scope="module")
def server():
    s = NewsServer()
    s.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, ROBOTS.encode())
    s.page("/news/gao.html", PAGE, etag='"v1"')
    s.page("/private/secret.html", PAGE)
    s.routes["/slow.html"] = slow(3.0)
    s.routes["/loop/a"] = redirect("/loop/b")
    s.routes["/loop/b"] = redirect("/loop/a")
    s.routes["/moved"] = redirect("/news/gao.html")
    s.routes["/huge-declared.html"] = huge(20 * 1024 * 1024, declared=True)
    s.routes["/huge.html"] = huge(6 * 1024 * 1024, declared=False)
    s.routes["/flaky.html"] = flaky(2, PAGE.encode())
    s.routes["/image.png"] = (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    yield s
    s.close()


class Clock:
    """Records the waits a Fetcher asks for instead of sleeping through them."""

    def __init__(self):
        self.waits = []

    def __call__(self, seconds):
        self.waits.append(seconds)


def fetcher(**kwargs) -> Fetcher:
    settings = dict(timeout=0.5, deadline=2.0, retries=1, backoff=0.01, per_host_interval=0.0, allow_private=True)
    settings.update(kwargs)
    return Fetcher(**settings)


def test_page_is_fetched_with_a_user_agent_that_names_sitrep(server):
    response = fetcher().fetch(server.url("/news/gao.html"))
    assert response.status == 200 and b"Gunmen attacked" in response.body
    assert response.etag == '"v1"' and response.content_type == "text/html"
    path, headers = [r for r in server.requests if r[0] == "/news/gao.html"][-1]
    assert headers["User-Agent"] == USER_AGENT and USER_AGENT.startswith("sitrep/")


def test_conditional_get_answers_not_modified(server):
    response = fetcher().fetch(server.url("/news/gao.html"), etag='"v1"')
    assert response.not_modified and response.status == 304 and response.body == b""


def test_robots_txt_forbids_a_path_and_it_is_never_asked_for(server):
    with pytest.raises(RobotsDisallowed) as info:
        fetcher().fetch(server.url("/private/secret.html"))
    assert "robots.txt" in info.value.message and not info.value.transient
    assert server.asked("/private/secret.html") == 0


def test_404_is_a_lasting_error_and_not_retried(server):
    before = server.asked("/gone.html")
    with pytest.raises(HTTPStatus) as info:
        fetcher(retries=3).fetch(server.url("/gone.html"))
    assert "HTTP 404" in info.value.message and server.url("/gone.html") in info.value.message
    assert not info.value.transient and server.asked("/gone.html") == before + 1


def test_server_errors_are_retried_with_backoff(server):
    clock = Clock()
    response = fetcher(retries=2, backoff=0.25, sleep=clock).fetch(server.url("/flaky.html"))
    assert response.status == 200 and server.asked("/flaky.html") == 3
    assert clock.waits == [0.0, 0.0]  # the server's Retry-After: 0 wins over the backoff


def test_slow_page_times_out(server):
    started = time.monotonic()
    with pytest.raises(FetchTimeout) as info:
        fetcher(retries=0).fetch(server.url("/slow.html"))
    assert time.monotonic() - started < 2.5
    assert server.url("/slow.html") in info.value.message


def test_redirects_are_followed_and_a_loop_is_named(server):
    response = fetcher().fetch(server.url("/moved"))
    assert response.status == 200 and response.final_url.endswith("/news/gao.html")
    with pytest.raises(TooManyRedirects) as info:
        fetcher().fetch(server.url("/loop/a"))
    assert "redirect loop" in info.value.message and "/loop/b" in info.value.message


@pytest.mark.parametrize("path", ["/huge-declared.html", "/huge.html"])
def test_oversized_page_is_refused(server, path):
    with pytest.raises(InputTooLarge) as info:
        fetcher(deadline=10.0).fetch(server.url(path))
    assert "too large" in info.value.message


def test_url_that_never_answers_times_out_after_its_retries():
    silent = SilentServer()
    try:
        clock = Clock()
        started = time.monotonic()
        with pytest.raises(FetchTimeout) as info:
            Fetcher(timeout=0.3, retries=1, backoff=0.01, respect_robots=False, per_host_interval=0.0,
                    sleep=clock).fetch(silent.url)
        assert time.monotonic() - started < 2.0 and clock.waits == [0.01]
        assert "no answer" in info.value.message
    finally:
        silent.close()


def test_requests_to_one_host_are_spaced_out(server):
    clock = Clock()
    polite = Fetcher(per_host_interval=5.0, sleep=clock, timeout=1.0)
    polite.fetch(server.url("/news/gao.html"))
    polite.fetch(server.url("/news/gao.html"))
    # robots.txt, then the page twice: each request waits its turn (the fake clock never moves)
    assert len(clock.waits) == 2 and 4.0 < clock.waits[0] <= 5.0 and 4.0 < clock.waits[1] - clock.waits[0] <= 5.0


def test_urls_as_inputs_one_error_each_and_the_batch_goes_on(server):
    paths = [server.url("/news/gao.html"), server.url("/gone.html"), server.url("/private/secret.html"),
             server.url("/image.png"), server.url("/news/gao.html")]
    items = list(read_inputs(paths, fetcher=fetcher()))
    assert [type(i).__name__ for i in items] == ["Article", "InputError", "InputError", "InputError", "Article"]
    assert items[0].html.startswith("<html>") and items[0].url == server.url("/news/gao.html")
    assert "HTTP 404" in items[1].message and "robots.txt" in items[2].message
    assert "image/png" in items[3].message
    assert all(isinstance(i, InputError) and i.source in paths for i in items[1:4])
    assert isinstance(items[4], Article)
