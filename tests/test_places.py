"""Place resolution: countries, capitals, cities in context, qualifiers, regions, states,
and what is not a place. Sentences are written for these tests."""
from __future__ import annotations

from pathlib import Path

import pytest

from tidings import nlp as tidings_nlp
from tidings.knowledge import Knowledge
from tidings.record import Place
from tidings.resolve.places import PlaceResolver

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "bolton-moscow.txt"

# A few facts written out here, layered over the built-in knowledge, so these tests
# check the resolver's rules whatever the shipped country and region files hold.
COUNTRIES = """
RUS: {name: Russia, iso2: RU, names: [Russian Federation, Russia], demonyms: [Russian, Russians], capital: Moscow, seats: [Kremlin]}
FRA: {name: France, iso2: FR, names: [France, French Republic], demonyms: [French], capital: Paris}
USA: {name: United States, iso2: US, names: [United States, US, USA, America, United States of America], demonyms: [American, Americans], capital: Washington, seats: [White House]}
GEO: {name: Georgia, iso2: GE, names: [Georgia], demonyms: [Georgian, Georgians], capital: Tbilisi}
UKR: {name: Ukraine, iso2: UA, names: [Ukraine], demonyms: [Ukrainian, Ukrainians], capital: Kyiv}
GBR: {name: United Kingdom, iso2: GB, names: [United Kingdom, UK, Britain], demonyms: [British], capital: London}
"""
REGIONS = """
- {name: Europe, aliases: [], countries: [], country: null, lat: 50.0, lon: 10.0}
- {name: Far East, aliases: [the Far East], countries: [], country: null, lat: 35.0, lon: 120.0}
- {name: Middle East, aliases: [the Middle East, Mideast], countries: [], country: null, lat: 29.0, lon: 41.0}
- {name: Crimea, aliases: [Crimean Peninsula], countries: [UKR], country: UKR, lat: 45.3, lon: 34.4}
"""
PEOPLE = "name\taliases\tcountry\tsector\ttitle\tstart\tend\nJohn Bolton\t\tUSA\tGOV\tnational security adviser\t2018-04-09\t2019-09-10\n"


@pytest.fixture(scope="module")
def nlp():
    return tidings_nlp.load()


@pytest.fixture(scope="module")
def resolver(tmp_path_factory) -> PlaceResolver:
    folder = tmp_path_factory.mktemp("knowledge")
    (folder / "countries.yaml").write_text(COUNTRIES, encoding="utf-8")
    (folder / "regions.yaml").write_text(REGIONS, encoding="utf-8")
    (folder / "people").mkdir()
    (folder / "people" / "test.tsv").write_text(PEOPLE, encoding="utf-8")
    return PlaceResolver(Knowledge.load(extra=[folder], user=False))


def places_of(nlp, resolver, text: str) -> list[Place]:
    return resolver(nlp(text))


def by_name(places: list[Place]) -> dict[str, Place]:
    return {p.name: p for p in places}


def test_countries_resolve_with_coordinates(nlp, resolver):
    places = by_name(places_of(nlp, resolver, "Russia and France signed a grain accord on Tuesday."))
    assert places["Russia"].country == "RUS" and places["Russia"].feature == "country"
    assert places["France"].country == "FRA" and places["France"].feature == "country"
    # a representative point inside the country, from where its people live
    assert 40 < places["France"].lat < 52 and -5 < places["France"].lon < 9
    assert places["Russia"].geonameid == 2017370


def test_capitals_used_as_actors_stay_places(nlp, resolver):
    text = "Moscow said on Friday it would respond, while Washington's envoy declined to comment."
    places = by_name(places_of(nlp, resolver, text))
    assert places["Moscow"].country == "RUS" and places["Moscow"].geonameid == 524901
    washington = places["Washington"]
    assert (washington.country, washington.feature, washington.geonameid) == ("USA", "city", 4140963)
    start, end = washington.mentions[0]
    assert text[start:end] == "Washington"  # without the possessive


