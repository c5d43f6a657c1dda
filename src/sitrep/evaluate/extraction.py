"""`sitrep evaluate extraction`: how well the body of a news page is found, against trafilatura alone.

Score: token F1 (bag of case-folded words) between the extracted body and the true body, averaged over
pages. trafilatura alone (`trafilatura.extract`, default settings) is scored in the same run on the same
pages: it is the baseline that cleaning must add to, never damage.

Pages come from either
- `--pages DIR`: real pages, `NAME.html` beside `NAME.txt` (the true body); or
- by default, pages built from the public-domain VOA stories (and the CC BY Wikinews articles) in
  ../shared/corpus: each story is wrapped, seeded, in one of several news-site layouts with the usual
  debris (navigation, bylines, share buttons, photos with captions and credits, "Read more" promos
  inside the story, related links, newsletter boxes, cookie banners, comments, copyright footers).
  The true body is the story's own paragraphs.
"""
from __future__ import annotations

import html as htmllib
import json
import random
import re
import time
from collections import Counter
from pathlib import Path
from typing import Iterator, Optional

import click

from .common import dev_dir

_TOKEN = re.compile(r"[^\W_]+")


def tokens(text: str) -> Counter:
    return Counter(_TOKEN.findall((text or "").casefold()))


def token_f1(predicted: str, gold: str) -> tuple[float, float, float]:
    """(precision, recall, F1) of the words of `predicted` against those of `gold`, as multisets."""
    p, g = tokens(predicted), tokens(gold)
    overlap = sum((p & g).values())
    if not p or not g:
        return (1.0, 1.0, 1.0) if not p and not g else (0.0, 0.0, 0.0)
    precision, recall = overlap / sum(p.values()), overlap / sum(g.values())
    f1 = 2 * precision * recall / (precision + recall) if overlap else 0.0
    return precision, recall, f1


# --- pages built from openly licensed stories ---------------------------------------------------

