"""PETRARCH's functional tests, coded by tidings with PETRARCH's own dictionaries.

    python bench/petrarch_functional.py [path/to/petrarch] [--with-builtin]

The validation actor, agent and verb dictionaries (`PETR.Validate.*`, the tests' own
dictionaries) are imported with `tidings.knowledge.petrarch.convert` into a temporary
knowledge folder and loaded on top of the built-in knowledge. The event coder uses the
imported verb patterns only, as PETRARCH would (`--with-builtin`: tidings' own CAMEO
patterns too).
Each test sentence's expected (source, target, event) code triples are compared with the
triples of tidings' events (source/target `Actor.code`, CAMEO code): precision, recall and
F1 per category and overall, strict (full code) and at the CAMEO root; "codes only"
compares each sentence's event codes with the actors left aside (the event coder alone).
"""
from __future__ import annotations

import re
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from tidings import Article, Pipeline
from tidings.knowledge import Knowledge
from tidings.extract.events import EventCoder
from tidings.knowledge.petrarch import convert

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "petrarch"
_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>", re.S)
_ATTR = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CODING = re.compile(r"<EventCoding\b([^>]*)>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def attrs(text: str) -> dict[str, str]:
    return {m.group(1): (m.group(2) if m.group(2) is not None else m.group(3)) for m in _ATTR.finditer(text)}


def read_cases(path: Path) -> list[dict]:
    xml = _COMMENT.sub("", path.read_text(encoding="utf-8", errors="replace"))
    cases = []
    for m in _SENTENCE.finditer(xml):
        head, body = attrs(m.group(1)), m.group(2)
        text = _TEXT.search(body)
        if text is None:
            continue
        codings = [attrs(c.group(1)) for c in _CODING.finditer(body)]
        if any("error" in c for c in codings):
            continue  # records that test PETRARCH's error handling, not coding
        gold = {(c["sourcecode"], c["targetcode"], c["eventcode"]) for c in codings if "eventcode" in c}
        date = head.get("date", "")
        cases.append({
            "id": head.get("id"), "category": head.get("category", "?").rstrip("x"),
            "text": " ".join(text.group(1).split()),
            "published": f"{date[:4]}-{date[4:6]}-{date[6:8]}" if len(date) == 8 else None,
            "gold": gold,
        })
    return cases


def _petrarch_code(actor) -> str:
    """An actor's code as PETRARCH writes it: an agent without a country is '---GOV'."""
    code = actor.code or actor.country or "---"
    if actor.country is None and actor.sector and code == actor.sector:
        return "---" + code
    return code


def triples(doc) -> set[tuple[str, str, str]]:
    codes = {a.id: _petrarch_code(a) for a in doc.actors}
    out = set()
    for e in doc.events:
        for s in e.source or [None]:
            for t in e.target or [None]:
                out.add((codes.get(s, "---"), codes.get(t, "---"), e.cameo))
    return out


def score(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main(folder: Path, with_builtin: bool = False) -> None:
    records = folder / "PETR.UnitTest.records.xml"
    if not records.exists():
        sys.exit(f"PETRARCH data not found at {folder}")
    dictionaries = folder / "dictionaries"
    with tempfile.TemporaryDirectory() as tmp:
        names = ("PETR.Validate.actors.txt", "PETR.Validate.agents.txt", "PETR.Validate.verbs.txt")
        imported, _ = convert([dictionaries / n for n in names], Path(tmp))
        print(f"imported {imported.names} actors, {imported.agents} agents, "
              f"{imported.verbs} verbs ({imported.patterns} patterns)")
        knowledge = Knowledge.load([tmp])
        pipeline = Pipeline(knowledge)
        if not with_builtin:
            pipeline.events = EventCoder(knowledge, paths=sorted((Path(tmp) / "events").glob("*.txt")))
        cases = read_cases(records)
        counts: dict[str, list[int]] = defaultdict(lambda: [0] * 9)
        for case in cases:
            doc = pipeline(Article(text=case["text"], published=case["published"]))
            got = triples(doc)
            gold = case["gold"]
            root = lambda ts: {(s, t, c[:2]) for s, t, c in ts}  # noqa: E731
            c = counts[case["category"]]
            c[0] += len(got & gold); c[1] += len(got - gold); c[2] += len(gold - got)
            c[3] += len(root(got) & root(gold)); c[4] += len(root(got) - root(gold)); c[5] += len(root(gold) - root(got))
            codes_got, codes_gold = {t[2] for t in got}, {t[2] for t in gold}  # actors aside
            c[6] += len(codes_got & codes_gold); c[7] += len(codes_got - codes_gold); c[8] += len(codes_gold - codes_got)
    print(f"{'category':<10} {'cases':>5}  strict P / R / F1      root P / R / F1       codes only P / R / F1")
    total = [0] * 9
    n_by = defaultdict(int)
    for case in cases:
        n_by[case["category"]] += 1
    for cat in sorted(counts):
        c = counts[cat]
        total = [a + b for a, b in zip(total, c)]
        print(_row(cat, n_by[cat], c))
    print(_row("ALL", len(cases), total))


def _row(name: str, n: int, c: list[int]) -> str:
    s, r, k = score(*c[:3]), score(*c[3:6]), score(*c[6:9])
    return (f"{name:<10} {n:>5}  {s[0]:.2f} / {s[1]:.2f} / {s[2]:.2f}      {r[0]:.2f} / {r[1]:.2f} / {r[2]:.2f}"
            f"       {k[0]:.2f} / {k[1]:.2f} / {k[2]:.2f}")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    main(Path(args[0]) if args else DATA, with_builtin="--with-builtin" in sys.argv)
