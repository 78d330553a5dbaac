"""Time-expression benchmark on TempEval-3 TBAQ (TimeBank + AQUAINT, TimeML).

    python bench/times.py [--data DIR] [--no-baseline] [--errors N]

Each document's TEXT is parsed with tidings' spaCy model and resolved by TimeResolver,
with the document creation time (the DCT TIMEX3, functionInDocument="CREATION_TIME") as
the publication date. Scored: gold TIMEX3 of type DATE and TIME (the DCT excluded).

Counting
- A prediction matches a gold expression when their word-token F1 is >= 0.5; matching is
  one-to-one, best pairs first.
- Precision counts only predictions of type date/time: a date/time prediction on a gold
  DURATION or SET is a false positive; a duration/set prediction is not counted at all
  (it is reported separately against gold DURATION/SET), and a gold DATE that we typed as
  a duration is simply missed (recall).
- Value accuracy = matched predictions whose value equals the gold value exactly,
  divided by all gold DATE/TIME expressions.
- Baseline: dateparser's search_dates with RELATIVE_BASE = the DCT, measured in the same
  run; its value is the date written at the granularity its text shows (a year alone →
  YYYY, a month and year → YYYY-MM, otherwise the day).
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "timeml" / "tbaq"
if not DEFAULT_DATA.exists():
    DEFAULT_DATA = Path("/work/shared/data/timeml/tbaq")

_PIECE = re.compile(r"<[^>]+>|&#?\w+;|[^<&]+|&")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_WORD = re.compile(r"\w+")
_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", re.I
)


@dataclass
class Span:
    start: int
    end: int
    type: str
    value: str | None
    text: str = ""


@dataclass
class Document:
    name: str
    dct: dt.date
    text: str
    gold: list[Span]


def read_tml(path: Path) -> Document:
    """Plain TEXT of a TimeML file, with its TIMEX3 spans at their offsets in it."""
    raw = path.read_text(encoding="utf-8")
    dct_tag = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    dct_value = dict(_ATTR.findall(dct_tag.group(1)))["value"] if dct_tag else ""
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    out: list[str] = []
    length = 0
    gold: list[Span] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    for piece in _PIECE.findall(body):
        if piece.startswith("<TIMEX3"):
            open_timex = (length, dict(_ATTR.findall(piece)))
        elif piece.startswith("</TIMEX3"):
            if open_timex:
                start, attrs = open_timex
                if attrs.get("functionInDocument") != "CREATION_TIME":
                    gold.append(Span(start, length, attrs.get("type", ""), attrs.get("value")))
            open_timex = None
        elif piece.startswith("<") and len(piece) > 1:
            continue
        else:
            text = html.unescape(piece)
            out.append(text)
            length += len(text)
    text = "".join(out)
    for g in gold:
        g.text = text[g.start : g.end]
    return Document(path.stem, dt.date.fromisoformat(dct_value[:10]), text, gold)


def _tokens(text: str, start: int, end: int) -> set[tuple[int, int]]:
    return {(start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])}


def match(text: str, predicted: list[Span], gold: list[Span]) -> list[tuple[Span, Span]]:
    """One-to-one pairs with token F1 >= 0.5, best first."""
    pairs = []
    for i, p in enumerate(predicted):
        p_tokens = _tokens(text, p.start, p.end)
        for j, g in enumerate(gold):
            if p.end <= g.start or g.end <= p.start:
                continue
            g_tokens = _tokens(text, g.start, g.end)
            if not p_tokens or not g_tokens:
                continue
            f1 = 2 * len(p_tokens & g_tokens) / (len(p_tokens) + len(g_tokens))
            if f1 >= 0.5:
                pairs.append((f1, i, j))
    used_p, used_g, result = set(), set(), []
    for _, i, j in sorted(pairs, reverse=True):
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            result.append((predicted[i], gold[j]))
    return result


_WEEK = re.compile(r"-W0(\d)\b")


def same_value(predicted: str | None, gold: str | None) -> bool:
    """Exact TIMEX3 equality; week numbers compare without their leading zero, as parts
    of the corpus write 2000-W7 for TIMEX3's 2000-W07."""
    if predicted is None or gold is None:
        return False
    return _WEEK.sub(r"-W\1", predicted) == _WEEK.sub(r"-W\1", gold)


@dataclass
class Score:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    exact: int = 0

    def add(self, text: str, predicted: list[Span], gold: list[Span]) -> list[tuple[Span, Span]]:
        pairs = match(text, predicted, gold)
        self.predicted += len(predicted)
        self.gold += len(gold)
        self.matched += len(pairs)
        self.exact += sum(same_value(p.value, g.value) for p, g in pairs)
        return pairs

    def line(self, name: str) -> str:
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        accuracy = self.exact / self.gold if self.gold else 0.0
        return (
            f"{name:<22} precision {precision:.3f}  recall {recall:.3f}  "
            f"value accuracy {accuracy:.3f}  (pred {self.predicted}, gold {self.gold}, "
            f"matched {self.matched}, exact value {self.exact})"
        )


