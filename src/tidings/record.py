"""The document record (SCHEMA.md, schema 1) and the input it is made from.

Every stage produces one of the typed parts below; `Document` gathers them and
`Document.to_dict()` is the one shape that leaves the pipeline. Offsets are code-point
indices into the cleaned `text`, end exclusive.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import hashlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any

SCHEMA_VERSION = 1


@dataclass
class Article:
    """One news report as a reader found it, before cleaning.

    `text` is plain text; `html` a page whose main text is still to be extracted.
    `origin` names where it came from (a path, `path:line`, a WARC record), so an error
    can say which input was bad. `errors` carries problems found while reading.
    """

    text: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    html: str | None = None
    origin: str | None = None
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_value(cls, value: "Article | dict[str, Any] | str") -> "Article":
        """An Article from an Article, a plain string, or a dict with the record's keys."""
        if isinstance(value, Article):
            return value
        if isinstance(value, str):
            return cls(text=value)
        if isinstance(value, dict):
            known = {f.name for f in fields(cls)}
            return cls(**{k: v for k, v in value.items() if k in known})
        raise TypeError(f"cannot make an Article from {type(value).__name__}")


def parse_date(value: Any) -> _dt.date | None:
    """A publication date from a date, datetime or ISO-like string; None if absent.

    Raises ValueError for a string that is not a date, so callers can name the input.
    """
    if value is None or value == "":
        return None
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    text = str(value).strip()
    for parse in (_dt.date.fromisoformat, _dt.datetime.fromisoformat):
        try:
            found = parse(text)
            return found.date() if isinstance(found, _dt.datetime) else found
        except ValueError:
            pass
    from email.utils import parsedate_to_datetime  # RSS dates: "Tue, 23 Oct 2018 10:00:00 GMT"

    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        raise ValueError(f"not a date: {text!r} (expected YYYY-MM-DD)") from None


@dataclass
class Cleaning:
    furniture_removed: list[str] = field(default_factory=list)
    repeated_blocks_removed: int = 0
    chars_in: int = 0
    chars_out: int = 0


@dataclass
class Entity:
    id: str
    text: str
    start: int
    end: int
    type: str
    actor: str | None = None


@dataclass
class Actor:
    id: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    title: str | None = None
    mentions: list[str] = field(default_factory=list)
    # How the actor was coded ("knowledge: people/usa.tsv", "title: national security adviser").
    # An addition to schema 1: fields may be added, none renamed.
    resolved_by: str | None = None


@dataclass
class Place:
    id: str
    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    feature: str = "city"
    mentions: list[list[int]] = field(default_factory=list)


@dataclass
class Time:
    id: str
    text: str
    start: int
    end: int
    value: str | None
    granularity: str = "unknown"
    # "date" | "time" | "duration" | "set": durations and sets are found but carry no date value.
    type: str = "date"


@dataclass
class Quote:
    id: str
    kind: str
    text: str
    start: int
    end: int
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker: str | None = None


@dataclass
class Event:
    id: str
    cameo: str
    root: str
    plover: str | None
    quad_class: int
    goldstein: float
    source: list[str]
    target: list[str]
    modality: str
    attributed_to: str | None
    date: str | None
    date_granularity: str | None
    date_from: str | None
    place: str | None
    trigger: str
    trigger_start: int
    trigger_end: int
    sentence_start: int
    sentence_end: int
    confidence: float
    # Every supporting sentence when one event is reported more than once: [[start, end], ...]
    evidence: list[list[int]] = field(default_factory=list)


@dataclass
class Document:
    """One article's record. `to_dict()` is schema 1 exactly, every top-level key present."""

    text: str
    id: str = ""
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    language: str = "en"
    cleaning: Cleaning = field(default_factory=Cleaning)
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[Time] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    origin: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            self.id = document_id(self.text, self.origin, self.errors)

    def actor(self, actor_id: str | None) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA_VERSION,
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "published": self.published,
            "language": self.language,
            "text": self.text,
            "cleaning": asdict(self.cleaning),
            "entities": [asdict(e) for e in self.entities],
            "actors": [asdict(a) for a in self.actors],
            "places": [asdict(p) for p in self.places],
            "times": [asdict(t) for t in self.times],
            "quotes": [asdict(q) for q in self.quotes],
            "events": [asdict(e) for e in self.events],
            "errors": list(self.errors),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Document":
        return cls(
            text=data["text"],
            id=data["id"],
            title=data.get("title"),
            url=data.get("url"),
            source=data.get("source"),
            published=data.get("published"),
            language=data.get("language", "en"),
            cleaning=Cleaning(**data.get("cleaning") or {}),
            entities=[Entity(**e) for e in data.get("entities", [])],
            actors=[Actor(**a) for a in data.get("actors", [])],
            places=[Place(**p) for p in data.get("places", [])],
            times=[Time(**t) for t in data.get("times", [])],
            quotes=[Quote(**q) for q in data.get("quotes", [])],
            events=[Event(**e) for e in data.get("events", [])],
            errors=list(data.get("errors", [])),
        )


def document_id(text: str, origin: str | None = None, errors: list[str] | None = None) -> str:
    """sha1 of the cleaned text; an empty (failed) document is keyed by its input and error
    instead, so two different bad inputs do not collapse into one record."""
    if text:
        return hashlib.sha1(text.encode("utf-8")).hexdigest()
    key = "\x00".join([origin or "", *(errors or [])])
    return hashlib.sha1(("error\x00" + key).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ActorMention:
    """A stretch of text that refers to an actor: a name, or a pronoun or description
    resolved within the document. Quotes and events look actors up through these."""

    start: int
    end: int
    actor: str
    text: str
    how: str = "name"  # name | pronoun | description | metonym


class ActorMentions:
    """Character-span index of actor mentions, for the extract stages. Lookups bisect the
    sorted starts, so a long article costs no more per lookup than a short one."""

    def __init__(self, mentions: list[ActorMention]):
        self.mentions = sorted(mentions, key=lambda m: (m.start, -m.end))
        self._starts = [m.start for m in self.mentions]
        # the longest mention seen so far bounds how far back an overlap can start
        self._longest = max((m.end - m.start for m in self.mentions), default=0)

    def at(self, start: int, end: int) -> ActorMention | None:
        """The mention that best covers [start, end): the one overlapping most."""
        best, best_overlap = None, 0
        lo = bisect.bisect_left(self._starts, start - self._longest)
        hi = bisect.bisect_left(self._starts, end)
        for m in self.mentions[lo:hi]:
            overlap = min(end, m.end) - max(start, m.start)
            if overlap > best_overlap:
                best, best_overlap = m, overlap
        return best

    def within(self, start: int, end: int) -> list[ActorMention]:
        lo = bisect.bisect_left(self._starts, start)
        hi = bisect.bisect_left(self._starts, end)
        return [m for m in self.mentions[lo:hi] if m.end <= end]
