"""RSS and Atom feeds through feedparser: each entry an article."""
from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Iterator
from typing import Any

import feedparser
import lxml.html

from ..record import Article

# Elements after which a line ends when an entry's HTML is flattened to text.
_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr", "pre"}
_BLANK_RUNS = re.compile(r"\n\s*\n\s*")


def read_feed(data: bytes, origin: str, published: str | None) -> Iterator[Article]:
    """One article per entry; the feed's title is each entry's source."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = (f"not a readable feed ({parsed.get('bozo_exception')})" if parsed.get("bozo")
                   else "feed has no entries")
        yield Article(text="", origin=origin, errors=[f"{origin}: {problem}"])
        return
    source = parsed.feed.get("title") or None
    for number, entry in enumerate(parsed.entries, 1):
        yield _entry_article(entry, f"{origin}#entry {number}", source, published)


def _entry_article(entry: Any, origin: str, source: str | None, published: str | None) -> Article:
    text = _entry_text(entry)
    article = Article(
        text=text,
        title=entry.get("title") or None,
        url=entry.get("link") or None,
        source=source,
        published=_entry_date(entry) or published,
        origin=origin,
    )
    if not text:
        article.errors.append(f"{origin}: entry has no content or summary (only a title and link)")
    return article


def _entry_text(entry: Any) -> str:
    """The fullest text the entry carries: its content, else its summary."""
    candidates = [c for c in entry.get("content", []) if c.get("value")]
    if entry.get("summary"):
        candidates.append({"value": entry["summary"], "type": entry.get("summary_detail", {}).get("type")})
    texts = [_as_text(c["value"], c.get("type")) for c in candidates]
    return max(texts, key=len, default="")


def _as_text(value: str, kind: str | None) -> str:
    if kind == "text/plain" or "<" not in value:
        return value.strip()
    return html_to_text(value)


def html_to_text(fragment: str) -> str:
    """Text of an HTML fragment, one line per paragraph."""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml rejects some broken fragments; the bare text still reads
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for element in list(root.iter("script", "style")):
        element.drop_tree()
    for element in root.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
    text = root.text_content()
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return _BLANK_RUNS.sub("\n", "\n".join(lines)).strip()


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value: time.struct_time | None = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
    return None