_SENTENCE = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’]))\s+(?=[\"“‘]?[A-Z0-9])")


def paragraphs_of(text: str, rng: random.Random) -> list[str]:
    """A story's paragraphs: its own, or (for a text kept on one line) runs of 1-3 sentences."""
    if "\n" in text.strip():
        return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
    sentences = _SENTENCE.split(text.strip())
    out, i = [], 0
    while i < len(sentences):
        n = rng.choice((1, 2, 2, 3))
        out.append(" ".join(sentences[i:i + n]))
        i += n
    return out


def _e(text: str) -> str:
    return htmllib.escape(text, quote=True)


_NAV = ["Home", "World", "Africa", "Americas", "Asia", "Europe", "Middle East", "Politics", "Economy",
        "Science", "Video", "Podcasts", "Opinion"]
_OTHER_HEADLINES = ["Floods displace thousands in the south", "Parliament passes budget after long debate",
                    "Talks on prisoner exchange resume", "Drought threatens harvest, UN agency warns",
                    "New envoy named for peace process", "Election commission delays vote count"]


def build_page(story: dict, layout: int, rng: random.Random) -> tuple[str, str]:
    """(page HTML, true body) for one story in one of four layouts."""
    paras = paragraphs_of(story["text"], rng)
    title = story.get("title") or paras[0][:60]
    author = story.get("author") or "Staff reporter"
    date = (story.get("published") or "2024-01-01")[:10]
    others = rng.sample(_OTHER_HEADLINES, 3)
    body = list(paras)
    blocks = [f"<p>{_e(p)}</p>" for p in body]
    if len(blocks) > 4:  # in-story promos, where real sites put them
        promo = rng.choice(["Read more: ", "RELATED: ", "Also read: ", "WATCH: "])
        blocks.insert(2, f'<p><strong>{promo}</strong><a href="/a/1">{_e(others[0])}</a></p>')
        blocks.insert(5, '<div class="ad"><p>Advertisement</p></div>')
    figure = (f'<figure><img src="/img/1.jpg" alt=""><figcaption>{_e(title)} on {date}. '
              f'(AP Photo/Jane Doe)</figcaption></figure>')
    nav = "".join(f'<li><a href="/{n.lower().replace(" ", "-")}">{n}</a></li>' for n in _NAV)
    related = "".join(f'<li><a href="/a/{i}">{_e(h)}</a></li>' for i, h in enumerate(others))
    share = ('<ul class="share"><li><a href="#">Facebook</a></li><li><a href="#">Twitter</a></li>'
             '<li><a href="#">Email</a></li><li><a href="#">Print</a></li></ul>')
    head = (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{_e(title)} | The Daily "
            f"Dispatch</title><meta property=\"og:title\" content=\"{_e(title)}\">"
            f"<meta name=\"author\" content=\"{_e(author)}\"><meta property=\"article:published_time\" "
            f"content=\"{date}T10:00:00Z\"></head>")
    cookie = ('<div id="cookie-banner"><p>We use cookies to improve your experience. By continuing to use '
              'this site you agree to our cookie policy.</p><button>Accept</button></div>')
    footer = ('<footer><ul><li><a href="/about">About us</a></li><li><a href="/contact">Contact</a></li>'
              '<li><a href="/terms">Terms of use</a></li></ul><p>© 2025 The Daily Dispatch. All rights '
              'reserved.</p></footer>')
    newsletter = ('<div class="newsletter"><h3>Sign up for our newsletter</h3><p>Get the day\'s top stories '
                  'delivered to your inbox every morning.</p><form><input type="email"><button>Subscribe'
                  '</button></form></div>')
    if layout == 0:
        page = (f"{head}<body>{cookie}<header><nav><ul>{nav}</ul></nav></header><main><article>"
                f"<div class=\"breadcrumbs\"><a href=\"/\">Home</a> &gt; <a href=\"/world\">World</a></div>"
                f"<h1>{_e(title)}</h1><p class=\"byline\">By {_e(author)}</p><time datetime=\"{date}\">{date}"
                f"</time>{share}{figure}<div class=\"article-body\">{''.join(blocks)}</div></article>"
                f"<aside><h2>Related</h2><ul>{related}</ul></aside>{newsletter}</main>{footer}</body></html>")
    elif layout == 1:
        page = (f"{head}<body><div id=\"top\"><div class=\"menu\">{' | '.join(_NAV)}</div></div>"
                f"<div id=\"content\"><div class=\"story\"><h1 class=\"headline\">{_e(title)}</h1>"
                f"<div class=\"meta\">{_e(author)} · {date}</div>{figure}<div class=\"story-text\">"
                f"{''.join(blocks)}</div><div class=\"tags\">Tags: {_e(story.get('keywords') or 'World')}</div>"
                f"{share}</div><div class=\"sidebar\"><h3>Most read</h3><ol>{related}</ol></div></div>"
                f"<div class=\"comments\"><h3>Comments</h3><p>Comments are closed.</p></div>{footer}"
                f"</body></html>")
    elif layout == 2:
        page = (f"{head}<body><header><a href=\"/\">The Daily Dispatch</a><nav>{nav}</nav></header>"
                f"<main><h1>{_e(title)}</h1><div class=\"byline\"><span>{_e(author)}</span> "
                f"<span>{date}</span></div><section class=\"body\">{''.join(blocks[:3])}{figure}"
                f"{''.join(blocks[3:])}<p>Share this article: Facebook Twitter WhatsApp</p></section>"
                f"{newsletter}<section class=\"more\"><h2>More from World</h2><ul>{related}</ul></section>"
                f"</main>{footer}{cookie}</body></html>")
    else:
        page = (f"{head}<body><table><tr><td class=\"nav\">{'<br>'.join(_NAV)}</td><td class=\"main\">"
                f"<h2>{_e(title)}</h2><p><i>{_e(author)}, {date}</i></p>{''.join(blocks)}"
                f"<p>Copyright 2025 The Daily Dispatch. This material may not be published, broadcast, "
                f"rewritten or redistributed.</p></td></tr></table></body></html>")
    return page, "\n\n".join(body)


def built_pages(corpus: Path, limit: Optional[int], seed: int) -> Iterator[tuple[str, str, str]]:
    """(name, page, true body) for stories of the openly licensed corpora, in a seeded order."""
    stories = []
    for name, path, text_key in (("voa", corpus / "voa" / "voa_stories.jsonl", "text"),
                                 ("wikinews", corpus / "wikinews" / "articles.jsonl", "text")):
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            text = row.get(text_key) or ""
            if len(text.split()) >= 80 and "TEST PAGE" not in (row.get("title") or ""):
                stories.append((f"{name}:{row.get('id') or len(stories)}", row))
    if not stories:
        raise click.ClickException(f"no stories found under {corpus} (voa/, wikinews/)")
    rng = random.Random(seed)
    rng.shuffle(stories)
    for n, (name, story) in enumerate(stories[:limit] if limit else stories):
        page, gold = build_page(story, n % 4, rng)
        yield name, page, gold


def real_pages(folder: Path) -> Iterator[tuple[str, str, str]]:
    for page_path in sorted(folder.glob("*.html")):
        gold = page_path.with_suffix(".txt")
        if gold.exists():
            yield page_path.name, page_path.read_text(encoding="utf-8", errors="replace"), \
                gold.read_text(encoding="utf-8")


# --- mojibake ----------------------------------------------------------------------------------

# Marks that UTF-8 read as Windows-1252 (or Latin-1) leaves: "â€™", "Ã©", "Â " and lost bytes.
MOJIBAKE = re.compile("â€|Ã[\u0080-\u00bf]|Â[\u0080-\u00bf]|\ufffd|ï»¿")


def _count_mojibake(path: str, limit: Optional[int]) -> None:
    from sitrep.article import Article
    from sitrep.clean import clean
    from sitrep.errors import SitrepError
    from sitrep.ingest import read_inputs

    articles = []
    if path.endswith(".jsonl"):
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            text = next((row[k] for k in ("text", "doc_text", "full_text", "body") if isinstance(row.get(k), str)), None)
            if text:
                articles.append(Article(text=text, source=str(row.get("id") or row.get("doc_id"))))
    else:
        articles = [a for a in read_inputs([path]) if isinstance(a, Article)]
    articles = articles[:limit] if limit else articles
    before = after = marked_before = marked_after = 0
    for article in articles:
        n = len(MOJIBAKE.findall(article.raw))
        before, marked_before = before + n, marked_before + (n > 0)
        try:
            cleaned = clean(article)
        except SitrepError:
            continue
        out = "\n".join([cleaned.title or "", cleaned.text, *cleaned.captions, *(r.text for r in cleaned.removed)])
        n = len(MOJIBAKE.findall(out))
        after, marked_after = after + n, marked_after + (n > 0)
    click.echo(f"{len(articles)} articles from {path}")
    click.echo(f"  before cleaning: {marked_before} articles with mojibake, {before} marks")
    click.echo(f"  after cleaning:  {marked_after} articles with mojibake, {after} marks "
               "(body, title, captions and removed text)")


# --- the command --------------------------------------------------------------------------------

@click.command("extraction")
@click.option("--pages", "pages_dir", type=click.Path(file_okay=False, exists=True), default=None,
              help="Folder of real pages: NAME.html with its true body in NAME.txt.")
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False), default=None,
              help="Where the VOA and Wikinews stories are (default: ../shared/corpus beside --dev).")
