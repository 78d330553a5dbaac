"""PETRARCH verb dictionaries → tidings event patterns (knowledge/petrarch_verbs.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from tidings import nlp
from tidings.extract.event_patterns import PatternBook, parse_line
from tidings.knowledge.petrarch import convert
from tidings.knowledge.petrarch_verbs import read_verbs, regular_forms

VALIDATE = Path(__file__).resolve().parents[2] / "shared" / "data" / "petrarch" / "dictionaries"

# A small verbs dictionary in PETRARCH's format, written for these tests.
VERBS = """\
<!-- test dictionary -->
&ARMS_
+RIFLES
+HEAVY_GUNS

--- SEVER  [161] ---
SEVER
- * TRADE_LINKS  [162]  # adjacent words
- * &ARMS SALES  [163]
- NEVER *  [---]

--- HAND_OVER [071:072] ---
+HAND_OVER {+HANDS_OVER +HANDED_OVER}

--- WIN [---] ---
WIN {WON WINS}
- * PLEDGE FROM $  [054]
"""


@pytest.fixture(scope="module")
def model():
    return nlp.load()


@pytest.fixture()
def converted(tmp_path: Path) -> tuple[Path, list[str]]:
    source = tmp_path / "Test.verbs.txt"
    source.write_text(VERBS, encoding="utf-8")
    counts, written = convert([source], tmp_path / "out")
    events = tmp_path / "out" / "events" / "petrarch-Test.verbs.txt"
    assert events in written
    assert (counts.verbs, counts.patterns) == (3, 4)
    return events, [ln.split("#")[0].strip() for ln in events.read_text().splitlines()
                    if ln.strip() and not ln.startswith("#")]


def test_own_dictionary_entry_by_entry(converted):
    _, lines = converted
    sever = "@sever|severs|severed|severing"
    assert lines == [
        f"{sever} -> 161 literal",
        f"{sever} <never -> --- literal",
        f"{sever} >rifles|heavy_guns >sales -> 163 literal",
        f"{sever} >trade_links -> 162 literal",
        "@hand|hands|handed >_over -> 071:072 literal",
        "@win|won|wins -> --- literal",
        "@win|won|wins >pledge >from >SOURCE -> 054 literal",
    ]


def test_codebook_for_codes_cameo_lacks(tmp_path: Path):
    source = tmp_path / "V.txt"
    source.write_text("--- PROD [1717] ---\nPROD\n- * HARD  [075A]\n", encoding="utf-8")
    convert([source], tmp_path)
    rows = {r.split("\t")[0]: r.split("\t") for r in (tmp_path / "cameo-petrarch-V.tsv").read_text().splitlines()
            if r and not r.startswith("#")}
    assert "071" not in rows  # CAMEO codes are left to cameo.tsv
    assert rows["1717"][3] == "4" and rows["1717"][4]  # quad class and PLOVER of 171
    assert rows["075A"][2] != "0.0"  # Goldstein of 075


def test_regular_forms():
    assert regular_forms("RESTORE") == ["RESTORE", "RESTORES", "RESTORED", "RESTORING"]
    assert regular_forms("ACT") == ["ACT", "ACTS", "ACTED", "ACTING"]


def test_imported_codes_need_literal():
    with pytest.raises(ValueError):
        parse_line("sever -> 075A", "verb", "x:1")
    assert parse_line("@sever >ties -> 032:033 literal", "verb", "x:1").codes == ("032", "033")


def test_sequences_bind_on_a_parse(converted, model):
    events, _ = converted
    book = PatternBook.load([events])
    doc = model("Valdoria severed trade links with Norland on Monday.")
    match = book.match(doc[1])
    assert match is not None and match.pattern.code == "162"
    gap = model("Valdoria severed trade and cultural links with Norland on Monday.")
    assert book.match(gap[1]).pattern.code == "161"  # `_` words must be adjacent
    arms = model("Valdoria severed all heavy guns sales to Norland.")
    assert book.match(arms[1]).pattern.code == "163"
    never = model("Valdoria would never sever its ties with Norland.")
    assert book.match(never[3]).pattern.code == "---"
    pledge = model("Valdoria won a pledge of support from Norland.")
    match = book.match(pledge[1])
    assert match.pattern.code == "054" and match.source is not None and match.source.text == "Norland"


def test_validation_dictionary_blocks():
    path = VALIDATE / "PETR.Validate.verbs.txt"
    if not path.exists():
        pytest.skip("PETRARCH validation dictionaries not present (../shared/data/petrarch)")
    book = read_verbs(path)
    blocks = {b.name: b for b in book.blocks}
    restore = blocks["RESTORE"]
    assert restore.code == "064"
    assert restore.verbs[0].forms == ["RESTORE", "RESTORES", "RESTORED", "RESTORING"]
    assert [(p.upper, p.lower.strip(), p.code) for p in restore.patterns][:3] == [
        ("", "FXLL DIPLOMATIC", "+++"), ("NOT", "RELATIONS", "112"), ("", "DIPLOMATIC", "064")]
    assert any(p.code == "###" for p in restore.patterns)  # '[###]' is a code, not a comment
    brk = blocks["BREAK"]
    assert brk.code == "1717" and brk.verbs[0].forms == ["BREAK", "BROKE", "BROKEN"]
    assert brk.verbs[1].forms[:2] == ["BREAK", "BREAKS"] and brk.verbs[1].after == ["DOWN"]
    assert "ECONOMIC" in book.synsets["&TIETYPES"] and "YUM YENNYEN" in book.synsets["&CURRENCY"]
    assert blocks["LEFT"].code == "032:033"


def test_end_to_end_sentence_coded_with_an_imported_pattern(tmp_path: Path, model):
    from tidings import Article, Pipeline
    from tidings.extract.events import EventCoder
    from tidings.knowledge import Knowledge

    source = tmp_path / "Test.verbs.txt"
    source.write_text(VERBS, encoding="utf-8")
    convert([source], tmp_path / "kb")
    knowledge = Knowledge.load([tmp_path / "kb"])
    pipeline = Pipeline(knowledge)
    pipeline.events = EventCoder(knowledge, paths=sorted((tmp_path / "kb" / "events").glob("*.txt")))
    doc = pipeline(Article(text="France severed trade links with Germany on Monday.", published="2024-03-04"))
    coded = {(e.cameo, e.root) for e in doc.events}
    assert ("162", "16") in coded
    paired = pipeline(Article(text="France handed over the prisoners to German police on Monday.",
                              published="2024-03-04"))
    country = {a.id: a.country for a in paired.actors}
    got = {(country[e.source[0]], country[e.target[0]], e.cameo) for e in paired.events if e.source and e.target}
    assert {("FRA", "DEU", "071"), ("DEU", "FRA", "072")} <= got  # a paired code: both directions


# PETRARCH's compound element `%` and its symmetric events, written for these tests.
COMPOUND_VERBS = """\
--- COOPERATE  [081] ---
COOPERATE
- % *  [030:030]
- * WITH %  [031]

