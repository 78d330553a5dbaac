"""Readers: every input format becomes `Article`s with plain text and an `origin`.

    read(["news/", "feed.xml", "crawl.warc.gz", "-"], published="2018-10-23")

Formats are told by content first and file name second (see `sniff`). Bad input never
raises: it becomes an Article with no text and an error naming the input, and reading
goes on with the next one.
"""
from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, TextIO

from ..record import Article
from .feed import read_feed
from .html import read_html
from .paths import Input, Missing, inputs
from .sniff import GZIP_MAGIC, HEAD_BYTES, Format, gunzip_head, sniff
from .tabular import read_csv, read_json, read_jsonl
from .text import decode, read_text
from .warc import read_warc

__all__ = ["read", "read_input", "Format"]

Reader = Callable[[bytes, str, str | None], Iterator[Article]]


def read(
    paths: Iterable[str | Path],
    *,
    published: str | None = None,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[Article]:
    """Articles of every input, in input order. `"-"` is standard input; directories are
    walked recursively; `published` is the date for inputs that carry none."""
    for item in inputs(paths, stdin):
        if isinstance(item, Missing):
            yield failed(item.name, item.problem)
            continue
        yield from read_input(item, published)


def read_input(item: Input, published: str | None = None) -> Iterator[Article]:
    """Articles of one file or stream, whatever its format."""
    try:
        with item.open() as stream:
            head = stream.read(HEAD_BYTES)
    except OSError as exc:
        yield failed(item.name, f"cannot be read ({exc.strerror or exc})")
        return
    if not head:
        yield failed(item.name, "empty file (0 bytes)")
        return
    packed = head.startswith(GZIP_MAGIC)
    kind = sniff(item.name, gunzip_head(head) if packed else head)
    if kind is Format.WARC:
        yield from _read_warc(item, published)
        return
    if kind is Format.BINARY:
        yield failed(item.name, "binary content, not text, HTML, a feed, JSON, CSV or WARC "
                                "(an image, PDF or archive?); skipped")
        return
    data = _whole(item, packed)
    if isinstance(data, Article):
        yield data
        return
    if not data.strip():
        yield failed(item.name, "empty input (only whitespace)")
        return
    yield from _READERS[kind](data, item.name, published)


def failed(origin: str, problem: str) -> Article:
    """The record of an input that yielded no article."""
    return Article(text="", origin=origin, errors=[f"{origin}: {problem}"])


def _read_warc(item: Input, published: str | None) -> Iterator[Article]:
    with item.open() as stream:
        yield from read_warc(stream, item.name, published)


def _whole(item: Input, packed: bool) -> bytes | Article:
    """The input's whole (decompressed) content, or the error record saying why not."""
    try:
        with item.open() as stream:
            data = stream.read()
    except OSError as exc:
        return failed(item.name, f"cannot be read ({exc.strerror or exc})")
    if not packed:
        return data
    try:
        return gzip.decompress(data)
    except (EOFError, OSError, zlib.error) as exc:
        return failed(item.name, f"gzip data is truncated or corrupt ({exc}); "
                                 "re-download or re-compress the file")


def _decoded(reader: Callable[[str, str, str | None], Iterator[Article]]) -> Reader:
    """A reader of text made into a reader of bytes; a decoding warning goes on every article."""
    def read_bytes(data: bytes, origin: str, published: str | None) -> Iterator[Article]:
        text, warning = decode(data)
        for article in reader(text, origin, published):
            if warning:
                article.errors.insert(0, f"{origin}: {warning}")
            yield article
    return read_bytes


def _read_delimited(text: str, origin: str, published: str | None) -> Iterator[Article]:
    delimiter = "\t" if origin.lower().endswith((".tsv", ".tsv.gz")) else ","
    return read_csv(text, origin, published, delimiter=delimiter)


_READERS: dict[Format, Reader] = {
    Format.TEXT: read_text,
    Format.HTML: read_html,
    Format.FEED: read_feed,
    Format.JSON: _decoded(read_json),
    Format.JSONL: _decoded(read_jsonl),
    Format.CSV: _decoded(_read_delimited),
}
