"""Time expressions: find them and normalise each against the publication date.

The rules are data: `knowledge/data/times.yaml` holds the word lists (months, weekdays,
units, counts, deictic words...) and the patterns built from them. This module is the
small resolver that runs them, once per document:

1. **Find.** Every pattern (compiled once) runs over the document's text. A pattern that
   `requires` context — a bare year or month, which is otherwise a number, a name or a
   verb — keeps a match only when its cue matched ("in 1987", "since May") or spaCy
   tagged the words DATE/TIME, and never when spaCy tagged them as another kind of
   entity ("Theresa May", "2000 troops"). No match may sit inside a name. Where matches
   overlap, the longest wins ("two weeks ago" over "two weeks").
2. **Classify.** Each pattern has a type: date, time, duration, set or ref. Durations
   and sets are kept with value None; refs take TIMEX3's PRESENT_REF, PAST_REF or
   FUTURE_REF ("now", "recently", "the future").
3. **Resolve.** The match's named groups are composed into a TIMEX3 value and its
   granularity:
   - what is written (year, month, day, quarter, season, decade, century) is kept;
   - a missing year is the one that puts the period on the side of the publication
     date that the clause looks to: back for a past-tense clause ("met on 11
     November"), ahead for a future one ("will meet on 11 November"), the nearest
     occurrence otherwise; "last"/"next" March are the ones strictly before/after;
   - a weekday is the nearest such day on or before the publication date in a past
     clause, after it in a future clause, and the closer of the two in a present one;
     "last", "next" and "this" pick the previous, following or current week's;
   - deictic phrases shift the publication date and are written at their unit's
     granularity: "yesterday" −1 day, "last month" 2018-09, "two weeks ago" 2018-W41;
   - anaphoric phrases ("the following day", "three years later") shift the last date
     resolved earlier in the text, or the publication date when there is none;
   - a part of the day or a clock time is appended to its day: 2018-10-23TMO,
     2018-10-23T06:00 (type "time").
   The clause's direction comes from the verb that governs the expression in the
   dependency parse: "will"/"would", a to-infinitive, a modal or a prospective verb
   ("is scheduled for", "plans to") look ahead; a past-tense or perfect verb, or a
   present reporting verb ("says"), look back; a clause with no verb counts as past,
   as news reports mostly are.
4. **No publication date:** every relative expression stays unresolved (value None),
   never anchored on today; absolute ones ("11 November 2018", "in 1987") still resolve.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Doc, Token

from ..knowledge import Knowledge, data_path
from ..record import Time

RULES_FILE = "times.yaml"
_MACRO = re.compile(r"\{([a-z_]+)\}")
_TIME_LABELS = frozenset({"DATE", "TIME"})
# A time word inside one of these is part of a name ("Theresa May", "Good Friday Agreement").
_NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
_PAST, _NEAREST, _FUTURE = -1, 0, 1
_UNIT_MONTHS = {"M": 1, "Q": 3, "H": 6, "Y": 12, "DE": 120, "CE": 1200}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_ANAPHOR_SHIFT = {
    "the following": 1, "the next": 1, "after": 1, "later": 1,
    "the previous": -1, "the preceding": -1, "the prior": -1, "before": -1, "earlier": -1,
    "the same": 0, "that same": 0, "that": 0,
}  # fmt: skip

Resolved = tuple[str | None, str, dt.date | None]  # value, granularity, first day


# -- rules -------------------------------------------------------------------------------
@dataclass(frozen=True)
class Pattern:
    name: str
    type: str
    regex: re.Pattern[str]
    requires: tuple[str, ...] = ()
    near: tuple[str, ...] = ()  # trigger names; empty: run over the whole text


@dataclass
class Rules:
    """The compiled contents of times.yaml."""

    words: dict[str, dict[str, Any]]
    patterns: list[Pattern]
    triggers: dict[str, re.Pattern[str]]  # words one of which each pattern's matches hold
    future_auxiliaries: frozenset[str]
    reporting_verbs: frozenset[str]
    prospective_verbs: frozenset[str]
    # how far the nearest occurrence of a day / a longer period may lie against the tense
    day_tolerance: int = 14
    period_tolerance: int = 62

    def meaning(self, word_list: str, written: str) -> Any:
        return self.words[word_list].get(_normalise(written))


def _normalise(written: str) -> str:
    return " ".join(written.lower().replace("’", "'").rstrip(".").split())


def _alternation(forms: list[str], case_sensitive: bool) -> str:
    escaped = (re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=len, reverse=True))
    body = "|".join(escaped)
    return f"(?:{body})" if case_sensitive else f"(?i:{body})"


def _expand(text: str, macros: dict[str, str], source: Path, depth: int = 0) -> str:
    if depth > 5:
        raise ValueError(f"{source}: macros nest too deeply in {text!r}")

    def substitute(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in macros:
            raise ValueError(f"{source}: unknown word list or fragment {{{name}}}")
        return _expand(macros[name], macros, source, depth + 1)

    return _MACRO.sub(substitute, text)


def load_rules(path: Path) -> Rules:
    """Read and compile a times.yaml file (format in its header comment)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    case_sensitive = set(raw.get("case_sensitive", []))
    words = {
        name: {_normalise(str(k)): v for k, v in table.items()}
        for name, table in raw["words"].items()
    }
    macros = {
        name: _alternation([str(k) for k in table], name in case_sensitive)
        for name, table in raw["words"].items()
    }
    macros.update(raw.get("fragments", {}))
    patterns = []
    for spec in raw["patterns"]:
        body = _expand(spec["regex"], macros, path)
        try:
            regex = re.compile(rf"(?<!\w)(?:{body})(?!\w)")
        except re.error as exc:
            raise ValueError(f"{path}: pattern {spec['name']}: {exc}") from None
        patterns.append(
            Pattern(
                spec["name"], spec["type"], regex,
                tuple(spec.get("requires", ())), tuple(spec.get("near", ())),
            )
        )  # fmt: skip
    triggers = {
        name: re.compile(rf"(?<!\w)(?:{_expand(body, macros, path)})")
        for name, body in raw.get("triggers", {}).items()
    }
    unknown = {n for p in patterns for n in p.near} - triggers.keys()
    if unknown:
        raise ValueError(f"{path}: patterns name unknown triggers {sorted(unknown)}")
    tense = raw.get("tense", {})
    return Rules(
        words=words,
        patterns=patterns,
        triggers=triggers,
        future_auxiliaries=frozenset(tense.get("future_auxiliaries", ())),
        reporting_verbs=frozenset(tense.get("reporting_verbs", ())),
        prospective_verbs=frozenset(tense.get("prospective_verbs", ())),
        day_tolerance=int(tense.get("tolerance_days", {}).get("day", 14)),
        period_tolerance=int(tense.get("tolerance_days", {}).get("period", 62)),
    )


