"""Web pages: main text, title, date, canonical url and site name through trafilatura.

Extraction happens here, so an Article leaving ingest always carries plain `text`.
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

import trafilatura

from ..record import Article

# One set of options for every page, chosen on the whole benchmark (bench/extract.py), no
# per-site rules: the article body without readers' comments, tables kept (they are often
# part of the story), precision favoured (related links and teasers dropped). trafilatura's
# `deduplicate` is left off: its cache spans documents, so it cut text shared by two pages.
EXTRACTION_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "favor_precision": True,
    "deduplicate": False,
    # Dates only from the page's metadata and markup: htmldate's extensive search guesses from
    # copyright lines and bare years ("© 2021" → 2021-01-01), and a wrong publication date
    # misplaces every relative date in the story; a missing one falls back to the default.
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}
# Fewer words than this is a menu or a caption, not an article.
MIN_ARTICLE_WORDS = 8
# Favouring precision sometimes keeps a caption or teaser and drops the story itself. When
# it leaves little text and the balanced extraction finds many times more, that is taken.
SHORT_TEXT_CHARS = 1000
BALANCED_RATIO = 5

# trafilatura logs every page it finds no text in; the error record says it instead.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


def extract(
    page: bytes | str,
    origin: str,
    *,
    url: str | None = None,
    published: str | None = None,
) -> Article:
    """The article of one page. `url` and `published` (a WARC record's) win over the page's
    own url and fill in for a missing date."""
    try:
        found = _bare_extraction(page, url)
    except Exception as exc:  # lxml and trafilatura raise many things on broken markup
        return _failed(origin, url, f"could not parse the page ({type(exc).__name__}: {exc})")
    text = _text_of(found)
    if not text:
        return _failed(origin, url, "no article text found in the page (empty, or not an article)")
    if len(text.split()) < MIN_ARTICLE_WORDS:
        return _failed(origin, url, f"no article text found in the page (only {text[:60]!r})")
    return Article(
        text=text,
        title=found.title or None,
        url=url or found.url or None,
        source=found.sitename or found.hostname or None,
        published=found.date or published,
        origin=origin,
    )


def _bare_extraction(page: bytes | str, url: str | None) -> Any:
    """trafilatura's result for the page: precise, or balanced when precision lost the story."""
    precise = trafilatura.bare_extraction(page, url=url, with_metadata=True, **EXTRACTION_OPTIONS)
    if len(_text_of(precise)) >= SHORT_TEXT_CHARS:
        return precise
    options = {**EXTRACTION_OPTIONS, "favor_precision": False}
    balanced = trafilatura.bare_extraction(page, url=url, with_metadata=True, **options)
    if len(_text_of(balanced)) > BALANCED_RATIO * len(_text_of(precise)):
        return balanced
    return precise


def _text_of(found: Any) -> str:
    return ((getattr(found, "text", None) or "") if found is not None else "").strip()


def read_html(data: bytes, origin: str, published: str | None) -> Iterator[Article]:
    """One article from one page file."""
    if not data.strip():
        yield _failed(origin, None, "empty input (no page)")
        return
    article = extract(data, origin, published=published)
    yield article


def _failed(origin: str, url: str | None, problem: str) -> Article:
    return Article(text="", url=url, origin=origin, errors=[f"{origin}: {problem}"])