def test_paris_in_a_us_russia_story_is_the_french_capital(nlp, resolver):
    text = ("President Donald Trump will meet Vladimir Putin in Paris next month, US officials "
            "said, after talks in Moscow.")
    paris = by_name(places_of(nlp, resolver, text))["Paris"]
    assert (paris.country, paris.geonameid, paris.feature) == ("FRA", 2988507, "city")
    assert 48 < paris.lat < 49 and 2 < paris.lon < 3


def test_paris_texas_is_the_american_town(nlp, resolver):
    text = "The rodeo was held in Paris, Texas, a small town near the Oklahoma border."
    places = by_name(places_of(nlp, resolver, text))
    assert places["Paris"].country == "USA" and places["Paris"].geonameid == 4717560
    assert places["Texas"].feature == "admin" and places["Texas"].country == "USA"


def test_georgia_with_tbilisi_is_the_country(nlp, resolver):
    text = "Protesters gathered in Tbilisi on Sunday as Georgia's parliament debated the bill."
    georgia = by_name(places_of(nlp, resolver, text))["Georgia"]
    assert (georgia.country, georgia.feature) == ("GEO", "country")


def test_georgia_with_atlanta_is_the_state(nlp, resolver):
    text = "Voters in Georgia waited for hours, and polling stations in Atlanta stayed open late."
    georgia = by_name(places_of(nlp, resolver, text))["Georgia"]
    assert (georgia.country, georgia.feature) == ("USA", "admin")
    assert georgia.geonameid == 4197000


def test_qualifier_settles_an_ambiguous_area(nlp, resolver):
    places = places_of(nlp, resolver, "The delegation arrived in Tbilisi, Georgia, late on Monday.")
    assert {(p.name, p.country) for p in places} == {("Tbilisi", "GEO"), ("Georgia", "GEO")}


def test_named_regions(nlp, resolver):
    text = "Oil prices rose on fears of a wider war in the Middle East, traders in Europe said."
    places = by_name(places_of(nlp, resolver, text))
    assert places["Middle East"].feature == "region" and places["Middle East"].country is None
    assert places["Europe"].feature == "region"
    start, end = places["Middle East"].mentions[0]
    assert text[start:end] == "Middle East"


def test_disputed_subnational_region_belongs_to_its_country(nlp, resolver):
    text = "Russia annexed Crimea in 2014, a move most of the world has not recognised."
    places = by_name(places_of(nlp, resolver, text))
    assert places["Crimea"].country == "UKR" and places["Crimea"].feature == "region"
    assert places["Russia"].country == "RUS"


def test_us_states_are_admin_areas_with_geonames_ids(nlp, resolver):
    places = places_of(nlp, resolver, "Wildfires spread across California and Oregon this week.")
    assert {(p.name, p.country, p.feature) for p in places} == {
        ("California", "USA", "admin"), ("Oregon", "USA", "admin")}
    assert all(p.geonameid and p.lat and p.lon for p in places)


def test_demonyms_are_not_places(nlp, resolver):
    places = places_of(nlp, resolver, "Russian and French diplomats met to discuss the Georgian talks.")
    assert places == []


def test_a_known_persons_surname_is_not_a_place(nlp, resolver):
    text = "National security adviser John Bolton spoke first. Later, Bolton said the talks had gone well."
    assert "Bolton" not in by_name(places_of(nlp, resolver, text))


def test_name_after_an_honorific_is_not_a_place(nlp, resolver):
    # "Lincoln" is a city in Nebraska and in England; after "Mr" it is a person
    assert places_of(nlp, resolver, "Mr Lincoln declined to answer questions from reporters.") == []


def test_country_name_missed_by_the_tagger_is_found(nlp, resolver):
    doc = nlp("Ukraine said the drones had been shot down.")
    resolved = resolver(doc)
    assert [(p.name, p.country) for p in resolved] == [("Ukraine", "UKR")]


def test_one_place_per_distinct_place_with_every_mention(nlp, resolver):
    text = "Moscow rejected the claim. Officials in Moscow said France had not been consulted."
    places = places_of(nlp, resolver, text)
    assert [p.id for p in places] == [f"p{i}" for i in range(1, len(places) + 1)]
    moscow = places[0]
    assert moscow.name == "Moscow" and len(moscow.mentions) == 2
    assert all(text[s:e] == "Moscow" for s, e in moscow.mentions)


