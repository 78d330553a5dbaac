"""The knowledge base: readable data files (see FORMAT.md) and their loaders.

`Knowledge.load()` reads the built-in files in `data/`, then the user's own files
(`tidings knowledge add`, or paths given), later files winning. Every lookup is a
dictionary hit on a normalised key, never a scan.
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data"

try:  # the C loader is several times faster on the larger YAML files
    _YamlLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _YamlLoader = yaml.SafeLoader


def data_path(name: str) -> Path:
    """A built-in data file, for stages that keep their own word lists and patterns."""
    return DATA / name


def user_dir() -> Path:
    """Where `tidings knowledge add` keeps a user's files ($TIDINGS_KNOWLEDGE overrides)."""
    env = os.environ.get("TIDINGS_KNOWLEDGE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tidings" / "knowledge"


_THE = re.compile(r"^(?:the)\s+", re.I)
_SPACE = re.compile(r"\s+")


def key(name: str) -> str:
    """Normalised lookup key: case, diacritics, dots, a leading 'the', possessive 's."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace(".", "").replace("‐", "-")
    text = re.sub(r"'s?$", "", text.strip())
    text = _SPACE.sub(" ", text).strip().lower()
    return _THE.sub("", text)


class KnowledgeError(ValueError):
    """A knowledge file that cannot be read; the message names the file and line."""


# -- records --------------------------------------------------------------------------
@dataclass
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass
class Country:
    iso3: str
    name: str
    iso2: str | None = None
    names: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capital: str | None = None
    seats: list[str] = field(default_factory=list)
    historical: bool = False


@dataclass
class Region:
    name: str
    aliases: list[str]
    countries: list[str]
    country: str | None
    lat: float | None
    lon: float | None
    feature: str = "region"


@dataclass
class Organisation:
    name: str
    aliases: list[str]
    code: str | None
    country: str | None
    sector: str | None
    kind: str = "organisation"
    source: str = ""


@dataclass
class Role:
    country: str | None
    sector: str | None
    title: str | None
    start: dt.date | None
    end: dt.date | None
    source: str = ""
    code: str | None = None  # a full actor code where the file gives one (PETRARCH imports)

    def active(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass
class Person:
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)

    def role_on(self, on: dt.date | None) -> Role | None:
        """The role held on a date: the active one (latest started), else the one that ended
        last before it, else the earliest; with no date, the latest role."""
        if not self.roles:
            return None
        if on is None:
            return max(self.roles, key=lambda r: r.start or dt.date.min)
        active = [r for r in self.roles if r.active(on)]
        if active:
            return max(active, key=lambda r: r.start or dt.date.min)
        past = [r for r in self.roles if r.end is not None and r.end < on]
        if past:
            return max(past, key=lambda r: r.end)  # type: ignore[arg-type,return-value]
        return min(self.roles, key=lambda r: r.start or dt.date.max)

    @property
    def surname(self) -> str:
        parts = self.name.split()
        return parts[-1] if parts else self.name

    @property
    def surnames(self) -> list[str]:
        """Names a story may use alone: the last word ("Bolton"), of the name and of every
        full alias ("Zelensky" from "Volodymyr Zelensky"); for names written family name
        first ("Xi Jinping", "Moon Jae-in", "Ban Ki-moon") the first word instead. Regnal
        numbers do not count ("Abdullah II" → "Abdullah")."""
        out: list[str] = []
        for form in [self.name, *(a for a in self.aliases if " " in a)]:
            parts = [w for w in form.split() if not _ROMAN.fullmatch(w)]
            if not parts:
                continue
            word = parts[0] if len(parts) > 1 and _family_name_first(parts, self.roles) else parts[-1]
            if word not in out:
                out.append(word)
        return out or [self.name]


_ROMAN = re.compile(r"[IVX]{1,4}")
# Chinese and North Korean names in English news put the family name first; elsewhere in
# East Asia it is first when the given name is written hyphenated ("Moon Jae-in").
FAMILY_NAME_FIRST = {"CHN", "PRK"}
_HYPHENATED_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")


def _family_name_first(parts: list[str], roles: list["Role"]) -> bool:
    if any(r.country in FAMILY_NAME_FIRST for r in roles):
        return True
    return bool(_HYPHENATED_GIVEN.fullmatch(parts[-1]))


@dataclass
class TitleWord:
    word: str
    sector: str | None
    kind: str  # title | group | modifier
    country: str | None = None


# -- the base -------------------------------------------------------------------------
class Knowledge:
    def __init__(self) -> None:
        self.cameo: dict[str, CameoCode] = {}
        self.sectors: dict[str, str] = {}
        self.countries: dict[str, Country] = {}
        self.regions: list[Region] = []
        self.organisations: list[Organisation] = []
        self.people: dict[str, Person] = {}
        self.titles: dict[str, TitleWord] = {}
        self.files: list[Path] = []
        self.extra_paths: tuple[str, ...] = ()
        # indices, keyed by key()
        self._country_names: dict[str, str] = {}
        self._demonyms: dict[str, str] = {}
        self._capitals: dict[str, str] = {}
        self._seats: dict[str, str] = {}
        self._orgs: dict[str, Organisation] = {}
        self._person_names: dict[str, Person] = {}
        self._surnames: dict[str, list[Person]] = defaultdict(list)
        self._regions: dict[str, Region] = {}

    # -- loading ---------------------------------------------------------------------
    @classmethod
    def load(cls, extra: Sequence[str | Path] = (), *, user: bool = True) -> "Knowledge":
        """The built-in knowledge, then the user's directory, then `extra` paths."""
        kb = cls()
        paths = list(_data_files(DATA))
        if user and user_dir().is_dir():
            paths += list(_data_files(user_dir()))
        for p in extra:
            paths += list(_data_files(Path(p)))
        kb.extra_paths = tuple(str(p) for p in extra)
        for path in paths:
            kb.add_file(path)
        kb._index()
        return kb

    def add_file(self, path: Path) -> None:
        """Read one knowledge file, recognised by its name and header."""
        name = path.name
        try:
            if name.endswith((".yaml", ".yml")):
                data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YamlLoader)
                if name.startswith("countries"):
                    self._add_countries(data or {}, path)
                elif name.startswith("regions"):
                    self._add_regions(data or [], path)
                else:
                    return  # stage-specific files (times, cues) are read by their stage
            elif name.endswith(".tsv"):
                rows = list(_read_tsv(path))
                header = set(rows[0].keys()) if rows else set()
                if {"code", "goldstein"} <= header:
                    self._add_cameo(rows)
                elif {"code", "description"} <= header:
                    self.sectors.update({r["code"]: r["name"] for r in rows})
                elif {"word", "kind"} <= header:
                    self._add_titles(rows)
                elif {"name", "title", "start"} <= header:
                    self._add_people(rows, path)
                elif {"name", "code", "sector"} <= header:
                    self._add_organisations(rows, path)
                else:
                    return
            else:
                return
        except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
            raise KnowledgeError(f"{path}: cannot read knowledge file: {exc}") from exc
        self.files.append(path)

    def _add_cameo(self, rows: list[dict[str, str]]) -> None:
        for r in rows:
            self.cameo[r["code"]] = CameoCode(
                code=r["code"],
                name=r["name"],
                goldstein=float(r["goldstein"]),
                quad_class=int(r["quad_class"]),
                plover=r.get("plover") or None,
                plover_mode=r.get("plover_mode") or None,
            )

    def _add_titles(self, rows: list[dict[str, str]]) -> None:
        for r in rows:
            word = key(r["word"])
            self.titles[word] = TitleWord(
                word=word, sector=r.get("sector") or None, kind=r["kind"],
                country=r.get("country") or None,
            )

    def _add_countries(self, data: dict, path: Path) -> None:
        for iso3, c in data.items():
            if not isinstance(c, dict):
                raise KnowledgeError(f"{path}: entry {iso3!r} is not a mapping")
            self.countries[str(iso3)] = Country(
                iso3=str(iso3),
                name=c.get("name") or str(iso3),
                iso2=str(c["iso2"]) if c.get("iso2") not in (None, False) else None,
                names=[str(n) for n in c.get("names") or []],
                demonyms=[str(n) for n in c.get("demonyms") or []],
                capital=c.get("capital"),
                seats=[str(n) for n in c.get("seats") or []],
                historical=bool(c.get("historical")),
            )

    def _add_regions(self, data: list, path: Path) -> None:
        for r in data:
            self.regions.append(Region(
                name=r["name"], aliases=list(r.get("aliases") or []),
                countries=list(r.get("countries") or []), country=r.get("country"),
                lat=r.get("lat"), lon=r.get("lon"), feature=r.get("feature", "region"),
            ))

    def _add_organisations(self, rows: list[dict[str, str]], path: Path) -> None:
        for r in rows:
            self.organisations.append(Organisation(
                name=r["name"], aliases=_split(r.get("aliases")), code=r.get("code") or None,
                country=r.get("country") or None, sector=r.get("sector") or None,
                kind=r.get("kind") or "organisation", source=path.name,
            ))

    def _add_people(self, rows: list[dict[str, str]], path: Path) -> None:
        for i, r in enumerate(rows, start=2):
            name = r["name"].strip()
            person = self.people.setdefault(key(name), Person(name=name))
            for alias in _split(r.get("aliases")):
                if alias not in person.aliases:
                    person.aliases.append(alias)
            try:
                start = _date(r.get("start"), end=False)
                end = _date(r.get("end"), end=True)
            except ValueError as exc:
                raise KnowledgeError(f"{path}:{i}: {exc}") from None
            person.roles.append(Role(
                country=r.get("country") or None, sector=r.get("sector") or None,
                title=(r.get("title") or "").strip() or None, start=start, end=end,
                source=f"{path.parent.name}/{path.name}", code=r.get("code") or None,
            ))

    def _index(self) -> None:
        for c in self.countries.values():
            for n in [c.name, *c.names]:
                self._country_names.setdefault(key(n), c.iso3)
            for n in c.demonyms:
                self._demonyms.setdefault(key(n), c.iso3)
            if c.capital:
                self._capitals.setdefault(key(c.capital), c.iso3)
            for n in c.seats:
                self._seats.setdefault(key(n), c.iso3)
        for o in self.organisations:
            for n in [o.name, *o.aliases]:
                self._orgs[key(n)] = o
        for person in self.people.values():
            for n in [person.name, *person.aliases]:
                self._person_names[key(n)] = person
            for surname in {key(n) for n in person.surnames}:
                self._surnames[surname].append(person)
        for r in self.regions:
            for n in [r.name, *r.aliases]:
                self._regions.setdefault(key(n), r)

    # -- lookups ---------------------------------------------------------------------
    def country(self, name: str) -> Country | None:
        """A country by any of its names ("the US", "Britain"), or by alpha-3 code."""
        iso = self._country_names.get(key(name))
        if iso is None and name.isupper() and name in self.countries:
            iso = name
        return self.countries.get(iso) if iso else None

    def demonym(self, word: str) -> Country | None:
        iso = self._demonyms.get(key(word))
        return self.countries.get(iso) if iso else None

    def capital(self, name: str) -> Country | None:
        iso = self._capitals.get(key(name))
        return self.countries.get(iso) if iso else None

    def seat(self, name: str) -> Country | None:
        """The country whose government a seat stands for ("the Kremlin" → RUS)."""
        iso = self._seats.get(key(name))
        return self.countries.get(iso) if iso else None

    def organisation(self, name: str) -> Organisation | None:
        return self._orgs.get(key(name))

    def person(self, name: str) -> Person | None:
        """A person by full name or alias (not by surname alone: see `by_surname`)."""
        return self._person_names.get(key(name))

    def by_surname(self, surname: str) -> list[Person]:
        return self._surnames.get(key(surname), [])

    def title(self, words: str) -> TitleWord | None:
        k = key(words)
        hit = self.titles.get(k)
        if hit is None and k.endswith("s"):  # plural of a listed noun: "officials", "troops"
            hit = self.titles.get(k[:-1]) or (self.titles.get(k[:-2]) if k.endswith("es") else None)
        return hit

    def region(self, name: str) -> Region | None:
        return self._regions.get(key(name))

    def code(self, cameo: str) -> CameoCode | None:
        return self.cameo.get(cameo)

    def counts(self) -> dict[str, int]:
        return {
            "cameo codes": len(self.cameo),
            "countries": len(self.countries),
            "regions": len(self.regions),
            "organisations": len(self.organisations),
            "people": len(self.people),
            "roles": sum(len(p.roles) for p in self.people.values()),
            "titles": len(self.titles),
        }