# -- finding -----------------------------------------------------------------------------
@dataclass
class Found:
    """One pattern match: the expression's span (cue excluded) and its named groups."""

    start: int
    end: int
    order: int
    pattern: Pattern
    fields: dict[str, str]


_REACH = 60  # characters a pattern may extend on either side of its trigger word


def _windows(hits: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Stretches of text around trigger words, merged: a pattern runs only near the words
    its matches must contain, which keeps the pass cheap on prose with few times in it."""
    windows: list[tuple[int, int]] = []
    for hit_start, hit_end in sorted(hits):
        start, end = max(0, hit_start - _REACH), min(len(text), hit_end + _REACH)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((start, end))
    return windows


def _matches(rules: Rules, text: str) -> list[Found]:
    hits = {
        name: [m.span() for m in trigger.finditer(text)] for name, trigger in rules.triggers.items()
    }
    windows: dict[tuple[str, ...], list[tuple[int, int]]] = {(): [(0, len(text))]}
    found = []
    for order, pattern in enumerate(rules.patterns):
        if pattern.near not in windows:
            windows[pattern.near] = _windows([h for n in pattern.near for h in hits[n]], text)
        for window_start, window_end in windows[pattern.near]:
            for match in pattern.regex.finditer(text, window_start, window_end):
                fields = {k: v for k, v in match.groupdict().items() if v is not None}
                start = match.end("cue") if "cue" in fields else match.start()
                while start < match.end() and text[start].isspace():
                    start += 1
                found.append(Found(start, match.end(), order, pattern, fields))
    return found


def _longest_first(found: list[Found]) -> list[Found]:
    """Non-overlapping matches, longer ones (then earlier patterns) winning, in text order."""
    chosen: list[Found] = []
    for candidate in sorted(found, key=lambda f: (f.start - f.end, f.order, f.start)):
        if all(candidate.end <= c.start or candidate.start >= c.end for c in chosen):
            chosen.append(candidate)
    return sorted(chosen, key=lambda f: f.start)


class _Entities:
    """spaCy's entity spans and parse, to confirm bare years/months and keep names out."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return [s for s in self.spans if s[0] < end and start < s[1]]

    def keeps(self, found: Found) -> bool:
        around = self.overlapping(found.start, found.end)
        if any(label in _NAME_LABELS and s <= found.start and found.end <= e for s, e, label in around):
            return False
        if not found.pattern.requires:
            return True
        if any(label not in _TIME_LABELS for _, _, label in around) or self._counts(found):
            return False
        if "entity" in found.pattern.requires and around:
            return True
        return any(group in found.fields for group in found.pattern.requires)

    def _counts(self, found: Found) -> bool:
        """A number right before the plural noun it counts, with no determiner: "2000
        troops" is a count where "the 1998 elections" is a year."""
        if "cue" in found.fields or "mod" in found.fields:
            return False
        span = self.doc.char_span(found.start, found.end, alignment_mode="expand")
        if span is None or len(span) != 1:
            return False
        number, noun = span[0], span[0].head
        return (
            number.dep_ == "nummod"
            and noun.tag_ in ("NNS", "NNPS")
            and noun.i == number.i + 1
            and not any(c.dep_ in ("det", "poss") for c in noun.children)
        )


# -- tense -------------------------------------------------------------------------------
def _governing_verb(token: Token) -> Token | None:
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.tag_ == "MD":
            return token
        if token.head is token:
            return None
        token = token.head
    return None


def _clause_direction(rules: Rules, doc: Doc, start: int, end: int) -> int:
    """Whether the clause holding [start, end) looks back (past), ahead (future) or neither."""
    span = doc.char_span(start, end, alignment_mode="expand")
    verb = _governing_verb(span.root) if span is not None and len(span) else None
    return _PAST if verb is None else _verb_direction(rules, verb)


def _verb_direction(rules: Rules, verb: Token, depth: int = 0) -> int:
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if auxiliaries & rules.future_auxiliaries and "have" not in auxiliaries:
        return _FUTURE
    if "to" in auxiliaries and verb.tag_ == "VB":
        # an infinitive lies ahead of its governing verb unless that verb is past:
        # "plans to meet on Friday" ahead, "voted to support it Friday" back
        head = verb.head
        if head is verb or depth > 2 or head.pos_ not in ("VERB", "AUX"):
            return _FUTURE
        return _PAST if _verb_direction(rules, head, depth + 1) == _PAST else _FUTURE
    if auxiliaries & {"has", "have", "had", "did", "was", "were"} or verb.tag_ == "VBD":
        return _PAST
    if verb.lemma_.lower() in rules.prospective_verbs:
        return _FUTURE
    if verb.tag_ == "VBN" and not auxiliaries:
        return _PAST  # a participle modifier: "the injunction issued Thursday"
    if verb.tag_ == "VBG" and auxiliaries & {"is", "are", "am", "'s", "'re"}:
        return _FUTURE  # present progressive with a time: "are meeting on Friday"
    if verb.lemma_.lower() in rules.reporting_verbs:
        return _PAST
    return _NEAREST


# -- calendar ----------------------------------------------------------------------------
def _shift(day: dt.date, unit: str, n: int) -> dt.date:
    if unit == "D":
        return day + dt.timedelta(days=n)
    if unit in ("W", "WE"):
        return day + dt.timedelta(weeks=n)
    if unit == "F":
        return day + dt.timedelta(weeks=2 * n)
    years, month0 = divmod(day.month - 1 + _UNIT_MONTHS[unit] * n, 12)
    year, month = day.year + years, month0 + 1
    if not 1 <= year <= 9999:
        return day
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _at_unit(day: dt.date, unit: str) -> Resolved:
    """`day` written at the granularity of `unit` (TIMEX3)."""
    iso_year, iso_week, _ = day.isocalendar()
    if unit == "D":
        return day.isoformat(), "day", day
    if unit in ("W", "F"):
        return f"{iso_year}-W{iso_week:02d}", "week", day
    if unit == "WE":
        return f"{iso_year}-W{iso_week:02d}-WE", "week", day
    if unit == "M":
        return f"{day.year:04d}-{day.month:02d}", "month", day
    if unit == "Q":
        return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}", "quarter", day
    if unit == "Y":
        return f"{day.year:04d}", "year", day
    if unit == "DE":
        return f"{day.year:04d}"[:3], "decade", day
    return f"{day.year:04d}"[:2], "century", day