def test_the_sample(nlp, resolver):
    if not SAMPLE.is_file():
        pytest.skip(f"sample not found at {SAMPLE}")
    places = by_name(places_of(nlp, resolver, SAMPLE.read_text(encoding="utf-8")))
    for name, country in (("Paris", "FRA"), ("Moscow", "RUS"), ("Russia", "RUS")):
        assert places[name].country == country
        assert places[name].lat is not None and places[name].lon is not None
    assert places["Europe"].feature == "region"
    assert places["Far East"].feature == "region"


def test_a_list_of_states_is_not_read_as_city_and_state(nlp, resolver):
    # Oregon is also a town in Ohio; in a list of states it is the state
    places = places_of(nlp, resolver, "The law passed in Ohio, Oregon, Maine and Texas last year.")
    assert {(p.name, p.feature) for p in places} == {
        ("Ohio", "admin"), ("Oregon", "admin"), ("Maine", "admin"), ("Texas", "admin")}


def test_generic_words_around_a_name(nlp, resolver):
    text = "Officials from the State of Texas flew to Kidapawan City and Sichuan province."
    places = by_name(places_of(nlp, resolver, text))
    assert (places["Texas"].feature, places["Texas"].country) == ("admin", "USA")
    assert (places["Kidapawan"].country, places["Kidapawan"].feature) == ("PHL", "city")
    assert (places["Sichuan"].country, places["Sichuan"].feature) == ("CHN", "admin")


def test_us_county_resolves_to_its_state(nlp, resolver):
    places = places_of(nlp, resolver, "Flooding closed roads across Palm Beach County, Florida.")
    county = by_name(places)["Palm Beach County"]
    assert (county.country, county.feature) == ("USA", "admin")


def test_a_city_keeps_its_place_reading_when_an_office_holder_shares_its_name():
    from tidings import nlp as tnlp
    from tidings.knowledge import Knowledge
    from tidings.resolve.places import PlaceResolver

    kb = Knowledge.load(user=False)
    assert kb.by_surname("Houston")  # a premier of Nova Scotia is called Houston
    places = PlaceResolver(kb)(tnlp.load()("Flooding closed roads across Houston on Monday."))
    assert [(p.name, p.country) for p in places] == [("Houston", "USA")]


def test_a_name_after_the_town_of_is_a_place_whatever_its_tag(nlp, resolver):
    from spacy.tokens import Span

    doc = nlp("Fighting was reported near the town of Kunduz on Monday.")
    at = next(t.i for t in doc if t.text == "Kunduz")
    doc.ents = [Span(doc, at, at + 1, label="NORP")]  # the tagger's slip, made certain
    places = by_name(resolver(doc))
    assert any(p.country == "AFG" and p.feature == "city" for p in places.values())
    doc = nlp("Leaders of Kunduz met on Monday.")  # no place prefix: the tag stands
    at = next(t.i for t in doc if t.text == "Kunduz")
    doc.ents = [Span(doc, at, at + 1, label="NORP")]
    assert not resolver(doc)


# -- islands, English names of subdivisions, mistagged names (shipped knowledge) ----------
@pytest.fixture(scope="module")
def shipped() -> PlaceResolver:
    return PlaceResolver(Knowledge.load(user=False))


def countries_of(nlp, resolver, text: str) -> dict[str, str | None]:
    return {p.name: p.country for p in resolver(nlp(text))}


def test_islands_that_are_no_subdivision_resolve_to_their_country(nlp, shipped):
    found = countries_of(nlp, shipped, "Ferries to Sicily were cancelled after a storm "
                                       "swept across Sardinia and Crete on Sunday.")
    assert found.get("Sicily") == "ITA" and found.get("Sardinia") == "ITA"
    assert found.get("Crete") == "GRC"
    borneo = by_name(shipped(nlp("Loggers cleared forest in Borneo last year.")))
    assert borneo["Borneo"].country is None and borneo["Borneo"].feature == "region"


