"""Article-level event coding on expert-coded Wikinews articles.

    python bench/wikinews_events.py [path/to/wikinews]

Runs the pipeline on each annotated article of `wikinews_2019.csv` and scores its events
against `events_dev.json` at (source country, CAMEO root, target country): precision,
recall and F1 over the sets of such triples per article (an article's repeated triple
counts once, as the guidelines code one event per distinct dyad, code, date, modality).
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from tidings import Article, Pipeline

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikinews"


def main(folder: Path) -> None:
    gold_path, csv_path = folder / "events_dev.json", folder / "wikinews_2019.csv"
    if not gold_path.exists() or not csv_path.exists():
        sys.exit(f"Wikinews data not found at {folder}")
    gold = json.loads(gold_path.read_text())
    csv.field_size_limit(10**8)
    articles = {r["url"]: r for r in csv.DictReader(csv_path.open(encoding="utf-8"))}
    pipeline = Pipeline()
    tp = fp = fn = 0
    for url, entry in gold.items():
        row = articles.get(url)
        if row is None:
            print(f"missing article: {url}")
            continue
        doc = pipeline(Article(text=row["text"], title=row["title"], published=row["date"], url=url))
        country = {a.id: a.country for a in doc.actors}
        got = set()
        for e in doc.events:
            for s in e.source or [None]:
                for t in e.target or [None]:
                    got.add((country.get(s), e.root, country.get(t)))
        want = {(g["source_country"], g["root"], g["target_country"]) for g in entry["events"]}
        tp += len(got & want)
        fp += len(got - want)
        fn += len(want - got)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"articles: {len(gold)}  triples found {tp + fp}, gold {tp + fn}, correct {tp}")
    print(f"precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA)
