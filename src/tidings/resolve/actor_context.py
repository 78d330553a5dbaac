"""Countries from context, for domestic actors written without one ("police", "the
opposition leader", "Vice-President X"): the country the article is about, or the one
country their own sentence names. Each actor so coded says so in `resolved_by`.

Which sectors are the state's, international or news channels comes from the `group`
column of the knowledge base's sectors.tsv."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from spacy.tokens import Span

from ..knowledge import Knowledge
from ..record import Actor, Place

# The country an article is about: the one that holds at least this share of its place
# mentions, and at least this many of them (one-sentence texts have no home country).
HOME_SHARE = 0.5
HOME_MIN_MENTIONS = 3

# The sector of a private individual coded by the ICEWS convention ("Citizen (India)").
CITIZEN = "CVL"

# Companies (CAMEO BUS, and MNC for multinationals): their goods, offices and plants are
# everywhere, so a company named beside someone ("fled in a Volvo") does not say where they
# belong, unless it modifies a common noun as a country does ("Volvo workers", "Toyota's
# engineers"); a product's name ("a Volvo XC90", "a Boeing 737") is not such a modifier.
COMPANY_SECTORS = frozenset({"BUS", "MNC"})

# Dependency relations of a name that modifies another ("Kenya's courts", "Volvo workers").
MODIFIER_DEPS = frozenset({"compound", "poss", "nmod", "amod"})


def place_starts(places: list[Place]) -> dict[int, str]:
    """The country of each place mention, by the character offset where it starts."""
    return {start: p.country for p in places if p.country for start, _ in p.mentions}


class ContextCountries:
    """Gives domestic actors the country their article or sentence implies (module doc)."""

    def __init__(self, knowledge: Knowledge):
        self.state = knowledge.sectors_in("state")  # "the Senate" is the home country's
        self.international = knowledge.sectors_in("international")  # never domestic
        self.channels = knowledge.sectors_in("media")  # they carry news from anywhere

    def article_home(self, places: list[Place], known: Iterable[tuple[Actor, int]] = ()) -> str | None:
        """The country the article is about: the one that clearly dominates its place
        mentions and the mentions of the people the knowledge base places (`known`: each
        with its number of mentions), so that a story of the Speaker and the president,
        which may name no place, is at home in the United States. Only office holders
        count: a body's name may be shared ("House of Commons"), a dated role is not."""
        counts: dict[str, int] = {}
        for p in places:
            if p.country:
                counts[p.country] = counts.get(p.country, 0) + len(p.mentions)
        for actor, mentions in known:
            if actor.country and actor.kind == "person" and actor.sector not in self.international \
                    and (actor.resolved_by or "").startswith("knowledge"):
                counts[actor.country] = counts.get(actor.country, 0) + mentions
        total = sum(counts.values())
        if not total:
            return None
        home, n = max(counts.items(), key=lambda kv: kv[1])
        if n < HOME_MIN_MENTIONS or n / total < HOME_SHARE:
            return None
        return home

    def home_country(self, actors: Iterable[Actor], home: str | None) -> None:
        """Domestic actors written without a country ("police", "the opposition leader",
        "the Senate") belong to the country the article is about, where one dominates."""
        if home is None:
            return
        for actor in actors:
            if actor.country or not actor.sector or actor.kind not in {"person", "group", "organisation"}:
                continue
            if actor.kind == "organisation" and actor.sector not in self.state:
                continue  # "the Senate", "the Supreme Court"; not a university or a party named elsewhere
            if actor.sector in self.international or (actor.kind == "person" and not actor.title):
                continue
            actor.country = home
            actor.code = home + actor.sector
            actor.resolved_by = f"{actor.resolved_by or 'title'}; country from the article's context ({home})"

    def names_a_home(self, span: Span, actor: Actor) -> bool:
        """A mention that says where an actor belongs: another country's institution or
        office holder ("the Ghanaian president"), or a country as a modifier ("Kenya's
        courts", "the Kenya Revenue Authority"); not a country standing as a party
        ("action against Russia"), nor a news outlet, which reports from anywhere
        ("police told National Public Radio"), nor a company other than as a modifier of a
        common noun ("Volvo workers", not "fled in a Volvo" or "a Volvo XC90")."""
        if actor.sector in self.channels:
            return False
        if actor.kind == "organisation" and actor.sector in COMPANY_SECTORS:
            return span.root.dep_ in MODIFIER_DEPS and span.root.head.pos_ == "NOUN"
        return actor.kind != "country" or span.root.dep_ in MODIFIER_DEPS

    def sentence_country(self, actors: dict[str, Actor], clusters: Mapping[str, Any]) -> None:
        """A domestic actor still without a country ("the opposition party", "Vice-President
        X", "refugees") belongs to the one country its own sentences name, where they name
        exactly one (see `names_a_home`); none or more than one leaves it open."""
        for k, actor in actors.items():
            if actor.country or not actor.sector or actor.sector in self.international \
                    or actor.code not in {None, actor.sector}:  # an imported agent code stays as written
                continue
            if actor.kind not in {"person", "group", "organisation"} or (actor.kind == "person" and not actor.title):
                continue
            named = self._sentences_name(k, actors, clusters)
            if len(named) != 1:
                continue
            home = named.pop()
            actor.country, actor.code = home, home + actor.sector
            actor.resolved_by = f"{actor.resolved_by or 'title'}; the one country its sentence names ({home})"

    def private_citizens(self, actors: dict[str, Actor], clusters: Mapping[str, Any], home: str | None,
                         private: set[str]) -> None:
        """A named person with no office the knowledge base or a title word knows (a victim,
        a witness, a suspect, a relative) is coded, as ICEWS codes a private individual, as
        a citizen of their country: CVL with the country their description gives ("an Ohio
        man", "of Bristol", "a Canadian national"), or else the article's home country,
        where their own sentences name no other country. `resolved_by` says so, for users
        who keep only office holders. `private` holds the keys of the people written as
        private people are; imported agent codes and actors with no evidence stay as they are."""
        for k, actor in actors.items():
            if k not in private or actor.sector or actor.code not in {None, actor.country}:
                continue
            evidence = "their description" if actor.country else "the article's home country"
            country = actor.country
            if country is None and home is not None \
                    and self._sentences_name(k, actors, clusters, any_country=True) <= {home}:
                country = home
            if country is None:
                continue
            actor.country, actor.sector, actor.code = country, CITIZEN, country + CITIZEN
            actor.resolved_by = f"{actor.resolved_by + '; ' if actor.resolved_by else ''}private individual, " \
                                f"a citizen of {country} by {evidence} (ICEWS convention)"

    def _sentences_name(self, k: str, actors: Mapping[str, Actor], clusters: Mapping[str, Any], *,
                        any_country: bool = False) -> set[str]:
        """The countries an actor's own sentences name as someone's home (see `names_a_home`);
        with `any_country`, also every country named as a party ("asked the United States")."""
        sentences = {(s.sent.start_char, s.sent.end_char) for s in clusters[k].spans}
        named: set[str] = set()
        for start, end in sentences:
            named |= {other.country for ok, other in actors.items() if other.country and ok != k
                      and any(start <= s.start_char < end and (any_country and other.kind == "country"
                                                               or self.names_a_home(s, other))
                              for s in clusters[ok].spans)}
        return named
