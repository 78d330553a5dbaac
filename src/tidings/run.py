"""The main job: read inputs, process them, store the records — with progress and a summary."""
from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .ingest import read
from .pipeline import Pipeline, pipe_parallel
from .record import Document
from .store import Store, WriteResult


@dataclass
class RunSummary:
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    errors: int = 0
    entities: int = 0
    actors: int = 0
    quotes: int = 0
    events: int = 0
    error_messages: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in
                ("read", "stored", "duplicates", "errors", "entities", "actors", "quotes", "events")}


def run(
    paths: Iterable[str | Path],
    store: Store,
    *,
    pipeline: Pipeline | None = None,
    published: str | None = None,
    workers: int = 1,
    batch_size: int = 32,
    stdin=None,
    on_document: Callable[[Document], None] | None = None,
) -> RunSummary:
    """Ingest `paths` into `store`, a batch at a time; each batch is stored atomically,
    so an interrupted run keeps every finished batch and a rerun adds nothing twice."""
    summary = RunSummary()
    articles = read(paths, published=published, stdin=stdin)
    stored = store.known_ids()  # a rerun cleans what it reads but analyses only what is new
    if workers > 1 and pipeline is None:
        documents = pipe_parallel(articles, batch_size=batch_size, workers=workers, skip=stored)
    else:
        pipeline = pipeline or Pipeline()
        documents = pipeline.pipe(articles, batch_size=batch_size, workers=workers, skip=stored)
    while True:
        batch = list(itertools.islice(documents, batch_size * max(1, workers)))
        if not batch:
            break
        result: WriteResult = store.write(batch)
        summary.stored += result.stored
        summary.duplicates += result.duplicates
        for doc in batch:
            summary.read += 1
            if doc.errors:
                summary.errors += 1
                summary.error_messages.extend(doc.errors)
            if doc.id in result.new_ids:  # what was found in the records this run stored
                summary.entities += len(doc.entities)
                summary.actors += len(doc.actors)
                summary.quotes += len(doc.quotes)
                summary.events += len(doc.events)
            if on_document:
                on_document(doc)
    return summary
