"""The embedded store: Parquet shards per table under one folder, queried with DuckDB.

    STORE/
      articles/part-<batch>.parquet   one row per article (the full record as JSON too)
      entities/ actors/ places/ times/ quotes/ events/ errors/   one row per item
      _batches/<batch>.done            written last: a batch without it never happened

Every shard is written to a temporary name and renamed into place, and a batch counts
only once its marker exists: readers see finished batches only, a killed run loses
nothing stored before, and the next writer sweeps its half batch away. One writer at a
time holds the store's lock (`.lock`); readers take none and change nothing. Records are
keyed by their id: the same article processed twice is stored once.
"""
from __future__ import annotations

import datetime as dt
import fcntl
import json
import os
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from .record import Document

S, I, F, B = pa.string(), pa.int64(), pa.float64(), pa.bool_()
LS = pa.list_(pa.string())

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema([
        ("id", S), ("title", S), ("url", S), ("source", S), ("published", S), ("language", S),
        ("text", S), ("chars_in", I), ("chars_out", I), ("furniture_removed", LS),
        ("repeated_blocks_removed", I), ("entities", I), ("actors", I), ("places", I),
        ("times", I), ("quotes", I), ("events", I), ("errors", I), ("origin", S),
        ("stored_at", S), ("record", S),
    ]),
    "entities": pa.schema([
        ("doc_id", S), ("id", S), ("text", S), ("start", I), ("end", I), ("type", S),
        ("actor", S), ("actor_name", S), ("country", S), ("published", S),
    ]),
    "actors": pa.schema([
        ("doc_id", S), ("id", S), ("name", S), ("kind", S), ("country", S), ("sector", S),
        ("code", S), ("title", S), ("mentions", I), ("resolved_by", S), ("published", S),
    ]),
    "places": pa.schema([
        ("doc_id", S), ("id", S), ("name", S), ("country", S), ("lat", F), ("lon", F),
        ("geonameid", I), ("feature", S), ("mentions", I), ("published", S),
    ]),
    "times": pa.schema([
        ("doc_id", S), ("id", S), ("text", S), ("start", I), ("end", I), ("value", S),
        ("granularity", S), ("type", S), ("published", S),
    ]),
    "quotes": pa.schema([
        ("doc_id", S), ("id", S), ("kind", S), ("text", S), ("start", I), ("end", I),
        ("cue", S), ("speaker_text", S), ("speaker", S), ("speaker_name", S),
        ("speaker_country", S), ("speaker_code", S), ("published", S), ("url", S),
    ]),
    "events": pa.schema([
        ("doc_id", S), ("id", S), ("cameo", S), ("root", S), ("plover", S), ("quad_class", I),
        ("goldstein", F), ("source", LS), ("target", LS), ("source_name", S),
        ("source_country", S), ("source_code", S), ("target_name", S), ("target_country", S),
        ("target_code", S), ("modality", S), ("attributed_to", S), ("attributed_name", S),
        ("date", S), ("date_granularity", S), ("date_from", S), ("place", S),
        ("place_name", S), ("place_country", S), ("place_feature", S), ("lat", F), ("lon", F),
        ("geonameid", I),
        ("trigger", S), ("trigger_start", I), ("trigger_end", I), ("sentence_start", I),
        ("sentence_end", I), ("sentence", S), ("confidence", F), ("published", S),
        ("url", S), ("source_outlet", S), ("is_root", B), ("mentions", I),
    ]),
    "errors": pa.schema([
        ("doc_id", S), ("origin", S), ("message", S), ("stored_at", S),
    ]),
}
TABLES = tuple(SCHEMAS)


class StoreError(RuntimeError):
    pass


@dataclass
class WriteResult:
    stored: int = 0
    duplicates: int = 0
    failed: int = 0  # records that are errors only (no text): kept in the errors table
    new_ids: set[str] = field(default_factory=set)  # the records this write added