# -- file helpers -----------------------------------------------------------------------
def _data_files(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
        return
    if root.is_dir():
        yield from sorted(p for p in root.rglob("*") if p.suffix in {".tsv", ".yaml", ".yml"})


def _read_tsv(path: Path) -> Iterable[dict[str, str]]:
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        return []
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for i, row in enumerate(reader, start=2):
        if None in row:
            raise KnowledgeError(f"{path}: line {i} of data has more fields than the header")
        rows.append({k.strip(): (v or "").strip() for k, v in row.items()})
    return rows


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def _date(value: str | None, *, end: bool) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    parts = value.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    month = int(parts[1])
    if len(parts) == 2:
        if end:
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(year, month, 1)
    return dt.date(year, month, int(parts[2]))


# -- explaining and extending ---------------------------------------------------------------
def explain(kb: Knowledge, name: str, on: dt.date | None = None) -> list[dict[str, object]]:
    """Everything `name` can resolve to, and why: the library behind `knowledge lookup`."""
    found: list[dict[str, object]] = []
    person = kb.person(name)
    people = [person] if person else kb.by_surname(name)
    for p in people:
        role = p.role_on(on)
        found.append({
            "kind": "person", "name": p.name,
            "country": role.country if role else None, "sector": role.sector if role else None,
            "code": (role.code if role and role.code else
                     (role.country or "") + (role.sector or "") if role else None),
            "title": role.title if role else None,
            "why": (f"{'full name or alias' if person else 'surname'}; role "
                    f"{role.start or '…'}–{role.end or '…'} from {role.source}" if role else "no roles"),
            "roles": len(p.roles),
        })
    org = kb.organisation(name)
    if org:
        found.append({"kind": "organisation", "name": org.name, "country": org.country,
                      "sector": org.sector, "code": org.code, "title": None,
                      "why": f"organisation name or alias in {org.source}", "roles": 0})
    for what, country in (("country name", kb.country(name)), ("demonym", kb.demonym(name)),
                          ("capital", kb.capital(name)), ("seat of government", kb.seat(name))):
        if country:
            found.append({"kind": "country", "name": country.name, "country": country.iso3,
                          "sector": "GOV" if what == "seat of government" else None,
                          "code": country.iso3 + ("GOV" if what == "seat of government" else ""),
                          "title": None, "why": f"{what} in countries.yaml", "roles": 0})
    word = kb.title(name)
    if word:
        found.append({"kind": f"title ({word.kind})", "name": word.word, "country": word.country,
                      "sector": word.sector, "code": word.sector, "title": word.word,
                      "why": "title or sector word in titles.tsv", "roles": 0})
    region = kb.region(name)
    if region:
        found.append({"kind": "region", "name": region.name, "country": region.country,
                      "sector": None, "code": None, "title": None,
                      "why": "named region in regions.yaml", "roles": 0})
    return found


def add_user_file(path: Path) -> Path:
    """Check a user's knowledge file loads, then keep a copy where `Knowledge.load()` reads it."""
    path = Path(path)
    if not path.is_file():
        raise KnowledgeError(f"{path}: no such file")
    if path.suffix not in {".tsv", ".yaml", ".yml"}:
        raise KnowledgeError(f"{path}: knowledge files are .tsv or .yaml (see FORMAT.md)")
    probe = Knowledge()
    probe.add_file(path)
    if path not in probe.files:
        raise KnowledgeError(
            f"{path}: not a knowledge file: its header or name matches none of the formats in FORMAT.md"
        )
    target_dir = user_dir() / ("people" if "people" in path.parts[-2:-1] else "")
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / path.name
    target.write_bytes(path.read_bytes())
    return target
