"""Time expressions: find them and normalise each against the publication date.

This module finds the expressions and reads the tense of their clause (steps 1, 2 and
the direction of step 3); `tidings.resolve.timex` does the calendar arithmetic and
composes the TIMEX3 values (step 3).

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
   - one unit named without a count is the previous calendar unit ("the past year" 2017,
     "the last decade" 200); with a count it is a duration ("the past five years");
     "by year-end" is the year whose end the clause looks to ("since year-end" looks back);
     "the latest period" is the quarter being reported; midnight is T24:00 of its day;
   - anaphoric phrases ("the following day", "three years later") shift the last date
     resolved earlier in the text, or the publication date when there is none;
   - a part of the day or a clock time is appended to its day: 2018-10-23TMO,
     2018-10-23T06:00 (type "time").
   The clause's direction comes from the verb that governs the expression in the
   dependency parse: "will"/"would", a to-infinitive, a modal or a prospective verb
   ("is scheduled for", "plans to") look ahead; a past-tense or perfect verb, or a
   present reporting verb ("says"), look back; a clause with no verb counts as past,
   as news reports mostly are. A plan made in the past ("scheduled a conference
   Thursday", "had been due to expire Friday") takes the nearest occurrence. The
   reading is *weak* when no verb governs the expression, when a noun stands between
   them ("a ceremony on March 12"), after "until"/"through", or in an infinitive
   ("asked him to testify on Feb. 10"): a written day then takes the nearest
   occurrence unless it lies more than a period's tolerance (62 days) against the tense.
   A comparison ("a year earlier", "the year-ago quarter", "the 1988 period") does not
   become the anchor for later anaphora; a bare clock time belongs to the day last
   mentioned.
4. **No publication date:** every relative expression stays unresolved (value None),
   never anchored on today; absolute ones ("11 November 2018", "in 1987") still resolve.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from spacy.tokens import Doc, Token

from ..knowledge import Knowledge, data_path
from ..record import Time
from .timex import FUTURE, NEAREST, PAST, Anchor, Context, Lexicon, Normaliser, normalise

RULES_FILE = "times.yaml"
_MACRO = re.compile(r"\{([a-z_]+)\}")
_TIME_LABELS = frozenset({"DATE", "TIME"})
# A time word inside one of these is part of a name ("Theresa May", "Good Friday Agreement").
_NAME_LABELS = frozenset(
    {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)


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

    lexicon: Lexicon
    patterns: list[Pattern]
    triggers: dict[str, re.Pattern[str]]  # words one of which each pattern's matches hold
    future_auxiliaries: frozenset[str]
    reporting_verbs: frozenset[str]
    prospective_verbs: frozenset[str]
    endpoint_cues: frozenset[str]
    deadline_verbs: frozenset[str]


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
        name: {normalise(str(k)): v for k, v in table.items()}
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
        lexicon=Lexicon(
            words,
            day_tolerance=int(tense.get("tolerance_days", {}).get("day", 14)),
            period_tolerance=int(tense.get("tolerance_days", {}).get("period", 62)),
        ),
        patterns=patterns,
        triggers=triggers,
        future_auxiliaries=frozenset(tense.get("future_auxiliaries", ())),
        reporting_verbs=frozenset(tense.get("reporting_verbs", ())),
        prospective_verbs=frozenset(tense.get("prospective_verbs", ())),
        endpoint_cues=frozenset(tense.get("endpoint_cues", ())),
        deadline_verbs=frozenset(tense.get("deadline_verbs", ())),
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
def _governing_verb(token: Token, prospective: frozenset[str] = frozenset()) -> tuple[Token | None, bool]:
    """The verb whose clause holds `token`, and whether the way up to it passes through a
    noun: a time that modifies a noun ("a ceremony on March 12", "Wednesday's ruling")
    dates that thing, not the act the verb reports, so the verb's tense is weak evidence."""
    through_noun = False
    start = token
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.tag_ == "MD":
            return token, through_noun
        if token is not start and token.pos_ == "ADJ" and token.lemma_.lower() in prospective:
            return token, through_noun  # "payable Dec. 1", "effective Feb. 1", "due Monday"
        if token is not start and token.pos_ in ("NOUN", "PROPN") and token.ent_type_ not in _TIME_LABELS:
            through_noun = True
        if token.head is token:
            return None, through_noun
        token = token.head
    return None, through_noun


@dataclass(frozen=True)
class Tense:
    """Where the clause around an expression looks from the publication date, and whether
    that reading is firm (a finite verb governs the expression) or weak (no verb, a noun
    in between, an endpoint after "until")."""

    direction: int
    firm: bool


