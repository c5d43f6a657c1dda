"""`sitrep evaluate places`: toponym detection and resolution against gold geoparsing corpora.

Each article is parsed by the full pipeline and `doc._.places` is compared with the gold toponyms:

- detection recall: gold toponyms whose span a predicted place overlaps;
- resolution: of those detected, the share placed within 161 km (100 miles, the field's standard
  threshold) of the gold coordinates;
- end to end: gold toponyms both detected and placed within 161 km, over all gold toponyms;
- precision: predicted places that overlap a gold toponym, over predicted places (places overlapping
  an annotation the corpus does not count, such as GeoWebNews' embedded non-literal names, are left
  out of both counts).

These are the standard figures. One count follows them, not a ratio and not added to any: misplaced
toponyms resolved to a country or first-level division that IS the gold place (the gold GeoNames id is
the entry's, or the gold's own name for the place, GeoWebNews' normalised name or GeoVirus' Wikipedia
title, is the entry's name) and that the corpus puts at another point for that same entity (a
country's centroid against its capital). A gold city resolved to its country is not among them. A
second count, likewise apart, does the same for regions (a continent, a sea, "West Africa") named as
the gold names them.

Readers: GeoWebNews (`GWN.xml`), GeoVirus (`GeoVirus.xml`) and the LGL schema (`lgl.xml`,
`TR-News.xml`: <toponym> with start, end, phrase and a <gaztag> with lat/lon).
"""
from __future__ import annotations

import random
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Optional
from urllib.parse import unquote

import click

from ..gazetteer import distance_km as km
from .common import dev_dir, dev_option, ratio

THRESHOLD_KM = 161.0
# GeoWebNews types that name a place on the map (metonymy and modifiers included: "Moscow said",
# "Russian President" are still Russia); "Embedded_Non_Lit" ("Russian Higher School of Economics")
# and toponyms the corpus marks non-locational are not counted, nor held against a prediction.
GWN_COUNTED = {"Literal", "Literal_Modifier", "Mixed", "Metonymic", "Embedded_Literal", "Coercion",
               "Non_Literal_Modifier"}


@dataclass
class Gold:
    start: int
    end: int
    name: str
    lat: float
    lon: float
    geonames_id: Optional[int] = None
    names: tuple[str, ...] = ()  # the corpus' own names for the place, not the text as written


@dataclass
class GoldDoc:
    text: str
    toponyms: list[Gold]
    ignored: list[tuple[int, int]] = field(default_factory=list)  # spans neither right nor wrong


def _int(value: Optional[str]) -> Optional[int]:
    return int(value) if value and value.strip().isdigit() else None


def _names(*values: Optional[str]) -> tuple[str, ...]:
    return tuple(v.strip() for v in values if v and v.strip())


def _wiki_title(url: Optional[str]) -> Optional[str]:
    """"Pandi, Bulacan" from https://en.wikipedia.org/wiki/Pandi,_Bulacan."""
    if not url or "/wiki/" not in url:
        return None
    return unquote(url.rsplit("/wiki/", 1)[1]).replace("_", " ").split("#")[0]


def read_gwn(path: Path) -> Iterator[GoldDoc]:
    for art in ET.parse(path).getroot().iter("article"):
        doc = GoldDoc(art.findtext("text") or "", [])
        for t in art.iter("toponym"):
            span = (int(t.findtext("start")), int(t.findtext("end")))
            if t.findtext("type") in GWN_COUNTED and t.findtext("nonLocational") != "Yes" \
                    and t.findtext("latitude"):
                doc.toponyms.append(Gold(*span, t.findtext("extractedName"), float(t.findtext("latitude")),
                                         float(t.findtext("longitude")), _int(t.findtext("geonamesID")),
                                         _names(t.findtext("normalisedName"))))
            else:
                doc.ignored.append(span)
        yield doc


def read_geovirus(path: Path) -> Iterator[GoldDoc]:
    for art in ET.parse(path).getroot().iter("article"):
        doc = GoldDoc(art.findtext("text") or "", [])
        for loc in art.iter("location"):
            if loc.findtext("lat"):
                doc.toponyms.append(Gold(int(loc.findtext("start")), int(loc.findtext("end")),
                                         loc.findtext("name"), float(loc.findtext("lat")),
                                         float(loc.findtext("lon")), None,
                                         _names(_wiki_title(loc.findtext("page")))))
        yield doc


def read_lgl(path: Path) -> Iterator[GoldDoc]:
    for art in ET.parse(path).getroot().iter("article"):
        doc = GoldDoc(art.findtext("text") or "", [])
        for t in art.iter("toponym"):
            tag = t.find("gaztag")
            span = (int(t.findtext("start")), int(t.findtext("end")))
            if tag is not None and tag.findtext("lat"):
                doc.toponyms.append(Gold(*span, t.findtext("phrase"), float(tag.findtext("lat")),
                                         float(tag.findtext("lon")), _int(tag.get("geonameid")),
                                         _names(tag.findtext("name"))))
            else:
                doc.ignored.append(span)
        yield doc


CORPORA = (("GeoWebNews", "GWN.xml", read_gwn), ("GeoVirus", "GeoVirus.xml", read_geovirus),
           ("LGL", "lgl.xml", read_lgl), ("TR-News", "TR-News.xml", read_lgl))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass
