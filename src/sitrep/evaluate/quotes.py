"""`sitrep evaluate quotes`: is each quotation given to the right speaker?

Gold: quotations in the bundled samples (the worked example and Voice of America stories) with their
speakers annotated by hand, in `tests/data/quote_speakers.yaml` of the source checkout (or --gold).
A quotation is found when a coded quote starts with its first words; it is right when the coded
speaker's name or text matches the annotated pattern (or, for a quotation nobody speaks, when the
coded speaker is null). A quotation not found counts as wrong.
"""
from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path
from typing import Optional

import click
import yaml

from .common import ratio

DEFAULT_GOLD = Path(__file__).resolve().parents[3] / "tests" / "data" / "quote_speakers.yaml"


def load_gold(path: Path) -> dict:
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def sample_articles(file_name: str) -> dict[str, dict]:
    text = (resources.files("sitrep") / "samples" / file_name).read_text(encoding="utf-8")
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return {str(r["id"]): r for r in rows}


def score_article(coded, gold_quotes: list[dict]) -> list[tuple[dict, Optional[str], bool]]:
    """(gold quote, coded speaker name or None, right?) for each annotated quotation."""
    out = []
    for gold in gold_quotes:
        found = next((q for q in coded.quotes if q.text.startswith(gold["quote"])), None)
        if found is None:
            out.append((gold, "(quote not found)", False))
            continue
        speaker = found.speaker
        if gold["speaker"] is None:
            out.append((gold, speaker.name if speaker else None, speaker is None))
            continue
        ok = speaker is not None and any(re.search(gold["speaker"], s or "") for s in (speaker.name, speaker.text))
        out.append((gold, speaker.name if speaker else None, ok))
    return out


@click.command("quotes")
@click.option("--gold", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
              help="Annotated speakers (default tests/data/quote_speakers.yaml of the checkout).")
@click.option("--show", is_flag=True, help="Print every wrong speaker.")
def command(gold: Optional[Path], show: bool) -> None:
    """Quote speaker accuracy on hand-annotated quotations in the bundled samples."""
    from ..article import Article
    from ..coder import code

    path = gold or DEFAULT_GOLD
    if not path.exists():
        raise click.ClickException(f"no annotations at {path}: give --gold FILE")
    for file_name, articles in load_gold(path).items():
        rows = sample_articles(file_name)
        right = total = 0
        for article_id, gold_quotes in articles.items():
            row = rows[str(article_id)]
            coded = code(Article(text=row["text"], id=str(row["id"]), title=row.get("title")),
                         published=(row.get("published") or "")[:10] or None)
            for g, got, ok in score_article(coded, gold_quotes):
                total += 1
                right += ok
                if show and not ok:
                    click.echo(f"    {article_id}: “{g['quote']}…” gold={g['speaker']} got={got}")
        click.echo(f"{file_name}: speaker right {ratio(right, total)} over {len(articles)} articles")
