"""Event coding on the PLOVER gold-standard records (CAMEO manual examples).

    python bench/events.py [--errors] [path/to/plover_gsr_dev.json]

Runs the full pipeline on each sentence and prints: the share of sentences where tidings
finds an event of the gold category (recall), the share where that event also has a
source actor of a gold source country, and the precision of all events emitted (events
of the gold category / events emitted). Gold categories use PLOVER 0.5 names, mapped to
PLOVER 2.0 below; INVESTIGATE is CAMEO root 09. `--errors` lists every sentence whose
gold category is missed or whose source country is wrong, and every extra event.
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
# gold country codes that are neither ISO 3166 nor CAMEO (slips in the record): read as meant
GOLD_CODE_SLIPS = {"ITL": "ITA", "VTN": "VNM"}


def category(event: dict) -> str | None:
    if event["root"] == "09":
        return "INVESTIGATE"
    return event["plover"]


def gold_category(record: dict) -> str:
    return RENAMED.get(record["event"], record["event"])


def _side(ids: list[str], actors: dict) -> str:
    return "+".join(f"{actors[i].name}[{actors[i].country or actors[i].code or '-'}]" for i in ids) or "-"


def _describe(event, actors: dict) -> str:
    return (f"{event.cameo} {category(event.__dict__)} {_side(event.source, actors)} -> "
            f"{_side(event.target, actors)} ({event.modality}; '{event.trigger}')")


def main(path: Path, errors: bool = False) -> None:
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
        countries = {GOLD_CODE_SLIPS.get(s.get("code"), s.get("code"))
                     for s in record.get("source") or [] if isinstance(s, dict)}
        hits = [e for e in doc.events if category(e.__dict__) == gold]
        emitted += len(doc.events)
        correct += len(hits)
        # a gold "country" may be a CAMEO actor-type prefix (IGO, NGO, IMG): compare codes' heads
        sourced = any(actors[s].country in countries or (actors[s].code or "")[:3] in countries
                      for e in hits for s in e.source)
        if hits:
            found += 1
            with_source += sourced
        else:
            misses[gold] += 1
        if errors and (not hits or not sourced or len(hits) < len(doc.events)):
            kind = "MISS" if not hits else ("SOURCE" if not sourced else "EXTRA")
            targets = {t.get("code") for t in record.get("target") or [] if isinstance(t, dict)}
            print(f"\n[{kind}] {record['id']} gold {gold} {sorted(c for c in countries if c)} -> "
                  f"{sorted(c for c in targets if c)} '{record.get('eventText', '')}'")
            print("   ", record["text"])
            for e in doc.events:
                print("    got", _describe(e, actors))
    n = len(records)
    print(f"sentences: {n}  events emitted: {emitted}  ({time.perf_counter() - start:.1f} s)")
    print(f"gold category found:              {found / n:.3f}  ({found}/{n})")
    print(f"  ... with a gold source country: {with_source / n:.3f}  ({with_source}/{n})")
    print(f"precision of emitted events:      {correct / max(emitted, 1):.3f}  ({correct}/{emitted})")
    print("misses by gold category:", dict(misses.most_common()))


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--errors"]
    main(Path(args[0]) if args else DATA, errors="--errors" in sys.argv[1:])
