"""When and where an event happened: the document's other layers (actor mentions, times,
places, quotes) indexed by token, and the date and place attached to an event from its
own clause."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..record import Actor, ActorMentions, Place, Quote, Time


@dataclass
class DocumentLayers:
    """The document's other layers, indexed by token for quick attachment."""

    doc: Doc
    mentions: ActorMentions
    actors: dict[str, Actor]
    country_actor: dict[str, str]
    time_at: dict[int, Time]
    place_at: dict[int, Place]
    quotes: list[Quote]
    published: dt.date | None
    places: dict[str, Place] = field(default_factory=dict)
    person_named: dict[str, str] = field(default_factory=dict)  # a person's name or surname → actor
    made: list[Actor] = field(default_factory=list)  # actors the event coder implied

    @classmethod
    def build(
        cls, doc: Doc, *, mentions: ActorMentions, actors: list[Actor], times: list[Time],
        places: list[Place], quotes: list[Quote], published: dt.date | None,
    ) -> DocumentLayers:
        return cls(
            doc=doc, mentions=mentions, actors={a.id: a for a in actors},
            country_actor={a.country: a.id for a in actors if a.kind == "country" and a.country},
            time_at=_index_times(doc, times), place_at=_index_places(doc, places),
            quotes=quotes, published=published, places={p.id: p for p in places},
            person_named=_person_names(actors),
        )

    def authority(self, country: str, sector: str, name: str, reason: str, other: list[str]) -> str:
        """The actor of `sector` in `country` that an agentless act implies: the document's
        own (not a person: "Egyptian police", not the interior minister), else one made
        for it, with no mentions and `reason` as its `resolved_by`."""
        for actor in self.actors.values():
            if actor.country == country and actor.sector == sector and actor.kind != "person" \
                    and actor.id not in other:
                return actor.id
        numbers = [int(a[1:]) for a in self.actors if re.fullmatch(r"a\d+", a)]
        actor = Actor(id=f"a{max(numbers, default=0) + 1}", name=name, kind="group", country=country,
                      sector=sector, code=country + sector, mentions=[], resolved_by=reason)
        self.actors[actor.id] = actor
        self.made.append(actor)
        return actor.id

    def codable(self, actor_id: str | None) -> bool:
        """An actor an event side can be: one the resolver coded (a country, sector or
        code), a group named by its role ("ethnic Albanians"), or an uncoded name that is
        a full proper name ("Prosper Avril", "Third World Water Forum"). A lone word the
        resolver could not place ("Brexit", "Wikinews" tagged as names) or a fragment that
        is no name at all ("anti-Brexit", "W]e") is as often a topic or a tagging slip as
        an actor; PETRARCH and GDELT code no event on a side they cannot code."""
        actor = self.actors.get(actor_id) if actor_id is not None else None
        if actor is None:
            return False
        return bool(actor.country or actor.sector or actor.code) or actor.kind == "group" \
            or _FULL_NAME.fullmatch(actor.name) is not None


# two or more words, the first capitalised, of the characters names are written with
_FULL_NAME = re.compile(r"[A-Z][\w.'’&-]*(?:\s+[\w.'’&-]+)+")


def _person_names(actors: list[Actor]) -> dict[str, str]:
    """The coded people of a document by their full name and by each word of it, where
    one person alone bears it: a later "Widodo" (or "Mahathir", a given name used as
    the short form) that the tagger missed or took for a place still names that person."""
    owners: dict[str, set[str]] = {}
    for actor in actors:
        if actor.kind != "person" or not actor.mentions or not (actor.country or actor.code):
            continue
        for name in {actor.name, *actor.name.split()}:
            if name[:1].isupper() and len(name) > 2:
                owners.setdefault(name, set()).add(actor.id)
    return {name: ids.pop() for name, ids in owners.items() if len(ids) == 1}


def quote_at(quotes: list[Quote], offset: int) -> Quote | None:
    for q in quotes:
        if q.start <= offset < q.end:
            return q
    return None


