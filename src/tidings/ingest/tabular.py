"""Records: JSON (an object, a list, or {"articles": [...]}), JSON lines and CSV/TSV.

Column names are matched case-insensitively against the usual spellings of each field;
a record with no text field but an `html` one has its page extracted.
"""
from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator, Mapping
from typing import Any

from ..record import Article
from . import html

# Field → the column names that carry it, in order of preference.
FIELDS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "published": ("published", "date", "pubdate", "publication_date", "date_publish", "datetime"),
    "source": ("source", "publisher", "source_name"),
}
_TEXT_COLUMNS = ", ".join(FIELDS["text"])


def read_json(text: str, origin: str, published: str | None) -> Iterator[Article]:
    """Articles of a JSON document: one object, a list of objects, or {"articles": [...]}."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        yield _failed(origin, f"not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})")
        return
    records = _records_of(value)
    if records is None:
        yield _failed(origin, "JSON holds no article: expected an object, a list of objects, "
                              'or {"articles": [...]}')
        return
    if len(records) == 1:
        yield _from_record(records[0], origin, published)
        return
    for number, record in enumerate(records, 1):
        yield _from_record(record, f"{origin}#item {number}", published)


def read_jsonl(text: str, origin: str, published: str | None) -> Iterator[Article]:
    """One article per non-blank line; a line that is not JSON becomes an error record."""
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{origin}:line {number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield _failed(where, f"line is not JSON ({exc.msg} at column {exc.colno}); skipped")
            continue
        yield _from_record(value, where, published)


def read_csv(text: str, origin: str, published: str | None, delimiter: str = ",") -> Iterator[Article]:
    """One article per row; the header row names the columns."""
    csv.field_size_limit(sys.maxsize)  # article bodies exceed csv's 128 KB default
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        yield _failed(origin, f"not readable as CSV ({exc})")
        return
    columns = {str(name).strip().lower() for name in header}
    if not columns & set(FIELDS["text"]) and "html" not in columns:
        yield _failed(origin, f"CSV has no text column (columns: {', '.join(header) or 'none'}); "
                              f"name the article text column one of: {_TEXT_COLUMNS}")
        return
    start = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield _failed(f"{origin}:line {start}", f"row is not valid CSV ({exc}); rest of file skipped")
            return
        yield _from_record(row, f"{origin}:line {start}", published)
        start = reader.line_num + 1


def _records_of(value: Any) -> list[Any] | None:
    """The records a JSON value holds, or None when it holds none (which is an error)."""
    if isinstance(value, Mapping) and isinstance(value.get("articles"), list):
        return value["articles"] or None
    if isinstance(value, Mapping):
        return [value]
    if isinstance(value, list) and value:
        return value
    return None


def _from_record(value: Any, origin: str, published: str | None) -> Article:
    """An Article from one record (an object, or a bare string of text)."""
    if isinstance(value, str):
        value = {"text": value}
    if not isinstance(value, Mapping):
        return _failed(origin, f"record is a {type(value).__name__}, not an object with a text field")
    fields = {str(k).strip().lower(): v for k, v in value.items()}
    found = {name: _first(fields, keys) for name, keys in FIELDS.items()}
    if not found["text"] and isinstance(fields.get("html"), str) and fields["html"].strip():
        return _from_page(fields["html"], origin, found, published)
    if not found["text"]:
        problem = (f"no text field (expected one of: {_TEXT_COLUMNS})"
                   if not any(k in fields for k in FIELDS["text"]) else "text field is empty")
        return _failed(origin, problem, found)
    return Article(
        text=found["text"],
        title=found["title"],
        url=found["url"],
        source=found["source"],
        published=found["published"] or published,
        origin=origin,
    )


def _from_page(page: str, origin: str, found: dict[str, str | None], published: str | None) -> Article:
    article = html.extract(page, origin, url=found["url"], published=found["published"] or published)
    article.title = found["title"] or article.title
    article.source = found["source"] or article.source
    return article


def _first(fields: Mapping[str, Any], keys: tuple[str, ...]) -> str | None:
    """The first non-empty value among `keys`, as text (a source object gives its name)."""
    for key in keys:
        value = fields.get(key)
        if isinstance(value, Mapping):
            value = value.get("name") or value.get("title")
        if value is None or isinstance(value, (list, Mapping)):
            continue
        text = str(value).strip()
        if text:
            return text
    return None


def _failed(origin: str, problem: str, found: dict[str, str | None] | None = None) -> Article:
    found = found or {}
    return Article(text="", title=found.get("title"), url=found.get("url"), origin=origin,
                   errors=[f"{origin}: {problem}"])