def _clause_tense(rules: Rules, doc: Doc, found: Found) -> Tense:
    span = doc.char_span(found.start, found.end, alignment_mode="expand")
    if span is None or not len(span):
        return Tense(PAST, firm=False)  # news reports mostly look back
    verb, through_noun = _governing_verb(span.root, rules.prospective_verbs)
    if verb is None:
        return Tense(PAST, firm=False)
    direction = _verb_direction(rules, verb)
    # an endpoint ("extended until Nov. 20", "postponed till Tuesday") may lie on either
    # side of the act that sets it
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    endpoint = before in rules.endpoint_cues
    if endpoint and verb.lemma_.lower() in rules.deadline_verbs and "had" not in _auxiliaries(verb):
        # a deadline just set lies ahead: "postponed until Tuesday", "has given them until noon Friday"
        direction = FUTURE
    # an infinitive's event follows the act of the verb it complements ("asked him to
    # testify on Feb. 10"), which may put it on either side of the publication date
    infinitive = verb.tag_ == "VB" and any(c.lower_ == "to" for c in verb.children)
    return Tense(direction, firm=not (through_noun or endpoint or infinitive))


_PAST_AUXILIARIES = frozenset({"has", "have", "had", "did", "was", "were", "'d"})


def _is_past(verb: Token, auxiliaries: set[str]) -> bool:
    return bool(auxiliaries & _PAST_AUXILIARIES) or verb.tag_ == "VBD"


def _auxiliaries(verb: Token) -> set[str]:
    """The auxiliaries of a verb; a predicative adjective ("had been due to expire", "is
    due on Monday") takes its copula's, with the copula itself."""
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if verb.dep_ == "acomp" and verb.head.pos_ in ("AUX", "VERB"):
        copula = verb.head
        auxiliaries |= {copula.lower_} | {c.lower_ for c in copula.children if c.dep_ in ("aux", "auxpass")}
    return auxiliaries


def _verb_direction(rules: Rules, verb: Token, depth: int = 0) -> int:
    auxiliaries = _auxiliaries(verb)
    if auxiliaries & rules.future_auxiliaries and "have" not in auxiliaries:
        return FUTURE
    if verb.lemma_.lower() in rules.prospective_verbs:
        # a plan looks ahead of the moment it was made: from now when it is made now
        # ("plans to meet on Friday"), from an earlier moment when it was made before
        # ("had been due to expire Friday", "scheduled a conference Thursday"), which
        # may lie on either side of the publication date
        made_before = _is_past(verb, auxiliaries) or (verb.tag_ == "VBN" and not auxiliaries)
        return NEAREST if made_before else FUTURE  # VBN alone: "a service planned for Saturday"
    if "to" in auxiliaries and verb.tag_ == "VB":
        return _infinitive_direction(rules, verb, depth)
    if _is_past(verb, auxiliaries):
        return PAST
    if verb.tag_ == "VBN" and not auxiliaries:
        return PAST  # a participle modifier: "the injunction issued Thursday"
    if verb.tag_ == "VBG" and auxiliaries & {"is", "are", "am", "'s", "'re"}:
        return FUTURE  # present progressive with a time: "are meeting on Friday"
    if verb.lemma_.lower() in rules.reporting_verbs:
        return PAST
    return NEAREST


def _infinitive_direction(rules: Rules, verb: Token, depth: int) -> int:
    """An infinitive lies ahead of the word it complements, unless that word is past:
    "wants to meet on Friday" ahead, "voted to support it Friday" back; after a plan
    made in the past ("planned to leave on Thursday") it may lie either side."""
    head = verb.head
    if head is verb or depth > 2 or head.pos_ not in ("VERB", "AUX", "ADJ"):
        return FUTURE
    if head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in head.children):
        return FUTURE  # a state that looks ahead: "set to resume Monday", "poised to"
    governing = _verb_direction(rules, head, depth + 1)
    if governing == NEAREST and head.lemma_.lower() not in rules.prospective_verbs:
        return FUTURE  # "is to resume trading Tuesday"
    return governing


class TimeResolver:
    """Finds the time expressions of a parsed document and resolves them (module doc)."""

    def __init__(self, knowledge: Knowledge, rules_path: Path | None = None):
        self.knowledge = knowledge
        self.rules = load_rules(rules_path or data_path(RULES_FILE))
        self.normalise = Normaliser(self.rules.lexicon)

    def __call__(self, doc: Doc, published: dt.date | None) -> list[Time]:
        text = doc.text  # built afresh by spaCy on every access, so read once
        entities = _Entities(doc)
        found = [f for f in _matches(self.rules, text) if entities.keeps(f)]
        times: list[Time] = []
        anchor: Anchor | None = None
        quarter: Anchor | None = None
        for item in _longest_first(found):
            kind = item.pattern.type
            value, granularity = None, "unknown"
            if kind in ("date", "time", "ref"):
                tense = _clause_tense(self.rules, doc, item)
                context = Context(
                    published, tense.direction, anchor, item.start, item.fields,
                    firm=tense.firm, quarter=quarter,
                )
                value, granularity, day = self.normalise(context)
                if day is not None and kind != "ref":
                    anchor = Anchor(day, granularity, item.end)
                    if granularity == "quarter":
                        quarter = anchor
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
