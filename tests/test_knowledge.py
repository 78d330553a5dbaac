"""The knowledge base: complete and consistent files, dated roles, user layering."""
import datetime as dt

import pytest

from tidings.knowledge import Knowledge, KnowledgeError, add_user_file, explain, key

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


@pytest.fixture(scope="module")
def kb():
    return Knowledge.load(user=False)


def test_cameo_tree_is_complete_and_consistent(kb):
    codes = kb.cameo
    roots = [f"{i:02d}" for i in range(1, 21)]
    assert all(r in codes for r in roots)
    assert 280 <= len(codes) <= 330
    for code, c in codes.items():
        assert code[:2] in roots, code
        if len(code) > 2:
            assert code[:-1] in codes or code[:2] in codes, f"{code} has no parent"
        root = int(code[:2])
        expected_quad = 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4
        assert c.quad_class == expected_quad, code
        assert -10.0 <= c.goldstein <= 10.0, code
        assert c.plover is None or c.plover in PLOVER, (code, c.plover)
    assert codes["036"].goldstein == 4.0 and codes["190"].goldstein == -10.0
    assert codes["042"].plover == "CONSULT" and codes["112"].plover == "ACCUSE"
    assert codes["01"].plover is None


def test_sector_and_title_words(kb):
    assert kb.title("national security adviser").sector == "GOV"
    assert kb.title("troops").sector == "MIL"
    assert kb.title("protesters").kind == "group"
    assert all(w.sector in kb.sectors for w in kb.titles.values() if w.sector)


def test_keys_ignore_case_dots_articles_and_accents():
    assert key("the U.S.") == key("US") == "us"
    assert key("Recep Tayyip Erdoğan") == key("recep tayyip erdogan")
    assert key("Putin's") == "putin"


def test_dated_roles_resolve_as_of_a_date(tmp_path):
    people = tmp_path / "people"
    people.mkdir()
    (people / "mine.tsv").write_text(
        "name\taliases\tcountry\tsector\ttitle\tstart\tend\n"
        "Ann Example\tAnn B. Example\tFRA\tLEG\tsenator\t2001\t2009-06\n"
        "Ann Example\t\tFRA\tGOV\tforeign minister\t2009-07-01\t\n", encoding="utf-8")
    kb = Knowledge.load([tmp_path], user=False)
    ann = kb.person("ann b. example")
    assert ann.role_on(dt.date(2005, 1, 1)).sector == "LEG"
    assert ann.role_on(dt.date(2012, 1, 1)).title == "foreign minister"
    assert ann.role_on(dt.date(1990, 1, 1)).sector == "LEG"  # before any role: the earliest
    assert [p.name for p in kb.by_surname("Example")] == ["Ann Example"]
    rows = explain(kb, "Ann Example", dt.date(2005, 1, 1))
    assert rows[0]["code"] == "FRALEG"


def test_bad_user_file_names_file_and_line(tmp_path):
    people = tmp_path / "people"
    people.mkdir()
    (people / "bad.tsv").write_text(
        "name\taliases\tcountry\tsector\ttitle\tstart\tend\nX Y\t\tFRA\tGOV\tminister\tlast year\t\n")
    with pytest.raises(KnowledgeError, match="bad.tsv:2"):
        Knowledge.load([tmp_path], user=False)


def test_add_user_file_is_layered_over_built_ins(tmp_path, monkeypatch):
    monkeypatch.setenv("TIDINGS_KNOWLEDGE", str(tmp_path / "user"))
    mine = tmp_path / "organisations-mine.tsv"
    mine.write_text("name\taliases\tcode\tcountry\tsector\tkind\n"
                    "Ministry of Silly Walks\tMSW\tGBRGOV\tGBR\tGOV\torganisation\n")
    add_user_file(mine)
    kb = Knowledge.load()
    assert kb.organisation("the MSW").code == "GBRGOV"
    with pytest.raises(KnowledgeError, match="not a knowledge file"):
        junk = tmp_path / "junk.tsv"
        junk.write_text("a\tb\n1\t2\n")
        add_user_file(junk)


def test_sector_groups_sort_the_state_from_society_and_channels():
    from tidings.knowledge import Knowledge

    kb = Knowledge.load()
    assert kb.sectors_in("state") == {"GOV", "MIL", "COP", "JUD", "LEG", "SPY"}
    assert kb.sectors_in("media") == {"MED"}
    assert {"IGO", "NGO"} <= kb.sectors_in("international")
    assert not kb.sectors_in("state") & kb.sectors_in("society", "international", "media")


@pytest.mark.parametrize("name, code", [
    ("National Hurricane Center", "USAGOV"), ("Transportation Security Administration", "USAGOV"),
    ("9th U.S. Circuit Court of Appeals", "USAJUD"), ("the Ninth Circuit", "USAJUD"),
    ("House Intelligence Committee", "USALEG"), ("NHS", "GBRHLH"), ("HMRC", "GBRGOV"),
    ("Indian Space Research Organisation", "INDGOV"), ("Bundeskartellamt", "DEUGOV"),
    ("Japan Meteorological Agency", "JPNGOV"), ("Carabineros", "CHLCOP"),
])
def test_national_agencies_carry_country_and_function(kb, name, code):
    assert kb.organisation(name).code == code


@pytest.mark.parametrize("name, code, sector", [
    ("General Motors", "USAMNC", "MNC"), ("Wells Fargo", "USABUS", "BUS"), ("Embraer", "BRAMNC", "MNC"),
    ("Rio Tinto", "MNC", "MNC"), ("Wikinews", "USAMED", "MED"), ("Jiji Press", "JPNMED", "MED"),
    ("IG Metall", "DEULAB", "LAB"), ("Shiv Sena", "INDPTY", "PTY"), ("Apple Daily", "HKGMED", "MED"),
])
def test_companies_outlets_unions_and_parties_are_coded(kb, name, code, sector):
    org = kb.organisation(name)
    assert (org.code, org.sector) == (code, sector)
    assert org.country == (code[:3] if code != "MNC" else None)


@pytest.mark.parametrize("word", ["Atlantic", "Hindu", "Independent", "Hill", "Iberia", "Vinci", "Dell",
                                  "Ford", "Emirates", "Paper", "Nation", "Age", "Australian"])
def test_words_of_other_meanings_are_not_organisations(kb, word):
    # an ocean, a faith, a voter, a people, a painter: only the full names code the outlet or firm
    assert kb.organisation(word) is None


def test_organisation_names_do_not_shadow_countries_or_each_other(kb):
    seen: dict[str, str] = {}
    for org in kb.organisations:
        for name in [org.name, *org.aliases]:
            k = key(name)
            if not (name.isupper() and len(name) == 3):  # "NAM" is also Namibia's ISO code
                assert kb.country(name) is None, name
            assert seen.setdefault(k, org.name) == org.name, (name, seen[k], org.name)
