"""TIMEX3 values: calendar arithmetic and the normalisation of a found expression.

`tidings.resolve.times` finds time expressions and reads the tense of their clause;
this module turns what a match captured (its named groups: year, month, weekday, unit,
rel...) into a TIMEX3 value and granularity, against the publication date and the last
date resolved earlier in the text. The rules it follows are set out in the docstring of
`tidings.resolve.times`.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

PAST, NEAREST, FUTURE = -1, 0, 1
_UNIT_MONTHS = {"M": 1, "Q": 3, "H": 6, "Y": 12, "DE": 120, "CE": 1200}
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_ANAPHOR_SHIFT = {
    "the following": 1, "the next": 1, "after": 1, "later": 1,
    "the previous": -1, "the preceding": -1, "the prior": -1, "before": -1, "earlier": -1,
    "the same": 0, "that same": 0, "that": 0,
}  # fmt: skip

Resolved = tuple[str | None, str, dt.date | None]  # value, granularity, first day


@dataclass(frozen=True)
class Lexicon:
    """The word lists of times.yaml (written form -> meaning) and the tense tolerances."""

    words: dict[str, dict[str, Any]]
    # how far the nearest occurrence of a day / a longer period may lie against the tense
    day_tolerance: int = 14
    period_tolerance: int = 62

    def meaning(self, word_list: str, written: str) -> Any:
        return self.words[word_list].get(normalise(written))


def normalise(written: str) -> str:
    return " ".join(written.lower().replace("’", "'").rstrip(".").split())


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
    if strict and direction == PAST:
        return max(y for y in years if last(y) < ref)
    if strict and direction == FUTURE:
        return min(y for y in years if first(y) > ref)
    nearest = min(years, key=lambda y: (_distance(ref, first(y), last(y)), abs(y - ref.year)))
    if direction == PAST and (first(nearest) - ref).days > tolerance:
        return max(y for y in years if first(y) <= ref)
    if direction == FUTURE and (ref - last(nearest)).days > tolerance:
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
    if direction == FUTURE:
        return ref + dt.timedelta(days=ahead)
    if direction == NEAREST and 0 < ahead < back:
        return ref + dt.timedelta(days=ahead)
    return ref - dt.timedelta(days=back)


def _holiday_date(rule: str, year: int) -> dt.date:
    """A named day in `year` from its rule: MM-DD, MM/N/W (Nth weekday W), or easter;
    a suffix +D moves it D days on (US Election Day: the Tuesday after the first Monday
    of November, 11/1/1+1)."""
    if "+" in rule:
        rule, days = rule.split("+")
        return _holiday_date(rule, year) + dt.timedelta(days=int(days))
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


# -- context -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Anchor:
    """The last date resolved earlier in the text: anaphora ("the following day", "a year
    earlier", "the year-ago quarter") count from it."""

    day: dt.date
    granularity: str
    end: int


_NEAR_ANCHOR = 400  # characters: a comparison ("a year earlier") is with a period this close


@dataclass
class Context:
    published: dt.date | None
    direction: int
    anchor: Anchor | None
    start: int
    fields: dict[str, str] = field(default_factory=dict)
    firm: bool = True  # the direction comes from a verb that governs the expression
    # the last quarter resolved: an earnings report names the quarter, then its closing
    # date ("the quarter ended Sept. 30"), then compares ("the year-ago period")
    quarter: Anchor | None = None

    @property
    def anchor_day(self) -> dt.date | None:
        return self.anchor.day if self.anchor else self.published

    def near_quarter(self) -> Anchor | None:
        """The last quarter mentioned, when it was just before (an earnings comparison)."""
        a = self.quarter
        if a and self.start - a.end <= _NEAR_ANCHOR:
            return a
        return None


class Normaliser:
    """Composes the groups a pattern captured into a TIMEX3 value (module doc)."""

    def __init__(self, lexicon: Lexicon):
        self.lexicon = lexicon

    def __call__(self, c: Context) -> Resolved:
        value, granularity, day = self._resolve(c)
        if "week_of" in c.fields and day is not None:
            return _at_unit(day, "W")  # "the week of March 6", "Easter week"
        return value, granularity, day

    # Each branch reads the groups its patterns capture; the first that applies decides.
    def _resolve(self, c: Context) -> Resolved:
        f = c.fields
        if "ref" in f:
            return self.lexicon.meaning("references", f["ref"]), "unknown", None
        if "hour" in f or "clock_word" in f:
            return self._clock(c)
        if "holiday" in f:
            return self._holiday(c)
        if "the_quarter" in f:
            return self._the_quarter(c)
        if "year_end" in f:
            return self._year_end(c)
        if "year_ago" in f:
            return self._year_ago(c)
        if "year_period" in f:
            return self._year_period(c)
        if "month" in f or "month_abbreviation" in f or "month_num" in f:
            return self._calendar_date(c)
        if "ordinal" in f or "qnum" in f or "final" in f:
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
        if "anaphor_part" in f:
            return self._part_of_last_day(c)
        if "ago" in f:
            return self._count_shift(c)
        if "unit" in f:
            return self._unit_shift(c)
        if "year" in f or "year_words" in f:
            return self._year(c)
        if "the_year" in f:
            return self._the_year(c)
        return None, "unknown", None

    def _year_value(self, c: Context) -> int | None:
        if "year" in c.fields:
            return int(c.fields["year"])
        if "year2" in c.fields:
            short = int(c.fields["year2"])
            pivot = (c.published.year % 100 + 10) if c.published else 50
            return (2000 if short <= pivot else 1900) + short
        if "year_words" in c.fields:
            return self._spelled_year(c.fields["year_words"])
        return None

    def _spelled_year(self, written: str) -> int | None:
        """nineteen ninety-six -> 1996, nineteen oh five -> 1905, two thousand and one -> 2001."""
        words = [w for w in re.split(r"[\s-]+", written.lower()) if w != "and"]
        if words[:2] == ["two", "thousand"]:
            rest = words[2:]
            return 2000 + sum(self._spelled_number(w) for w in rest)
        hundreds = self.lexicon.meaning("year_hundreds", words[0])
        return 100 * hundreds + sum(self._spelled_number(w) for w in words[1:] if w != "oh")

    def _spelled_number(self, word: str) -> int:
        return int(
            self.lexicon.meaning("year_teens_and_tens", word)
            or self.lexicon.meaning("year_digits", word)
            or 0
        )

    def _calendar_date(self, c: Context) -> Resolved:
        f = c.fields
        month = int(
            f.get("month_num")
            or self.lexicon.meaning("months", f.get("month", ""))
            or self.lexicon.meaning("month_abbreviations", f.get("month_abbreviation", ""))
        )
        day = int(f["day"]) if "day" in f else None
        year = self._year_value(c)
        if year is None and c.published is not None and "rel_year" in f:
            year = c.published.year + self.lexicon.meaning("relative", f["rel_year"])
        if year is None and c.published is not None:
            rel = self.lexicon.meaning("relative", f["rel"]) if "rel" in f else None
            first = lambda y: dt.date(y, month, day or 1)  # noqa: E731
            last = lambda y: dt.date(y, month, day) if day else _month_last_day(y, month)  # noqa: E731
            if rel == 0:
                year = c.published.year
            elif day is not None and day > calendar.monthrange(2000, month)[1]:
                return None, "unknown", None
            else:
                direction = rel if rel is not None else c.direction
                tolerance = self.lexicon.day_tolerance if day and c.firm else self.lexicon.period_tolerance
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

    def _quarter(self, c: Context) -> Resolved:
        f = c.fields
        half = f.get("unit", "").lower() == "half"
        if "final" in f:  # "the last half of 1989"
            number = 2 if half else 4
        elif "qnum" in f:
            number = int(f["qnum"])
        else:
            number = self.lexicon.meaning("ordinals", f["ordinal"])
        if not number or number > (2 if half else 4):
            return None, "unknown", None
        months = 6 if half else 3
        first = lambda y: dt.date(y, (number - 1) * months + 1, 1)  # noqa: E731
        last = lambda y: _month_last_day(y, number * months)  # noqa: E731
        year = self._year_value(c)
        if year is None and c.published is not None:
            direction = PAST if c.direction == NEAREST else c.direction  # results come after
            year = _year_for(first, last, c.published, direction, tolerance=self.lexicon.period_tolerance)
        if year is None:
            return None, "unknown", None
        return f"{year:04d}-{'H' if half else 'Q'}{number}", "quarter", first(year)

    def _season(self, c: Context) -> Resolved:
        f = c.fields
        code = self.lexicon.meaning("seasons", f["season"])
        start_month, end_month = _SEASON_MONTHS[code]
        first = lambda y: dt.date(y, start_month, 1)  # noqa: E731
        last = lambda y: _month_last_day(y, end_month)  # noqa: E731
        year = self._year_value(c)
        if year is None and c.published is not None:
            rel = self.lexicon.meaning("relative", f["rel"]) if "rel" in f else None
            if rel is None:
                year = _year_for(
                    first, last, c.published, c.direction, tolerance=self.lexicon.period_tolerance
                )
            elif rel == 0:
                year = _year_for(first, last, c.published, NEAREST)
            else:
                year = _year_for(first, last, c.published, rel, strict=True)
        if year is None:
            return None, "unknown", None
        return f"{year:04d}-{code}", "season", first(year)

    def _decade(self, c: Context) -> Resolved:
        f = c.fields
        if "century" in f:
            number = int(self.lexicon.meaning("century_ordinals", f["century"])) - 1
            return f"{number:02d}", "century", None
        if "decade" in f:
            return f["decade"], "decade", dt.date(int(f["decade"]) * 10, 1, 1)
        digit = int(f["decade2"]) if "decade2" in f else self.lexicon.meaning("decade_words", f["decade_word"])
        reference_year = c.published.year if c.published else 1999
        century = 20 if 2000 + 10 * digit <= reference_year else 19
        return f"{century}{digit}", "decade", dt.date(century * 100 + digit * 10, 1, 1)

    def _day_of(self, c: Context, word: str | None) -> dt.date | None:
        """The day a clock time or part of day belongs to: a weekday, a deictic word, or
        the publication date."""
        if c.published is None:
            return None
        if word and self.lexicon.meaning("weekdays", word):
            return _weekday_date(c.published, self.lexicon.meaning("weekdays", word), None, c.direction)
        if word and self.lexicon.meaning("deictic_days", word) is not None:
            return c.published + dt.timedelta(days=self.lexicon.meaning("deictic_days", word))
        if c.anchor is not None and c.anchor.granularity == "day":
            return c.anchor.day  # "on Friday ... at 10 p.m.": the day last mentioned
        return c.published

    def _clock(self, c: Context) -> Resolved:
        f = c.fields
        if "clock_word" in f:
            hour, minute = int(self.lexicon.meaning("clock_words", f["clock_word"])), 0
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

    def _with_part(self, day: dt.date, c: Context) -> Resolved:
        part = self.lexicon.meaning("day_parts", c.fields["part"]) if "part" in c.fields else None
        if part is None and normalise(c.fields.get("deictic", "")) == "tonight":
            part = "NI"
        return (f"{day.isoformat()}T{part}" if part else day.isoformat()), "day", day

    def _deictic_day(self, c: Context) -> Resolved:
        if c.published is None:
            return None, "unknown", None
        offset = self.lexicon.meaning("deictic_days", c.fields["deictic"])
        return self._with_part(c.published + dt.timedelta(days=offset), c)

    def _weekday(self, c: Context) -> Resolved:
        if c.published is None:
            return None, "unknown", None
        weekday = self.lexicon.meaning("weekdays", c.fields["weekday"])
        rel = self.lexicon.meaning("relative", c.fields["rel"]) if "rel" in c.fields else None
        if "anaphor" in c.fields and c.anchor_day is not None:
            # "the previous Friday": the one before the day last mentioned
            shift = _ANAPHOR_SHIFT.get(normalise(c.fields["anaphor"]), 0)
            return self._with_part(_weekday_date(c.anchor_day, weekday, shift, c.direction), c)
        return self._with_part(_weekday_date(c.published, weekday, rel, c.direction), c)

    def _part_of_today(self, c: Context) -> Resolved:
        if c.published is None:
            return None, "unknown", None
        back = 1 if normalise(c.fields.get("rel", "")) == "last" else 0
        return self._with_part(c.published - dt.timedelta(days=back), c)

    def _holiday(self, c: Context) -> Resolved:
        rule = str(self.lexicon.meaning("holidays", c.fields["holiday"]))
        on = lambda y: _holiday_date(rule, y)  # noqa: E731
        year = self._year_value(c)
        if year is None and c.published is not None:
            rel = self.lexicon.meaning("relative", c.fields["rel"]) if "rel" in c.fields else None
            if rel == 0:
                year = c.published.year
            else:
                direction = rel if rel is not None else c.direction
                year = _year_for(
                    on, on, c.published, direction,
                    strict=rel is not None, tolerance=self.lexicon.day_tolerance,
                )  # fmt: skip
        if year is None:
            return None, "unknown", None
        return _at_unit(on(year), "D")

    def _the_quarter(self, c: Context) -> Resolved:
        """"the quarter" of an earnings report: the quarter just mentioned, else the one
        being reported (the last complete one), or the current one in a future clause;
        "the latest quarter" is always the last complete one."""
        near = c.near_quarter()
        if near is not None:
            return _at_unit(near.day, "Q")
        if c.published is None:
            return None, "unknown", None
        back = 0 if c.direction == FUTURE and "latest" not in c.fields else -1
        return _at_unit(_shift(c.published, "Q", back), "Q")

    def _reported_quarter(self, c: Context) -> dt.date | None:
        """A day in the quarter an earnings report is about: the one just mentioned, else
        the last complete quarter before publication."""
        near = c.near_quarter()
        if near is not None:
            return near.day
        return None if c.published is None else _shift(c.published, "Q", -1)

    def _year_end(self, c: Context) -> Resolved:
        """"by year-end", "since year end": the year whose end the clause looks to (TIMEX3
        writes the year; the end is its modifier). "since" looks back by itself."""
        if c.published is None:
            return None, "unknown", None
        direction = PAST if normalise(c.fields.get("cue", "")) == "since" else c.direction
        end = lambda y: dt.date(y, 12, 31)  # noqa: E731
        year = _year_for(end, end, c.published, direction, tolerance=self.lexicon.day_tolerance)
        return f"{year:04d}", "year", None

    def _year_period(self, c: Context) -> Resolved:
        """"the 1988 quarter", "the 1988 period": the quarter under discussion, in 1988."""
        year = self._year_value(c)
        reported = self._reported_quarter(c)
        if year is None or reported is None:
            return _at_unit(dt.date(year, 1, 1), "Y") if year else (None, "unknown", None)
        value, granularity, _ = _at_unit(dt.date(year, reported.month, 1), "Q")
        return value, granularity, None  # a comparison: the narrative stays where it was

    def _year_ago(self, c: Context) -> Resolved:
        """"the year-ago quarter", "year-earlier": the period compared with, a year before
        the one being reported. A comparison does not become the anchor."""
        quarter = c.near_quarter()
        if quarter is None and "ago_quarter" in c.fields:
            quarter_day = self._reported_quarter(c)
        else:
            quarter_day = quarter.day if quarter else None
        if quarter_day is not None:
            return _at_unit(_shift(quarter_day, "Y", -1), "Q")[:2] + (None,)
        if c.published is None:
            return None, "unknown", None
        return _at_unit(_shift(c.published, "Y", -1), "Y")[:2] + (None,)

    def _anaphoric(self, c: Context) -> Resolved:
        base = c.anchor_day
        if base is None:
            return None, "unknown", None
        shift = _ANAPHOR_SHIFT.get(normalise(c.fields["anaphor"]), 0)
        unit = self.lexicon.meaning("units", c.fields["unit"])
        return _at_unit(_shift(base, unit, shift), unit)

    def _part_of_last_day(self, c: Context) -> Resolved:
        """"in the morning", "by mid-afternoon": part of the day last mentioned, else of
        the publication day."""
        day = c.anchor.day if c.anchor is not None and c.anchor.granularity == "day" else c.published
        if day is None:
            return None, "unknown", None
        written = normalise(re.sub(r"^mid-?\s?", "", c.fields["anaphor_part"].lower()))
        part = self.lexicon.meaning("day_parts", written)
        return f"{day.isoformat()}T{part}", "day", day

    def _count_shift(self, c: Context) -> Resolved:
        f = c.fields
        sign = self.lexicon.meaning("directions", f["ago"])
        count = self.lexicon.meaning("numbers", f["num"]) if not f["num"].isdigit() else int(f["num"])
        if count == "X" or count is None:
            return ("PAST_REF" if sign < 0 else "FUTURE_REF"), "unknown", None
        unit = self.lexicon.meaning("units", f["unit"])
        near = c.near_quarter()
        if unit == "Y" and near is not None:  # "profit rose in the third quarter from a year ago"
            return _at_unit(_shift(near.day, "Y", sign * int(count)), "Q")[:2] + (None,)
        from_publication = normalise(f["ago"]) in ("ago", "from now", "hence")
        base = c.published if from_publication else c.anchor_day
        if base is None:
            return None, "unknown", None
        value, granularity, day = _at_unit(_shift(base, unit, sign * int(count)), unit)
        if unit == "Y" and count == 1 and sign < 0:
            day = None  # "compared with $2 million a year earlier": a comparison, not a new anchor
        return value, granularity, day

    def _unit_shift(self, c: Context) -> Resolved:
        if c.published is None:
            return None, "unknown", None
        f = c.fields
        unit = self.lexicon.meaning("units", f["unit"])
        rel = self.lexicon.meaning("relative", f["rel"]) if "rel" in f else 0
        day = _shift(c.published, unit, rel or 0)
        if unit == "WE" and rel in (None, 0):
            # "the weekend" in a past clause is the one before a weekday publication date
            if c.direction == PAST and c.published.isoweekday() < 6:
                day = c.published - dt.timedelta(weeks=1)
        return _at_unit(day, unit)

    def _the_year(self, c: Context) -> Resolved:
        """"the year", "the fiscal year": the year being reported, the current one."""
        if c.published is None:
            return None, "unknown", None
        return _at_unit(c.published, "Y")

    def _year(self, c: Context) -> Resolved:
        year = self._year_value(c)
        if year is None:
            return None, "unknown", None
        return f"{year:04d}", "year", dt.date(year, 1, 1)