def dateparser_spans(text: str, dct: dt.date) -> list[Span]:
    from dateparser.search import search_dates

    base = dt.datetime(dct.year, dct.month, dct.day, 12, 0)
    found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
    spans, cursor = [], 0
    for written, when in found:
        start = text.find(written, cursor)
        if start < 0:
            start = text.find(written)
        if start < 0:
            continue
        cursor = start + len(written)
        spans.append(Span(start, start + len(written), "DATE", _dateparser_value(written, when)))
    return spans


def _dateparser_value(written: str, when: dt.datetime) -> str:
    numbers = [int(n) for n in re.findall(r"\d+", written)]
    has_year = any(n >= 1000 for n in numbers)
    has_day = any(n <= 31 for n in numbers)
    has_month = bool(_MONTH.search(written))
    if has_year and not has_month and not has_day:
        return f"{when.year:04d}"
    if has_month and has_year and not has_day:
        return f"{when.year:04d}-{when.month:02d}"
    return when.date().isoformat()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--errors", type=int, default=0, help="print this many mistakes")
    args = parser.parse_args()
    if not args.data.exists():
        print(f"TimeML data not found at {args.data}; nothing to measure", file=sys.stderr)
        return 1

    from tidings import nlp
    from tidings.knowledge import Knowledge
    from tidings.resolve.times import TimeResolver

    documents = [read_tml(p) for p in sorted(args.data.glob("*/*.tml"))]
    model = nlp.load()
    resolver = TimeResolver(Knowledge.load())

    started = time.perf_counter()
    parsed = list(nlp.parse(model, (d.text for d in documents)))
    parse_seconds = time.perf_counter() - started

    started = time.perf_counter()
    resolved = [resolver(sdoc, d.dct) for sdoc, d in zip(parsed, documents)]
    resolve_seconds = time.perf_counter() - started

    ours, ours_other = Score(), Score()
    mistakes: list[str] = []
    for document, times in zip(documents, resolved):
        gold = [g for g in document.gold if g.type in ("DATE", "TIME")]
        other_gold = [g for g in document.gold if g.type in ("DURATION", "SET")]
        dated = [Span(t.start, t.end, t.type, t.value, t.text) for t in times if t.type in ("date", "time")]
        other = [Span(t.start, t.end, t.type, t.value, t.text) for t in times if t.type not in ("date", "time")]
        pairs = ours.add(document.text, dated, gold)
        ours_other.add(document.text, other, other_gold)
        mistakes.extend(_mistakes(document, dated, gold, pairs))

    print(f"TBAQ: {len(documents)} documents, {ours.gold} gold DATE/TIME expressions")
    print(ours.line("tidings"))
    print(ours_other.line("tidings dur/set") + "  [vs gold DURATION/SET; value not scored]")
    if not args.no_baseline:
        baseline = Score()
        started = time.perf_counter()
        for document in documents:
            gold = [g for g in document.gold if g.type in ("DATE", "TIME")]
            baseline.add(document.text, dateparser_spans(document.text, document.dct), gold)
        baseline_seconds = time.perf_counter() - started
        print(baseline.line("dateparser"))
        print(f"dateparser search_dates: {len(documents) / baseline_seconds:,.1f} docs/s")
    n = len(documents)
    print(
        f"throughput: spaCy parse {n / parse_seconds:,.1f} docs/s ({parse_seconds:.2f} s); "
        f"time resolver alone {n / resolve_seconds:,.1f} docs/s ({resolve_seconds:.3f} s) "
        f"= {100 * resolve_seconds / parse_seconds:.1f}% of the parse time"
    )
    for line in mistakes[: args.errors]:
        print(line)
    return 0


def _mistakes(document: Document, predicted: list[Span], gold: list[Span], pairs) -> list[str]:
    lines = []
    matched_p = {id(p) for p, _ in pairs}
    matched_g = {id(g) for _, g in pairs}
    for p, g in pairs:
        if not same_value(p.value, g.value):
            lines.append(
                f"VALUE {document.name} dct={document.dct} {p.text!r} -> {p.value} gold {g.text!r} "
                f"{g.value} | {_context(document.text, g)}"
            )
    for p in predicted:
        if id(p) not in matched_p:
            lines.append(f"FP    {document.name} {p.text!r} {p.value} | {_context(document.text, p)}")
    for g in gold:
        if id(g) not in matched_g:
            lines.append(f"FN    {document.name} dct={document.dct} {g.text!r} {g.value} | {_context(document.text, g)}")
    return lines


def _context(text: str, span: Span) -> str:
    return " ".join(text[max(0, span.start - 60) : span.end + 40].split())


if __name__ == "__main__":
    raise SystemExit(main())