def _distance(ref: dt.date, first: dt.date, last: dt.date) -> int:
    return 0 if first <= ref <= last else min(abs((first - ref).days), abs((ref - last).days))


def _year_for(
    first: Callable[[int], dt.date], last: Callable[[int], dt.date],
    ref: dt.date, direction: int, strict: bool = False, tolerance: int = 0,
) -> int:  # fmt: skip
    """The year that puts a yearly period (a month, a day, a quarter...) where `direction`
    points from `ref`. `strict` ("last March") excludes the period holding `ref`; else the
    nearest occurrence wins unless it lies more than `tolerance` days on the side the
    tense rules out (a tense misread by the parser should not move a date by a year)."""
    years = (ref.year - 1, ref.year, ref.year + 1)
    if strict and direction == _PAST:
        return max(y for y in years if last(y) < ref)
    if strict and direction == _FUTURE:
        return min(y for y in years if first(y) > ref)
    nearest = min(years, key=lambda y: (_distance(ref, first(y), last(y)), abs(y - ref.year)))
    if direction == _PAST and (first(nearest) - ref).days > tolerance:
        return max(y for y in years if first(y) <= ref)
    if direction == _FUTURE and (ref - last(nearest)).days > tolerance:
        return min(y for y in years if last(y) >= ref)
    return nearest


