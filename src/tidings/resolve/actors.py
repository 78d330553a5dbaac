"""Actors: named mentions become people, organisations and countries with codes.

For each mention the resolver finds the title written next to it ("national security
adviser John Bolton", "John Bolton, the US ambassador"), then codes the actor:
1. the knowledge base, as of the publication date (office holders with dated roles,
   organisations, countries, seats of government);
2. otherwise the written title and its modifiers ("Kremlin foreign policy aide" → RUS GOV);
3. a person neither knows, written as a member of an organisation ("Ann Lee of UNICEF"),
   takes its code; otherwise, the ICEWS way, a private individual is a citizen (CVL) of the
   country their description or, failing that, the article gives (actor_context).
Surname-only mentions ("Mr Bolton", "Putin") join the person named in full elsewhere in
the document, or, failing that, the office holder of that surname in office on the date.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import yaml

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ..knowledge import Country, Knowledge, Organisation, Person, data_path, key
from ..record import Actor, ActorMention, Entity, Place
from .actor_context import ContextCountries, place_starts
from .mentions import (NOT_SURNAMES, appositive_title, close_parenthesis, head_title, is_location, left_title,
                       name_words, origin_objects, predicate_title, storm_names, strip_the, surnames_as_people,
                       title_words, trim_entity)

# Entity types that are names of things (times and numbers go to their own stages).
NAMED_TYPES = {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT",
               "WORK_OF_ART", "LAW", "LANGUAGE"}


@dataclass
class _Cluster:
    """All mentions of one actor in the document, before it gets its id."""

    key: str
    name: str
    kind: str
    spans: list[Span] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    title_country: str | None = None
    title_sector: str | None = None
    agent: str | None = None  # an imported agent code from a title word ("~GOVFRM", "NGO~")
    home: str | None = None  # the country a person's own description places them in ("a Leeds man")
    person: Person | None = None
    owners: list[int] = field(default_factory=list)  # token indices of names that own a group
    org: Organisation | None = None
    country: Country | None = None
    sector: str | None = None


class ActorResolver:
    def __init__(self, knowledge: Knowledge):
        self.kb = knowledge
        self.context = ContextCountries(knowledge)
        self._matcher: PhraseMatcher | None = None
        words = yaml.safe_load(data_path("actors.yaml").read_text(encoding="utf-8")) or {}
        self.affiliation = frozenset(words.get("affiliation_words") or [])
        self.residence = frozenset(words.get("residence_participles") or [])
        self.storm_words = frozenset(words.get("storm_words") or [])
        self.origin_prepositions = frozenset(words.get("origin_prepositions") or [])
        self.occupation_verbs = frozenset(words.get("occupation_verbs") or [])
        self.place_name_ends = frozenset(words.get("place_name_ends") or [])

    # -- public ---------------------------------------------------------------------
    def __call__(
        self, doc: Doc, published: dt.date | None, places: list[Place] | None = None
    ) -> tuple[list[Entity], list[Actor], list[ActorMention]]:
        storms = storm_names(doc, self.storm_words)
        spans = [self._relabel(s, storms) for s in self._named_spans(doc, published)]
        entities: list[Entity] = []
        clusters: dict[str, _Cluster] = {}
        span_cluster: list[tuple[Span, str | None]] = []
        full_names = self._full_names(spans)
        place_at = place_starts(places or [])
        for span in spans:
            cluster_key = self._cluster(span, clusters, full_names, published, place_at)
            span_cluster.append((span, cluster_key))
        for span, cluster_key in self._groups(doc, spans, clusters, places or []):
            # a demonym inside the group ("Ukrainian" in "Ukrainian troops") names the group
            # (a "person" there is spaCy misreading a word, as "Riot" in "Riot police",
            # unless the knowledge base knows the name: "the Trump administration")
            for i, (inner, inner_key) in enumerate(span_cluster):
                if not (span.start <= inner.start and inner.end <= span.end):
                    continue
                known_person = inner_key is not None and clusters[inner_key].person is not None
                if inner.label_ in {"NORP", "GPE"} or (inner.label_ == "PERSON" and not known_person):
                    span_cluster[i] = (inner, cluster_key)
            span_cluster.append((span, cluster_key))
        span_cluster.sort(key=lambda sc: (sc[0].start, -sc[0].end))

        # ids in order of first mention
        order = {k: i for i, k in enumerate(dict.fromkeys(k for _, k in span_cluster if k))}
        actor_ids = {k: f"a{order[k] + 1}" for k in order}
        actors = {k: self._actor(clusters[k], actor_ids[k], published) for k in order}
        self._inherit_owner_country(clusters, actors, span_cluster)
        home = self.context.article_home(places or [], ((a, len(clusters[k].spans)) for k, a in actors.items()))
        self.context.home_country(actors.values(), home)
        self.context.sentence_country(actors, clusters)
        private = {k for k, c in clusters.items() if k in actors and self._private_person(c, place_at)}
        self.context.private_citizens(actors, clusters, home, private)
        mentions: list[ActorMention] = []
        for i, (span, k) in enumerate(span_cluster, start=1):
            entity = Entity(
                id=f"m{i}", text=span.text, start=span.start_char, end=span.end_char,
                type=span.label_, actor=actor_ids.get(k) if k else None,
            )
            entities.append(entity)
            if k:
                actors[k].mentions.append(entity.id)
                how = "metonym" if clusters[k].kind == "country" and span.label_ != "NORP" else "name"
                mentions.append(ActorMention(span.start_char, span.end_char, actor_ids[k], span.text, how))
        return entities, list(actors.values()), mentions

    # -- mentions -------------------------------------------------------------------
    def _named_spans(self, doc: Doc, published: dt.date | None) -> list[Span]:
        """spaCy's named entities, trimmed, plus knowledge-base names it missed."""
        spans: list[Span] = []
        taken = set()
        for ent in doc.ents:
            if ent.label_ not in NAMED_TYPES:
                continue
            span = trim_entity(ent)
            if span is None:
                continue
            span = close_parenthesis(span)
            spans.append(span)
            taken.update(range(span.start, span.end))
        for span in [*self._kb_spans(doc), *self._surname_spans(doc, published)]:
            if taken.intersection(range(span.start, span.end)):
                # a name the knowledge base knows inside a longer entity it does not
                # ("Old foes Gondor"): the known name is the mention
                outer = next((o for o in spans if o.start <= span.start and span.end <= o.end), None)
                if outer is None or span.label_ not in {"PERSON", "ORG"} or self._known(outer.text) \
                        or (outer.start, outer.end) == (span.start, span.end):
                    continue
                spans.remove(outer)
                taken.difference_update(range(outer.start, outer.end))
            spans.append(span)
            taken.update(range(span.start, span.end))
        spans.sort(key=lambda s: s.start)
        return surnames_as_people(spans)

    def _surname_spans(self, doc: Doc, published: dt.date | None) -> list[Span]:
        """A lone proper noun that is the surname of exactly one office holder in office on
        the date ("Merkel said", which the tagger missed). Dates are never names ("in May")."""
        if published is None:
            return []
        found = []
        for tok in doc:
            if tok.pos_ != "PROPN" or tok.ent_type_ or not tok.text[:1].isupper() or len(tok.text) < 3:
                continue
            if tok.lower_ in NOT_SURNAMES or self.kb.title(tok.text) or self.kb.country(tok.text):
                continue
            if (tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "PROPN") or (tok.i and doc[tok.i - 1].pos_ == "PROPN"):
                continue  # part of a longer name the tagger did not mark: leave it
            active = [p for p in self.kb.by_surname(tok.text) if any(r.active(published) for r in p.roles)]
            if len(active) == 1:
                found.append(Span(doc, tok.i, tok.i + 1, label="PERSON"))
        return found

    def _kb_spans(self, doc: Doc) -> list[Span]:
        matcher = self._phrase_matcher(doc)
        found = []
        for match_id, start, end in matcher(doc):
            label = doc.vocab.strings[match_id]
            span = Span(doc, start, end, label=label)
            # a capitalised match only: "us" the pronoun is not "US"
            if not any(t.text[:1].isupper() for t in span):
                continue
            found.append(span)
        # longest first, then drop overlaps
        found.sort(key=lambda s: (-(s.end - s.start), s.start))
        chosen: list[Span] = []
        used: set[int] = set()
        for s in found:
            if not used.intersection(range(s.start, s.end)):
                chosen.append(s)
                used.update(range(s.start, s.end))
        return chosen

    def _phrase_matcher(self, doc: Doc) -> PhraseMatcher:
        if self._matcher is None:
            matcher = PhraseMatcher(doc.vocab, attr="ORTH")
            tok = _tokenizer()
            groups: dict[str, set[str]] = {"GPE": set(), "ORG": set(), "NORP": set(), "PERSON": set()}
            for c in self.kb.countries.values():
                groups["GPE"].update(n for n in [c.name, *c.names] if n[:1].isupper() and len(n) > 1)
                groups["ORG"].update(f"the {s}" if not s.lower().startswith("the ") else s for s in c.seats)
                groups["ORG"].update(c.seats)
                groups["NORP"].update(d for d in c.demonyms if d[:1].isupper())
            for o in self.kb.organisations:
                groups["ORG"].update(n for n in [o.name, *o.aliases] if len(n) > 2)
            for p in self.kb.people.values():
                # full names; single words only for actors a dictionary codes outright
                # (PETRARCH imports: "Arnor"), since a lone word is usually ambiguous
                coded = any(r.code for r in p.roles)
                groups["PERSON"].update(n for n in [p.name, *p.aliases]
                                        if " " in n or (coded and n[:1].isupper() and len(n) > 2))
            for label, names in groups.items():
                matcher.add(label, [tok(n) for n in sorted(names)])
            self._matcher = matcher
        return self._matcher

    def _full_names(self, spans: list[Span]) -> dict[str, str]:
        """Surname → the full name written in the document (first seen wins)."""
        out: dict[str, str] = {}
        for s in spans:
            if s.label_ == "PERSON":
                words = name_words(s)
                if len(words) >= 2:
                    out.setdefault(key(words[-1]), " ".join(words))
        return out

    # -- clustering -----------------------------------------------------------------
    def _relabel(self, span: Span, storms: set[str]) -> Span:
        """A "person" that is a named storm ("Humberto", "Storm Lorenzo") is an event; the
        knowledge base's people stay people."""
        if span.label_ != "PERSON" or self.kb.person(span.text) is not None:
            return span
        if key(span[-1].text) in storms or span[0].lower_ in self.storm_words:
            return Span(span.doc, span.start, span.end, label="EVENT")
        return span

    def _cluster(
        self, span: Span, clusters: dict[str, _Cluster], full_names: dict[str, str],
        published: dt.date | None, place_at: dict[int, str],
    ) -> str | None:
        label = span.label_
        if label == "PERSON" and self.kb.person(span.text) is None and self.kb.country(span.text) is not None:
            label = "GPE"  # a country the tagger read as a person ("Sri Lanka has ...")
        elif label == "PERSON" and self.kb.person(span.text) is None and len(span) > 1 \
                and self.kb.demonym(span[0].text) is not None:
            label = "NORP"  # a people the tagger read as a person ("Bosnian Serbs")
            span = Span(span.doc, span.start, span.end, label=label)
        if label == "PERSON":
            words = name_words(span)
            if not words:
                return None
            name = " ".join(words)
            if len(words) == 1:
                name = full_names.get(key(words[0]), name)
            person = self.kb.person(name)
            if person is None and " " not in name:
                person = self._person_by_surname(name, published)
            if person is None:
                person = self._person_by_spelling(name.split(), published)
            if person is not None and " " not in name:
                name = person.name
            k = "person:" + key(person.name if person else name)
            cluster = clusters.setdefault(k, _Cluster(k, person.name if person else name, "person"))
            cluster.person = cluster.person or person
            if person is None and len(words) == 1:
                # "President Bush": two office holders share the name, but one country
                cluster.title_country = cluster.title_country or self._surname_country(name, published)
            origins = origin_objects(span, self.origin_prepositions)
            self._add_title(cluster, span, place_at, origins)
            if person is None:  # "Ann Lee of the Red Cross" speaks for the Red Cross
                cluster.owners += [t.i for t in origins if t.ent_type_ == "ORG"]
        elif label in {"GPE", "LOC", "FAC", "ORG", "NORP"}:
            cluster = self._place_or_org_cluster(span, clusters)
            if cluster is None:
                return None
            if cluster.kind in {"organisation", "group"}:
                self._add_title(cluster, span)
        else:
            return None
        cluster.spans.append(span)
        return cluster.key

    def _place_or_org_cluster(self, span: Span, clusters: dict[str, _Cluster]) -> _Cluster | None:
        text = span.text
        label = span.label_
        if label == "NORP":
            country = self.kb.demonym(text) or self.kb.country(text)
            if country is not None and span.start > 0 and span.doc[span.start - 1].lower_ == "ethnic":
                # "ethnic Albanians in Macedonia" are a people, not Albania
                k = f"group:None:None:{key(text)}"
                cluster = clusters.setdefault(k, _Cluster(k, f"ethnic {text}", "group"))
                home = self._stated_home(span.root)  # "ethnic Albanians in Serbia"
                if home is not None and cluster.country is None:
                    cluster.country, cluster.title_country = self.kb.countries.get(home), home
                return cluster
            if country is not None:
                return _country_cluster(clusters, country)
            # members of a party or movement: "Republicans", "a Democrat", "Democratic"
            org = next(filter(None, (self.kb.organisation(v) for v in (text, text + "s", text + " Party"))), None)
            if org is None:
                # a people within a country: "Bosnian Serbs", "Iraqi Kurds"
                words = text.split()
                home = self._country_code(words[0]) if len(words) > 1 else None
                if home is None:
                    return None  # religions and other groups without a knowledge-base entry
                k = f"group:{home}:None:{key(text)}"
                cluster = clusters.setdefault(k, _Cluster(k, text, "group"))
                cluster.country = self.kb.countries.get(home)
                cluster.title_country = home
                return cluster
            k = "org:" + key(org.name)
            cluster = clusters.setdefault(k, _Cluster(k, org.name, "organisation"))
            cluster.org = org
            return cluster
        seat = self.kb.seat(text)
        if seat is not None:
            k = f"seat:{seat.iso3}:{key(text)}"
            cluster = clusters.setdefault(k, _Cluster(k, strip_the(text), "organisation"))
            cluster.country, cluster.sector = seat, "GOV"
            return cluster
        org = self.kb.organisation(text)
        if org is not None:
            k = "org:" + key(org.name)
            cluster = clusters.setdefault(k, _Cluster(k, org.name, "organisation"))
            cluster.org = org
            return cluster
        country = self.kb.country(text) or (self.kb.capital(text) if label == "GPE" else None)
        if country is None and label == "GPE" and " " not in text:
            country = self.kb.country_by_spelling(text)  # "Quatar"
        if country is not None:
            if is_location(span):
                return None  # "in Paris", "a news conference in Russia": where, not who
            return _country_cluster(clusters, country)
        coded = self.kb.person(text)
        if coded is not None and any(r.code for r in coded.roles):
            # an actor an imported dictionary codes outright ("Gondor" → GON)
            k = "person:" + key(coded.name)
            cluster = clusters.setdefault(k, _Cluster(k, coded.name, "organisation"))
            cluster.person = coded
            return cluster
        if label == "ORG":
            k = "org:" + key(text)
            cluster = clusters.setdefault(k, _Cluster(k, strip_the(text), "organisation"))
            self._code_from_words(cluster, [t for t in span])
            for owner in (c for c in span.root.children if c.dep_ == "poss"):
                # "the Ivory Coast's Supreme Court"
                cluster.title_country = cluster.title_country or self._country_code(
                    " ".join(t.text for t in owner.subtree if t.tag_ != "POS" and t.lower_ != "the"))
            return cluster
        return None  # cities, regions and landmarks are places, not actors

    def _inherit_owner_country(self, clusters, actors, span_cluster) -> None:
        """A group owned by a named actor takes its country: "the Trump administration",
        "Putin's aides"; a person the knowledge base does not know, written as one of an
        organisation ("Ann Lee of the Red Cross"), takes what that organisation is."""
        by_token = {i: k for span, k in span_cluster if k for i in range(span.start, span.end)}
        for k, actor in actors.items():
            cluster = clusters[k]
            if cluster.kind not in {"group", "person"} or actor.country:
                continue
            for i in cluster.owners:
                owner = actors.get(by_token.get(i, ""))
                if owner is None or owner is actor:
                    continue
                if cluster.kind == "person":
                    if owner.kind == "person" or not self._member_of(actor, owner):
                        continue
                    break
                if owner.kind == "organisation" and owner.code:
                    # "Red Cross officials" speak for the Red Cross
                    actor.country, actor.sector, actor.code = owner.country, owner.sector, owner.code
                elif owner.country:
                    actor.country = owner.country  # "the Trump administration"
                    actor.code = owner.country + (actor.sector or "")
                else:
                    continue
                actor.resolved_by = f"group noun, owned by {owner.name}"
                break

    @staticmethod
    def _member_of(person: Actor, org: Actor) -> bool:
        """Code a person by the organisation they are written as one of: its country, and
        its sector where their own title gives none. False when it tells nothing."""
        if not (org.country or org.sector in {"IGO", "NGO", "MNC"}):
            return False
        sector = person.sector or org.sector
        person.country, person.sector = org.country, sector
        if org.code and sector == org.sector:
            person.code = org.code
        else:
            person.code = (org.country or "") + (sector or "") or None
        person.resolved_by = f"{person.resolved_by + '; ' if person.resolved_by else ''}member of {org.name}"
        return True

    def _groups(
        self, doc: Doc, spans: list[Span], clusters: dict[str, _Cluster], places: list[Place]
    ) -> list[tuple[Span, str]]:
        """Collective actors written as nouns: "Ukrainian troops", "riot police", "Russian
        officials", "the Israeli army", "police in Lagos". Named organisations are left to
        the names above."""
        named = {i for s in spans if s.label_ in {"PERSON", "ORG", "FAC"} for i in range(s.start, s.end)}
        place_at = place_starts(places)
        found: list[tuple[Span, str]] = []
        for tok in doc:
            if tok.pos_ not in {"NOUN", "PROPN"} or tok.i in named:
                continue
            if tok.dep_ == "compound" and tok.head.pos_ in {"NOUN", "PROPN"}:
                continue  # "police" in "police chief": the head decides
            word = self._group_word(tok)
            if word is None:
                continue
            mods = [c for c in tok.children if c.dep_ in {"amod", "compound", "nmod", "poss"} and c.i < tok.i]
            start = min([m.left_edge.i for m in mods if m.dep_ != "poss"] + [tok.i])
            while start < tok.i and (doc[start].is_punct or doc[start].lower_ in {"the", "a", "an"}):
                start += 1
            span = Span(doc, start, tok.i + 1, label="GROUP")
            country = None
            for m in mods:
                for t in m.subtree:
                    seat = self.kb.seat(t.text)
                    capital = self.kb.capital(t.text)  # "Washington security officials"
                    c = self._country_code(t.text) or (seat.iso3 if seat else None) or (
                        capital.iso3 if capital else None)
                    if c is None and t.ent_type_:  # "Ivory Coast rebels": the whole name
                        ent = next((e for e in doc.ents if e.start <= t.i < e.end), None)
                        c = self._country_code(ent.text) if ent else None
                    if c is not None and t.text[:1].isupper():
                        country = country or c
            sector = word.sector
            for m in mods:  # "military officials", "opposition lawmakers"
                mw = self.kb.title(m.text)
                if mw is not None and mw.kind == "modifier" and mw.sector:
                    sector = mw.sector
            iso = country or word.country
            owners = [t.i for m in mods for t in m.subtree if t.ent_type_ in {"PERSON", "ORG"}]
            owners += self._affiliated_with(tok)
            if iso is None:
                # "officials in Russia", "troops from Chad", "a newspaper based in Beirut"
                settled = [c for c in tok.children if c.dep_ in {"acl", "amod"} and c.i > tok.i
                           and c.lower_ in self.residence]
                preps = [c for h in [tok, *settled] for c in h.children if c.dep_ == "prep"
                         and c.lower_ in {"in", "from", "of", "throughout", "across"}]
                for prep in preps:
                    for obj in (c for c in prep.children if c.dep_ == "pobj"):
                        iso = iso or self._place_country(obj, place_at)
            if iso is None and sector is None and not owners:
                continue  # "a group of friends": neither a country nor a role to code
            k = f"group:{iso}:{sector}:{key(tok.lemma_)}"
            cluster = clusters.setdefault(k, _Cluster(k, span.text, "group"))
            cluster.owners.extend(owners)
            cluster.agent = cluster.agent or word.code
            if iso:
                cluster.country = cluster.country or self.kb.countries.get(iso)
                cluster.title_country = cluster.title_country or iso  # imported codes too
            cluster.sector = sector
            cluster.spans.append(span)
            found.append((span, k))
        return found

    def _private_person(self, c: _Cluster, place_at: dict[int, str]) -> bool:
        """A person the knowledge base does not know, written as people are: described,
        named twice or in full; a name, not a place the place resolver found ("Punta Tombo")
        or whose last word names a kind of place ("Trafalgar Square"), an acronym ("UTC"), a
        number ("Voskhod 2") or an institution ("Saint Francis Hospital"). Only such a name is coded as a private individual."""
        if c.kind != "person" or c.person is not None:
            return False
        words = c.name.split()
        if not (c.titles or c.home or len(c.spans) >= 2 or len(words) >= 2):
            return False
        if not any(w[:1].isupper() for w in words) or any(ch.isdigit() for ch in c.name):
            return False
        if len(words) == 1 and words[0].isupper():
            return False
        if len(words) >= 2 and words[-1].lower().rstrip(".") in self.place_name_ends:
            return False  # "Trafalgar Square", "Grenfell Tower": a place the tagger took for a person
        last = self.kb.title(words[-1].lower())
        if last is not None and last.kind == "group":
            return False
        return not any(s.start_char in place_at for s in c.spans)

    def _place_country(self, obj: Token, place_at: dict[int, str]) -> str | None:
        """The country a locative's object names: a country, capital, or a place the
        place resolver put in a country."""
        doc = obj.doc
        capital = self.kb.capital(obj.text)
        code = self._country_code(obj.text) or (capital.iso3 if capital else None)
        if code is None and obj.ent_type_:  # "the Ivory Coast": the whole name
            ent = next((e for e in doc.ents if e.start <= obj.i < e.end), None)
            code = self._country_code(ent.text) if ent else None
        if code is None:  # a city or province the place resolver put in a country
            code = next((place_at[t.idx] for t in obj.subtree if t.idx in place_at), None)
        return code

    def _stated_home(self, tok: Token) -> str | None:
        """The country a people is placed in by its own clause: "in X" on the noun, or on
        the verb it is the subject of ("ethnic Turks demonstrated in Bulgaria")."""
        hosts = [tok] + ([tok.head] if tok.dep_ in {"nsubj", "nsubjpass"} else [])
        for host in hosts:
            for prep in (c for c in host.children if c.dep_ == "prep" and c.lower_ == "in"):
                for obj in (g for g in prep.children if g.dep_ == "pobj"):
                    capital = self.kb.capital(obj.text)
                    code = self._country_code(obj.text) or (capital.iso3 if capital else None)
                    if code is not None:
                        return code
        return None

    def _affiliated_with(self, tok: Token) -> list[int]:
        """Name tokens of the actor a group belongs to ("workers affiliated with the X
        union", "militants loyal to Y's leader Z"): a name in apposition first, since it
        is who the phrase's head noun is."""
        found: list[int] = []
        for word in (c for c in tok.children if c.dep_ in {"acl", "amod"} and c.i > tok.i
                     and c.lower_ in self.affiliation):
            for obj in (g for p in word.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"):
                named = [a for a in obj.children if a.dep_ == "appos"]
                found += [t.i for a in named for t in a.subtree if t.ent_type_ in {"PERSON", "ORG"}]
                found += [t.i for t in obj.subtree if t.ent_type_ in {"PERSON", "ORG"} and t.i not in found]
        return found

    def _group_word(self, tok: Token):
        """The title-list entry for a collective noun, or for a plural role noun."""
        # longest written phrase first: "human rights activists" before "rights activists"
        if not (self.kb.may_end_title(tok.text) or self.kb.may_end_title(tok.lemma_)):
            return None  # most nouns end no title-list entry: nothing to build
        left = [c for c in tok.lefts if c.dep_ in {"compound", "amod"}]
        if not left and self.kb.title(tok.text) is None and self.kb.title(tok.lemma_) is None:
            return None
        start = min((c.left_edge.i for c in left), default=tok.i)
        doc = tok.doc
        phrases = [doc[i:tok.i + 1].text for i in range(start, tok.i + 1)
                   if not doc[i].is_punct and doc[i].pos_ != "DET"]
        for phrase in (*phrases, tok.lemma_):
            word = self.kb.title(phrase)
            if word is None:
                continue
            if word.kind == "group" or (word.kind == "title" and tok.tag_ in {"NNS", "NNPS"}):
                return word
        return None

    def _known(self, text: str) -> bool:
        kb = self.kb
        return any(f(text) is not None for f in (kb.person, kb.organisation, kb.country, kb.demonym,
                                                  kb.seat, kb.capital))

    def _country_code(self, text: str) -> str | None:
        """The country a word names: a country or demonym of the knowledge base, or an
        imported dictionary's country-level actor ("Dagolath" → DAG, "Danish" → DNK)."""
        country = self.kb.country(text) or self.kb.demonym(text)
        if country is None and text[:1].isupper() and " " not in text:
            country = self.kb.country_by_spelling(text)  # "Quatar's emir"
        if country is not None:
            return country.iso3
        coded = self.kb.person(text)
        if coded is not None:
            codes = {r.code for r in coded.roles if r.code}
            if len(codes) == 1 and len(next(iter(codes))) == 3:
                return next(iter(codes))
        return None

    def _surname_country(self, surname: str, published: dt.date | None) -> str | None:
        roles = [p.role_on(published) for p in self.kb.by_surname(surname)]
        countries = {r.country for r in roles if r is not None}
        return countries.pop() if len(countries) == 1 else None

    def _person_by_spelling(self, words: list[str], published: dt.date | None) -> Person | None:
        """The office holder a misspelt or differently transliterated name stands for:
        one letter off in the surname, and the same given name where one is written."""
        candidates = self.kb.by_surname_spelling(words[-1])
        if len(words) > 1:
            candidates = [p for p in candidates if key(p.name.split()[0]) == key(words[0])]
        elif published is not None:
            candidates = [p for p in candidates if any(r.active(published) for r in p.roles)]
        return candidates[0] if len(candidates) == 1 else None

    def _person_by_surname(self, surname: str, published: dt.date | None) -> Person | None:
        candidates = self.kb.by_surname(surname)
        if published is not None:
            active = [p for p in candidates if any(r.active(published) for r in p.roles)]
            if active or len(candidates) != 1:
                candidates = active  # several people of that name: only one in office counts
        if len(candidates) == 1:
            return candidates[0]
        return None

    # -- titles ---------------------------------------------------------------------
    def _add_title(self, cluster: _Cluster, span: Span, place_at: dict[int, str] | None = None,
                   origins: list[Token] | None = None) -> None:
        """Collect the title written beside a mention and what its words say; for a person,
        also where their description (the title, and `origins`: "of Bristol") places them."""
        def is_role(word: str) -> bool:
            return self.kb.title(word) is not None

        words = (title_words(left_title(span), is_role) or title_words(appositive_title(span), is_role)
                 or title_words(head_title(span), is_role))
        if not words and cluster.kind == "person" and cluster.person is None:
            # "Roe is a lawyer": a role word must be there, since a predicate is often no role
            # (a knowledge-base person keeps the title of their dated role)
            words = title_words(predicate_title(span, self.occupation_verbs), is_role)
            if not any(is_role(t.text) or is_role(t.lemma_) for t in words):
                words = []
        if place_at is not None and cluster.home is None:
            cluster.home = self._described_home([*words, *(origins or [])], place_at)
        if not words:
            return
        for owner in (c for w in words for c in w.children if c.dep_ == "poss"):
            # "Gondor's prime minister": the possessor country is the title's country
            country = self._country_code(owner.text) or self._country_code(
                " ".join(t.text for t in owner.subtree if t.tag_ != "POS"))
            if country:
                cluster.title_country = cluster.title_country or country
        title = " ".join(t.text for t in words).strip(" ,")
        if title and title.lower() not in (t.lower() for t in cluster.titles):
            cluster.titles.append(title)
        self._code_from_words(cluster, words)

    def _described_home(self, words: list[Token], place_at: dict[int, str]) -> str | None:
        """The country a person's own description names: a country or demonym ("a Canadian
        national"), or a place the place resolver put in a country ("an Ohio man", "a
        nurse from Leeds", "of Allen, Texas"). The first such word wins."""
        for tok in words:
            if not tok.text[:1].isupper():
                continue
            country = self.kb.country(tok.text) or self.kb.demonym(tok.text)
            if country is None and tok.ent_type_ in {"GPE", "NORP"}:  # "New Zealand": the whole name
                ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
                country = self.kb.country(ent.text) or self.kb.demonym(ent.text) if ent else None
            code = country.iso3 if country else place_at.get(tok.idx)
            if code is not None:
                return code
        return None

    def _code_from_words(self, cluster: _Cluster, words: list[Token]) -> None:
        """Country and sector from title words: "US", "Kremlin", "Russian", "defence minister"."""
        texts = [t.text for t in words]
        n = len(texts)
        i = 0
        modifier: str | None = None  # a sector modifier outranks the role noun it modifies
        while i < n:
            for j in range(min(n, i + 4), i, -1):  # longest phrase first
                phrase = " ".join(texts[i:j])
                country = self._country_code(phrase)
                seat = self.kb.seat(phrase)
                word = self.kb.title(phrase)
                if seat is not None:
                    cluster.title_country = cluster.title_country or seat.iso3
                    cluster.title_sector = cluster.title_sector or "GOV"
                elif country is not None and phrase[:1].isupper():
                    cluster.title_country = cluster.title_country or country
                elif word is not None:
                    if word.kind == "modifier" and word.sector:
                        modifier = word.sector  # "opposition spokesman", "military spokesman"
                        cluster.title_sector = word.sector
                    elif word.sector and (cluster.title_sector is None or word.kind == "title") \
                            and modifier is None:
                        cluster.title_sector = word.sector
                    if word.country:
                        cluster.title_country = cluster.title_country or word.country
                    if word.code:
                        cluster.agent = word.code
                else:
                    continue
                i = j - 1
                break
            i += 1

    def _title_as_name(self, c: _Cluster) -> None:
        """A title the tagger took for a name ("the Queen", "the Pope", "the President"): the
        person is coded from that title, as if it had been written beside a name."""
        word = self.kb.title(c.name.lower())
        if word is None or word.kind != "title":
            return
        c.titles.append(c.name)
        c.title_sector = c.title_sector or word.sector
        c.title_country = c.title_country or word.country

    # -- coding ---------------------------------------------------------------------
    def _actor(self, c: _Cluster, actor_id: str, published: dt.date | None) -> Actor:
        country: str | None = None
        sector: str | None = None
        code: str | None = None
        if c.kind == "person" and c.person is None and not c.titles:
            self._title_as_name(c)
        title = c.titles[0] if c.titles else None
        how = None
        if c.person is not None:
            role = c.person.role_on(published)
            if role is not None:
                country, sector, code = role.country, role.sector, role.code
                if c.title_country and country and c.title_country != country:
                    # the country written in the title beside the name outranks the stored
                    # role's ("Serbian President X" where the role is federal Yugoslav)
                    code = c.title_country + code[len(country):] if code and code.startswith(country) else code
                    country = c.title_country
                title = title or role.title
                when = f"{role.start or ''}–{role.end or ''}"
                how = f"knowledge: {role.source} ({role.title}, {when})"
        elif c.org is not None:
            country, sector, code = c.org.country, c.org.sector, c.org.code
            how = f"knowledge: {c.org.source}"
        elif c.kind == "group":
            country, sector = (c.country.iso3 if c.country else None), c.sector
            how = "group noun: titles.tsv"
        elif c.country is not None:
            country, sector = c.country.iso3, c.sector
            how = "knowledge: countries.yaml"
        if country is None and c.title_country:
            country = c.title_country
            how = how or f"title: {title or c.name}"
        if country is None and c.home:
            country = c.home
            how = f"{how}; country from the description" if how else "description"
        if sector is None and c.title_sector and c.kind != "country":
            sector = c.title_sector
            how = how or f"title: {title or c.name}"
        if code is None and c.agent:
            code = _compose_agent(c.agent, country)
        elif code is not None and len(code) == 3 and c.agent and c.kind == "person":
            code = _compose_agent(c.agent, code)  # a dictionary codes the name by country only
        if code is None and country:
            code = country + (sector or "") if sector not in (None, "IGO") else country
        elif code is None and sector:
            code = sector
        return Actor(
            id=actor_id, name=c.name, kind=c.kind, country=country, sector=sector, code=code,
            title=title, mentions=[], resolved_by=how,
        )


# -- helpers ----------------------------------------------------------------------------
def _compose_agent(agent: str, country: str | None) -> str:
    """An imported agent code joined to its country the PETRARCH way: "~GOVFRM" follows the
    country (DAGGOVFRM), "NGO~" precedes it (NGOARN); no country is written "---"."""
    agent = agent.replace(" ", "")
    if agent.endswith("~"):
        return agent[:-1] + (country or "")
    return (country or "---") + agent.lstrip("~")
def _tokenizer():
    """A bare English tokenizer, for knowledge-base names (no parse needed)."""
    from spacy.lang.en import English

    return English().tokenizer


def _country_cluster(clusters: dict[str, _Cluster], country: Country) -> _Cluster:
    k = "country:" + country.iso3
    cluster = clusters.setdefault(k, _Cluster(k, country.name, "country"))
    cluster.country = country
    return cluster