class Store:
    """A tidings store folder. Open it, `write()` documents, `query()` with SQL."""

    def __init__(self, path: str | Path, *, create: bool = True):
        """Open a store folder. `create=False` opens an existing store for reading and
        changes nothing on disk; a store is created (and swept) only by a writer."""
        self._lock: int | None = None
        self._con: duckdb.DuckDBPyConnection | None = None
        self.path = Path(path)
        self.writable = create
        if not self.path.exists() and not create:
            raise StoreError(f"no store at {self.path}: run `tidings run FILE --store {self.path}` first")
        if self.path.exists() and not self.path.is_dir():
            raise StoreError(f"{self.path} is not a folder: give --store a folder path")
        if not create and not (self.path / "_batches").is_dir():
            raise StoreError(
                f"{self.path} is not a tidings store (no _batches folder): give --store the folder "
                "that `tidings run` wrote"
            )
        self._ids: set[str] | None = None
        self._stale = True  # views are rebuilt lazily, once per change, when next queried

    # -- writing --------------------------------------------------------------------
    def _open_for_writing(self) -> None:
        """Create the folders, take the store's write lock, and sweep away what a killed
        writer left. Only the lock holder sweeps, so readers and a second writer never
        delete a batch that is still being written."""
        if self._lock is not None:
            return
        try:
            for folder in (*TABLES, "_batches"):
                (self.path / folder).mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path / ".lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot write the store at {self.path}: {exc.strerror or exc}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreError(
                f"another tidings process is writing to {self.path}: wait for it to finish, "
                "or give this run its own --store"
            ) from None
        self._lock = fd
        self._sweep_incomplete()

    def known_ids(self) -> set[str]:
        if self._ids is None:
            ids = {r[0] for r in self.sql("SELECT id FROM articles").fetchall()}
            ids |= {r[0] for r in self.sql("SELECT DISTINCT doc_id FROM errors").fetchall()}
            self._ids = ids
        return self._ids

    def write(self, documents: Iterable[Document]) -> WriteResult:
        """Store one batch of documents atomically; ids already stored are skipped."""
        if not self.writable:
            raise StoreError(f"{self.path} was opened for reading only")
        self._open_for_writing()
        known = self.known_ids()
        rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
        result = WriteResult()
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")
        batch_ids: set[str] = set()
        for doc in documents:
            if doc.id in known or doc.id in batch_ids:
                result.duplicates += 1
                continue
            batch_ids.add(doc.id)
            for table, table_rows in _rows(doc, now).items():
                rows[table].extend(table_rows)
            if doc.text:
                result.stored += 1
            else:
                result.failed += 1
        result.new_ids = batch_ids
        if not batch_ids:
            return result
        batch = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%S%f") + "-" + uuid.uuid4().hex[:12]
        try:
            for table, table_rows in rows.items():
                if table_rows:
                    _write_parquet(
                        pa.Table.from_pylist(table_rows, schema=SCHEMAS[table]),
                        self.path / table / f"part-{batch}.parquet",
                    )
            marker = self.path / "_batches" / f"{batch}.done"
            _atomic_write_bytes(marker, json.dumps({tbl: len(r) for tbl, r in rows.items()}).encode())
        except OSError as exc:
            raise StoreError(f"cannot write to the store at {self.path}: {exc.strerror or exc}") from exc
        known.update(batch_ids)
        self._stale = True
        return result

    def _sweep_incomplete(self) -> None:
        """Remove shards of batches that never got their marker (a killed run)."""
        done = self._batches()
        for table in TABLES:
            for shard in (self.path / table).glob("part-*.parquet"):
                if shard.stem.removeprefix("part-") not in done:
                    shard.unlink()
            for tmp in (self.path / table).glob(".*.tmp"):
                tmp.unlink()

    def _batches(self) -> list[str]:
        """The finished batches: those whose marker was written."""
        return sorted(p.stem for p in (self.path / "_batches").glob("*.done"))

    # -- reading --------------------------------------------------------------------
    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        if self._con is None:
            self._con = duckdb.connect()
        if self._stale:
            self._refresh_views()
        return self._con

    def _refresh_views(self) -> None:
        """One view per table over the shards of finished batches only, so a reader never
        sees half a batch that is still being written."""
        assert self._con is not None
        batches = self._batches() if (self.path / "_batches").is_dir() else []
        for table, schema in SCHEMAS.items():
            shards = [str(p) for b in batches if (p := self.path / table / f"part-{b}.parquet").exists()]
            if shards:
                files = ", ".join(_sql_str(s) for s in shards)
                self._con.execute(
                    f"CREATE OR REPLACE VIEW {table} AS "
                    f"SELECT * FROM read_parquet([{files}], union_by_name = true)"
                )
            else:
                self._con.register(f"_empty_{table}", schema.empty_table())
                self._con.execute(f"CREATE OR REPLACE VIEW {table} AS SELECT * FROM _empty_{table}")
        self._stale = False

    def sql(self, query: str, params: Sequence[Any] | None = None) -> duckdb.DuckDBPyRelation:
        """Run SQL over the store's views (articles, entities, actors, places, times,
        quotes, events, errors)."""
        return self.con.execute(query, params or [])

    def query(self, query: str, params: Sequence[Any] | None = None) -> list[dict[str, Any]]:
        cursor = self.sql(query, params)
        columns = [d[0] for d in cursor.description]
        return [dict(zip(columns, row)) for row in cursor.fetchall()]

    def document(self, doc_id: str) -> Document | None:
        """The full record of a stored article, by id or unique id prefix."""
        rows = self.query(
            "SELECT record FROM articles WHERE starts_with(id, ?) LIMIT 2", [doc_id.lower()]
        )
        if len(rows) != 1:
            return None
        return Document.from_dict(json.loads(rows[0]["record"]))

    def counts(self) -> dict[str, int]:
        return {t: self.sql(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
        if self._lock is not None:
            os.close(self._lock)  # closing the descriptor releases the lock
            self._lock = None

    def __del__(self) -> None:
        self.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# -- rows -----------------------------------------------------------------------------
def _rows(doc: Document, now: str) -> dict[str, list[dict[str, Any]]]:
    """One document as rows of every table."""
    d = doc.to_dict()
    pub = doc.published
    actors = {a.id: a for a in doc.actors}
    places = {p.id: p for p in doc.places}
    out: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for message in doc.errors:
        out["errors"].append({"doc_id": doc.id, "origin": doc.origin, "message": message, "stored_at": now})
    if not doc.text:
        return out
    out["articles"].append({
        "id": doc.id, "title": doc.title, "url": doc.url, "source": doc.source, "published": pub,
        "language": doc.language, "text": doc.text, "chars_in": doc.cleaning.chars_in,
        "chars_out": doc.cleaning.chars_out, "furniture_removed": doc.cleaning.furniture_removed,
        "repeated_blocks_removed": doc.cleaning.repeated_blocks_removed,
        "entities": len(doc.entities), "actors": len(doc.actors), "places": len(doc.places),
        "times": len(doc.times), "quotes": len(doc.quotes), "events": len(doc.events),
        "errors": len(doc.errors), "origin": doc.origin, "stored_at": now,
        "record": json.dumps(d, ensure_ascii=False),
    })
    for e in doc.entities:
        a = actors.get(e.actor or "")
        out["entities"].append({
            "doc_id": doc.id, "id": e.id, "text": e.text, "start": e.start, "end": e.end,
            "type": e.type, "actor": e.actor, "actor_name": a.name if a else None,
            "country": a.country if a else None, "published": pub,
        })
    for a in doc.actors:
        out["actors"].append({
            "doc_id": doc.id, "id": a.id, "name": a.name, "kind": a.kind, "country": a.country,
            "sector": a.sector, "code": a.code, "title": a.title, "mentions": len(a.mentions),
            "resolved_by": a.resolved_by, "published": pub,
        })
    for p in doc.places:
        out["places"].append({
            "doc_id": doc.id, "id": p.id, "name": p.name, "country": p.country, "lat": p.lat,
            "lon": p.lon, "geonameid": p.geonameid, "feature": p.feature,
            "mentions": len(p.mentions), "published": pub,
        })
    for t in doc.times:
        out["times"].append({
            "doc_id": doc.id, "id": t.id, "text": t.text, "start": t.start, "end": t.end,
            "value": t.value, "granularity": t.granularity, "type": t.type, "published": pub,
        })
    for q in doc.quotes:
        a = actors.get(q.speaker or "")
        out["quotes"].append({
            "doc_id": doc.id, "id": q.id, "kind": q.kind, "text": q.text, "start": q.start,
            "end": q.end, "cue": q.cue, "speaker_text": q.speaker_text, "speaker": q.speaker,
            "speaker_name": a.name if a else None, "speaker_country": a.country if a else None,
            "speaker_code": a.code if a else None, "published": pub, "url": doc.url,
        })
    lead_end = doc.text.find("\n\n") if "\n\n" in doc.text else len(doc.text)
    for ev in doc.events:
        src = [actors[i] for i in ev.source if i in actors]
        tgt = [actors[i] for i in ev.target if i in actors]
        att = actors.get(ev.attributed_to or "")
        pl = places.get(ev.place or "")
        out["events"].append({
            "doc_id": doc.id, "id": ev.id, "cameo": ev.cameo, "root": ev.root, "plover": ev.plover,
            "quad_class": ev.quad_class, "goldstein": ev.goldstein, "source": ev.source,
            "target": ev.target,
            "source_name": "; ".join(a.name for a in src) or None,
            "source_country": next((a.country for a in src if a.country), None),
            "source_code": next((a.code for a in src if a.code), None),
            "target_name": "; ".join(a.name for a in tgt) or None,
            "target_country": next((a.country for a in tgt if a.country), None),
            "target_code": next((a.code for a in tgt if a.code), None),
            "modality": ev.modality, "attributed_to": ev.attributed_to,
            "attributed_name": att.name if att else None, "date": ev.date,
            "date_granularity": ev.date_granularity, "date_from": ev.date_from, "place": ev.place,
            "place_name": pl.name if pl else None, "place_country": pl.country if pl else None,
            "place_feature": pl.feature if pl else None,
            "lat": pl.lat if pl else None, "lon": pl.lon if pl else None,
            "geonameid": pl.geonameid if pl else None, "trigger": ev.trigger,
            "trigger_start": ev.trigger_start, "trigger_end": ev.trigger_end,
            "sentence_start": ev.sentence_start, "sentence_end": ev.sentence_end,
            "sentence": doc.text[ev.sentence_start:ev.sentence_end],
            "confidence": ev.confidence, "published": pub, "url": doc.url, "source_outlet": doc.source,
            # GDELT's IsRootEvent: the event is told in the article's lead paragraph
            "is_root": ev.sentence_start < lead_end, "mentions": max(1, len(ev.evidence)),
        })
    return out


def _write_parquet(table: pa.Table, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def _sql_str(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"
