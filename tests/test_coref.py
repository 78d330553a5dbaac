"""Pronouns and descriptions resolved to the document's actors (tidings.resolve.coref).

Actors and their name mentions are written by hand here, so these tests exercise the
coreference rules alone, whatever the actor resolver does."""
from __future__ import annotations

import re

import pytest

from tidings import nlp
from tidings.knowledge import Knowledge
from tidings.record import Actor, Entity
from tidings.resolve.coref import Coreference


@pytest.fixture(scope="module")
def model():
    return nlp.load()


@pytest.fixture(scope="module")
def coref():
    return Coreference(Knowledge.load(user=False))


def resolve(model, coref, text: str, actors: dict[str, Actor]) -> dict[str, str]:
    """Mentions keyed by '<text>@<n>' (n-th occurrence of the word) → actor name."""
    entities: list[Entity] = []
    for written, actor in actors.items():
        for m in re.finditer(re.escape(written), text):
            entities.append(Entity(f"m{len(entities) + 1}", written, m.start(), m.end(), "PERSON", actor.id))
    entities.sort(key=lambda e: e.start)
    doc = model(text)
    names = {a.id: a.name for a in actors.values()}
    out: dict[str, str] = {}
    for mention in coref(doc, entities, list({a.id: a for a in actors.values()}.values())):
        n = sum(1 for m in re.finditer(r"\b" + re.escape(mention.text) + r"\b", text) if m.start() < mention.start)
        out[f"{mention.text}@{n}"] = names[mention.actor]
    return out


def person(aid: str, name: str, country: str | None = None, title: str | None = None) -> Actor:
    return Actor(aid, name, "person", country=country, sector="GOV", title=title)


def test_he_after_a_sentence_about_one_man_is_that_man(model, coref):
    text = ("Senior aide Pavel Orlov met the delegation on Monday. "
            "He said the talks had gone well.")
    got = resolve(model, coref, text, {"Pavel Orlov": person("a1", "Pavel Orlov", "RUS", "aide")})
    assert got == {"He@0": "Pavel Orlov"}


def test_he_in_a_reported_clause_is_the_main_subject(model, coref):
    text = "Mr Hale said he had spoken to Mr Dunn about the treaty."
    got = resolve(model, coref, text, {
        "Hale": person("a1", "Tom Hale"), "Dunn": person("a2", "Robert Dunn"),
    })
    assert got["he@0"] == "Tom Hale"


def test_she_after_two_men_and_a_woman_is_the_woman(model, coref):
    text = ("Peter Vance and Omar Said met Maria Lopez in Geneva on Tuesday. "
            "She told reporters the meeting had been useful.")
    got = resolve(model, coref, text, {
        "Peter Vance": person("a1", "Peter Vance"),
        "Omar Said": person("a2", "Omar Said"),
        "Maria Lopez": person("a3", "Maria Lopez"),
    })
    assert got == {"She@0": "Maria Lopez"}


def test_honorific_decides_gender_when_the_first_name_is_unknown(model, coref):
    text = ("Ms Okonkwo and Mr Tanaka spoke at the summit. "
            "Later she said the deal was close.")
    got = resolve(model, coref, text, {
        "Okonkwo": person("a1", "Adaeze Okonkwo"), "Tanaka": person("a2", "Kenji Tanaka"),
    })
    assert got == {"she@0": "Adaeze Okonkwo"}


def test_chained_pronouns_stay_with_one_speaker(model, coref):
    text = ("Defence minister Ivan Petrenko visited the border. He said troops would stay. "
            "He added that no talks were planned.")
    got = resolve(model, coref, text, {"Ivan Petrenko": person("a1", "Ivan Petrenko", "UKR", "defence minister")})
    assert got == {"He@0": "Ivan Petrenko", "He@1": "Ivan Petrenko"}


def test_it_refers_to_an_organisation_not_an_expletive(model, coref):
    text = ("The Foreign Ministry issued a statement on Friday. It said the ambassador had been "
            "recalled. It is unclear when he will return.")
    ministry = Actor("a1", "Foreign Ministry", "organisation", country="RUS", sector="GOV")
    got = resolve(model, coref, text, {"Foreign Ministry": ministry})
    assert got.get("It@0") == "Foreign Ministry"
    assert "It@1" not in got


def test_no_candidate_no_mention(model, coref):
    text = "The Foreign Ministry said talks would resume. He declined to comment."
    ministry = Actor("a1", "Foreign Ministry", "organisation", country="RUS", sector="GOV")
    assert resolve(model, coref, text, {"Foreign Ministry": ministry}) == {}


def test_description_with_country_and_title(model, coref):
    text = ("Vladimir Putin hosted Donald Trump in Helsinki. Afterwards the Russian president "
            "praised the talks, and the US leader called them productive.")
    got = resolve(model, coref, text, {
        "Vladimir Putin": person("a1", "Vladimir Putin", "RUS", "President"),
        "Donald Trump": person("a2", "Donald Trump", "USA", "President"),
    })
    assert got["the Russian president@0"] == "Vladimir Putin"
    assert got["the US leader@0"] == "Donald Trump"


def test_description_by_title_word_and_seat(model, coref):
    text = ("Kremlin aide Yuri Belov met the envoy. Later the Kremlin aide said the visit "
            "was useful.")
    got = resolve(model, coref, text, {"Yuri Belov": person("a1", "Yuri Belov", "RUS", "Kremlin aide")})
    assert got["the Kremlin aide@0"] == "Yuri Belov"


def test_demonym_refers_to_the_person_of_that_country(model, coref):
    text = ("John Carter met Igor Sokolov in Moscow. Sokolov said the American was "
            "welcome to return.")
    got = resolve(model, coref, text, {
        "John Carter": person("a1", "John Carter", "USA"),
        "Igor Sokolov": person("a2", "Igor Sokolov", "RUS"),
        "Sokolov": person("a2", "Igor Sokolov", "RUS"),
    })
    assert got["the American@0"] == "John Carter"


def test_the_ministry_refers_to_a_ministry(model, coref):
    text = ("The Defence Ministry denied the report on Sunday. Hours later the ministry "
            "published photographs of the site.")
    ministry = Actor("a1", "Defence Ministry", "organisation", country="GBR", sector="MIL")
    got = resolve(model, coref, text, {"Defence Ministry": ministry})
    assert got["the ministry@0"] == "Defence Ministry"


def test_wrong_country_description_is_not_resolved(model, coref):
    text = "Emmanuel Macron arrived in Berlin. The German chancellor greeted him."
    got = resolve(model, coref, text, {"Emmanuel Macron": person("a1", "Emmanuel Macron", "FRA", "President")})
    assert "The German chancellor@0" not in got
