"""Places: every place mention to a country, and cities/regions to coordinates.

Mentions come from spaCy's GPE, LOC and FAC entities, plus country names, capitals and
named regions the tagger missed (found by a scan over capitalised words for the
gazetteer's scan names; also where spaCy took one for a person or a date but a locative
preposition or a coordinated place says it is a place). Each mention's written form is
looked up in the gazetteer (see `gazetteer`). An ambiguous name is settled by a score:
the candidate's prior (population, kind of name, spelling as written), then the
document's context — countries named or implied elsewhere in it (other places,
demonyms), a US state that holds a city mentioned, and an explicit qualifier
("Paris, Texas").
"""
from __future__ import annotations

import re

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy
from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from ..knowledge import Knowledge, key
from ..record import Place
from .gazetteer import MAX_NAME_TOKENS, Candidate, Gazetteer

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Entities a gazetteer hit may coincide with exactly: spaCy tags "Crimea" or "Russia" as
# ORG now and then. A hit inside a longer entity ("Moscow State University") is no place.
RETAGGABLE_LABELS = {"ORG", "NORP"}

# Weights this mention and its document add to a candidate's prior.
CAPITAL_BONUS = 3.0         # the capital the knowledge base gives for this name
CONTEXT_COUNTRY_BONUS = 1.5  # the candidate's country is named elsewhere in the article
CONTAINMENT_BONUS = 4.0     # a US state holding a city the article names, or the reverse
# A name matched only by folding its accents ("Bāli", "Los Ángeles") yields to a place
# spelled exactly as written, unless its size or the context clearly favour it.
FOLDED_SPELLING_PENALTY = 1.0
AREA_FEATURES = ("admin", "country", "region")
# ", Md." / ", N.Y." / ", W. Va." right after a place name: an AP-style US state
_STATE_AFTER = re.compile(r",\s*((?:[A-Z][a-z]{0,4}\.\s?){1,2})")
COORDINATORS = {"and", "or", ","}


@dataclass
class Mention:
    """A place name written in the document (character offsets) and what it may be."""

    start: int
    end: int
    key: str
    candidates: list[Candidate]
    qualifier: "Mention | None" = None
    chosen: Candidate | None = None
    after: str = ""  # the text that follows, up to the end of the next token
    written: str = ""  # the name as the article spells it


@dataclass
class Context:
    """What the rest of the article says about where it is: countries and US states,
    each with the set of mention keys that evidence it (so no name supports itself)."""

    countries: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    us_states: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add(self, candidate: Candidate, source: str) -> None:
        if candidate.country:
            self.countries[candidate.country].add(source)
        if candidate.country == "USA" and candidate.admin1:
            self.us_states[candidate.admin1].add(source)

    def has_country(self, iso3: str | None, besides: str) -> bool:
        return bool(iso3) and bool(self.countries.get(iso3, set()) - {besides})

    def has_state(self, code: str | None, besides: str) -> bool:
        return bool(code) and bool(self.us_states.get(code, set()) - {besides})


