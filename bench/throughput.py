"""Throughput: the whole pipeline against a bare spaCy parse of the same texts, in one process.

    .venv/bin/python bench/throughput.py [--articles N] [--repeat R]

Prints articles/second for `nlp.pipe` alone and for `Pipeline.pipe`, their ratio (target:
the pipeline costs at most 1.3x the bare parse), the share each stage adds to the parse
time (targets: times+places <= 10%, actors <= 5%, quotes <= 10%, events <= 15%), and the
peak memory of the process.
"""
from __future__ import annotations

import argparse
import csv
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "wikinews" / "wikinews_2019.csv"


def load_articles(limit: int | None) -> list[dict]:
    csv.field_size_limit(sys.maxsize)
    with DATA.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    rows = rows[:limit] if limit else rows
    return [{"text": r["text"], "title": r["title"], "url": r["url"], "published": r["date"]} for r in rows]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=None, help="use the first N articles (default: all)")
    ap.add_argument("--repeat", type=int, default=2, help="timed rounds; the best is reported")
    ap.add_argument("--batch-size", type=int, default=32)
    args = ap.parse_args()
    if not DATA.exists():
        sys.exit(f"evaluation data not found: {DATA}")

    from tidings import Pipeline, clean
    from tidings.record import ActorMentions, parse_date

    articles = load_articles(args.articles)
    pipeline = Pipeline()
    nlp = pipeline.nlp
    texts = [clean.clean(a["text"]).text for a in articles]
    chars = sum(len(t) for t in texts)
    print(f"{len(articles)} articles, {chars:,} characters (wikinews_2019.csv), batch size {args.batch_size}")

    # warm-up: model caches, knowledge indices, phrase matcher
    list(pipeline.pipe(articles[:8], batch_size=8))

    def bare() -> float:
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=args.batch_size):
            pass
        return time.perf_counter() - t0

    def full() -> float:
        t0 = time.perf_counter()
        for _ in pipeline.pipe(articles, batch_size=args.batch_size):
            pass
        return time.perf_counter() - t0

    # interleave rounds so both see the same machine load
    bare_t, full_t = [], []
    for _ in range(args.repeat):
        bare_t.append(bare())
        full_t.append(full())
    b, f = min(bare_t), min(full_t)
    n = len(articles)
    print(f"bare nlp.pipe      {n / b:8.2f} articles/s  ({b:.2f} s)")
    print(f"Pipeline.pipe      {n / f:8.2f} articles/s  ({f:.2f} s)")
    print(f"ratio pipeline/bare: {f / b:.3f}x  (target <= 1.30x)")

    # stage costs over the same parses, as a share of the bare parse time
    docs = list(nlp.pipe(texts, batch_size=args.batch_size))
    dates = [parse_date(a["published"]) for a in articles]
    stage_t = {"times": 0.0, "places": 0.0, "actors": 0.0, "coref": 0.0, "quotes": 0.0, "events": 0.0}
    for doc, published in zip(docs, dates):
        t0 = time.perf_counter(); times = pipeline.times(doc, published)
        t1 = time.perf_counter(); places = pipeline.places(doc)
        t2 = time.perf_counter(); ents, actors, names = pipeline.actors(doc, published, places)
        t3 = time.perf_counter(); resolved = pipeline.coref(doc, ents, actors)
        mentions = ActorMentions([*names, *resolved])
        t4 = time.perf_counter(); quotes = pipeline.quotes(doc, mentions, actors)
        t5 = time.perf_counter()
        pipeline.events(doc, mentions=mentions, actors=actors, times=times, places=places,
                        quotes=quotes, published=published)
        t6 = time.perf_counter()
        for name, dt_ in zip(stage_t, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5)):
            stage_t[name] += dt_
    print("stage cost as a share of the bare parse:")
    for name, value in stage_t.items():
        print(f"  {name:8s} {100 * value / b:6.1f}%  ({value:.2f} s)")
    print(f"  times+places {100 * (stage_t['times'] + stage_t['places']) / b:.1f}% (target <= 10%), "
          f"actors {100 * stage_t['actors'] / b:.1f}% (<= 5%), quotes {100 * stage_t['quotes'] / b:.1f}% (<= 10%), "
          f"events {100 * stage_t['events'] / b:.1f}% (<= 15%)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS): {peak:.0f} MiB")


if __name__ == "__main__":
    main()
