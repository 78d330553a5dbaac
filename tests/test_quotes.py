"""Quotations and their speakers (tidings.extract.quotes), one test per shape news uses.

Sentences are written for these tests after the structure of real wire copy. Actors and
their name mentions are built by hand, pronouns and descriptions resolved by the
coreference stage, so these tests do not depend on the actor resolver."""
from __future__ import annotations

import re

import pytest

from tidings import nlp
from tidings.extract.quote_marks import quote_spans
from tidings.extract.quotes import QuoteExtractor
from tidings.knowledge import Knowledge
from tidings.record import Actor, ActorMention, ActorMentions, Entity, Quote
from tidings.resolve.coref import Coreference


@pytest.fixture(scope="module")
def model():
    return nlp.load()


@pytest.fixture(scope="module")
def stages():
    kb = Knowledge.load(user=False)
    return Coreference(kb), QuoteExtractor(kb)


ORLOV = Actor("a1", "Pavel Orlov", "person", country="RUS", sector="GOV", title="Kremlin aide")
HALE = Actor("a2", "Tom Hale", "person", country="USA", sector="GOV", title="secretary of state")
LOPEZ = Actor("a3", "Maria Lopez", "person", country="MEX", sector="GOV", title="foreign minister")
MINISTRY = Actor("a4", "Defence Ministry", "organisation", country="UKR", sector="MIL")
CAST = {"Pavel Orlov": ORLOV, "Orlov": ORLOV, "Tom Hale": HALE, "Hale": HALE,
        "Maria Lopez": LOPEZ, "Lopez": LOPEZ, "Defence Ministry": MINISTRY}


def extract(model, stages, text: str) -> list[Quote]:
    coref, quotes = stages
    entities: list[Entity] = []
    names: list[ActorMention] = []
    for written, actor in sorted(CAST.items(), key=lambda kv: -len(kv[0])):
        for m in re.finditer(r"\b" + re.escape(written) + r"\b", text):
            if any(e.start <= m.start() < e.end for e in entities):
                continue
            entities.append(Entity(f"m{len(entities) + 1}", written, m.start(), m.end(), "PERSON", actor.id))
            names.append(ActorMention(m.start(), m.end(), actor.id, written))
    entities.sort(key=lambda e: e.start)
    actors = list({a.id: a for a in CAST.values()}.values())
    doc = model(text)
    mentions = ActorMentions([*names, *coref(doc, entities, actors)])
    found = quotes(doc, mentions, actors)
    for q in found:
        assert text[q.start:q.end] == q.text
        if q.speaker_text is not None:
            assert text[q.speaker_start:q.speaker_end] == q.speaker_text
        if q.cue is not None:
            assert text[q.cue_start:q.cue_end] == q.cue
    assert [q.id for q in found] == [f"q{i}" for i in range(1, len(found) + 1)]
    return found


def quote(found: list[Quote], starts: str) -> Quote:
    hits = [q for q in found if q.text.startswith(starts)]
    assert hits, f"no quote starting {starts!r} in {[q.text for q in found]}"
    return hits[0]


# -- direct quotes ------------------------------------------------------------------------
def test_quote_then_pronoun_said(model, stages):
    text = ('Kremlin aide Pavel Orlov spent an hour with the delegation.\n'
            '"The talks were frank and useful," he said.')
    q = quote(extract(model, stages, text), "The talks were frank")
    assert (q.kind, q.speaker, q.speaker_text, q.cue) == ("direct", "a1", "he", "said")
    assert q.text == "The talks were frank and useful"


def test_pronoun_said_colon_quote(model, stages):
    text = ('Tom Hale arrived in Kyiv on Monday.\n'
            'He said: "We will not abandon our partners. Our support is firm."')
    q = quote(extract(model, stages, text), "We will not abandon")
    assert (q.kind, q.speaker, q.speaker_text) == ("direct", "a2", "He")
    assert q.text.endswith("Our support is firm.")


def test_quote_then_said_name(model, stages):
    text = '"Nothing has been agreed yet," said Kremlin aide Pavel Orlov.'
    q = quote(extract(model, stages, text), "Nothing has been agreed")
    assert q.speaker == "a1"
    assert q.speaker_text == "Kremlin aide Pavel Orlov"


def test_name_said_quote_without_colon(model, stages):
    text = 'Maria Lopez said "the border will stay open" after the meeting.'
    q = quote(extract(model, stages, text), "the border will stay open")
    assert (q.speaker, q.speaker_text) == ("a3", "Maria Lopez")


def test_quote_split_around_its_attribution(model, stages):
    text = ('"We expect an answer by Friday," Hale said. "If none comes, we will act '
            'with our allies."')
    found = extract(model, stages, text)
    first, second = quote(found, "We expect an answer"), quote(found, "If none comes")
    assert first.speaker == second.speaker == "a2"
    assert first.cue_start == second.cue_start  # one attribution, two pieces