# -- the resolver -----------------------------------------------------------------------
class PlaceResolver:
    """Resolves a parsed document's place mentions to `Place` records."""

    def __init__(self, knowledge: Knowledge):
        self.knowledge = knowledge
        self.gazetteer = Gazetteer(knowledge)
        self._first_word_ids = numpy.array(
            sorted(get_string_id(w) for w in self.gazetteer.scan_first_words), dtype=numpy.uint64)

    def __call__(self, doc: Doc) -> list[Place]:
        ents = list(doc.ents)  # doc.ents builds new spans on every access
        mentions = self._mentions(doc, ents)
        if not mentions:
            return []
        text = doc.text  # read once: `Doc.text` joins the tokens on every access
        for m in mentions:
            m.written = text[m.start:m.end]
            self._narrow_to_abbreviated_state(m, text)
        context = self._context(ents, mentions)
        for m in mentions:
            m.chosen = self._choose(m, context)
        return _places(mentions)

    def _narrow_to_abbreviated_state(self, mention: Mention, text: str) -> None:
        """ "Ashton, Md.": a city followed by a US state in AP style is a city of that state,
        or, where the gazetteer knows no such city (it holds the larger towns), the state."""
        found = _STATE_AFTER.match(text, mention.end)
        code = self.gazetteer.state_abbreviations.get(found.group(1).strip()) if found else None
        if code is None:
            return
        held = [c for c in mention.candidates if c.country == "USA" and c.admin1 == code and c.feature == "city"]
        state = self.gazetteer.us_state(code)
        if held or state is not None:
            mention.candidates = held or [state]

    # finding mentions
    def _mentions(self, doc: Doc, ents: list[Span]) -> list[Mention]:
        person_words = _person_words(ents)
        found: list[Mention] = []
        for ent in ents:
            if ent.label_ in PLACE_LABELS and not self._is_person(ent, person_words):
                found.extend(self._entity_mentions(ent))
            elif ent.label_ in RETAGGABLE_LABELS:
                found.extend(self._named_as_place(ent))
        found.extend(self._scanned(doc, ents))
        found.sort(key=lambda m: m.start)
        _link_qualifiers(found)
        return found

    def _entity_mentions(self, ent: Span) -> Iterator[Mention]:
        start, end, text = _trim(ent.start_char, ent.end_char, ent.text)
        k = key(text)
        if not k or not text[0].isupper() or k in self.gazetteer.not_places:
            return  # a place is named: "the west coast" is a description
        capital = self.gazetteer.seat_capital.get(k)
        if capital is not None:
            yield Mention(start, end, k, [capital])
            return
        after = _after(ent)
        if self.gazetteer.candidates(k) or ", " not in text:
            mention = self._mention(start, end, k, after)
            if mention:
                yield mention
            return
        # "Paris, Texas" tagged as one entity: a place and the area that qualifies it
        head, _, tail = text.partition(", ")
        parts = ((start, start + len(head), head, ", "), (end - len(tail), end, tail, after))
        for part_start, part_end, part, part_after in parts:
            mention = self._mention(part_start, part_end, key(part), part_after)
            if mention:
                yield mention

    def _named_as_place(self, ent: Span) -> Iterator[Mention]:
        """A name the tagger took for a group or body, written as a place: "the town of
        Samarra" (a generic prefix of places.yaml before it); only places of the kinds
        the prefix allows."""
        if ent.start < 2 or ent.doc[ent.start - 1].lower_ != "of":
            return
        features = self.gazetteer.generic_prefixes.get(key(ent.doc[ent.start - 2].text) + " of ")
        if not features:
            return
        start, end, text = _trim(ent.start_char, ent.end_char, ent.text)
        k = key(text)
        candidates = [c for c in self.gazetteer.candidates(k) if c.feature in features]
        if candidates and text[:1].isupper():
            yield Mention(start, end, k, candidates, after=_after(ent))

    def _mention(self, start: int, end: int, name_key: str, after: str = "") -> Mention | None:
        candidates = self.gazetteer.candidates(name_key)
        return Mention(start, end, name_key, candidates, after=after) if candidates else None

    def _is_person(self, ent: Span, person_words: set[str]) -> bool:
        """A GPE that is a person's name: after "Mr" or a title, or a word the article
        (or the knowledge base) uses as a person's name, unless it is a country, a
        capital or a named region, which keep their place reading."""
        k = key(ent.text)
        if k in self.gazetteer.scan_keys:
            return False
        if ent.start > 0:
            before = ent.doc[ent.start - 1]
            word = key(before.text)
            if word in self.gazetteer.honorifics:
                return True
            title = self.knowledge.title(before.text) if before.is_title else None
            if title is not None and title.kind == "title":
                return True
        if k in person_words:
            return True
        after = ent.doc[ent.end] if ent.end < len(ent.doc) else None
        if after is not None and after.ent_type_ == "PERSON" and after.ent_iob_ == "B" \
                and not ent.doc[ent.end - 1].whitespace_ == "":
            return True  # "Carmen" + "Yulín Cruz": a first name split off a person
        # a name the knowledge base knows only as a person's; a real place of that name
        # ("Houston", though a premier is called Houston) keeps its place reading
        known_person = self.knowledge.by_surname(ent.text) or self.knowledge.person(ent.text)
        return bool(known_person) and not self.gazetteer.candidates(k)

    def _scanned(self, doc: Doc, ents: list[Span]) -> Iterator[Mention]:
        """Country names, capitals and regions spaCy did not tag as places."""
        tagged = {i: ent for ent in ents for i in range(ent.start, ent.end)}
        # token indices that end a place name: "Java and Sumatra" coordinates two
        place_ends = {ent.end for ent in ents if ent.label_ in PLACE_LABELS}
        n = len(doc)
        resume = 0
        for i in self._scan_starts(doc):
            token = doc[i]
            if i < resume or not (token.is_title or token.is_upper):
                continue
            hit = self._longest_scan_hit(doc, i, n)
            if hit is None:
                continue
            span = doc[i:hit]
            if self._scan_fits(span) and (
                    _free_or_retaggable(span, tagged)
                    or self._mistagged_in_place_slot(span, tagged, place_ends)):
                start, end, text = _trim(span.start_char, span.end_char, span.text)
                mention = self._mention(start, end, key(text), _after(span))
                if mention:
                    yield mention
                    place_ends.add(hit)
            resume = hit

    def _mistagged_in_place_slot(self, span: Span, tagged: dict[int, Span], place_ends: set[int]) -> bool:
        """A known place name the tagger took for a person, a date or a body ("fighting in
        Tigray", "floods hit Java and Sumatra"), where only a place fits: right after a
        locative preposition, or coordinated with another place name."""
        ents = {tagged[i] for i in range(span.start, span.end) if i in tagged}
        if len(ents) != 1 or next(iter(ents)).label_ in PLACE_LABELS:
            return False
        ent = next(iter(ents))
        if _trim(ent.start_char, ent.end_char, ent.text)[:2] != _trim(
                span.start_char, span.end_char, span.text)[:2]:
            return False
        doc, first = span.doc, ent.start
        if first > 0 and key(doc[first - 1].text) in self.gazetteer.locative_words:
            return True
        if first > 1 and doc[first - 1].lower_ in COORDINATORS and first - 1 in place_ends:
            return True
        # the first of two known places coordinated: "Java and Sumatra"
        return (span.end + 1 < len(doc) and doc[span.end].lower_ in COORDINATORS
                and doc[span.end + 1].is_title
                and self._longest_scan_hit(doc, span.end + 1, len(doc)) is not None)

    def _scan_starts(self, doc: Doc) -> list[int]:
        """Token indices whose lower-case form begins some scanned name, found on the
        doc's array of word hashes rather than by making a Token object per word."""
        if not len(doc):
            return []
        lower = doc.to_array([LOWER])
        return numpy.flatnonzero(numpy.isin(lower, self._first_word_ids)).tolist()

    def _scan_fits(self, span: Span) -> bool:
        """A name the tagger missed must still be parsed as a proper noun ("Male voters"
        is no visit to the Maldives), and a "the"-only name must follow a "the"."""
        if span[-1].pos_ != "PROPN":
            return False
        if key(span.text) in self.gazetteer.scan_needs_the:
            return span.start > 0 and span.doc[span.start - 1].lower_ == "the"
        return True

    def _longest_scan_hit(self, doc: Doc, i: int, n: int) -> int | None:
        for j in range(min(n, i + MAX_NAME_TOKENS), i, -1):
            if doc[j - 1].is_punct:
                continue  # the key drops dots: "Borneo ." must not match as "Borneo"
            k = key(doc[i:j].text)
            if k in self.gazetteer.scan_keys:
                if j - i == 1 and len(k) <= 3 and not doc[i].is_upper:
                    return None  # "Us", "Uk": a short code must be written in capitals
                return j
        return None

    # choosing
    def _context(self, ents: list[Span], mentions: list[Mention]) -> Context:
        """Countries and states evidenced by demonyms and by each mention's best reading
        without context (so "Tbilisi" votes for Georgia the country)."""
        context = Context()
        for ent in ents:
            if ent.label_ == "NORP":
                country = self.knowledge.demonym(ent.text)
                if country:
                    context.countries[country.iso3].add("norp:" + key(ent.text))
        empty = Context()
        for m in mentions:
            best = self._choose(m, empty)
            if best is not None:
                context.add(best, m.key)
        return context

    def _choose(self, mention: Mention, context: Context) -> Candidate | None:
        candidates = _qualified(mention)
        if not candidates:
            return None
        capital_of = self.gazetteer.capital_country.get(mention.key)
        as_written = _spelled_as_written(candidates, mention.written)
        return max(candidates, key=lambda c: _score(c, mention, context, capital_of, as_written))


