"""Event coding on the PLOVER gold-standard records (CAMEO manual examples).

    python bench/events.py [path/to/plover_gsr_dev.json]

Runs the full pipeline on each sentence and prints: the share of sentences where tidings
finds an event of the gold category (recall), the share where that event also has a
source actor of a gold source country, and the precision of all events emitted (events
of the gold category / events emitted). Gold categories use PLOVER 0.5 names, mapped to
PLOVER 2.0 below; INVESTIGATE is CAMEO root 09.
"""
from __future__ import annotations

import json
import sys
import time
from collections import Counter
from pathlib import Path

from tidings import Article, Pipeline

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "plover" / "plover_gsr_dev.json"
RENAMED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT"}


def category(event: dict) -> str | None:
    if event["root"] == "09":
        return "INVESTIGATE"
    return event["plover"]


def gold_category(record: dict) -> str:
    return RENAMED.get(record["event"], record["event"])


def main(path: Path) -> None:
    if not path.exists():
        sys.exit(f"PLOVER data not found at {path}")
    records = [r for r in json.loads(path.read_text()) if r.get("text")]
    pipeline = Pipeline()
    found = with_source = emitted = correct = 0
    misses: Counter[str] = Counter()
    start = time.perf_counter()
    for record in records:
        doc = pipeline(Article(text=record["text"], published=record.get("date")))
        actors = {a.id: a for a in doc.actors}
        gold = gold_category(record)
        countries = {s.get("code") for s in record.get("source") or [] if isinstance(s, dict)}
        hits = [e for e in doc.events if category(e.__dict__) == gold]
        emitted += len(doc.events)
        correct += len(hits)
        if hits:
            found += 1
            if any(actors[s].country in countries or actors[s].code in countries
                   for e in hits for s in e.source):
                with_source += 1
        else:
            misses[gold] += 1
    n = len(records)
    print(f"sentences: {n}  events emitted: {emitted}  ({time.perf_counter() - start:.1f} s)")
    print(f"gold category found:              {found / n:.3f}  ({found}/{n})")
    print(f"  ... with a gold source country: {with_source / n:.3f}  ({with_source}/{n})")
    print(f"precision of emitted events:      {correct / max(emitted, 1):.3f}  ({correct}/{emitted})")
    print("misses by gold category:", dict(misses.most_common()))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA)
