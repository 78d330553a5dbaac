"""WARC and WARC.gz crawls through warcio: each HTML response record an article."""
from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from warcio.archiveiterator import ArchiveIterator

from ..record import Article
from . import html

_PAGE_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(stream: IO[bytes], origin: str, published: str | None) -> Iterator[Article]:
    """Articles of the HTML responses in a WARC, in record order; other records are skipped.

    A truncated or corrupt file yields what was read before the break, then one error
    record naming the file and the record where it broke.
    """
    number = 0
    try:
        for number, record in enumerate(ArchiveIterator(stream), 1):
            article = _page_article(record, origin, number, published) if _is_page(record) else None
            _read_to_end(record)
            if article is not None:
                yield article
    except Exception as exc:  # warcio and zlib raise many kinds on a broken file
        where = f"{origin}#record {max(number, 1)}"
        yield Article(text="", origin=where, errors=[
            f"{where}: WARC is truncated or corrupt here ({type(exc).__name__}: {exc}); "
            f"the {max(number - 1, 0)} record(s) before it were read"
        ])
        return
    if number == 0:
        yield Article(text="", origin=origin, errors=[f"{origin}: WARC holds no records"])


class TruncatedRecord(Exception):
    """A record whose content ends before the length its header announces."""


def _read_to_end(record) -> None:
    """Consume the record, raising TruncatedRecord if the file ends inside it: warcio itself
    returns a short record silently."""
    raw = record.raw_stream
    while raw.read(64 * 1024):
        pass
    missing = getattr(raw, "limit", 0)
    if missing:
        raise TruncatedRecord(f"the file ends {missing:,} bytes short of the record's length")


def _is_page(record) -> bool:
    if record.rec_type not in ("response", "resource"):
        return False
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    if headers is None:
        return False
    content_type = (headers.get_header("Content-Type") or "").lower()
    return content_type.startswith(_PAGE_TYPES)


def _page_article(record, origin: str, number: int, published: str | None) -> Article:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{origin}#record {number}" + (f" {uri}" if uri else "")
    payload = record.content_stream().read()
    # The crawl date stands in only when the page itself carries no publication date.
    crawled = (record.rec_headers.get_header("WARC-Date") or "")[:10] or published
    return html.extract(payload, where, url=uri, published=crawled)