def _month_last_day(year: int, month: int) -> dt.date:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _weekday_date(ref: dt.date, weekday: int, rel: int | None, direction: int) -> dt.date:
    back = (ref.isoweekday() - weekday) % 7
    ahead = (weekday - ref.isoweekday()) % 7
    if rel == 0:
        return ref + dt.timedelta(days=weekday - ref.isoweekday())
    if rel == -1:
        return ref - dt.timedelta(days=back or 7)
    if rel == 1:
        return ref + dt.timedelta(days=ahead or 7)
    if direction == _FUTURE:
        return ref + dt.timedelta(days=ahead)
    if direction == _NEAREST and 0 < ahead < back:
        return ref + dt.timedelta(days=ahead)
    return ref - dt.timedelta(days=back)


def _holiday_date(rule: str, year: int) -> dt.date:
    """A named day in `year` from its rule: MM-DD, MM/N/W (Nth weekday W), or easter."""
    if rule == "easter":
        return _easter(year)
    if "/" in rule:
        month, nth, weekday = (int(part) for part in rule.split("/"))
        if nth < 0:
            last = _month_last_day(year, month)
            return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    month, day = (int(part) for part in rule.split("-"))
    return dt.date(year, month, day)


def _easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return dt.date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)


# -- resolving ---------------------------------------------------------------------------
@dataclass(frozen=True)
class _Anchor:
    """The last date resolved earlier in the text: anaphora ("the following day", "a year
    earlier", "the year-ago quarter") count from it."""

    day: dt.date
    granularity: str
    end: int


_GRANULARITY_UNIT = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}
_NEAR_ANCHOR = 400  # characters: a comparison ("a year earlier") is with a period this close


@dataclass
class _Context:
    published: dt.date | None
    direction: int
    anchor: _Anchor | None
    start: int
    fields: dict[str, str] = field(default_factory=dict)

    @property
    def anchor_day(self) -> dt.date | None:
        return self.anchor.day if self.anchor else self.published

    def near_quarter(self) -> _Anchor | None:
        """The anchor when it is a quarter mentioned just before (an earnings comparison)."""
        a = self.anchor
        if a and a.granularity == "quarter" and self.start - a.end <= _NEAR_ANCHOR:
            return a
        return None


