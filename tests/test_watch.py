"""`sitrep watch` against a real feed server on 127.0.0.1 and a real store: new items, and only new
items, across restarts; copies linked, not coded; passing errors retried, lasting ones recorded."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from test_fetch_server import ROBOTS, NewsServer, flaky
from test_ingest_duplicates import OTHER, WIRE

from sitrep.fetch import Fetcher
from sitrep.ingest.cli import watch as watch_command
from sitrep.ingest.duplicates import DuplicateIndex
from sitrep.store import Store
from sitrep.watch import Watcher, parse_interval

THIRD = ("Protesters gathered outside parliament in Nairobi on Tuesday to demand the release of three "
         "activists arrested last week, and police fired tear gas to disperse them, witnesses said. The "
         "interior ministry said the activists would appear in court on Thursday.")
FOURTH = ("The Shabelle river burst its banks at Beledweyne on Saturday, forcing thousands of families from "
          "their homes, the regional administration said. Aid agencies said clean water and shelter were "
          "the most urgent needs and that roads to the town had been cut.")
ARABIC = ("قالت وزارة الدفاع إن مسلحين هاجموا موقعا للجيش قرب مدينة غاو يوم الأحد، مما أسفر عن مقتل اثني عشر "
          "جنديا. ولم تعلن أي جماعة مسؤوليتها عن الهجوم حتى الآن.")


def page(title: str, text: str) -> str:
    paragraphs = "".join(f"<p>{p}.</p>" for p in text.rstrip(".").split(". "))
    return (f"<html><head><title>{title}</title></head><body><nav>Home | World | Africa</nav>"
            f"<article><h1>{title}</h1>{paragraphs}</article><footer>Copyright 2024 Sahel Wire</footer>"
            f"</body></html>")


def feed(items: list[tuple[str, str]], etag_hint: str) -> tuple:
    body = "".join(f"<item><title>{t}</title><link>{{base}}{p}</link><guid>{p}</guid></item>" for p, t in items)
    xml = f'<?xml version="1.0"?><rss version="2.0"><channel><title>Sahel Wire</title>{body}</channel></rss>'
    return xml, f'"{etag_hint}"'


@pytest.fixture(scope="module")
def server():
    s = NewsServer()
    s.routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, ROBOTS.encode())
    s.page("/a1.html", page("Army post attacked near Gao", WIRE))
    s.page("/a2.html", page("Ministers meet in Amman", OTHER))
    s.page("/a3.html", page("Tear gas in Nairobi", THIRD))
    syndicated = "GAO, Mali (AP) - " + ". ".join(WIRE.split(". ")[:-1]) + "."
    s.page("/a4.html", page("Soldiers killed in Mali", syndicated))
    s.page("/a5.html", page("هجوم قرب غاو", ARABIC))
    s.routes["/down.html"] = flaky(10 ** 6, b"")
    yield s
    s.close()


def publish(server, items, version):
    xml, etag = feed(items, version)
    server.page("/feed.xml", xml.replace("{base}", server.base), etag=etag, content_type="application/rss+xml")


def fetcher():
    return Fetcher(timeout=2.0, retries=0, per_host_interval=0.0)


def run_once(server, db, watcher_class=Watcher):
    with Store(db) as store:
        watcher = watcher_class(store, fetcher=fetcher())
        tally = watcher.run([server.url("/feed.xml")], every=0, once=True)
        watcher.duplicates.close()
        return tally, store.counts()


def test_watch_takes_new_items_only_across_restarts(server, tmp_path):
    db = str(tmp_path / "watch.db")
    publish(server, [("/a2.html", "Ministers meet"), ("/a1.html", "Army post attacked")], "v1")
    tally, counts = run_once(server, db)
    assert (tally.new, tally.added) == (2, 2) and counts["articles"] == 2

    # a restart, and the feed has grown: only the new items are fetched
    publish(server, [("/down.html", "Down"), ("/private/x.html", "Forbidden"), ("/a5.html", "Arabic"),
                     ("/a4.html", "Syndicated"), ("/a3.html", "Nairobi"), ("/a2.html", "Ministers meet"),
                     ("/a1.html", "Army post attacked")], "v2")
    tally, counts = run_once(server, db)
    assert server.asked("/a1.html") == 1 and server.asked("/a2.html") == 1
    assert (tally.new, tally.added, tally.duplicates, tally.skipped, tally.failed, tally.retry) == (5, 1, 1, 1, 1, 1)
    assert counts["articles"] == 3 and server.asked("/private/x.html") == 0

    with Store(db) as store:
        failures = {f["article"]["source"]: f for f in store.failures()}
        assert failures[server.url("/a5.html")]["language"] == "ar"
        duplicate = failures[server.url("/a4.html")]
        assert duplicate["skipped"] and "near copy" in duplicate["error"]
        assert "robots.txt" in failures[server.url("/private/x.html")]["error"]
    with DuplicateIndex(db) as index:
        first = [link for link in index.conn.execute("SELECT first_id FROM dedup_links")]
        assert len(first) == 1

    # the page that was down comes back: it is taken on the next round, and nothing else is fetched
    server.page("/down.html", page("Flooding in Beledweyne", FOURTH))
    asked_before = {p: server.asked(p) for p in ("/a3.html", "/a4.html", "/a5.html")}
    tally, counts = run_once(server, db)
    assert (tally.new, tally.added) == (1, 1) and counts["articles"] == 4, tally
    assert {p: server.asked(p) for p in asked_before} == asked_before

    # nothing new: the feed answers 304 Not Modified
    tally, _ = run_once(server, db)
    assert tally.unchanged == 1 and tally.new == 0


class StopAfterOne(Watcher):
    def _take(self, *args, **kwargs):
        super()._take(*args, **kwargs)
        self.stop.set()  # as Ctrl-C does: the article in hand is finished, nothing more is taken


def test_stop_finishes_the_article_in_hand_and_the_rest_waits(server, tmp_path):
    db = str(tmp_path / "stop.db")
    publish(server, [("/a3.html", "Nairobi"), ("/a2.html", "Ministers meet")], "v3")
    tally, counts = run_once(server, db, StopAfterOne)
    assert (tally.new, tally.added, counts["articles"]) == (1, 1, 1)
    with Store(db) as store:
        assert store.feed_state(server.url("/feed.xml"))["etag"] is None  # not saved: the feed is read again
    tally, counts = run_once(server, db)
    assert (tally.new, tally.added, counts["articles"]) == (1, 1, 2)


def test_watch_command_once(server, tmp_path):
    db = str(tmp_path / "cli.db")
    publish(server, [("/a2.html", "Ministers meet")], "v4")
    args = [server.url("/feed.xml"), "--once", "--db", db, "--host-interval", "0", "--timeout", "2"]
    result = CliRunner().invoke(watch_command, args)
    assert result.exit_code == 0, result.output
    assert "1 new, 1 added" in result.output
    again = CliRunner().invoke(watch_command, args)
    assert again.exit_code == 0 and "0 new, 0 added" in again.output


@pytest.mark.parametrize("text, seconds", [("90", 90), ("90s", 90), ("10m", 600), ("1h30m", 5400)])
def test_parse_interval(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "ten minutes", "0", "5x"])
def test_parse_interval_refuses(text):
    with pytest.raises(ValueError):
        parse_interval(text)


def test_an_index_given_on_the_stores_file_shares_its_connection(server, tmp_path):
    """A second connection to the store's file would wait for the lock the store's transaction holds
    (after 30 s: "database is locked", and the article rolled back)."""
    db = str(tmp_path / "own.db")
    publish(server, [("/a3.html", "Nairobi")], "v7")
    with Store(db) as store, DuplicateIndex(db) as index:
        watcher = Watcher(store, fetcher=fetcher(), duplicates=index)
        assert watcher.duplicates.shares(store)
        tally = watcher.run([server.url("/feed.xml")], every=0, once=True)
        assert (tally.new, tally.added, tally.errors) == (1, 1, [])
        assert watcher.duplicates.check(THIRD) is not None


def test_keep_refuses_an_index_on_another_connection_inside_a_transaction(tmp_path):
    from sitrep.article import Article
    from sitrep.coder import code_many
    from sitrep.ingest.into_store import keep, store_index

    db = str(tmp_path / "refuse.db")
    article = Article(text=THIRD, id="nairobi-1")
    article.ensure_id()
    coded = next(code_many([article]))
    with Store(db) as store, DuplicateIndex(db) as index:
        with store.transaction():
            with pytest.raises(ValueError, match="own connection"):
                keep(store, coded, article.content_hash, None, index)
        assert store.counts()["articles"] == 0
        assert keep(store, coded, article.content_hash, None, store_index(store, index)) is True
        assert store_index(store, index).check(THIRD) is not None