def _spelled_as_written(candidates: list[Candidate], written: str) -> set[tuple]:
    """The candidates whose own name is spelled as the article writes it, where the
    others match only once accents are folded ("Los Angeles" is not "Los Ángeles")."""
    exact = {c.identity for c in candidates if c.name.casefold() == written.casefold()}
    return exact if len(exact) < len(candidates) else set()


def _score(c: Candidate, mention: Mention, context: Context, capital_of: str | None,
           as_written: set[tuple]) -> float:
    score = c.prior
    if as_written and c.identity not in as_written and not c.name.isascii():
        score -= FOLDED_SPELLING_PENALTY
    if capital_of and c.feature == "city" and c.country == capital_of:
        score += CAPITAL_BONUS
    if context.has_country(c.country, mention.key):
        score += CONTEXT_COUNTRY_BONUS
    if c.country == "USA" and c.admin1 and context.has_state(c.admin1, mention.key):
        # A state is raised by a city the article names in it; a city by its state only
        # where the name is no area's own ("Ohio, Oregon" lists two states).
        if c.feature == "admin" or not any(o.feature in AREA_FEATURES for o in mention.candidates):
            score += CONTAINMENT_BONUS
    return score


def _qualified(mention: Mention) -> list[Candidate]:
    """The candidates a qualifier allows ("Paris, Texas": only a Paris in Texas), or all
    of them where none fits; a qualifier is itself narrowed to readings that hold one."""
    candidates = mention.candidates
    if mention.qualifier is not None:
        held = [c for c in candidates if any(_contains(q, c) for q in mention.qualifier.candidates)]
        candidates = held or candidates
    return candidates


