"""Readers for CSV/TSV, WARC(.gz) and RSS/Atom files, and the bad inputs each must name and survive."""
from __future__ import annotations

import io

import pytest

from sitrep.article import Article
from sitrep.ingest import InputError, read_inputs
from sitrep.ingest.feed import looks_like_feed, parse_feed
from sitrep.ingest.table import parse_columns
from sitrep.errors import NotAFeed

STORY = "Gunmen attacked an army post near Gao on Sunday, killing 12 soldiers, the army said."
PAGE = f"<html><head><title>Gao attack</title></head><body><article><p>{STORY}</p></article></body></html>"


def items(*paths, **kwargs):
    return list(read_inputs([str(p) for p in paths], **kwargs))


def kinds(found):
    return [type(i).__name__ for i in found]


# --- CSV / TSV ----------------------------------------------------------------------------------

def test_csv_usual_column_names(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(',date,text,source\n0,2019-04-10,"' + STORY + '",Guardian\n'
                    '1,2019-04-11,"Troops, he said, ""withdrew"" at dawn.",Guardian\n', encoding="utf-8")
    found = items(path)
    assert kinds(found) == ["Article", "Article"]
    assert found[0].text == STORY and found[0].published == "2019-04-10" and found[0].outlet == "Guardian"
    assert found[1].text == 'Troops, he said, "withdrew" at dawn.' and found[1].source == f"{path}:3"


def test_csv_column_mapping_and_bad_rows(tmp_path):
    path = tmp_path / "scrape.tsv"
    path.write_text("doc_id\tbody_of_story\twhen\n7\t" + STORY + "\t2002-03-08\n8\t\t2002-03-09\n",
                    encoding="utf-8")
    found = items(path, columns=parse_columns("id=doc_id,text=body_of_story,published=when"))
    assert kinds(found) == ["Article", "InputError"]
    assert found[0].id == "7" and found[0].published == "2002-03-08"
    assert found[1].source == f"{path}:3" and "no article text" in found[1].message
    missing = items(path, columns={"text": "nope"})
    assert kinds(missing) == ["InputError"] and "no column 'nope'" in missing[0].message
    with pytest.raises(ValueError):
        parse_columns("body")


def test_csv_without_a_text_column_says_so(tmp_path):
    path = tmp_path / "numbers.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    (error,) = items(path)
    assert isinstance(error, InputError) and "--columns text=COLUMN" in error.message


# --- WARC ---------------------------------------------------------------------------------------

def make_warc(records, gzip=True) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for url, content_type, body in records:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return buffer.getvalue()


WARC_RECORDS = [
    ("http://news.example/gao", "text/html; charset=utf-8", PAGE.encode()),
    ("http://news.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 300),
    ("http://news.example/menaka", "text/html; charset=windows-1252",
     PAGE.replace("Gao", "Ménaka").encode("cp1252")),
]


@pytest.mark.parametrize("gzip, name", [(True, "crawl.warc.gz"), (False, "crawl.warc"), (True, "crawl.bin")])
def test_warc_pages_become_articles_and_other_records_are_passed_over(tmp_path, gzip, name):
    path = tmp_path / name
    path.write_bytes(make_warc(WARC_RECORDS, gzip=gzip))
    found = items(path)
    assert kinds(found) == ["Article", "Article"]
    assert found[0].url == "http://news.example/gao" and STORY in found[0].html
    assert "Ménaka" in found[1].html  # decoded with the charset the HTTP header gives


def test_truncated_gzip_warc_keeps_the_pages_before_the_damage(tmp_path):
    data = make_warc(WARC_RECORDS)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[:len(data) - 40])
    found = items(path)
    assert kinds(found) == ["Article", "InputError"]
    assert "damaged web archive" in found[1].message and "truncated" in found[1].message


def test_warc_holding_no_html_says_what_it_holds(tmp_path):
    path = tmp_path / "images.warc.gz"
    path.write_bytes(make_warc([WARC_RECORDS[1], ("http://news.example/a.js", "application/javascript", b"1;")]))
    (error,) = items(path)
    assert isinstance(error, InputError) and "no HTML pages" in error.message
    assert "image/png" in error.message and "application/javascript" in error.message


def test_warc_from_stdin():
    found = list(read_inputs([], stdin=io.BytesIO(make_warc(WARC_RECORDS[:1]))))
    assert kinds(found) == ["Article"] and found[0].url == "http://news.example/gao"


# --- feeds --------------------------------------------------------------------------------------

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Sahel Wire</title><link>http://news.example/</link>
<item><title>Gao attack</title><link>http://news.example/gao</link><guid>gao-1</guid>
<pubDate>Mon, 04 Mar 2024 10:00:00 GMT</pubDate><description>Short summary.</description>
<content:encoded><![CDATA[<p>{story}</p>]]></content:encoded></item>
<item><title>Link only</title><link>http://news.example/menaka</link></item>
</channel></rss>""".format(story=STORY)

ATOM = """<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Wire</title>
<entry><id>urn:1</id><title>Gao</title><link rel="alternate" href="http://news.example/gao"/>
<updated>2024-03-04T10:00:00Z</updated><content type="html">&lt;p&gt;{story}&lt;/p&gt;</content></entry>
</feed>""".format(story=STORY)


def test_rss_and_atom_items():
    rss = parse_feed(RSS.encode(), "rss")
    assert rss.title == "Sahel Wire" and [i.key for i in rss.items] == ["gao-1", "http://news.example/menaka"]
    first = rss.items[0]
    assert first.published == "2024-03-04" and first.full and STORY in first.content
    atom = parse_feed(ATOM.encode(), "atom")
    assert atom.items[0].key == "urn:1" and atom.items[0].link == "http://news.example/gao"
    assert atom.items[0].published == "2024-03-04" and STORY in atom.items[0].content
    assert looks_like_feed(RSS.encode()) and looks_like_feed(ATOM.encode()) and not looks_like_feed(PAGE.encode())


def test_feed_file_items_are_articles_and_an_empty_item_is_named(tmp_path):
    path = tmp_path / "wire.xml"
    path.write_text(RSS, encoding="utf-8")
    found = items(path)
    assert kinds(found) == ["Article", "InputError"]
    assert found[0].title == "Gao attack" and found[0].outlet == "Sahel Wire" and found[0].url == "http://news.example/gao"
    assert found[1].source == f"{path}#2" and "carries no text" in found[1].message


@pytest.mark.parametrize("data, words", [
    (b"this is not XML at all {", "not well-formed XML"),
    (b"<rss><channel><item><title>cut", "not well-formed XML"),
    (PAGE.encode(), "root is <html>"),
    (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><rss>&b;</rss>',
     "unsafe XML"),
])
def test_feed_that_is_not_a_feed(data, words):
    with pytest.raises(NotAFeed) as info:
        parse_feed(data, "bad.rss")
    assert words in info.value.message and "bad.rss" in info.value.message


def test_bad_feed_file_in_a_batch(tmp_path):
    (tmp_path / "a.rss").write_bytes(b"<html>oops</html")
    (tmp_path / "b.txt").write_text(STORY, encoding="utf-8")
    found = items(tmp_path)
    assert kinds(found) == ["InputError", "Article"] and "not an RSS or Atom feed" in found[0].message


# --- other bad inputs ---------------------------------------------------------------------------

def test_20_mb_page_is_refused_and_the_next_read(tmp_path):
    big = tmp_path / "a-big.html"
    with open(big, "wb") as fh:
        fh.write(b"<html><body>" + b"<p>word</p>" * (20 * 1024 * 1024 // 11) + b"</body></html>")
    (tmp_path / "b.html").write_text(PAGE, encoding="utf-8")
    found = items(tmp_path)
    assert kinds(found) == ["InputError", "Article"] and "too large" in found[0].message


def test_page_in_arabic_is_not_english():
    from sitrep.clean import clean

    page = ("<html><body><article><p>قالت وزارة الدفاع إن مسلحين هاجموا موقعا للجيش قرب مدينة غاو يوم الأحد، "
            "مما أسفر عن مقتل اثني عشر جنديا. ولم تعلن أي جماعة مسؤوليتها عن الهجوم حتى الآن.</p>"
            "</article></body></html>")
    cleaned = clean(Article(html=page))
    assert cleaned.language == "ar"