class Score:
    gold: int = 0
    detected: int = 0
    placed: int = 0  # detected and within the threshold
    predicted: int = 0
    correct_predictions: int = 0
    # misplaced toponyms resolved to a country or division that is the gold place itself: the corpus
    # puts the same entity at another point (a count of misses, never added to `placed`)
    same_entity: int = 0
    same_region: int = 0  # ... and regions (continents, seas) the gold names as we do
    misses: Counter = field(default_factory=Counter)
    misplaced: Counter = field(default_factory=Counter)
    spurious: Counter = field(default_factory=Counter)


def score_doc(doc, gold: GoldDoc, score: Score) -> None:
    """Add one parsed article's counts to `score`."""
    predicted = [(doc[m.start:m.end].start_char, doc[m.start:m.end].end_char, m) for m in doc._.places or []]
    for g in gold.toponyms:
        score.gold += 1
        hits = [m for s, e, m in predicted if _overlaps((s, e), (g.start, g.end))]
        if not hits:
            score.misses[g.name] += 1
            continue
        score.detected += 1
        best = min(km(g.lat, g.lon, m.entry.lat, m.entry.lon) for m in hits)
        if best <= THRESHOLD_KM:
            score.placed += 1
        else:
            m = hits[0]
            score.same_entity += any(same_entity(g, h.entry) for h in hits)
            score.same_region += any(same_region(g, h.entry) for h in hits)
            score.misplaced[f"{g.name} -> {m.entry.name}, {m.entry.country} ({m.entry.kind}) "
                            f"{best:.0f} km"] += 1
    for s, e, m in predicted:
        if any(_overlaps((s, e), (g.start, g.end)) for g in gold.toponyms):
            score.predicted += 1
            score.correct_predictions += 1
        elif not any(_overlaps((s, e), span) for span in gold.ignored):
            score.predicted += 1
            score.spurious[f"{m.text} -> {m.entry.name}, {m.entry.country}"] += 1


def same_entity(gold: Gold, entry) -> bool:
    """Whether a country or first-level division we chose is the gold place itself, by the gold's
    GeoNames id or its own name for the place (never by where the gold point lies: Moscow is in
    Russia, but Russia is not Moscow)."""
    if entry.kind not in ("country", "admin1"):
        return False
    if gold.geonames_id is not None and entry.geonames_id is not None:
        return gold.geonames_id == entry.geonames_id
    from ..gazetteer import exact_key

    return any(exact_key(name) == exact_key(entry.name) for name in gold.names)


def same_region(gold: Gold, entry) -> bool:
    """Whether a region we chose (a continent, a sea, "West Africa") is the gold place itself, by the
    gold's own name for it: the corpora put such regions at points of their own choosing."""
    from ..gazetteer import exact_key

    return entry.kind == "region" and any(exact_key(name) == exact_key(entry.name) for name in gold.names)


def run_corpus(docs: list[GoldDoc]) -> Score:
    from ..nlp.pipeline import load_pipeline, parse

    score = Score()
    nlp = load_pipeline()
    parsed = parse(nlp, ((d.text, {"published": None, "fields": None}) for d in docs))
    for gold, doc in zip(docs, parsed):
        score_doc(doc, gold, score)
    return score


@click.command("places")
@dev_option
@click.option("--sample", type=int, default=0, help="Articles per corpus, drawn at random (0: all).")
@click.option("--seed", type=int, default=13, show_default=True)
@click.option("--errors", type=int, default=0, help="Show the N most frequent misses of each kind.")
def command(dev, sample, seed, errors) -> None:
    """Toponym detection recall, resolution within 161 km, end to end, precision (../shared/dev/geoparsing)."""
    folder = dev_dir(dev) / "geoparsing"
    if not folder.is_dir():
        folder = dev_dir(dev)
    found = False
    for label, fname, reader in CORPORA:
        path = folder / fname
        if not path.exists():
            continue
        found = True
        docs = list(reader(path))
        if sample and sample < len(docs):
            docs = random.Random(seed).sample(docs, sample)
        t = time.perf_counter()
        s = run_corpus(docs)
        dt = time.perf_counter() - t
        click.echo(f"{label}: {len(docs)} articles, {s.gold} gold toponyms ({dt:.0f}s)")
        click.echo(f"  detection recall        {ratio(s.detected, s.gold)}")
        click.echo(f"  resolved within 161 km  {ratio(s.placed, s.detected)}  (of those detected)")
        click.echo(f"  end to end              {ratio(s.placed, s.gold)}")
        click.echo(f"  precision               {ratio(s.correct_predictions, s.predicted)}")
        click.echo(f"  {s.same_entity} misplaced countries/divisions whose gold point is another convention's "
                   f"point for the same entity  (of {s.detected - s.placed} misplaced; not counted as resolved)")
        click.echo(f"  {s.same_region} misplaced regions (continents, seas) the gold names as we do, placed "
                   f"at another point  (not counted as resolved)")
        for title, counter in (("missed", s.misses), ("misplaced", s.misplaced), ("spurious", s.spurious)):
            if errors and counter:
                click.echo(f"  most often {title}:")
                for name, n in counter.most_common(errors):
                    click.echo(f"    {n:4d}  {name}")
    if not found:
        raise click.ClickException(f"no geoparsing corpus in {folder}")