def _contains(area: Candidate, place: Candidate) -> bool:
    if area.identity == place.identity:
        return True
    if area.feature == "city" or place.feature in ("country", "region"):
        return False
    if area.feature == "admin" and area.country == "USA":
        return place.country == "USA" and place.admin1 == area.admin1
    return area.country is not None and area.country == place.country


def _link_qualifiers(mentions: list[Mention]) -> None:
    """ "A, B" where B can hold A: B qualifies A, and A narrows which B is meant."""
    for a, b in zip(mentions, mentions[1:]):
        if a.after.strip() != "," or b.start != a.end + len(a.after):
            continue
        if any(_contains(q, c) for q in b.candidates for c in a.candidates):
            a.qualifier = b
            held = [q for q in b.candidates if any(_contains(q, c) for c in a.candidates)]
            b.candidates = held


def _places(mentions: list[Mention]) -> list[Place]:
    places: dict[tuple, Place] = {}
    for m in mentions:
        c = m.chosen
        if c is None:
            continue
        place = places.get(c.identity)
        if place is None:
            place = places[c.identity] = Place(
                id=f"p{len(places) + 1}", name=c.name, country=c.country, lat=c.lat,
                lon=c.lon, geonameid=c.geonameid, feature=c.feature,
            )
        if [m.start, m.end] not in place.mentions:
            place.mentions.append([m.start, m.end])
    return list(places.values())


def _person_words(ents: list[Span]) -> set[str]:
    """Keys of names the article itself uses for people: whole PERSON entities and their
    last words ("John Bolton" makes a later GPE "Bolton" a surname)."""
    words: set[str] = set()
    for ent in ents:
        if ent.label_ == "PERSON":
            words.add(key(ent.text))
            if len(ent) > 1:
                words.add(key(ent[-1].text))
    return words


def _after(span: Span) -> str:
    """What follows a span up to the end of the next token (", " before a qualifier).
    Read from the tokens: `Doc.text` would join the whole document on every call."""
    doc = span.doc
    if span.end >= len(doc):
        return ""
    return span[-1].whitespace_ + doc[span.end].text_with_ws


def _free_or_retaggable(span: Span, tagged: dict[int, Span]) -> bool:
    ents = {tagged[i] for i in range(span.start, span.end) if i in tagged}
    if not ents:
        return True
    if len(ents) > 1:
        return False
    ent = next(iter(ents))
    same = _trim(ent.start_char, ent.end_char, ent.text)[:2] == _trim(
        span.start_char, span.end_char, span.text)[:2]
    return same and ent.label_ in RETAGGABLE_LABELS


def _trim(start: int, end: int, text: str) -> tuple[int, int, str]:
    """Drop a leading "the" and a trailing possessive from a mention's span."""
    for article in ("the ", "The ", "THE "):
        if text.startswith(article):
            start, text = start + len(article), text[len(article):]
            break
    for possessive in ("'s", "’s", "'", "’"):
        if text.endswith(possessive):
            end, text = end - len(possessive), text[: -len(possessive)]
            break
    return start, end, text