--- RESUME  [---] ---
RESUME
- * DIPLOMATIC  [064:064]

--- DENOUNCE  [122] ---
DENOUNCE
"""


@pytest.fixture()
def compound_kb(tmp_path: Path) -> Path:
    source = tmp_path / "Compound.verbs.txt"
    source.write_text(COMPOUND_VERBS, encoding="utf-8")
    convert([source], tmp_path / "kb")
    return tmp_path / "kb"


def _lines(events: Path) -> list[str]:
    return [ln.split("#")[0].strip() for ln in events.read_text().splitlines()
            if ln.strip() and not ln.startswith("#")]


def test_compound_element_becomes_a_slot(compound_kb: Path):
    lines = _lines(compound_kb / "events" / "petrarch-Compound.verbs.txt")
    cooperate = "@cooperate|cooperates|cooperated|cooperating"
    assert f"{cooperate} <COMPOUND -> 030:030 literal" in lines
    assert f"{cooperate} >with >COMPOUND -> 031 literal" in lines


def test_compound_slot_needs_a_coordination(compound_kb: Path, model):
    book = PatternBook.load(sorted((compound_kb / "events").glob("*.txt")))
    both = model("Valdoria and Norland cooperate on the border line.")
    match = book.match(both[3])
    assert match.pattern.code == "030:030" and match.pattern.reciprocal
    assert match.source is not None and match.source.text == "Valdoria"  # the whole coordination
    alone = model("Valdoria cooperates on the border line.")
    assert book.match(alone[1]).pattern.code == "081"
    partners = model("Valdoria cooperated with Norland and Estonia on the border line.")
    match = book.match(partners[1])
    assert match.pattern.code == "031" and match.target.text == "Norland"


def _coder(kb: Path):
    from tidings import Pipeline
    from tidings.extract.events import EventCoder
    from tidings.knowledge import Knowledge

    knowledge = Knowledge.load([kb])
    pipeline = Pipeline(knowledge)
    pipeline.events = EventCoder(knowledge, paths=sorted((kb / "events").glob("*.txt")))
    return pipeline


def _triples(doc) -> set[tuple[str | None, str | None, str]]:
    country = {a.id: a.country for a in doc.actors}
    return {(country[s], country[t], e.cameo) for e in doc.events for s in e.source for t in e.target}


def test_symmetric_events_between_a_compound_source(compound_kb: Path, model):
    from tidings import Article

    pipeline = _coder(compound_kb)
    agree = pipeline(Article(text="France and Germany cooperate closely on arbitration.",
                             published="2024-03-04"))
    assert {("FRA", "DEU", "030"), ("DEU", "FRA", "030")} <= _triples(agree)
    renewed = pipeline(Article(text="France and Germany resumed diplomatic ties on Monday.",
                               published="2024-03-04"))
    assert _triples(renewed) == {("FRA", "DEU", "064"), ("DEU", "FRA", "064")}


def test_imported_target_is_the_first_actor_after_the_verb(compound_kb: Path, model):
    from tidings import Article

    doc = _coder(compound_kb)(Article(
        text="France denounced an attack by German soldiers in northern Belgium on Monday.",
        published="2024-03-04"))
    assert {t[1] for t in _triples(doc) if t[2] == "122"} == {"DEU"}  # not Belgium, named later