def test_english_names_of_subdivisions_are_known(nlp, shipped):
    found = countries_of(nlp, shipped, "Police in Bavaria and Lower Saxony searched flats, "
                                       "while wildfires burned in Tuscany and Andalusia.")
    assert found == {"Bavaria": "DEU", "Lower Saxony": "DEU", "Tuscany": "ITA",
                     "Andalusia": "ESP"}


def test_iso_names_are_indexed_in_their_plain_forms(shipped):
    gazetteer = shipped.gazetteer
    assert {(c.country, c.feature) for c in gazetteer.candidates("asturias")} == {("ESP", "admin")}
    assert ("RUS", "admin") in {(c.country, c.feature) for c in gazetteer.candidates("tatarstan")}
    # Indonesia's provinces sit under ISO's geographical units, and are indexed too
    assert ("IDN", "admin") in {(c.country, c.feature) for c in gazetteer.candidates("banten")}


def test_a_province_outranks_a_town_of_the_same_name_unless_qualified(nlp, shipped):
    assert countries_of(nlp, shipped, "Indian tourists were detained in Bali on Friday.")[
        "Bali"] == "IDN"
    qualified = by_name(shipped(nlp("Farmers in Bali, Cameroon, fled the fighting.")))
    assert qualified["Bali"].country == "CMR" and qualified["Bali"].feature == "city"


def test_an_accent_folded_city_yields_to_the_name_as_written(nlp, shipped):
    # Chile in context would otherwise raise Los Ángeles (Chile) over Los Angeles
    found = countries_of(nlp, shipped, "A flight from Santiago, Chile, landed in Los Angeles "
                                       "after a storm in the Andes.")
    assert found["Los Angeles"] == "USA"


def test_a_known_place_mistagged_after_a_locative_word_is_a_place(nlp, shipped):
    from spacy.tokens import Span

    def tagged(text: str, words: list[str], label: str):
        doc = nlp(text)
        doc.ents = [Span(doc, t.i, t.i + 1, label=label) for t in doc if t.text in words]
        return doc

    doc = tagged("Fighting resumed in Tigray on Monday.", ["Tigray"], "PERSON")
    assert [(p.name, p.country) for p in shipped(doc)] == [("Tigray", "ETH")]
    doc = tagged("Floods hit Java and Sumatra overnight.", ["Java", "Sumatra"], "PERSON")
    assert {p.name: p.country for p in shipped(doc)} == {"Java": "IDN", "Sumatra": "IDN"}
    doc = tagged("Migrants landed on Lampedusa.", ["Lampedusa"], "ORG")
    assert [p.country for p in shipped(doc)] == ["ITA"]
    # no locative word, no coordinated place: the tagger's PERSON stands
    doc = tagged("Tigray said the talks had failed.", ["Tigray"], "PERSON")
    assert not shipped(doc)


def test_a_name_at_the_end_of_a_sentence_is_found_without_its_full_stop(nlp, shipped):
    found = countries_of(nlp, shipped, "Smoke from fires drifted over Bolivia and Paraguay.")
    assert found.get("Paraguay") == "PRY"


def test_ap_state_abbreviation_picks_the_city_of_that_state(nlp, resolver):
    places = places_of(nlp, resolver, "The plant in Springfield, Mass., closed. Another in Paris, Tex., stayed open.")
    springfield = next(p for p in places if p.name == "Springfield")
    assert springfield.country == "USA" and springfield.lat == pytest.approx(42.1, abs=0.2)
    paris = next(p for p in places if p.name == "Paris")
    assert paris.country == "USA"


def test_ap_state_abbreviation_of_an_unknown_town_gives_the_state(nlp, resolver):
    # a small town the gazetteer does not hold is placed in its state, never in a
    # same-named town abroad
    places = places_of(nlp, resolver, "Jean Ruiz, 61, of Ashton, Md., watched the parade.")
    assert [(p.name, p.country, p.feature) for p in places] == [("Maryland", "USA", "admin")]
