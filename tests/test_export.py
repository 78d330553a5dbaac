"""`tidings events` and its GDELT 2.0 export, on the sample story."""
import json

import pytest
from typer.testing import CliRunner

from tidings.cli import app
from tidings.export import GDELT_COLUMNS, gdelt_row


runner = CliRunner()


@pytest.fixture()
def store(sample_store):
    return sample_store


def _events(store, *args):
    result = runner.invoke(app, ["events", "--store", str(store), "--format", "json", *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_events_filters(store):
    every = _events(store)
    assert every
    dyad = _events(store, "--dyad", "USA-RUS")
    assert dyad and all(r["source_code"].startswith("USA") for r in dyad)
    planned = _events(store, "--modality", "planned", "--root", "03")
    assert any(r["date"] == "2018-11-11" and r["place"] == "Paris" for r in planned)
    assert all(r["cameo"].startswith("03") for r in planned)
    assert _events(store, "--plover", "CONSULT")
    assert all(r["cameo"].startswith("04") for r in _events(store, "--quad", "1", "--code", "04"))
    assert _events(store, "--actor", "Gorbachev")
    assert not _events(store, "--since", "2030-01-01")


def test_gdelt_rows_have_61_columns_filled_from_the_record(store):
    result = runner.invoke(app, ["events", "--store", str(store), "--format", "gdelt", "--root", "03"])
    assert result.exit_code == 0
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows and all(len(r) == 61 for r in rows)
    col = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    meeting = next(r for r in rows if r[col["ActionGeo_FullName"]] == "Paris")
    assert meeting[col["SQLDATE"]] == "20181111"
    assert meeting[col["Actor1CountryCode"]] == "USA" and meeting[col["Actor2CountryCode"]] == "RUS"
    assert meeting[col["EventRootCode"]] == "03" and meeting[col["QuadClass"]] == "1"
    assert float(meeting[col["ActionGeo_Lat"]]) == pytest.approx(48.85, abs=0.1)
    assert meeting[col["ActionGeo_Type"]] == "4"  # a world city
    assert meeting[col["DATEADDED"]] == "20181023000000"


def test_gdelt_row_without_place_or_date_uses_the_publication_date():
    row = gdelt_row({"doc_id": "d", "id": "ev1", "date": "1987", "published": "2018-10-23",
                     "cameo": "057", "root": "05", "quad_class": 1, "goldstein": 8.0,
                     "source_code": "SUNGOV", "source_country": "SUN", "source_name": "Mikhail Gorbachev"})
    assert len(row) == 61
    assert row[GDELT_COLUMNS.index("SQLDATE")] == "20181023"
    assert row[GDELT_COLUMNS.index("Actor1Type1Code")] == "GOV"
    assert row[GDELT_COLUMNS.index("Actor1Name")] == "MIKHAIL GORBACHEV"


def test_gdelt_geo_columns_use_fips_codes_as_gdelt_does():
    from tidings.export import GeoCodes

    codes = GeoCodes()
    paris = gdelt_row({"doc_id": "d", "id": "ev1", "date": "2018-11-11", "cameo": "036",
                       "place_name": "Paris", "place_country": "FRA", "place_feature": "city",
                       "geonameid": 2988507, "lat": 48.85, "lon": 2.35}, codes)
    col = {name: i for i, name in enumerate(GDELT_COLUMNS)}
    assert paris[col["ActionGeo_CountryCode"]] == "FR"
    assert paris[col["ActionGeo_ADM1Code"]] == ""  # GeoNames' French codes are not GDELT's
    houston = gdelt_row({"doc_id": "d", "id": "ev3", "date": "2018-11-11", "cameo": "036",
                         "place_name": "Houston", "place_country": "USA", "place_feature": "city",
                         "geonameid": 4699066}, codes)
    assert houston[col["ActionGeo_CountryCode"]] == "US" and houston[col["ActionGeo_ADM1Code"]] == "USTX"
    assert houston[col["ActionGeo_Type"]] == "3"
    russia = gdelt_row({"doc_id": "d", "id": "ev2", "date": "2018-11-11", "cameo": "036",
                        "place_name": "Russia", "place_country": "RUS", "place_feature": "country"}, codes)
    assert russia[col["ActionGeo_CountryCode"]] == "RS" and russia[col["ActionGeo_ADM1Code"]] == "RS"
    assert codes.country("DEU") == "GM" and codes.country("GBR") == "UK" and codes.country("XXX") == ""
