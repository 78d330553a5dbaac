"""The knowledge base: every file loaded and indexed by normalised name."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

import yaml

from .entries import (CameoCode, Country, KnowledgeError, Organisation, Person, Region, Role,
                      TitleWord, key)
from .files import DATA, data_files, bound_date, read_tsv, split_list, user_dir

try:  # the C loader is several times faster on the larger YAML files
    _YamlLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _YamlLoader = yaml.SafeLoader


# -- the base -------------------------------------------------------------------------
class Knowledge:
    def __init__(self) -> None:
        self.cameo: dict[str, CameoCode] = {}
        self.sectors: dict[str, str] = {}
        self._title_ends: set[str] = set()  # last words of the title-list entries
        self.sector_groups: dict[str, str] = {}  # code -> state | political | armed | society | media | international
        self.countries: dict[str, Country] = {}
        self.regions: list[Region] = []
        self.organisations: list[Organisation] = []
        self.people: dict[str, Person] = {}
        self.titles: dict[str, TitleWord] = {}
        self.files: list[Path] = []
        self.extra_paths: tuple[str, ...] = ()
        self.includes_user = False  # whether the user's knowledge folder was read
        # indices, keyed by key()
        self._country_names: dict[str, str] = {}
        self._demonyms: dict[str, str] = {}
        self._capitals: dict[str, str] = {}
        self._seats: dict[str, str] = {}
        self._orgs: dict[str, Organisation] = {}
        self._person_names: dict[str, Person] = {}
        self._surnames: dict[str, list[Person]] = defaultdict(list)
        # built on the first lookup by spelling
        self._surname_spellings: _SpellingIndex | None = None
        self._country_spellings: _SpellingIndex | None = None
        self._regions: dict[str, Region] = {}

    # -- loading ---------------------------------------------------------------------
    @classmethod
    def load(cls, extra: Sequence[str | Path] = (), *, user: bool = True) -> "Knowledge":
        """The built-in knowledge, then the user's directory, then `extra` paths."""
        kb = cls()
        paths = list(data_files(DATA))
        if user and user_dir().is_dir():
            paths += list(data_files(user_dir()))
        for p in extra:
            paths += list(data_files(Path(p)))
        kb.extra_paths = tuple(str(p) for p in extra)
        kb.includes_user = user
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
                rows = list(read_tsv(path))
                header = set(rows[0].keys()) if rows else set()
                if {"code", "goldstein"} <= header:
                    self._add_cameo(rows)
                elif {"code", "description"} <= header:
                    self.sectors.update({r["code"]: r["name"] for r in rows})
                    self.sector_groups.update({r["code"]: r["group"] for r in rows if r.get("group")})
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
        except KnowledgeError:
            raise
        except (OSError, yaml.YAMLError, UnicodeDecodeError) as exc:
            raise KnowledgeError(f"{path}: cannot read knowledge file: {exc}") from exc
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            # a file of the right name whose entries do not have the documented shape
            raise KnowledgeError(
                f"{path}: not in the format FORMAT.md gives for this file ({type(exc).__name__}: {exc})"
            ) from exc
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
                country=r.get("country") or None, code=r.get("code") or None,
            )
            self._title_ends.add(word.rsplit(" ", 1)[-1])

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
                name=r["name"], aliases=split_list(r.get("aliases")), code=r.get("code") or None,
                country=r.get("country") or None, sector=r.get("sector") or None,
                kind=r.get("kind") or "organisation", source=path.name,
            ))

    def _add_people(self, rows: list[dict[str, str]], path: Path) -> None:
        for i, r in enumerate(rows, start=2):
            name = r["name"].strip()
            person = self.people.setdefault(key(name), Person(name=name))
            for alias in split_list(r.get("aliases")):
                if alias not in person.aliases:
                    person.aliases.append(alias)
            try:
                start = bound_date(r.get("start"), end=False)
                end = bound_date(r.get("end"), end=True)
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

    def by_surname_spelling(self, surname: str) -> list[Person]:
        """People whose surname is one letter away from `surname` ("Bouteflicka",
        "Habyariman"): transliterations and typos of names in the news. Only names of six
        letters or more, where one letter rarely makes another real name."""
        if self._surname_spellings is None:
            self._surname_spellings = _SpellingIndex(self._surnames)
        found: list[Person] = []
        for name in self._surname_spellings.near(key(surname)):
            found += [p for p in self._surnames[name] if p not in found]
        return found

    def country_by_spelling(self, name: str) -> Country | None:
        """The one country whose name is one letter away from `name` ("Quatar")."""
        if self._country_spellings is None:
            self._country_spellings = _SpellingIndex(self._country_names)
        isos = {self._country_names[n] for n in self._country_spellings.near(key(name))}
        return self.countries.get(isos.pop()) if len(isos) == 1 else None

    def sectors_in(self, *groups: str) -> frozenset[str]:
        """The sector codes of the given groups of sectors.tsv ("state", "media", ...)."""
        return frozenset(code for code, group in self.sector_groups.items() if group in groups)

    def may_end_title(self, word: str) -> bool:
        """Whether some title-list entry ends in this word (or its singular): a cheap test
        before building the phrases a noun heads ("human rights activists")."""
        return any(form in self._title_ends for form in _singular_forms(key(word)))

    def title(self, words: str) -> TitleWord | None:
        return next((hit for form in _singular_forms(key(words)) if (hit := self.titles.get(form))), None)

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


class _SpellingIndex:
    """Names one edit away from a query, through an index of single-letter deletions."""

    MIN_CHARS = 6  # a query this long; a name one letter shorter ("qatar" for "quatar")

    def __init__(self, names: Iterable[str]):
        self.index: dict[str, set[str]] = defaultdict(set)
        for name in names:
            if len(name) >= self.MIN_CHARS - 1:
                for variant in _deletions(name) | {name}:
                    self.index[variant].add(name)

    def near(self, k: str) -> list[str]:
        if len(k) < self.MIN_CHARS:
            return []
        found = set().union(*(self.index.get(v, set()) for v in _deletions(k) | {k}))
        return sorted(name for name in found if name != k and _one_edit(name, k))


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """One insertion, deletion, substitution or swap of neighbours apart."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def _singular_forms(k: str) -> tuple[str, ...]:
    """A lookup key as written, then as the singular of a plural: "troops" -> "troop",
    "witnesses" -> "witnesse", "witness" (the title list holds singular forms)."""
    if not k.endswith("s"):
        return (k,)
    return (k, k[:-1], k[:-2]) if k.endswith("es") else (k, k[:-1])