class TimeResolver:
    """Finds the time expressions of a parsed document and resolves them (module doc)."""

    def __init__(self, knowledge: Knowledge, rules_path: Path | None = None):
        self.knowledge = knowledge
        self.rules = load_rules(rules_path or data_path(RULES_FILE))

    def __call__(self, doc: Doc, published: dt.date | None) -> list[Time]:
        text = doc.text  # built afresh by spaCy on every access, so read once
        entities = _Entities(doc)
        found = [f for f in _matches(self.rules, text) if entities.keeps(f)]
        times: list[Time] = []
        anchor: _Anchor | None = None
        for item in _longest_first(found):
            kind = item.pattern.type
            value, granularity = None, "unknown"
            if kind in ("date", "time", "ref"):
                direction = _clause_direction(self.rules, doc, item.start, item.end)
                context = _Context(published, direction, anchor, item.start, item.fields)
                value, granularity, day = self._resolve(context)
                if day is not None and kind != "ref":
                    anchor = _Anchor(day, granularity, item.end)
                kind = "time" if value and value[:1].isdigit() and "T" in value else "date"
            times.append(
                Time(
                    id=f"t{len(times) + 1}",
                    text=text[item.start : item.end],
                    start=item.start,
                    end=item.end,
                    value=value,
                    granularity=granularity,
                    type=kind,
                )
            )
        return times

    # Each branch reads the groups its patterns capture; the first that applies decides.
    def _resolve(self, c: _Context) -> Resolved:
        f = c.fields
        if "ref" in f:
            return self.rules.meaning("references", f["ref"]), "unknown", None
        if "hour" in f or "clock_word" in f:
            return self._clock(c)
        if "holiday" in f:
            return self._holiday(c)
        if "the_quarter" in f:
            return self._the_quarter(c)
        if "year_ago" in f:
            return self._year_ago(c)
        if "month" in f or "month_abbreviation" in f or "month_num" in f:
            return self._calendar_date(c)
        if "ordinal" in f or "qnum" in f:
            return self._quarter(c)
        if "season" in f:
            return self._season(c)
        if {"decade", "decade2", "decade_word", "century"} & f.keys():
            return self._decade(c)
        if "deictic" in f:
            return self._deictic_day(c)
        if "weekday" in f:
            return self._weekday(c)
        if "part" in f:
            return self._part_of_today(c)
        if "anaphor" in f:
            return self._anaphoric(c)
        if "ago" in f:
            return self._count_shift(c)
        if "unit" in f:
            return self._unit_shift(c)
        if "year" in f:
            return self._year(c)
        return None, "unknown", None

    def _year_value(self, c: _Context) -> int | None:
        if "year" in c.fields:
            return int(c.fields["year"])
        if "year2" in c.fields:
            short = int(c.fields["year2"])
            pivot = (c.published.year % 100 + 10) if c.published else 50
            return (2000 if short <= pivot else 1900) + short
        return None

    def _calendar_date(self, c: _Context) -> Resolved:
        f = c.fields
        month = int(
            f.get("month_num")
            or self.rules.meaning("months", f.get("month", ""))
            or self.rules.meaning("month_abbreviations", f.get("month_abbreviation", ""))
        )
        day = int(f["day"]) if "day" in f else None
        year = self._year_value(c)
        if year is None and c.published is not None and "rel_year" in f:
            year = c.published.year + self.rules.meaning("relative", f["rel_year"])
        if year is None and c.published is not None:
            rel = self.rules.meaning("relative", f["rel"]) if "rel" in f else None
            first = lambda y: dt.date(y, month, day or 1)  # noqa: E731
            last = lambda y: dt.date(y, month, day) if day else _month_last_day(y, month)  # noqa: E731
            if rel == 0:
                year = c.published.year
            elif day is not None and day > calendar.monthrange(2000, month)[1]:
                return None, "unknown", None
            else:
                direction = rel if rel is not None else c.direction
                tolerance = self.rules.day_tolerance if day else self.rules.period_tolerance
                year = _year_for(
                    first, last, c.published, direction, strict=rel is not None, tolerance=tolerance
                )
        if year is None:
            return None, "unknown", None
        if day is None:
            return f"{year:04d}-{month:02d}", "month", dt.date(year, month, 1)
        if day > calendar.monthrange(year, month)[1]:
            return None, "unknown", None
        return _at_unit(dt.date(year, month, day), "D")

    def _quarter(self, c: _Context) -> Resolved:
        f = c.fields
        number = int(f["qnum"]) if "qnum" in f else self.rules.meaning("ordinals", f["ordinal"])
        half = f.get("unit", "").lower() == "half"
        if not number or number > (2 if half else 4):
            return None, "unknown", None
        months = 6 if half else 3
        first = lambda y: dt.date(y, (number - 1) * months + 1, 1)  # noqa: E731
        last = lambda y: _month_last_day(y, number * months)  # noqa: E731
        year = self._year_value(c)
        if year is None and c.published is not None:
            direction = _PAST if c.direction == _NEAREST else c.direction  # results come after
            year = _year_for(first, last, c.published, direction, tolerance=self.rules.period_tolerance)
        if year is None:
            return None, "unknown", None
        return f"{year:04d}-{'H' if half else 'Q'}{number}", "quarter", first(year)

    def _season(self, c: _Context) -> Resolved:
        f = c.fields
        code = self.rules.meaning("seasons", f["season"])
        start_month, end_month = _SEASON_MONTHS[code]
        first = lambda y: dt.date(y, start_month, 1)  # noqa: E731
        last = lambda y: _month_last_day(y, end_month)  # noqa: E731
        year = self._year_value(c)
        if year is None and c.published is not None:
            rel = self.rules.meaning("relative", f["rel"]) if "rel" in f else None
            if rel is None:
                year = _year_for(
                    first, last, c.published, c.direction, tolerance=self.rules.period_tolerance
                )
            elif rel == 0:
                year = _year_for(first, last, c.published, _NEAREST)
            else:
                year = _year_for(first, last, c.published, rel, strict=True)
        if year is None:
            return None, "unknown", None
        return f"{year:04d}-{code}", "season", first(year)

    def _decade(self, c: _Context) -> Resolved:
        f = c.fields
        if "century" in f:
            number = int(self.rules.meaning("century_ordinals", f["century"])) - 1
            return f"{number:02d}", "century", None
        if "decade" in f:
            return f["decade"], "decade", dt.date(int(f["decade"]) * 10, 1, 1)
        digit = int(f["decade2"]) if "decade2" in f else self.rules.meaning("decade_words", f["decade_word"])
        reference_year = c.published.year if c.published else 1999
        century = 20 if 2000 + 10 * digit <= reference_year else 19
        return f"{century}{digit}", "decade", dt.date(century * 100 + digit * 10, 1, 1)

    def _day_of(self, c: _Context, word: str | None) -> dt.date | None:
        """The day a clock time or part of day belongs to: a weekday, a deictic word, or
        the publication date."""
        if c.published is None:
            return None
        if word and self.rules.meaning("weekdays", word):
            return _weekday_date(c.published, self.rules.meaning("weekdays", word), None, c.direction)
        if word and self.rules.meaning("deictic_days", word) is not None:
            return c.published + dt.timedelta(days=self.rules.meaning("deictic_days", word))
        return c.published

    def _clock(self, c: _Context) -> Resolved:
        f = c.fields
        if "clock_word" in f:
            hour, minute = int(self.rules.meaning("clock_words", f["clock_word"])), 0
        else:
            hour, minute = int(f["hour"]) % 12, int(f.get("minute") or 0)
            if f.get("ampm", "a").lower().startswith("p"):
                hour += 12
            elif "ampm" not in f:
                hour = int(f["hour"])
        if "month" in f or "month_abbreviation" in f:
            written = self._calendar_date(c)[2]
            day = written if written and "day" in f else None
        else:
            day = self._day_of(c, f.get("weekday"))
        if day is None:
            return None, "unknown", None
        return f"{day.isoformat()}T{hour:02d}:{minute:02d}", "day", day

    def _with_part(self, day: dt.date, c: _Context) -> Resolved:
        part = self.rules.meaning("day_parts", c.fields["part"]) if "part" in c.fields else None
        if part is None and _normalise(c.fields.get("deictic", "")) == "tonight":
            part = "NI"
        return (f"{day.isoformat()}T{part}" if part else day.isoformat()), "day", day

    def _deictic_day(self, c: _Context) -> Resolved:
        if c.published is None:
            return None, "unknown", None
        offset = self.rules.meaning("deictic_days", c.fields["deictic"])
        return self._with_part(c.published + dt.timedelta(days=offset), c)

    def _weekday(self, c: _Context) -> Resolved:
        if c.published is None:
            return None, "unknown", None
        weekday = self.rules.meaning("weekdays", c.fields["weekday"])
        rel = self.rules.meaning("relative", c.fields["rel"]) if "rel" in c.fields else None
        return self._with_part(_weekday_date(c.published, weekday, rel, c.direction), c)

    def _part_of_today(self, c: _Context) -> Resolved:
        if c.published is None:
            return None, "unknown", None
        back = 1 if _normalise(c.fields.get("rel", "")) == "last" else 0
        return self._with_part(c.published - dt.timedelta(days=back), c)

    def _holiday(self, c: _Context) -> Resolved:
        rule = str(self.rules.meaning("holidays", c.fields["holiday"]))
        on = lambda y: _holiday_date(rule, y)  # noqa: E731
        year = self._year_value(c)
        if year is None and c.published is not None:
            rel = self.rules.meaning("relative", c.fields["rel"]) if "rel" in c.fields else None
            if rel == 0:
                year = c.published.year
            else:
                direction = rel if rel is not None else c.direction
                year = _year_for(
                    on, on, c.published, direction,
                    strict=rel is not None, tolerance=self.rules.day_tolerance,
                )  # fmt: skip
        if year is None:
            return None, "unknown", None
        return _at_unit(on(year), "D")

    def _the_quarter(self, c: _Context) -> Resolved:
        """"the quarter" of an earnings report: the quarter just mentioned, else the one
        being reported (the last complete one), or the current one in a future clause."""
        near = c.near_quarter()
        if near is not None:
            return _at_unit(near.day, "Q")
        if c.published is None:
            return None, "unknown", None
        back = 0 if c.direction == _FUTURE else -1
        return _at_unit(_shift(c.published, "Q", back), "Q")

    def _year_ago(self, c: _Context) -> Resolved:
        """"the year-ago quarter", "year-earlier": the period compared with, a year back."""
        near = c.near_quarter()
        if near is not None:  # a comparison: it does not become the anchor itself
            return _at_unit(_shift(near.day, "Y", -1), "Q")[:2] + (None,)
        base = c.anchor_day
        return (None, "unknown", None) if base is None else _at_unit(_shift(base, "Y", -1), "Y")

    def _anaphoric(self, c: _Context) -> Resolved:
        base = c.anchor_day
        if base is None:
            return None, "unknown", None
        shift = _ANAPHOR_SHIFT.get(_normalise(c.fields["anaphor"]), 0)
        unit = self.rules.meaning("units", c.fields["unit"])
        return _at_unit(_shift(base, unit, shift), unit)

    def _count_shift(self, c: _Context) -> Resolved:
        f = c.fields
        sign = self.rules.meaning("directions", f["ago"])
        count = self.rules.meaning("numbers", f["num"]) if not f["num"].isdigit() else int(f["num"])
        if count == "X" or count is None:
            return ("PAST_REF" if sign < 0 else "FUTURE_REF"), "unknown", None
        unit = self.rules.meaning("units", f["unit"])
        near = c.near_quarter()
        if unit == "Y" and near is not None:  # "profit rose in the third quarter from a year ago"
            return _at_unit(_shift(near.day, "Y", sign * int(count)), "Q")[:2] + (None,)
        from_publication = _normalise(f["ago"]) in ("ago", "from now", "hence")
        base = c.published if from_publication else c.anchor_day
        if base is None:
            return None, "unknown", None
        return _at_unit(_shift(base, unit, sign * int(count)), unit)

    def _unit_shift(self, c: _Context) -> Resolved:
        if c.published is None:
            return None, "unknown", None
        f = c.fields
        unit = self.rules.meaning("units", f["unit"])
        rel = self.rules.meaning("relative", f["rel"]) if "rel" in f else 0
        day = _shift(c.published, unit, rel or 0)
        if unit == "WE" and rel in (None, 0):
            # "the weekend" in a past clause is the one before a weekday publication date
            if c.direction == _PAST and c.published.isoweekday() < 6:
                day = c.published - dt.timedelta(weeks=1)
        return _at_unit(day, unit)

    def _year(self, c: _Context) -> Resolved:
        year = self._year_value(c)
        if year is None:
            return None, "unknown", None
        return f"{year:04d}", "year", dt.date(year, 1, 1)