def test_quote_over_several_paragraphs_and_its_continuation(model, stages):
    text = ('Orlov described the meeting at length.\n'
            'He said: "The discussion was long and detailed, and at times difficult.\n'
            '"We see the visit as a sign of goodwill. We share that intention."\n'
            'The ministry gave no further details.')
    found = extract(model, stages, text)
    first = quote(found, "The discussion was long")
    continued = quote(found, "We see the visit")
    assert (first.speaker, first.speaker_text) == ("a1", "He")
    assert continued.kind == "direct" and continued.speaker == "a1"
    assert continued.speaker_text is None
    assert not any(q.text.startswith("The ministry gave") for q in found)


def test_continuation_paragraph_without_attribution(model, stages):
    text = ('"The ceasefire is holding," said Maria Lopez.\n'
            '"Our observers have reported no violations since Sunday."\n'
            'Officials in the capital were more cautious.')
    found = extract(model, stages, text)
    q = quote(found, "Our observers have reported")
    assert q.speaker == "a3" and q.speaker_text is None


def test_dash_introduced_quote(model, stages):
    text = 'Hale had one message for the crowd \u2013 "we will be back next year."'
    q = quote(extract(model, stages, text), "we will be back")
    assert q.speaker == "a2" and q.kind == "direct"


def test_colon_after_cue_with_object(model, stages):
    text = 'Lopez told reporters: "There is no deal on the table."'
    q = quote(extract(model, stages, text), "There is no deal")
    assert (q.speaker, q.cue) == ("a3", "told")


def test_typographic_marks(model, stages):
    text = '\u201cWe are ready to talk,\u201d Orlov said.'
    q = quote(extract(model, stages, text), "We are ready to talk")
    assert q.speaker == "a1" and q.text == "We are ready to talk"


def test_unbalanced_marks_do_not_swallow_the_article(model, stages):
    text = ('Hale said the plan was "dead on arrival.\n'
            'Talks resumed on Tuesday in Vienna.\n'
            '"We are not leaving," Lopez said.')
    found = extract(model, stages, text)
    late = quote(found, "We are not leaving")
    assert late.speaker == "a3"
    assert not any("Talks resumed" in q.text for q in found)
    spans = quote_spans(text)
    assert text[spans[0].start:spans[0].end].startswith("dead on arrival")


def test_scare_quotes_are_not_quotes(model, stages):
    text = 'The so-called "peace plan" was published on Friday.'
    assert extract(model, stages, text) == []


def test_signed_quote(model, stages):
    text = '"Nobody asked us what we wanted." \u2013 Maria Lopez\nThe vote is on Sunday.'
    q = quote(extract(model, stages, text), "Nobody asked us")
    assert q.speaker == "a3" and q.speaker_text == "Maria Lopez"


def test_doubled_apostrophes_as_quote_marks(model, stages):
    text = "''We have no plans to resign,'' Mr. Hale said."
    q = quote(extract(model, stages, text), "We have no plans")
    assert q.speaker == "a2" and q.text == "We have no plans to resign"


def test_according_to_before_a_quote(model, stages):
    text = 'According to Lopez, "the vote was free and fair."'
    q = quote(extract(model, stages, text), "the vote was free")
    assert (q.kind, q.speaker, q.cue) == ("direct", "a3", "According to")


def test_cue_after_a_long_apposition(model, stages):
    text = ('"The convoy will not pass," Pavel Orlov, who has advised the president on '
            'security since 2012, said on Friday.')
    q = quote(extract(model, stages, text), "The convoy will not pass")
    assert q.speaker == "a1" and q.cue == "said"


def test_cue_after_a_parenthesis(model, stages):
    text = '"This is a disgrace," Tom Hale (R-Ohio) said.'
    q = quote(extract(model, stages, text), "This is a disgrace")
    assert q.speaker == "a2"


# -- indirect and mixed -------------------------------------------------------------------
def test_indirect_said_that(model, stages):
    text = "Tom Hale said that sanctions would stay in place until the troops withdrew."
    q = quote(extract(model, stages, text), "sanctions would stay")
    assert (q.kind, q.speaker, q.cue) == ("indirect", "a2", "said")


def test_indirect_told_reporters(model, stages):
    text = "Lopez told reporters the talks would resume next week."
    q = quote(extract(model, stages, text), "the talks would resume")
    assert (q.kind, q.speaker, q.cue) == ("indirect", "a3", "told")


def test_according_to(model, stages):
    text = "According to the Defence Ministry, two convoys crossed the border overnight."
    q = quote(extract(model, stages, text), "two convoys crossed")
    assert (q.kind, q.speaker, q.cue) == ("indirect", "a4", "According to")


