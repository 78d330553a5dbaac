"""Knowledge coverage: what the knowledge base holds, and how much of real news it codes.

    .venv/bin/python bench/knowledge.py [--polnear N]

Prints counts per knowledge file, then, on ../shared/data/wikinews (all articles) and
../shared/data/polnear/dev, the share of mentions that resolve:
  - PERSON mentions whose actor carries a title or is named twice → country and sector
    (target >= 0.70);
  - all PERSON and ORG mentions → country and sector (shown so the gaps are visible);
  - country mentions (spaCy GPE: countries, cities, states) → a country (target >= 0.85);
    NORP (nationalities, religious and political groups) are shown on their own line.
It also lists the most frequent unresolved names, which is where the knowledge grows next.
"""
from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def file_counts() -> list[tuple[str, int]]:
    from tidings.knowledge import DATA as KDATA

    rows = []
    for path in sorted(KDATA.rglob("*")):
        if path.is_file():
            lines = [ln for ln in path.read_text(encoding="utf-8").splitlines()
                     if ln.strip() and not ln.lstrip().startswith("#")]
            n = len(lines) - (1 if path.suffix == ".tsv" else 0)
            rows.append((str(path.relative_to(KDATA)), n))
    return rows


def wikinews_texts() -> list[dict]:
    csv.field_size_limit(sys.maxsize)
    with (DATA / "wikinews" / "wikinews_2019.csv").open(encoding="utf-8") as fh:
        return [{"text": r["text"], "published": r["date"], "url": r["url"]} for r in csv.DictReader(fh)]


def polnear_texts(limit: int | None) -> list[dict]:
    folder = DATA / "polnear" / "dev"
    dates = {}
    meta = DATA / "polnear" / "metadata.tsv"
    if meta.exists():
        with meta.open(encoding="utf-8") as fh:
            reader = csv.DictReader(fh, delimiter="\t")
            for row in reader:
                name = row.get("filename") or row.get("file") or row.get("id") or ""
                date = row.get("date") or row.get("publication_date") or row.get("published") or ""
                if name:
                    dates[Path(name).stem] = date[:10] or None
    texts = sorted((folder / "text").glob("*.txt"))[: limit or None]
    return [{"text": p.read_text(encoding="utf-8"), "published": dates.get(p.stem), "origin": str(p)} for p in texts]


def coverage(pipeline, articles: list[dict]) -> dict:
    c = Counter()
    unresolved = Counter()
    for doc in pipeline.pipe(articles, batch_size=16):
        actors = {a.id: a for a in doc.actors}
        place_spans = [(s, e, p.country) for p in doc.places for s, e in p.mentions]
        for ent in doc.entities:
            actor = actors.get(ent.actor or "")
            # coded: a country and a sector; officials of international bodies have no country
            coded = bool(actor and actor.sector and (actor.country or actor.sector == "IGO"))
            if ent.type == "PERSON":
                c["person"] += 1
                c["person_coded"] += coded
                if actor and (actor.title or len(actor.mentions) >= 2):
                    c["person_titled"] += 1
                    c["person_titled_coded"] += coded
                    if not coded:
                        unresolved[("PERSON", actor.name)] += 1
            elif ent.type == "ORG":
                c["org"] += 1
                c["org_coded"] += bool(actor and actor.country and actor.sector) or bool(
                    actor and actor.sector in {"IGO", "NGO", "MNC"})
                c["org_country_or_igo"] += bool(actor and (actor.country or actor.sector))
                if not (actor and (actor.country or actor.sector)):
                    unresolved[("ORG", ent.text)] += 1
            elif ent.type == "GPE":
                # a place or a state: resolved when it is placed in a country, or names an
                # actor with a country (a metonym) or an international body ("the E.U.")
                in_place = next((cc for s, e, cc in place_spans if s <= ent.start and ent.end <= e), None)
                c["country_mention"] += 1
                ok = bool(in_place or (actor and (actor.country or actor.sector == "IGO")))
                c["country_resolved"] += ok
                if not ok:
                    unresolved[(ent.type, ent.text)] += 1
            elif ent.type == "NORP":
                c["norp"] += 1
                c["norp_resolved"] += bool(actor and (actor.country or actor.sector))
                if not (actor and (actor.country or actor.sector)):
                    unresolved[(ent.type, ent.text)] += 1
    return {"counts": c, "unresolved": unresolved}


def share(a: int, b: int) -> str:
    return f"{a / b:.3f} ({a}/{b})" if b else "n/a"


def report(name: str, result: dict) -> None:
    c = result["counts"]
    print(f"\n{name}")
    print(f"  PERSON with a title or named twice → country+sector: {share(c['person_titled_coded'], c['person_titled'])}  (target >= 0.70)")
    print(f"  all PERSON mentions → country+sector:               {share(c['person_coded'], c['person'])}")
    print(f"  ORG mentions → country+sector (or IGO/NGO/MNC):      {share(c['org_coded'], c['org'])}")
    print(f"  ORG mentions → a country or a sector:                {share(c['org_country_or_igo'], c['org'])}")
    print(f"  country mentions (GPE) → a country:                  {share(c['country_resolved'], c['country_mention'])}  (target >= 0.85)")
    print(f"  NORP mentions → a country or a group:                {share(c['norp_resolved'], c['norp'])}")
    top = ", ".join(f"{t}:{n}×{k}" for (t, n), k in result["unresolved"].most_common(15))
    print(f"  most frequent unresolved: {top}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--polnear", type=int, default=None, help="only the first N PolNeAR dev articles")
    args = ap.parse_args()

    from tidings import Pipeline
    from tidings.knowledge import Knowledge

    t0 = time.perf_counter()
    kb = Knowledge.load(user=False)
    print(f"knowledge loaded in {time.perf_counter() - t0:.2f} s: " +
          ", ".join(f"{k} {v}" for k, v in kb.counts().items()))
    print("entries per file:")
    for name, n in file_counts():
        print(f"  {name:45s} {n:6d}")
    if not DATA.is_dir():
        sys.exit(f"evaluation data not found at {DATA}")
    pipeline = Pipeline(kb)
    report("wikinews_2019.csv (171 articles)", coverage(pipeline, wikinews_texts()))
    pol = polnear_texts(args.polnear)
    report(f"polnear/dev ({len(pol)} articles)", coverage(pipeline, pol))


if __name__ == "__main__":
    main()
