"""Actor resolution: names, titles, dated roles, metonyms, groups, and imported codes."""
import datetime as dt

import pytest

from tidings.knowledge import Knowledge
from tidings.resolve.actors import ActorResolver


@pytest.fixture(scope="module")
def nlp():
    from tidings import nlp as tnlp

    return tnlp.load()


@pytest.fixture(scope="module")
def kb():
    return Knowledge.load(user=False)


def actors(nlp, kb, text, published="2018-10-23", resolver=None, places=None):
    resolver = resolver or ActorResolver(kb)
    doc = nlp(text)
    where = places(doc) if places else []
    _, found, _ = resolver(doc, dt.date.fromisoformat(published) if published else None, where)
    return {a.name: a for a in found}


def test_written_titles_are_kept_and_coded(nlp, kb):
    found = actors(nlp, kb, "Defence analyst Maria Ortega, a former army colonel, spoke on Tuesday. "
                            "Chilean navy commander Pablo Ruiz disagreed.")
    assert found["Pablo Ruiz"].country == "CHL" and found["Pablo Ruiz"].sector == "MIL"
    assert "navy commander" in found["Pablo Ruiz"].title


def test_dated_roles_follow_the_publication_date(nlp, kb):
    then = actors(nlp, kb, "John Bolton spoke at the United Nations.", published="2005-10-01")
    now = actors(nlp, kb, "John Bolton spoke at the White House.", published="2018-10-23")
    assert then["John Bolton"].code == now["John Bolton"].code == "USAGOV"
    assert "ambassador" in then["John Bolton"].resolved_by.lower()
    assert "national security adviser" in now["John Bolton"].resolved_by


def test_surnames_join_the_full_name_and_honorifics_are_dropped(nlp, kb):
    found = actors(nlp, kb, "Vladimir Putin met the envoy. Mr Putin later said the talks went well. "
                            "Putin left on Friday.")
    assert len(found["Vladimir Putin"].mentions) == 3
    alone = actors(nlp, kb, "Merkel said Germany would help.", published="2015-06-01")
    assert alone["Angela Merkel"].code == "DEUGOV"


def test_metonyms_speak_for_governments_and_locatives_are_places(nlp, kb):
    found = actors(nlp, kb, "The Kremlin rejected the claim, and Washington said it would respond. "
                            "The envoy arrived in Paris on Monday.")
    assert found["Kremlin"].code == "RUSGOV"
    assert found["United States"].country == "USA"
    assert "France" not in found  # "in Paris" says where, not who


def test_group_actors(nlp, kb):
    found = actors(nlp, kb, "Ukrainian troops shelled the village while officials in Russia denied it. "
                            "Riot police fired tear gas at protesters.")
    assert found["Ukrainian troops"].code == "UKRMIL"
    assert found["officials"].code == "RUSGOV"
    assert found["Riot police"].sector == "COP"
    assert found["protesters"].sector == "OPP"
    owned = actors(nlp, kb, "The Trump administration imposed new tariffs.", published="2019-05-01")
    assert owned["Trump administration"].code == "USAGOV"


def test_parties_and_peoples(nlp, kb):
    found = actors(nlp, kb, "Republicans blocked the bill. Bosnian Serbs rejected the plan.")
    assert found["Republican Party"].code == "USAPTY"
    assert found["Bosnian Serbs"].country == "BIH"


def test_home_country_codes_domestic_actors_only_where_one_country_dominates(nlp, kb):
    from tidings.resolve.places import PlaceResolver

    places = PlaceResolver(kb)
    text = ("Police in Nairobi arrested the opposition leader on Monday. Kenya's courts will hear "
            "the case in Nairobi. Opposition spokesman Peter Otieno said Kenya was sliding backwards.")
    found = actors(nlp, kb, text, places=places)
    assert found["Peter Otieno"].code == "KENOPP"
    assert "context" in found["Peter Otieno"].resolved_by
    one_line = actors(nlp, kb, "President Smith threatened action against Russia.", places=places)
    assert one_line["Smith"].country is None


