"""Time expressions: finding them, their TIMEX3 values, tense anchoring, non-dates."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tidings import nlp
from tidings.knowledge import Knowledge
from tidings.record import Time
from tidings.resolve.times import TimeResolver

PUBLISHED = dt.date(2018, 10, 23)  # a Tuesday
SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "bolton-moscow.txt"


@pytest.fixture(scope="module")
def model():
    return nlp.load()


@pytest.fixture(scope="module")
def resolver():
    return TimeResolver(Knowledge.load())


@pytest.fixture(scope="module")
def times(model, resolver):
    def run(text: str, published: dt.date | None = PUBLISHED) -> list[Time]:
        return resolver(model(text), published)

    return run


def value_of(found: list[Time], words: str) -> str | None:
    matches = [t for t in found if words in t.text]
    assert matches, f"{words!r} not found among {[t.text for t in found]}"
    return matches[0].value


# -- families of expressions ---------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence, words, value",
    [
        ("Protesters gathered outside parliament last Friday.", "last Friday", "2018-10-19"),
        ("The minister resigned earlier this week.", "earlier this week", "2018-W43"),
        ("The rebels withdrew on Sunday and the truce held the following day.", "the following day", "2018-10-22"),
        ("Officials said the vote would take place next month.", "next month", "2018-11"),
        ("The governor conceded defeat yesterday.", "yesterday", "2018-10-22"),
        ("Police cleared the square this morning.", "this morning", "2018-10-23TMO"),
        ("Inflation soared in the 1980s.", "1980s", "198"),
        ("The law took effect on 2019-04-01.", "2019-04-01", "2019-04-01"),
        ("The ceasefire was agreed on Oct. 3.", "Oct. 3", "2018-10-03"),
        ("The company will report results by the end of the year.", "the end of the year", "2018"),
        ("Exports fell sharply in the second quarter.", "second quarter", "2018-Q2"),
        ("Turnout was low this summer.", "this summer", "2018-SU"),
        ("The envoy left Kabul two weeks ago.", "two weeks ago", "2018-W41"),
        ("The treaty was signed in 1987.", "1987", "1987"),
        ("Talks collapsed in March 2015.", "March 2015", "2015-03"),
        ("The summit ended on 11 November 2017.", "11 November 2017", "2017-11-11"),
        ("Troops arrived in the capital three days later.", "three days later", "2018-10-26"),
        ("The president spoke at noon on Monday, Oct. 22.", "Monday, Oct. 22", "2018-10-22"),
        ("Shops were shut on Christmas Day last year.", "Christmas Day", "2017-12-25"),
        ("The embargo was lifted in July last year.", "July last year", "2017-07"),
        ("Markets have calmed down now.", "now", "PRESENT_REF"),
    ],
)
def test_expression_values(times, sentence, words, value):
    assert value_of(times(sentence), words) == value


def test_spans_are_exact_offsets_and_ids_in_order(times):
    text = "On Monday the army said it had retaken the town in May, and talks resume next week."
    found = times(text)
    assert [t.id for t in found] == [f"t{i}" for i in range(1, len(found) + 1)]
    assert [t.start for t in found] == sorted(t.start for t in found)
    for t in found:
        assert text[t.start : t.end] == t.text


# -- tense anchors the weekday and the year --------------------------------------------------
def test_weekday_in_past_clause_is_the_one_before(times):
    assert value_of(times("The two leaders met on Friday in Helsinki."), "Friday") == "2018-10-19"


def test_weekday_in_future_clause_is_the_one_after(times):
    assert value_of(times("The two leaders will meet on Friday in Helsinki."), "Friday") == "2018-10-26"


def test_day_month_takes_year_from_tense(times):
    future = times("The leaders will meet again in Paris on 11 November.")
    assert value_of(future, "11 November") == "2018-11-11"
    past = times("The leaders met in Paris on 20 December.")
    assert value_of(past, "20 December") == "2017-12-20"


def test_month_in_future_clause_rolls_to_next_year(times):
    found = times("The new parliament will sit for the first time in March.", dt.date(2018, 10, 23))
    assert value_of(found, "March") == "2019-03"


def test_earnings_comparison_keeps_the_quarter(times):
    found = times(
        "Net profit rose 8% in the third quarter from a year earlier. "
        "In the year-ago quarter the bank took a large charge."
    )
    assert value_of(found, "third quarter") == "2018-Q3"
    assert value_of(found, "a year earlier") == "2017-Q3"
    assert value_of(found, "year-ago quarter") == "2017-Q3"


# -- durations and sets --------------------------------------------------------------------
def test_durations_and_sets_are_not_dates(times):
    found = times(
        "The general has served for three years and meets his staff every week; "
        "flights leave daily."
    )
    kinds = {t.text: (t.type, t.value) for t in found}
    assert kinds["three years"] == ("duration", None)
    assert kinds["every week"] == ("set", None)
    assert kinds["daily"] == ("set", None)


# -- no publication date ------------------------------------------------------------------
def test_without_publication_date_relative_times_stay_unresolved(times):
    found = times("The envoy arrived yesterday and will leave next month, as agreed in 1987.", None)
    assert value_of(found, "yesterday") is None
    assert value_of(found, "next month") is None
    assert value_of(found, "1987") == "1987"


def test_without_publication_date_full_dates_resolve(times):
    found = times("The accord was signed on 11 November 2018 in Paris.", None)
    assert value_of(found, "11 November 2018") == "2018-11-11"
    assert value_of(times("The accord was signed on 11 November.", None), "11 November") is None


# -- things that are not dates ------------------------------------------------------------
@pytest.mark.parametrize(
    "sentence",
    [
        "May the best candidate win, the chairman said.",
        "Theresa May told parliament the deal was done.",
        "Thousands march through the capital to demand reform.",
        "We will not back down, the union leader said.",
        "Wed to the old ways, the party lost again.",
        "The army deployed 2000 troops and 450 armoured vehicles.",
        "Prices fall when supply rises.",
    ],
)
def test_non_dates_are_not_times(times, sentence):
    assert [t.text for t in times(sentence) if t.type in ("date", "time")] == []


def test_may_the_month_still_counts(times):
    assert value_of(times("The election was held in May."), "May") == "2018-05"


# -- the sample article -----------------------------------------------------------------
def test_sample_article_values(times):
    if not SAMPLE.exists():
        pytest.skip(f"sample article not found at {SAMPLE}")
    found = times(SAMPLE.read_text(encoding="utf-8"))
    assert value_of(found, "next month") == "2018-11"
    assert value_of(found, "11 November") == "2018-11-11"
    assert value_of(found, "1987") == "1987"


# -- behaviours added with the timex split ---------------------------------------------------
@pytest.mark.parametrize(
    "sentence, words, value",
    [
        # spelled-out years, as read aloud in broadcast transcripts
        ("The plant closed in nineteen ninety-six after the floods.", "nineteen ninety-six", "1996"),
        ("The party promised full employment by the year two thousand.", "two thousand", "2000"),
        ("Prices collapsed in the winter of nineteen eighty-six.", "winter", "1986-WI"),
        # the reporting year
        ("The company expects a loss for the full year.", "the full year", "2018"),
        ("Sales in the current fiscal year will be flat.", "current fiscal year", "2018"),
        # present references
        ("The ministry currently employs 4,000 people.", "currently", "PRESENT_REF"),
        ("Analysts doubt that current prices can hold.", "current", "PRESENT_REF"),
        # named days with a rule relative to another day
        ("Turnout on Election Day was high.", "Election Day", "2018-11-06"),
        # earnings comparisons: "the 2017 quarter" is the quarter under discussion, a year back
        (
            "Profit rose in the third quarter. In the 2017 quarter, the bank lost money.",
            "the 2017 quarter",
            "2017-Q3",
        ),
        ("Net income fell from the year-ago quarter.", "year-ago quarter", "2017-Q3"),
        ("Revenue in the latest quarter rose 4%.", "the latest quarter", "2018-Q3"),
    ],
)
def test_added_expression_values(times, sentence, words, value):
    assert value_of(times(sentence), words) == value


def test_a_year_measured_to_its_end_is_a_duration(times):
    found = times("The group earned $4 million in the year ended March 31.")
    year = [t for t in found if t.text == "the year"]
    assert year and year[0].type == "duration" and year[0].value is None
    assert value_of(found, "March 31") == "2018-03-31"


def test_count_before_an_event_is_not_a_date(times):
    found = times("A day after he was arrested, the minister resigned.")
    assert [t.text for t in found if t.type == "date"] == []


def test_count_after_as_adverb_is_a_date(times):
    found = times("The rebels withdrew on Sunday. Two days after, the truce collapsed.")
    assert value_of(found, "Two days after") == "2018-10-23"


def test_a_plan_made_in_the_past_takes_the_nearest_day(times):
    # the plan was made before publication; the conference itself is two days ahead
    found = times("The ministry scheduled a news conference on Thursday.")
    assert value_of(found, "Thursday") == "2018-10-25"
    # a plain past event stays behind
    assert value_of(times("The ministry held a news conference on Thursday."), "Thursday") == "2018-10-18"


def test_endpoint_after_until_takes_the_nearest_date(times):
    found = times("The offer was extended until Nov. 20.")
    assert value_of(found, "Nov. 20") == "2018-11-20"


def test_infinitive_after_a_past_request_may_lie_ahead(times):
    found = times("The committee asked the envoy to testify on Nov. 30.")
    assert value_of(found, "Nov. 30") == "2018-11-30"


def test_clock_time_belongs_to_the_day_last_mentioned(times):
    found = times("The attack began on Saturday. The first shells fell at 6 a.m.")
    assert value_of(found, "6 a.m.") == "2018-10-20T06:00"


def test_spelled_out_count_of_years_is_not_a_year(times):
    found = times("The craftsmen have kept their secrets for two thousand years.")
    assert [t.text for t in found if t.type == "date"] == []


# -- round 3: periods named without a count, year ends, halves, the reported period --------
@pytest.mark.parametrize(
    "sentence, words, value",
    [
        # one unit, no count: the previous calendar unit (a TIMEX3 DATE)
        ("Food prices rose sharply over the past year.", "the past year", "2017"),
        ("Violence in the region has fallen in the last decade.", "the last decade", "200"),
        # the end of a year: the year the clause looks to; "since" looks back
        ("The merger should close by year-end.", "year-end", "2018"),
        ("The index has gained 12% since year end.", "year end", "2017"),
        ("The ministry expects to cut 3,000 jobs by year's end.", "year's end", "2018"),
        # the last half / final quarter of a written year
        ("Sales will weaken in the last half of 2019.", "the last half of 2019", "2019-H2"),
        ("Orders picked up in the final quarter of 2017.", "the final quarter of 2017", "2017-Q4"),
        # the period an earnings report is about: the last complete quarter
        ("Revenue in the latest period climbed 9%.", "the latest period", "2018-Q3"),
        # an anaphoric quarter takes the quarter last mentioned
        (
            "Profit doubled in the second quarter. Results for that quarter included a gain.",
            "that quarter",
            "2018-Q2",
        ),
    ],
)
def test_round3_expression_values(times, sentence, words, value):
    assert value_of(times(sentence), words) == value


def test_counted_and_century_periods_stay_durations(times):
    found = times("Wages stagnated for the past five years, the worst record of the past century.")
    kinds = {t.text: t.type for t in found}
    assert kinds["the past five years"] == "duration"
    assert kinds["the past century"] == "duration"


def test_year_end_as_an_adjective_is_not_a_date(times):
    found = times("The bank paid year-end bonuses to its traders.")
    assert not [t for t in found if "year-end" in t.text]


def test_midnight_is_the_end_of_its_day(times):
    found = times("The tender offer expired at midnight Friday.")
    assert value_of(found, "midnight Friday") == "2018-10-19T24:00"


# -- references, anaphora and tense cues added in the second pass --------------------------
@pytest.mark.parametrize(
    "sentence, words, value",
    [
        ("The envoy said a deal could come soon.", "soon", "FUTURE_REF"),
        ("Prices have doubled in recent years.", "recent years", "PAST_REF"),
        ("Aid groups expect more arrivals in the coming weeks.", "the coming weeks", "FUTURE_REF"),
        ("The minister discussed the country's future with donors.", "future", "FUTURE_REF"),
        ("The recent clashes left dozens dead.", "recent", "PAST_REF"),
        ("Traders expect little change in the near term.", "the near term", "FUTURE_REF"),
        ("Pilgrims visited the 12th-century mosque.", "12th-century", "11"),
        ("He called himself a 21st century reformer.", "21st century", "20"),
        ("The hearing is set for the week of Nov. 12.", "the week of Nov. 12", "2018-W46"),
        ("Churches were full during Easter week 2018.", "Easter week", "2018-W13"),
        ("Leaders will gather in Brussels on Dec. 13 and 14.", "14", "2018-12-14"),
    ],
)
def test_second_pass_expression_values(times, sentence, words, value):
    assert value_of(times(sentence), words) == value


def test_part_of_the_day_last_mentioned(times):
    found = times("Fighting resumed on Saturday. By mid-afternoon the army had retaken the bridge.")
    assert value_of(found, "mid-afternoon") == "2018-10-20TAF"
    found = times("The talks opened on Sunday. Later in the day the envoys walked out.")
    assert value_of(found, "the day") == "2018-10-21"


def test_previous_weekday_counts_from_the_day_last_mentioned(times):
    found = times("Shares closed lower on Friday, down 3% from the previous Friday.")
    assert value_of(found, "the previous Friday") == "2018-10-12"


def test_a_weekday_before_a_deadline_verb_lies_ahead(times):
    # the deadline was set in the past, but it falls after the report
    found = times("The judge postponed the hearing until Thursday.")
    assert value_of(found, "Thursday") == "2018-10-25"
    # an event that merely lasted until a day stays behind
    assert value_of(times("The strike lasted until Thursday."), "Thursday") == "2018-10-18"


def test_a_participle_plan_takes_the_nearest_day(times):
    # published Tuesday: Monday is a day back, next Monday six days ahead
    found = times("A rally planned for Monday was called off after the storm.")
    assert value_of(found, "Monday") == "2018-10-22"


def test_an_adjective_of_a_deadline_looks_ahead(times):
    found = times("The board declared a dividend of 10 cents, payable Feb. 1.")
    assert value_of(found, "Feb. 1") == "2019-02-01"
    found = times("The merger had been due to close Friday.")
    assert value_of(found, "Friday") == "2018-10-19"


def test_a_comparison_keeps_the_quarter_past_its_closing_date(times):
    text = ("Profit for the third quarter ended Sept. 30 rose 8%. "
            "In the year-ago period, the company earned $3 million.")
    assert value_of(times(text), "the year-ago period") == "2017-Q3"
