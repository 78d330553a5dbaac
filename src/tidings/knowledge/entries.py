"""The entries of the knowledge base: codes, countries, regions, organisations, people
with dated roles, title words, and the lookup key that makes every lookup a dictionary hit."""
from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from dataclasses import dataclass, field

_THE = re.compile(r"^(?:the)\s+", re.I)
_SPACE = re.compile(r"\s+")


@functools.lru_cache(maxsize=1 << 17)  # the same words are looked up again and again
def key(name: str) -> str:
    """Normalised lookup key: case, diacritics, dots, a leading 'the', possessive 's."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace(".", "").replace("‐", "-")
    text = re.sub(r"'s?$", "", text.strip())
    text = _SPACE.sub(" ", text).strip().lower()
    return _THE.sub("", text)


class KnowledgeError(ValueError):
    """A knowledge file that cannot be read; the message names the file and line."""


# -- records --------------------------------------------------------------------------
@dataclass
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None

    @property
    def root(self) -> str:
        return self.code[:2]


@dataclass
class Country:
    iso3: str
    name: str
    iso2: str | None = None
    names: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capital: str | None = None
    seats: list[str] = field(default_factory=list)
    historical: bool = False


@dataclass
class Region:
    name: str
    aliases: list[str]
    countries: list[str]
    country: str | None
    lat: float | None
    lon: float | None
    feature: str = "region"


@dataclass
class Organisation:
    name: str
    aliases: list[str]
    code: str | None
    country: str | None
    sector: str | None
    kind: str = "organisation"
    source: str = ""


@dataclass
class Role:
    country: str | None
    sector: str | None
    title: str | None
    start: dt.date | None
    end: dt.date | None
    source: str = ""
    code: str | None = None  # a full actor code where the file gives one (PETRARCH imports)

    def active(self, on: dt.date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass
class Person:
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)

    def role_on(self, on: dt.date | None) -> Role | None:
        """The role held on a date: the active one (latest started), else the one that ended
        last before it, else the earliest; with no date, the latest role."""
        if not self.roles:
            return None
        if on is None:
            return max(self.roles, key=lambda r: r.start or dt.date.min)
        active = [r for r in self.roles if r.active(on)]
        if active:
            # the latest started; a dated role outranks an undated default that also holds
            return max(active, key=lambda r: (r.start or dt.date.min, r.end is not None))
        past = [r for r in self.roles if r.end is not None and r.end < on]
        if past:
            return max(past, key=lambda r: r.end)  # type: ignore[arg-type,return-value]
        return min(self.roles, key=lambda r: r.start or dt.date.max)

    @property
    def surname(self) -> str:
        parts = self.name.split()
        return parts[-1] if parts else self.name

    @property
    def surnames(self) -> list[str]:
        """Names a story may use alone: the last word ("Bolton"), of the name and of every
        full alias ("Zelensky" from "Volodymyr Zelensky"); for names written family name
        first ("Xi Jinping", "Moon Jae-in", "Ban Ki-moon") the first word instead. Regnal
        numbers do not count ("Abdullah II" → "Abdullah")."""
        out: list[str] = []
        for form in [self.name, *(a for a in self.aliases if " " in a)]:
            parts = [w.rstrip(",") for w in form.split() if not _ROMAN.fullmatch(w)]
            if not parts:
                continue
            word = parts[0] if len(parts) > 1 and _family_name_first(parts, self.roles) else parts[-1]
            if word not in out:
                out.append(word)
        return out or [self.name]


# Regnal numbers and generational suffixes are never the name a story uses alone.
_ROMAN = re.compile(r"(?:[IVX]{1,4}|Jr\.?|Sr\.?|jr\.?|sr\.?),?")
# Chinese and North Korean names in English news put the family name first; elsewhere in
# East Asia it is first when the given name is written hyphenated ("Moon Jae-in").
FAMILY_NAME_FIRST = {"CHN", "PRK"}
_HYPHENATED_GIVEN = re.compile(r"[A-Z][a-z]+-[a-z]+")


def _family_name_first(parts: list[str], roles: list["Role"]) -> bool:
    if any(r.country in FAMILY_NAME_FIRST for r in roles):
        return True
    return bool(_HYPHENATED_GIVEN.fullmatch(parts[-1]))


@dataclass
class TitleWord:
    word: str
    sector: str | None
    kind: str  # title | group | modifier
    country: str | None = None
    # an agent code from an imported dictionary: "~GOVFRM" (after a country), "NGO~" (before)
    code: str | None = None
