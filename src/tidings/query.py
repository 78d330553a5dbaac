"""Queries over a store: the library behind `tidings articles|entities|quotes|events`.

Every function takes a Store and keyword filters and returns rows as dicts, newest first.
Filters are bound as SQL parameters, never pasted into the query.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .record import parse_date
from .store import Store


@dataclass
class Filters:
    """WHERE clauses and their parameters, built up filter by filter."""

    since: str | None = None
    until: str | None = None
    limit: int | None = 50  # None: every row
    where: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> None:
        self.where.append(clause)
        self.params.extend(params)

    def text(self, column: str, value: str | None) -> None:
        """`column` contains `value` (case-insensitive), when a value is given."""
        if value:
            self.add(f"{column} ILIKE ? ESCAPE '\\'", _like(value))

    def outlet(self, value: str | None) -> None:
        """Rows of articles whose source (publisher) contains `value`."""
        if value:
            self.add("doc_id IN (SELECT id FROM articles WHERE source ILIKE ? ESCAPE '\\')", _like(value))

    def sql(self, date_column: str = "published") -> tuple[str, list[Any]]:
        where, params = list(self.where), list(self.params)
        if self.since:
            # a month or a year ("2018-11", "1987") reaches to its end: "~" sorts after digits
            where.append(f"({date_column} || '~') >= ?")
            params.append(_iso(self.since, "--since"))
        if self.until:
            where.append(f"{date_column} <= ?")
            params.append(_iso(self.until, "--until"))
        clause = (" WHERE " + " AND ".join(where)) if where else ""
        return clause, params


class QueryError(ValueError):
    pass


def _iso(value: str, option: str) -> str:
    try:
        date = parse_date(value)
    except ValueError:
        raise QueryError(f"{option} {value!r} is not a date: use YYYY-MM-DD") from None
    assert date is not None
    return date.isoformat()


def _like(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _run(store: Store, select: str, table: str, f: Filters, order: str, date_column: str = "published"):
    clause, params = f.sql(date_column)
    sql = f"SELECT {select} FROM {table}{clause} ORDER BY {order}{_limit(f.limit)}"
    return store.query(sql, params)


def _limit(limit: int | None) -> str:
    return "" if limit is None else f" LIMIT {int(limit)}"


def articles(store: Store, *, since=None, until=None, source=None, contains=None, limit=50) -> list[dict]:
    f = Filters(since, until, limit)
    f.text("source", source)
    if contains:
        f.add("(text ILIKE ? ESCAPE '\\' OR title ILIKE ? ESCAPE '\\')", _like(contains), _like(contains))
    return _run(
        store,
        "id, published, source, title, url, entities, actors, quotes, events, chars_out AS chars",
        "articles", f, "published DESC NULLS LAST, id",
    )


def entities(
    store: Store, *, since=None, until=None, source=None, contains=None, type=None, limit=50
) -> list[dict]:
    """Entity mentions, grouped by text and type with their counts."""
    f = Filters(since, until, limit)
    f.outlet(source)
    f.text("text", contains)
    if type:
        f.add("type = ?", type.upper())
    clause, params = f.sql()
    sql = (
        "SELECT text, type, any_value(actor_name) AS actor, any_value(country) AS country, "
        "count(*) AS mentions, count(DISTINCT doc_id) AS articles "
        f"FROM entities{clause} GROUP BY text, type ORDER BY mentions DESC, text{_limit(limit)}"
    )
    return store.query(sql, params)


def quotes(
    store: Store, *, since=None, until=None, source=None, contains=None, speaker=None, kind=None,
    limit=50,
) -> list[dict]:
    f = Filters(since, until, limit)
    f.outlet(source)
    f.text("text", contains)
    if speaker:
        f.add("(speaker_name ILIKE ? ESCAPE '\\' OR speaker_text ILIKE ? ESCAPE '\\')",
              _like(speaker), _like(speaker))
    if kind:
        if kind not in {"direct", "indirect", "mixed"}:
            raise QueryError(f"--kind {kind!r}: choose direct, indirect or mixed")
        f.add("kind = ?", kind)
    return _run(
        store, "published, speaker_name AS speaker, speaker_text, kind, cue, text, doc_id, id",
        "quotes", f, "published DESC NULLS LAST, doc_id, start",
    )


def events(
    store: Store, *, actor=None, country=None, dyad=None, code=None, root=None, plover=None,
    quad=None, modality=None, since=None, until=None, place=None, source=None, contains=None,
    limit=50, columns: str | None = None,
) -> list[dict]:
    """Coded events. `since/until` apply to the event's own date, else its article's."""
    f = Filters(since, until, limit)
    if actor:
        f.add("(source_name ILIKE ? ESCAPE '\\' OR target_name ILIKE ? ESCAPE '\\')", _like(actor), _like(actor))
    if country:
        f.add("(source_country = ? OR target_country = ?)", country.upper(), country.upper())
    if dyad:
        parts = dyad.upper().replace("→", "-").split("-")
        if len(parts) != 2 or not all(parts):
            raise QueryError(f"--dyad {dyad!r}: write SOURCE-TARGET country codes, e.g. --dyad USA-RUS")
        f.add("source_country = ? AND target_country = ?", *parts)
    if code:
        f.add("cameo LIKE ?", code.strip() + "%")
    if root:
        f.add("root = ?", root.zfill(2))
    if plover:
        f.add("plover = ?", plover.upper())
    if quad is not None:
        if int(quad) not in (1, 2, 3, 4):
            raise QueryError(f"--quad {quad}: QuadClass is 1, 2, 3 or 4")
        f.add("quad_class = ?", int(quad))
    if modality:
        allowed = {"asserted", "planned", "threatened", "demanded", "denied", "hypothetical"}
        if modality not in allowed:
            raise QueryError(f"--modality {modality!r}: choose one of {', '.join(sorted(allowed))}")
        f.add("modality = ?", modality)
    if place:
        f.add("(place_name ILIKE ? ESCAPE '\\' OR place_country = ?)", _like(place), place.upper())
    f.text("source_outlet", source)
    f.text("sentence", contains)
    select = columns or (
        "coalesce(date, published) AS date, source_name AS source, source_code, cameo, plover, "
        "target_name AS target, target_code, modality, place_name AS place, trigger, doc_id, id"
    )
    return _run(store, select, "events", f, "coalesce(date, published) DESC NULLS LAST, doc_id, id",
                date_column="coalesce(date, published)")
