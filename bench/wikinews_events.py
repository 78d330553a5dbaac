"""Article-level event coding on expert-coded Wikinews articles.

    python bench/wikinews_events.py [--errors] [path/to/wikinews]

Runs the pipeline on each annotated article of `wikinews_2019.csv` and scores its events
against `events_dev.json` at (source country, CAMEO root, target country), as the
guidelines say: one-to-one per article (an article's repeated triple counts once), and a
gold event with no target country accepts any target. `--errors` lists, per article, the
gold events missed and the triples found that match none.
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from tidings import Article, Pipeline

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikinews"

Triple = tuple[str | None, str, str | None]


def match(got: set[Triple], want: list[Triple]) -> tuple[list[Triple], list[Triple], list[Triple]]:
    """(matched, missed gold, unmatched found): exact triples first, then gold events
    without a target country take any remaining found triple of their source and root."""
    left = set(got)
    matched, missed = [], []
    pending = []
    for g in want:
        if g in left:
            left.discard(g)
            matched.append(g)
        else:
            pending.append(g)
    for g in pending:
        hit = next((t for t in sorted(left, key=str) if g[2] is None and t[:2] == g[:2]), None)
        if hit is not None:
            left.discard(hit)
            matched.append(g)
        else:
            missed.append(g)
    return matched, missed, sorted(left, key=str)


def main(folder: Path, errors: bool = False) -> None:
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
        got: dict[Triple, object] = {}
        for e in doc.events:
            for s in e.source or [None]:
                for t in e.target or [None]:
                    got.setdefault((country.get(s), e.root, country.get(t)), e)
        want = list(dict.fromkeys((g["source_country"], g["root"], g["target_country"])
                                  for g in entry["events"]))
        matched, missed, extra = match(set(got), want)
        tp, fn, fp = tp + len(matched), fn + len(missed), fp + len(extra)
        if errors:
            _print_errors(row, entry, doc, got, missed, extra)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"articles: {len(gold)}  triples found {tp + fp}, gold {tp + fn}, correct {tp}")
    print(f"precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")


def _print_errors(row: dict, entry: dict, doc, got: dict, missed: list, extra: list) -> None:
    names = {a.id: a.name for a in doc.actors}
    print(f"\n=== {row['title']}")
    for g in entry["events"]:
        if (g["source_country"], g["root"], g["target_country"]) in missed:
            print(f"  MISS {g['cameo']} {g['source_name']}[{g['source_country']}] -> "
                  f"{g['target_name']}[{g['target_country']}] {g['modality']} '{g['trigger']}' | {g['locator']}")
    for t in extra:
        e = got[t]
        sentence = doc.text[e.sentence_start:e.sentence_end].replace("\n", " ")
        print(f"  EXTRA {e.cameo} {'+'.join(names[s] for s in e.source)}[{t[0]}] -> "
              f"{'+'.join(names[x] for x in e.target)}[{t[2]}] {e.modality} '{e.trigger}' | {sentence[:160]}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--errors"]
    main(Path(args[0]) if args else DATA, errors="--errors" in sys.argv[1:])
