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
