"""Hostile inputs meet each limit: an entity-expansion feed, a gzip bomb in a WARC, and hosts on private
networks (directly, by another spelling, by name, or at the end of a redirect chain), refused before
any connection is made."""
from __future__ import annotations

import socket
import time
import zlib

import pytest

from test_fetch_server import NewsServer, redirect

from sitrep.article import Article
from sitrep.errors import BadArchive, NotAFeed
from sitrep.fetch import Fetcher, PrivateAddress
from sitrep.ingest import InputError, read_inputs
from sitrep.ingest.feed import parse_feed
from sitrep.ingest.warc import read_warc_stream

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Laughs</title>
<item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title><item><title>&secret;</title></item></channel></rss>"""


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "external-entity"])
def test_unsafe_feed_xml_is_refused_quickly(xml, tmp_path):
    started = time.monotonic()
    with pytest.raises(NotAFeed, match="refused unsafe XML"):
        parse_feed(xml, "laughs.xml")
    path = tmp_path / "laughs.rss"
    path.write_bytes(xml)
    (item,) = list(read_inputs([str(path)]))
    assert isinstance(item, InputError) and "refused unsafe XML" in str(item)
    assert time.monotonic() - started < 5  # not a budget test: expansion would take minutes and gigabytes


def warc_bomb(inflated_mb: int) -> bytes:
    """A gzipped WARC whose one HTML response inflates to `inflated_mb` MB of blanks (over 200:1)."""
    size = inflated_mb * 1024 * 1024
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: %d\r\n\r\n" % size
    head = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://bomb.example/\r\n"
            b"WARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-000000000001>\r\n"
            b"WARC-Date: 2024-05-06T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\n"
            b"Content-Length: %d\r\n\r\n" % (len(http) + size))
    squeeze = zlib.compressobj(1, zlib.DEFLATED, 31)
    parts = [squeeze.compress(head + http + b"<html><body><p>")]
    block = b" " * (1024 * 1024)
    for _ in range(inflated_mb):
        parts.append(squeeze.compress(block))
    parts.append(squeeze.compress(b"\r\n\r\n"))
    parts.append(squeeze.flush())
    return b"".join(parts)


def test_gzip_bomb_in_a_warc_is_stopped(tmp_path):
    import io

    bomb = warc_bomb(256)  # 256 MB inflated from about 1 MB
    assert len(bomb) < 2 * 1024 * 1024
    items = list(read_warc_stream(io.BytesIO(bomb), "bomb.warc.gz", compressed=True))
    assert isinstance(items[-1], BadArchive) and "decompression bomb" in str(items[-1])
    assert not any(isinstance(item, Article) for item in items)
    path = tmp_path / "bomb.warc.gz"
    path.write_bytes(bomb)
    items = list(read_inputs([str(path)]))
    assert isinstance(items[-1], InputError) and "decompression bomb" in str(items[-1])


# --- fetching cannot be turned against the network it runs in ------------------------------------

@pytest.fixture
def listener():
    """A socket on 127.0.0.1 that would see any connection attempt (none may come)."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    sock.setblocking(False)
    yield sock
    sock.close()


def nobody_connected(sock) -> bool:
    try:
        conn, _ = sock.accept()
    except BlockingIOError:
        return True
    conn.close()
    return False


@pytest.fixture(autouse=True)
def no_blanket_permission(monkeypatch):
    monkeypatch.delenv("SITREP_FETCH_ALLOW_PRIVATE", raising=False)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "2130706433", "0x7f.1", "[::ffff:127.0.0.1]"],
                         ids=["loopback", "name", "integer", "hex", "ipv4-mapped"])
def test_loopback_refused_before_connecting(listener, host):
    port = listener.getsockname()[1]
    url = f"http://{host}:{port}/admin"
    with pytest.raises(PrivateAddress, match="not a public address"):
        Fetcher(retries=0, per_host_interval=0.0).fetch(url)
    (item,) = list(read_inputs([url], fetcher=Fetcher(retries=0, per_host_interval=0.0)))
    assert isinstance(item, InputError) and "refused" in str(item)
    assert nobody_connected(listener)


@pytest.mark.parametrize("url", ["http://10.0.0.1/", "http://167772161/", "http://169.254.169.254/latest/meta-data/",
                                 "http://192.168.1.1:8080/", "https://[fd00::1]/", "http://0.0.0.0/"],
                         ids=["10.0.0.1", "10.0.0.1-as-integer", "cloud-metadata", "home-router", "ipv6-ula",
                              "unspecified"])
def test_private_networks_refused_without_a_connection(url):
    started = time.monotonic()
    with pytest.raises(PrivateAddress) as refused:
        Fetcher(timeout=30, retries=3, per_host_interval=0.0).fetch(url)
    assert time.monotonic() - started < 2  # a connection attempt to an unrouted address would hang for 30 s
    assert not refused.value.transient


@pytest.fixture(scope="module")
def server():
    s = NewsServer()
    s.routes["/robots.txt"] = (404, {}, b"")
    s.page("/news.html", "<html><body><p>Gunmen attacked an army post near Gao on Sunday.</p></body></html>")
    yield s
    s.close()


def test_redirect_chain_to_loopback_refused_at_its_hop(server, listener):
    """The server itself is trusted by name (allow_hosts); its redirect to another local port is not."""
    port = listener.getsockname()[1]
    server.routes["/hop1"] = redirect("/hop2")
    server.routes["/hop2"] = redirect(f"http://localhost:{port}/internal")
    trusted = Fetcher(retries=0, per_host_interval=0.0, allow_hosts={server.base.split("//")[1]})
    assert trusted.fetch(server.url("/news.html")).status == 200
    with pytest.raises(PrivateAddress, match=f"localhost:{port}/internal.*resolves to 127.0.0.1"):
        trusted.fetch(server.url("/hop1"))
    assert server.asked("/hop2") == 1 and nobody_connected(listener)


def test_explicit_permission_lets_a_local_server_be_fetched(server, monkeypatch):
    assert Fetcher(retries=0, per_host_interval=0.0, allow_private=True).fetch(server.url("/news.html")).status == 200
    with pytest.raises(PrivateAddress):
        Fetcher(retries=0, per_host_interval=0.0).fetch(server.url("/news.html"))
    monkeypatch.setenv("SITREP_FETCH_ALLOW_PRIVATE", "1")
    assert Fetcher(retries=0, per_host_interval=0.0).fetch(server.url("/news.html")).status == 200
    with pytest.raises(PrivateAddress):  # an explicit False wins over the environment
        Fetcher(retries=0, per_host_interval=0.0, allow_private=False).fetch(server.url("/news.html"))
