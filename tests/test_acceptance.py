"""The sample story against what a careful analyst reads out of it
(samples/bolton-moscow.expected.json). Each capability adds its section here."""
from __future__ import annotations

SCHEMA_KEYS = ["schema", "id", "title", "url", "source", "published", "language", "text",
               "cleaning", "entities", "actors", "places", "times", "quotes", "events", "errors"]


def test_record_has_every_schema_key(sample_record):
    assert list(sample_record) == SCHEMA_KEYS
    assert sample_record["schema"] == 1
    assert sample_record["published"] == "2018-10-23"
    assert sample_record["errors"] == []


def test_cleaning_keeps_one_copy_without_furniture(sample_record, expected):
    text = sample_record["text"]
    first = "Donald Trump's national security adviser John Bolton has said"
    assert text.count(first) == expected["cleaning"]["article_copies_kept"] == 1
    assert "The agreement – signed by Mikhail Gorbachev and Ronald Reagan in 1987" in text
    for furniture in expected["cleaning"]["furniture_removed"]:
        assert furniture not in text
        assert furniture in sample_record["cleaning"]["furniture_removed"]
    assert sample_record["cleaning"]["repeated_blocks_removed"] == 1
    assert sample_record["cleaning"]["chars_out"] == len(text)


def test_offsets_point_into_the_cleaned_text(sample_record):
    text = sample_record["text"]
    for section in ("entities", "times", "quotes"):
        for item in sample_record[section]:
            assert text[item["start"]:item["end"]] == item["text"], (section, item)


def _actor(record, name):
    return next((a for a in record["actors"] if a["name"] == name), None)


def test_actors_with_country_sector_and_title(sample_record, expected):
    for want in expected["actors"]:
        actor = _actor(sample_record, want["name"])
        assert actor is not None, f"{want['name']} not among {[a['name'] for a in sample_record['actors']]}"
        countries = want.get("country_any") or [want["country"]]
        assert actor["country"] in countries, (want["name"], actor)
        assert actor["sector"] == want["sector"], (want["name"], actor)
        if "title_contains" in want:
            assert want["title_contains"] in (actor["title"] or "").lower(), (want["name"], actor)
        assert actor["mentions"], want["name"]


def test_country_mentions_resolve(sample_record):
    countries = {a["country"] for a in sample_record["actors"] if a["kind"] == "country"}
    countries |= {p["country"] for p in sample_record["places"]}
    assert {"RUS", "USA", "FRA"} <= countries


def test_places_with_countries_and_coordinates(sample_record, expected):
    for want in expected["places"]:
        place = next((p for p in sample_record["places"] if p["name"] == want["name"]), None)
        assert place is not None, want["name"]
        assert place["country"] == want["country"] and place["lat"] is not None and place["lon"] is not None


def test_times_resolve_against_the_publication_date(sample_record, expected):
    for want in expected["times"]:
        assert any(want["text_contains"] in t["text"] and t["value"] == want["value"]
                   for t in sample_record["times"]), want


def _starts(quote, want):
    starts = want.get("starts_any") or [want["starts"]]
    return any(quote["text"].startswith(s) for s in starts)


def test_quotes_with_their_speakers(sample_record, expected):
    names = {a["id"]: a["name"] for a in sample_record["actors"]}
    for want in expected["quotes"]:
        kinds = want.get("kind_any") or [want["kind"]]
        found = [q for q in sample_record["quotes"] if _starts(q, want) and q["kind"] in kinds
                 and names.get(q["speaker"]) == want["speaker"]]
        assert found, want
        if "speaker_text" in want:
            assert any(q["speaker_text"] == want["speaker_text"] for q in found), want


def _countries(record, ids):
    actors = {a["id"]: a for a in record["actors"]}
    return {actors[i]["country"] for i in ids if i in actors} or {None}


def test_events_with_dyads_roots_modality_dates_and_places(sample_record, expected):
    places = {p["id"]: p for p in sample_record["places"]}
    for want in expected["events"]:
        sources = set(want.get("source_country_any") or [want["source_country"]])
        targets = set(want.get("target_country_any") or [want.get("target_country")])
        roots = set(want.get("root_any") or [])

        def fits(ev):
            return (_countries(sample_record, ev["source"]) & sources
                    and _countries(sample_record, ev["target"]) & targets
                    and (not roots or ev["root"] in roots)
                    and ("cameo_any" not in want or ev["cameo"] in want["cameo_any"] or ev["root"] in want["cameo_any"])
                    and ("modality" not in want or ev["modality"] == want["modality"])
                    and ("date" not in want or ev["date"] == want["date"])
                    and ("place_country" not in want
                         or places.get(ev["place"] or "", {}).get("country") == want["place_country"]))

        assert any(fits(ev) for ev in sample_record["events"]), want["what"]