def test_cue_after_the_clause(model, stages):
    text = "The convoy turned back at the border, the Defence Ministry said."
    q = quote(extract(model, stages, text), "The convoy turned back")
    assert (q.kind, q.speaker) == ("indirect", "a4")


@pytest.mark.parametrize("verb", ["warned", "insisted", "denied", "claimed", "argued", "confirmed"])
def test_reporting_verbs(model, stages, verb):
    text = f"Orlov {verb} that the shipment had been delayed by the weather."
    q = quote(extract(model, stages, text), "the shipment had been delayed")
    assert (q.kind, q.speaker, q.cue) == ("indirect", "a1", verb)


def test_mixed_quote_keeps_clause_and_quoted_words(model, stages):
    text = 'Hale called the talks "very comprehensive and productive" on Tuesday.'
    found = extract(model, stages, text)
    words = quote(found, "very comprehensive and productive")
    assert words.speaker == "a2" and words.kind == "direct"
    clause = [q for q in found if q.kind == "mixed"]
    assert clause and clause[0].speaker == "a2" and "very comprehensive" in clause[0].text


def test_quoted_words_inside_a_reported_clause(model, stages):
    text = 'Orlov said the meeting with Hale was "interesting" but brief.'
    found = extract(model, stages, text)
    assert quote(found, "interesting").speaker == "a1"
    mixed = quote(found, "the meeting with Hale")
    assert (mixed.kind, mixed.speaker) == ("mixed", "a1")


def test_belief_is_an_attribution(model, stages):
    text = "Lopez believes the agreement can still be saved."
    q = quote(extract(model, stages, text), "the agreement can still")
    assert (q.speaker, q.cue) == ("a3", "believes")


def test_accusation(model, stages):
    text = "Hale accused Moscow of stalling the negotiations."
    q = quote(extract(model, stages, text), "Moscow of stalling")
    assert (q.speaker, q.cue) == ("a2", "accused")


def test_participle_shares_the_subject(model, stages):
    text = "Speaking in Geneva, he said the deadline would not move."
    q = quote(extract(model, stages, "Hale flew to Geneva on Monday. " + text), "the deadline would")
    assert (q.speaker, q.speaker_text) == ("a2", "he")


def test_adjective_of_belief(model, stages):
    text = "Lopez is confident that the ceasefire will hold through the winter."
    q = quote(extract(model, stages, text), "the ceasefire will hold")
    assert (q.speaker, q.cue) == ("a3", "confident")


def test_cue_noun_with_its_owner(model, stages):
    text = "Officials ignored Hale's repeated warnings that the count could not be trusted."
    q = quote(extract(model, stages, text), "the count could not be trusted")
    assert (q.speaker, q.cue) == ("a2", "warnings")


# -- speakers -----------------------------------------------------------------------------
def test_description_speaker(model, stages):
    text = ("Pavel Orlov met the envoy on Monday.\n"
            "The Kremlin aide said the sides had narrowed their differences.")
    q = quote(extract(model, stages, text), "the sides had narrowed")
    assert (q.speaker, q.speaker_text) == ("a1", "The Kremlin aide")


def test_organisation_speaker(model, stages):
    text = ("The Defence Ministry published a map of the front line.\n"
            "The ministry said the town remained under its control.")
    q = quote(extract(model, stages, text), "the town remained")
    assert (q.speaker, q.speaker_text) == ("a4", "The ministry")


def test_she_after_two_men_and_a_woman(model, stages):
    text = ("Hale and Orlov met Lopez on Tuesday.\n"
            '"We made real progress," she said.')
    q = quote(extract(model, stages, text), "We made real progress")
    assert q.speaker == "a3"


def test_relative_pronoun_speaker_means_its_antecedent(model, stages):
    text = "The plan was backed by Maria Lopez, who said the talks would resume in May."
    q = quote(extract(model, stages, text), "the talks would resume")
    assert (q.speaker, q.speaker_text) == ("a3", "who")


def test_unresolved_speaker_stays_null(model, stages):
    text = '"The bridge will reopen on Monday," a senior official said.'
    q = quote(extract(model, stages, text), "The bridge will reopen")
    assert q.speaker is None and q.speaker_text == "a senior official"


# -- the sample, through the whole pipeline ----------------------------------------------
def test_sample_quotes_and_speakers(sample_record, expected):
    record = sample_record
    assert record["errors"] == []
    names = {a["id"]: a["name"] for a in record["actors"]}
    for want in expected["quotes"]:
        starts = want.get("starts_any") or [want["starts"]]
        hits = [q for q in record["quotes"] if any(q["text"].startswith(s) for s in starts)]
        assert hits, f"no quote starting {starts}"
        q = hits[0]
        assert names.get(q["speaker"]) == want["speaker"], (q, want)
        assert q["kind"] in (want.get("kind_any") or [want["kind"]]), (q, want)
        if "speaker_text" in want:
            assert q["speaker_text"] == want["speaker_text"]
