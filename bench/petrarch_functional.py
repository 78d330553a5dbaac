"""PETRARCH's functional tests, coded by tidings with PETRARCH's own dictionaries.

    python bench/petrarch_functional.py [path/to/petrarch] [--with-builtin] [--errors [CATEGORY]]

The validation actor, agent and verb dictionaries (`PETR.Validate.*`, the tests' own
dictionaries) are imported with `tidings.knowledge.petrarch.convert` into a temporary
knowledge folder and loaded on top of the built-in knowledge. The event coder uses the
imported verb patterns only and the imported agents as the only role words, as PETRARCH
would (`--with-builtin`: tidings' own CAMEO patterns and title words too). PETRARCH's
output rules are applied when writing triples: `<Config option="require_dyad">` (default
true) drops events with a null side ('---'), and a code list "FRO/BIL/SAM" stands for
each of its codes.
Each test sentence's expected (source, target, event) code triples are compared with the
triples of tidings' events (source/target `Actor.code`, CAMEO code): precision, recall and
F1 per category and overall, strict (full code) and at the CAMEO root; "codes only"
compares each sentence's event codes with the actors left aside (the event coder alone).
`--errors` prints every case whose triples differ from the gold ones (text, gold, got,
the document's actors with codes and the words they were read from); `--errors AGENT`
only that category's.
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
_SENTENCE = re.compile(r"<Sentence\b([^>]*)>(.*?)</Sentence>|<Config\b([^>]*)>", re.S)
_ATTR = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_CODING = re.compile(r"<EventCoding\b([^>]*)>")
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)


def attrs(text: str) -> dict[str, str]:
    return {m.group(1): (m.group(2) if m.group(2) is not None else m.group(3)) for m in _ATTR.finditer(text)}


def read_cases(path: Path) -> list[dict]:
    xml = _COMMENT.sub("", path.read_text(encoding="utf-8", errors="replace"))
    cases = []
    require_dyad = True  # PETRARCH's default; a <Config> record changes it for what follows
    for m in _SENTENCE.finditer(xml):
        if m.group(3) is not None:
            option = attrs(m.group(3))
            if option.get("option") == "require_dyad":
                require_dyad = "false" not in option.get("value", "").lower()
            continue
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
            "gold": gold, "require_dyad": require_dyad,
        })
    return cases


def _petrarch_code(actor) -> str:
    """An actor's code as PETRARCH writes it: an agent without a country is '---GOV'."""
    code = actor.code or actor.country or "---"
    if actor.country is None and actor.sector and code == actor.sector:
        return "---" + code
    return code


def triples(doc, require_dyad: bool = False) -> set[tuple[str, str, str]]:
    """The events as PETRARCH writes them; with PETRARCH's `require_dyad` option (its
    default, set per record by `<Config>`), an event with a null side ('---') is not
    written."""
    codes = {a.id: _petrarch_code(a) for a in doc.actors}
    out = set()
    for e in doc.events:
        for s in e.source or [None]:
            for t in e.target or [None]:
                # an entry coded "FRO/BIL/SAM" stands for each of its codes (PETRARCH's
                # compound codes); an actor does not act on itself
                for sc in codes.get(s, "---").split("/"):
                    for tc in codes.get(t, "---").split("/"):
                        if sc != tc and not (require_dyad and "---" in (sc, tc)):
                            out.add((sc, tc, e.cameo))
    return out


def score(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def show_error(case: dict, doc, got: set) -> None:
    """One failing case: its text, gold and coded triples, actors with codes, events."""
    print(f"\n[{case['category']} {case['id']}] {case['text']}")
    print(f"  gold: {sorted(case['gold'])}")
    print(f"  got:  {sorted(got)}")
    text_of = {e.id: e.text for e in doc.entities}
    for a in doc.actors:
        said = ", ".join(repr(text_of.get(m, m)) for m in dict.fromkeys(a.mentions))
        print(f"  actor {a.id} {_petrarch_code(a)} {a.name!r} [{said}] ({a.resolved_by})")
    for e in doc.events:
        print(f"  event {e.cameo} {e.trigger!r} {e.source}->{e.target}")


def imported_titles(folder: Path) -> dict:
    """Role and group words of the imported agents dictionary only: PETRARCH knows no
    agent its dictionary does not list ("crowds", "news agency" are nobody to it)."""
    only = Knowledge()
    for path in sorted(folder.glob("titles-*.tsv")):
        only.add_file(path)
    return only.titles


def main(folder: Path, with_builtin: bool = False, errors: str | None = None) -> None:
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
        if not with_builtin:
            knowledge.titles = imported_titles(Path(tmp))
        pipeline = Pipeline(knowledge)
        if not with_builtin:
            pipeline.events = EventCoder(knowledge, paths=sorted((Path(tmp) / "events").glob("*.txt")))
        cases = read_cases(records)
        counts: dict[str, list[int]] = defaultdict(lambda: [0] * 9)
        for case in cases:
            doc = pipeline(Article(text=case["text"], published=case["published"]))
            got = triples(doc, case["require_dyad"])
            gold = case["gold"]
            root = lambda ts: {(s, t, c[:2]) for s, t, c in ts}  # noqa: E731
            c = counts[case["category"]]
            c[0] += len(got & gold); c[1] += len(got - gold); c[2] += len(gold - got)
            c[3] += len(root(got) & root(gold)); c[4] += len(root(got) - root(gold)); c[5] += len(root(gold) - root(got))
            codes_got, codes_gold = {t[2] for t in got}, {t[2] for t in gold}  # actors aside
            c[6] += len(codes_got & codes_gold); c[7] += len(codes_got - codes_gold); c[8] += len(codes_gold - codes_got)
            if errors is not None and got != gold and errors in {"", case["category"]}:
                show_error(case, doc, got)
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
    argv = sys.argv[1:]
    errors = None
    if "--errors" in argv:
        at = argv.index("--errors")
        nxt = argv[at + 1] if at + 1 < len(argv) else ""
        errors = nxt if nxt.isupper() and not nxt.startswith("--") else ""
        argv = argv[:at + 1] + argv[at + 2:] if errors else argv
    args = [a for a in argv if not a.startswith("--")]
    main(Path(args[0]) if args else DATA, with_builtin="--with-builtin" in argv, errors=errors)