def test_imported_agents_compose_with_countries(nlp, tmp_path):
    people = tmp_path / "people"
    people.mkdir()
    (people / "dict.tsv").write_text(
        "name\taliases\tcountry\tsector\ttitle\tstart\tend\tcode\n"
        "Gondor\t\tGON\t\t\t\t\tGON\n", encoding="utf-8")
    (tmp_path / "titles-dict.tsv").write_text(
        "word\tsector\tkind\tcountry\tcode\nforeign minister\tGOV\tgroup\t\t~GOVFRM\n", encoding="utf-8")
    kb = Knowledge.load([tmp_path], user=False)
    found = actors(nlp, kb, "Gondor's foreign minister urged calm.", resolver=ActorResolver(kb))
    assert found["Gondor"].code == "GON"
    assert found["foreign minister"].code == "GONGOVFRM"


def test_spelling_variants_of_known_names(nlp, kb):
    found = actors(nlp, kb, "President Abdelaziz Bouteflicka spoke in Algiers.", published="2005-01-01")
    assert found["Abdelaziz Bouteflika"].code == "DZAGOV"
    assert kb.by_surname_spelling("Merkle")[0].name == "Angela Merkel"  # a swap of neighbours
    assert kb.by_surname_spelling("Brown") == []  # short names are too close to others to guess


def test_groups_take_the_country_of_a_place_named_after_them(nlp, kb):
    from tidings.resolve.places import PlaceResolver

    found = actors(nlp, kb, "Officials in Mumbai said the storm had passed.", places=PlaceResolver(kb))
    assert found["Officials"].code == "INDGOV"
    ethnic = actors(nlp, kb, "Ethnic Albanians have sworn to fight on.")
    assert "Albania" not in ethnic and ethnic["ethnic Albanians"].country is None


def test_a_name_in_apposition_to_a_title_takes_it(nlp, kb):
    found = actors(nlp, kb, "Germany's chancellor, Helmut Schmidt, met the envoy.", published="1978-01-01")
    assert found["Helmut Schmidt"].title == "chancellor" and found["Helmut Schmidt"].code == "DEUGOV"
    assert kb.country_by_spelling("Quatar").iso3 == "QAT"  # one letter off a country's name
    assert kb.country_by_spelling("Iraq") is None  # short names are not guessed


def test_group_affiliated_with_an_organisation_takes_its_country(nlp, kb):
    found = actors(nlp, kb, "Some 3,000 workers affiliated with the Chilean Port Workers' Federation walked out.")
    assert found["workers"].country == "CHL"


def test_group_based_in_a_capital_takes_its_country(nlp, kb):
    found = actors(nlp, kb, "A newspaper based in Lima printed the letter on Sunday.")
    assert found["newspaper"].country == "PER"


def test_ethnic_people_take_the_country_their_clause_places_them_in(nlp, kb):
    found = actors(nlp, kb, "Ethnic Hungarians rallied in Romania on Sunday.")
    assert found["ethnic Hungarians"].country == "ROU"


def test_country_written_in_the_title_outranks_the_stored_role(nlp, kb):
    found = actors(nlp, kb, "Serbian leader Vojislav Kostunica met reporters on Friday.", published="2001-03-01")
    assert found["Vojislav Koštunica"].country == "SRB"


def test_domestic_actor_takes_the_one_country_its_sentence_names(nlp, kb):
    found = actors(nlp, kb, "Opposition lawmakers walked out after the Ghanaian president criticised Togo.")
    assert found["Opposition lawmakers"].country == "GHA"  # Togo, a party to the act, is no home
    both = actors(nlp, kb, "Opposition lawmakers walked out after the Ghanaian president and "
                           "the Togolese foreign minister spoke.")
    assert both["Opposition lawmakers"].country is None


def test_name_cut_inside_a_parenthesis_runs_to_its_head_noun(nlp, kb):
    found = actors(nlp, kb, "The Baath (Renaissance) party said it would contest the vote.")
    assert "Baath (Renaissance) party" in found