def event_date(
    clause: set[int], anchor: Token, mod: str, ctx: DocumentLayers
) -> tuple[str | None, str | None, str | None]:
    """(value, granularity, time id) of the time nearest the anchor in its clause; an
    asserted event with none took place on the publication day."""
    candidates = [(abs(i - anchor.i), ctx.time_at[i]) for i in clause if i in ctx.time_at]
    if candidates:
        time = min(candidates, key=lambda c: c[0])[1]
        return time.value, time.granularity, time.id
    if mod == "asserted" and ctx.published is not None:
        return ctx.published.isoformat(), "day", "published"
    return None, None, None


def place_hosts(heads: list[Token], target_preps: frozenset[str]) -> set[int]:
    """Words a locative may hang on to place the event: the trigger (and its carrier
    or complement), and the participants named in its target phrases ("talks with
    officials in Russia"), not words deeper in ("about meddling in US elections")."""
    hosts = {t.i for t in heads}
    for h in heads:
        for child in h.children:
            if child.dep_ == "prep" and child.lower_ in target_preps:
                hosts.update(g.i for g in child.children if g.dep_ == "pobj")
            elif child.dep_ in {"dobj", "nsubjpass"}:
                hosts.add(child.i)
    return hosts


def event_place(
    clause: set[int], hosts: set[int], anchor: Token, ctx: DocumentLayers, place_preps: frozenset[str]
) -> str | None:
    """The id of the place nearest the anchor in its clause, named in a locative phrase
    ("in Moscow") that hangs on one of the hosts."""
    best: tuple[int, str] | None = None
    for i in clause:
        place = ctx.place_at.get(i)
        if place is None:
            continue
        head = locative(ctx.doc[i])
        if head is not None and head.lower_ in place_preps and head.head.i in hosts:
            distance = abs(i - anchor.i)
            if best is None or distance < best[0]:
                best = (distance, place.id)
    return best[1] if best else None


def locative(tok: Token) -> Token | None:
    """The preposition a place name's phrase hangs on ("in Paris"), through a noun whose
    'of' phrase it is ("near the town of Samarra", "on the outskirts of Kabul")."""
    head = tok.head
    for _ in range(3):
        while head.dep_ in {"compound", "pobj", "appos", "conj"} and head.head is not head and head.pos_ != "ADP":
            head = head.head
        if head.pos_ != "ADP":
            return None
        if head.lower_ == "of" and head.head.pos_ == "NOUN" and head.head.dep_ == "pobj":
            head = head.head.head  # "the town of X": where the town's phrase hangs
            continue
        return head
    return None


def place_country(place: str | None, clause: set[int], ctx: DocumentLayers,
                  place_preps: frozenset[str]) -> str | None:
    """The country where an event happened: its own place's, else the one country that
    the locatives of its clause name ("in Italy ... in Genoa"); none or several, None."""
    if place is not None and place in ctx.places and ctx.places[place].country:
        return ctx.places[place].country
    named: set[str] = set()
    for i in clause:
        found = ctx.place_at.get(i)
        if found is None or not found.country:
            continue
        head = locative(ctx.doc[i])
        if head is not None and head.lower_ in place_preps:
            named.add(found.country)
    return named.pop() if len(named) == 1 else None


def _index_times(doc: Doc, times: list[Time]) -> dict[int, Time]:
    index: dict[int, Time] = {}
    for t in times:
        if t.value is None or t.type not in {"date", "time"} or t.granularity == "unknown":
            continue  # "recently", "soon" (PAST_REF, FUTURE_REF) do not date an event
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None:
            for tok in span:
                index.setdefault(tok.i, t)
    return index


def _index_places(doc: Doc, places: list[Place]) -> dict[int, Place]:
    index: dict[int, Place] = {}
    for p in places:
        for start, end in p.mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    index.setdefault(tok.i, p)
    return index
