"""Format detection: what an input is, from its name and its first bytes.

Content wins over the name for the markup formats (a `.txt` that holds a web page is read
as HTML, a `.xml` that holds an RSS feed as a feed); the name decides between the
tabular formats, whose content alone is ambiguous.
"""
from __future__ import annotations

import re
import zlib
from enum import Enum

HEAD_BYTES = 64 * 1024  # enough of a file to tell its format
GZIP_MAGIC = b"\x1f\x8b"


class Format(str, Enum):
    TEXT = "text"
    HTML = "html"
    FEED = "feed"
    JSON = "json"
    JSONL = "jsonl"
    CSV = "csv"
    WARC = "warc"
    BINARY = "binary"


_EXTENSIONS = {
    ".txt": Format.TEXT, ".text": Format.TEXT, ".md": Format.TEXT,
    ".html": Format.HTML, ".htm": Format.HTML, ".xhtml": Format.HTML, ".shtml": Format.HTML,
    ".rss": Format.FEED, ".atom": Format.FEED, ".xml": Format.FEED,
    ".json": Format.JSON, ".jsonl": Format.JSONL, ".ndjson": Format.JSONL,
    ".csv": Format.CSV, ".tsv": Format.CSV,
    ".warc": Format.WARC, ".arc": Format.WARC,
}

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)
_HTML_START = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]",
                         re.IGNORECASE | re.DOTALL)
_HTML_TAGS = re.compile(rb"<(?:p|div|article|br|h[1-6]|title|meta|span|a)[\s>/]", re.IGNORECASE)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def extension_format(name: str) -> Format | None:
    """The format a file name announces (`.html.gz` announces HTML), or None."""
    lowered = name.lower()
    for packed in (".gz", ".gzip"):
        if lowered.endswith(packed):
            lowered = lowered[: -len(packed)]
    dot = lowered.rfind(".")
    return _EXTENSIONS.get(lowered[dot:]) if dot >= 0 else None


def gunzip_head(data: bytes, limit: int = HEAD_BYTES) -> bytes:
    """The first `limit` bytes of a gzip stream, as far as they can be decompressed."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        return inflater.decompress(data[: limit * 4], limit)
    except zlib.error:
        return b""


def looks_binary(head: bytes) -> bool:
    """NUL bytes, or many control characters: not text in any 8-bit or UTF-8 encoding."""
    if not head:
        return False
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 text carries NULs honestly
        return False
    sample = head[:8192]
    if b"\x00" in sample:
        return True
    return len(_CONTROL.findall(sample)) > len(sample) * 0.05


def sniff(name: str, head: bytes) -> Format:
    """The format of an input called `name` whose (decompressed) content starts with `head`."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"WARC/"):
        return Format.WARC
    if looks_binary(head):
        return Format.BINARY
    by_name = extension_format(name)
    if by_name is Format.WARC:
        return Format.WARC  # a WARC that does not start with its version line is broken; say so there
    start = stripped[:2048]
    if _FEED_ROOT.search(start) and not _HTML_START.match(start):
        return Format.FEED
    if _HTML_START.match(start) or (by_name in (None, Format.TEXT) and _is_markup(stripped)):
        return Format.HTML
    if by_name is not None and by_name is not Format.FEED:
        return by_name
    if by_name is Format.FEED:
        return Format.HTML if _is_markup(stripped) else Format.TEXT
    return _sniff_data(stripped)


def _is_markup(start: bytes) -> bool:
    """Text that is mostly tags: a page fragment without <html>."""
    return start.startswith(b"<") and len(_HTML_TAGS.findall(start[:4096])) >= 3


def _sniff_data(start: bytes) -> Format:
    """JSON, JSON lines or text, for an input with no telling name (stdin, `README`)."""
    if start.startswith(b"["):
        return Format.JSON
    if start.startswith(b"{"):
        first_line = start.split(b"\n", 1)[0].rstrip()
        return Format.JSONL if first_line.endswith(b"}") and b"\n{" in start else Format.JSON
    return Format.TEXT