@click.option("--dev", "dev", default=None, metavar="DIR", help="Gold data folder (to find ../shared).")
@click.option("--limit", type=int, default=None, help="Only this many pages.")
@click.option("--seed", type=int, default=13, show_default=True)
@click.option("--worst", type=int, default=0, help="Show the N pages where sitrep loses most.")
@click.option("--mojibake", "mojibake_path", type=click.Path(exists=True), default=None,
              help="Instead: count mojibake marks in the articles of this file (JSONL, CSV...) before and "
                   "after cleaning.")
def command(pages_dir, corpus_dir, dev, limit, seed, worst, mojibake_path) -> None:
    """Body-text extraction: token F1 of sitrep's cleaned body and of trafilatura alone, same pages."""
    import trafilatura

    from sitrep.article import Article
    from sitrep.clean import clean
    from sitrep.errors import SitrepError

    if mojibake_path:
        _count_mojibake(mojibake_path, limit)
        return

    if pages_dir:
        pages = list(real_pages(Path(pages_dir)))
        if limit:
            pages = pages[:limit]
    else:
        corpus = Path(corpus_dir) if corpus_dir else dev_dir(dev).parent / "corpus"
        pages = list(built_pages(corpus, limit, seed))
    sums = {"sitrep": [0.0, 0.0, 0.0], "trafilatura": [0.0, 0.0, 0.0]}
    timings = {"sitrep": 0.0, "trafilatura": 0.0}
    losses = []
    for name, page, gold in pages:
        started = time.perf_counter()
        base = trafilatura.extract(page) or ""
        timings["trafilatura"] += time.perf_counter() - started
        started = time.perf_counter()
        try:
            ours = clean(Article(html=page, source=name)).text
        except SitrepError:
            ours = ""
        timings["sitrep"] += time.perf_counter() - started
        scores = {"sitrep": token_f1(ours, gold), "trafilatura": token_f1(base, gold)}
        for system, triple in scores.items():
            for i, value in enumerate(triple):
                sums[system][i] += value
        losses.append((scores["sitrep"][2] - scores["trafilatura"][2], name, scores))
    n = len(pages)
    click.echo(f"pages: {n} ({'real pages from ' + pages_dir if pages_dir else f'built from VOA/Wikinews, seed {seed}'})")
    for system in ("trafilatura", "sitrep"):
        p, r, f = (v / n for v in sums[system])
        click.echo(f"  {system:<12} token P {p:.4f}  R {r:.4f}  F1 {f:.4f}  "
                   f"({n / timings[system]:.1f} pages/s)")
    groups: dict[str, list] = {}
    for delta, name, scores in losses:
        groups.setdefault(name.split(":")[0] if ":" in name else "pages", []).append(scores)
    if len(groups) > 1:
        for group, rows in sorted(groups.items()):
            click.echo(f"  {group}: {len(rows)} pages, F1 trafilatura "
                       f"{sum(r['trafilatura'][2] for r in rows) / len(rows):.4f}, sitrep "
                       f"{sum(r['sitrep'][2] for r in rows) / len(rows):.4f}")
    better = sum(1 for d, _, _ in losses if d > 1e-9)
    worse = sum(1 for d, _, _ in losses if d < -1e-9)
    click.echo(f"  sitrep - trafilatura: F1 {(sums['sitrep'][2] - sums['trafilatura'][2]) / n:+.4f}; "
               f"better on {better}, worse on {worse}, same on {n - better - worse} pages")
    for delta, name, scores in sorted(losses)[:worst]:
        click.echo(f"  {name}: {delta:+.3f} (sitrep F1 {scores['sitrep'][2]:.3f}, "
                   f"trafilatura {scores['trafilatura'][2]:.3f})")
