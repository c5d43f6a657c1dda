"""The annotations our components add to a spaCy Doc, registered in one place.

Each component owns one attribute and reads those of the components before it:
actors -> places -> time -> tolls -> events -> background -> quotes.
"""
from __future__ import annotations

from spacy.tokens import Doc

DOC_ATTRS = {
    "published": None,  # datetime.date the relative dates resolve against, or None
    "fields": None,  # [(field name, start char, end char)]: title, captions and body in one Doc
    "outlet_country": None,  # ISO3 a national outlet reports from (kb/outlets.py), or None
    "actors": None,  # list[ActorMention]            (nlp/actors.py)
    "coref": None,  # {pronoun token i: ActorMention} (nlp/actors.py)
    "places": None,  # list[PlaceMention]            (nlp/places.py)
    "unresolved_places": None,  # list[UnresolvedPlace]: place-used names not placed (nlp/places.py)
    "focus": None,  # ISO3 countries the article is about, most important first (nlp/places.py)
    "dates": None,  # list[DateMention]             (nlp/time.py)
    "tolls": None,  # list[TollMention]             (nlp/tolls.py)
    "events": None,  # list[EventMention]           (nlp/events.py)
    "quotes": None,  # list[QuoteMention]           (nlp/quotes.py)
}


def register() -> None:
    for name, default in DOC_ATTRS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register()
