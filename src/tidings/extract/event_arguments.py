"""Who did it to whom: the source and target actors of a coded trigger, read from the
dependency tree through the document's actor mentions. Subjects, passive agents,
controllers of infinitives ("urged X to ..."), possessors and demonyms of event nouns
("Russia's proposal", "Russian strikes"), orderers ("ordered patrols"), the parties of
"talks between X and Y", with/against/on phrases; conjuncts give compound actors. Also
who said so (attribution). A side whose words name no actor of the document stays empty:
no actor ids are made up here."""
from __future__ import annotations

from spacy.tokens import Token

from ..knowledge import Knowledge
from .event_context import DocumentLayers, quote_at
from .event_patterns import Match, PatternBook, after_region
from .event_settings import EventSettings
from .event_syntax import (
    SUBJECT_DEPS,
    carried_clause,
    clause_with_subject,
    direct_object,
    is_passive,
    is_purpose_clause,
    is_speech,
    reporting_verb,
)

_PLURAL_STANDINS = {"they", "both", "leaders", "sides", "two", "countries", "parties", "nations",
                    "governments", "presidents", "ministers", "delegations", "men"}
_OBJECT_CONTROL = {"urge", "ask", "call", "press", "order", "persuade", "force", "invite",
                   "encourage", "allow", "tell", "request", "push", "pressure", "instruct"}
_RELATIVE = {"who", "which", "that", "whom", "whose"}


def unique_ids(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


class ArgumentFinder:
    """Finds an event's actors in a parsed sentence; `ctx` holds the document's layers."""

    def __init__(self, knowledge: Knowledge, book: PatternBook, settings: EventSettings):
        self.knowledge = knowledge
        self.book = book  # its reporting verbs mark reported clauses
        self.settings = settings

    def actors_of(self, tok: Token | None, ctx: DocumentLayers, depth: int = 0) -> list[str]:
        """Actors named by the noun phrase headed by `tok`, with its conjuncts."""
        if tok is None or depth > 3:
            return []
        found = self._actor_of_phrase(tok, ctx)
        for child in tok.children:
            if child.dep_ == "conj":
                found += self.actors_of(child, ctx, depth + 1)
        return unique_ids(found)

    def _actor_of_phrase(self, tok: Token, ctx: DocumentLayers) -> list[str]:
        if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
            tok = tok.head.head  # "the troops who attacked": the relative's antecedent
        hit = self._mention(tok, ctx)
        if hit:
            return [hit]
        # "Indonesia's security minister Wiranto": a name in apposition is the head's
        # referent itself, where the owner and other modifiers only qualify it
        for child in tok.children:
            if child.dep_ == "appos" and child.i > tok.i:
                hit = self._mention(child, ctx)
                if hit and ctx.actors[hit].kind == "person":
                    return [hit]
        # "Russian officials", "the US president", "Moscow's"; the modifier nearest the
        # head names it before an owner does ("Bin Laden's al-Qaeda network": al-Qaeda)
        for child in sorted(tok.children, key=lambda c: (c.i > tok.i, -c.i if c.i < tok.i else c.i)):
            if child.dep_ in {"compound", "amod", "poss", "nmod", "appos"}:
                for t in child.subtree:
                    hit = self._mention(t, ctx)
                    if hit:
                        return [hit]
        for child in tok.children:  # "officials in Russia", "the government of Iraq"
            if child.dep_ == "prep" and child.lower_ in {"of", "from", "in"}:
                obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                hit = self._mention(obj, ctx) if obj is not None else None
                if hit:
                    return [hit]
                if obj is not None and child.lower_ == "of" and tok.pos_ in {"NUM", "NOUN"} and (
                        tok.lemma_.lower() in self.settings.group_nouns or tok.pos_ == "NUM"):
                    return self._actor_of_phrase(obj, ctx)  # "thousands of Iraqi Kurds"
        if tok.pos_ == "PRON":
            return self._pronoun(tok, ctx)
        return []

    def _mention(self, tok: Token, ctx: DocumentLayers) -> str | None:
        m = ctx.mentions.at(tok.idx, tok.idx + len(tok))
        if m is not None and ctx.codable(m.actor):
            return m.actor
        if tok.pos_ == "PROPN" and tok.i not in ctx.place_at:
            named = ctx.person_named.get(tok.text)  # "Widodo" again, missed by the tagger
            if named is not None:
                return named
        country = self.knowledge.demonym(tok.text) or (
            self.knowledge.country(tok.text) if tok.text[:1].isupper() else None)
        if country is not None:
            return ctx.country_actor.get(country.iso3)
        return None

    def _pronoun(self, tok: Token, ctx: DocumentLayers) -> list[str]:
        """Open pronouns: 'he' in a clause reported by someone is that someone; 'we' in a
        quote is its speaker. Coreference, when it resolved them, was asked first."""
        lower = tok.lower_
        if lower in self.settings.first_person:
            quote = quote_at(ctx.quotes, tok.idx)
            if quote is not None and ctx.codable(quote.speaker):
                return [quote.speaker]
        reporter = reporting_verb(tok, self.book)
        open_pronoun = lower in self.settings.reported_pronouns or lower in self.settings.first_person
        if reporter is not None and open_pronoun:
            subject = next((c for c in reporter.children if c.dep_ in SUBJECT_DEPS), None)
            if subject is not None and subject is not tok and subject.pos_ != "PRON":
                return self._actor_of_phrase(subject, ctx)
        return []

    def source(self, trigger: Token, carrier: Token | None, ctx: DocumentLayers) -> tuple[list[str], bool]:
        """Source actors and whether they were found in the trigger's own clause."""
        if trigger.pos_ == "NOUN":
            orderer = self._orderer(trigger, ctx)
            if orderer:  # "ordered patrols by police": the orderer patrols
                return orderer, True
            own = self._noun_source(trigger, ctx)
            if own:
                return own, True
            if carrier is not None:
                return self.verb_source(carrier, ctx), True
            governor = self._governing_verb(trigger)
            if governor is not None:
                return self.verb_source(governor, ctx), True
            return [], False
        return self.verb_source(trigger, ctx), True

    def _orderer(self, noun: Token, ctx: DocumentLayers) -> list[str]:
        """Who orders the act an event noun names as a command verb's object."""
        if noun.dep_ not in {"dobj", "obj"} or noun.head.lemma_.lower() not in self.settings.orderers:
            return []
        return self.verb_source(noun.head, ctx)

    def _governing_verb(self, noun: Token) -> Token | None:
        """The verb an event noun is planned or carried by through a preposition
        ("looked forward to the meeting", "prepared for talks"); None for verbs that
        merely comment on it ("condemned the attack")."""
        node = noun
        for _ in range(3):
            if node.dep_ not in {"pobj", "prep", "advmod", "dobj"} or node.head is node:
                return None
            if node.dep_ == "prep" and node.lower_ in self.settings.circumstance_preps:
                return None  # "imposed a curfew after a demonstration": another event's time
            node = node.head
            lemma = node.lemma_.lower()
            if node.pos_ in {"VERB", "AUX"}:
                if lemma in self.settings.light_verbs or lemma in self.settings.words.governors:
                    return node
                return None
            if lemma in self.settings.words.governors and node.head.pos_ in {"VERB", "AUX"}:
                return node.head  # "looked forward to": the adverb governs, the verb acts
        return None

    def verb_source(self, verb: Token, ctx: DocumentLayers, depth: int = 0) -> list[str]:
        """The actors doing what a verb says: its subject, a passive's agent, the controller
        of an infinitive, the antecedent of a relative clause."""
        if depth > 4:
            return []
        passive = is_passive(verb)
        stative = passive and self._stative(verb)
        if passive and not stative:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            obj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            return self.actors_of(obj, ctx)
        subjects = SUBJECT_DEPS | {"nsubjpass"} if stative else SUBJECT_DEPS
        subject = next((c for c in verb.children if c.dep_ in subjects), None)
        if subject is not None:
            return self.actors_of(subject, ctx)
        head = verb.head
        if head is verb:
            return []
        if verb.dep_ == "xcomp":
            if head.lemma_.lower() in _OBJECT_CONTROL:
                obj = next((c for c in head.children if c.dep_ in {"dobj", "obj"}), None)
                if obj is not None:
                    return self.actors_of(obj, ctx)
            return self.verb_source(head, ctx, depth + 1)
        if verb.dep_ in {"conj", "advcl", "pcomp"} or (verb.dep_ == "acomp"):
            return self.verb_source(head if head.pos_ in {"VERB", "AUX"} else head.head, ctx, depth + 1)
        if verb.dep_ == "relcl":
            return self.actors_of(head, ctx)
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.lemma_.lower() in self.settings.document_nouns:
            # "issued a declaration demanding ...": the issuer demands
            carrier = head.head if head.dep_ in {"dobj", "obj"} else None
            return self.verb_source(carrier, ctx, depth + 1) if carrier is not None else []
        return []

    def first_actor_after(self, trigger: Token, ctx: DocumentLayers) -> list[str]:
        """The first actor named after an imported trigger in its phrase, with conjuncts;
        not a pronoun ("warned their people") nor a passive's agent ("opposed by X")."""
        agent = {t.i for c in trigger.children if c.dep_ == "agent" for t in c.subtree}
        for tok in after_region(trigger):
            if tok.pos_ != "PRON" and tok.i not in agent and self._mention(tok, ctx):
                head = tok
                while head.dep_ in {"compound", "amod", "poss", "nmod"} and head.head.i > head.i:
                    head = head.head
                return self.actors_of(head, ctx) or [self._mention(tok, ctx)]
        return []

    def _noun_source(self, noun: Token, ctx: DocumentLayers) -> list[str]:
        for child in noun.children:
            if child.dep_ == "poss" and not self.possessor_is_patient(noun):
                return self.actors_of(child, ctx)
        for child in noun.children:
            if child.dep_ in {"compound", "amod", "nmod"} and child.i < noun.i:
                hit = self._mention(child, ctx)
                if hit:
                    return [hit]
        for child in noun.children:
            if child.dep_ in {"prep", "agent"} and child.lower_ in {"by", "between", "among", "from"}:
                obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                found = self.actors_of(obj, ctx)
                if found:
                    return found[:1] if child.lower_ in {"between", "among"} else found
        return []

    def possessor_is_patient(self, noun: Token) -> bool:
        """"his arrest", "her election": the possessor of a noun of an act done to someone
        is its patient, unless an 'of' phrase names the patient ("Iran's arrest of X")."""
        return (noun.pos_ == "NOUN" and noun.lower_ in self.settings.patient_nouns
                and not any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children))

    def target(self, m: Match, inner: Match | None, carrier: Token | None, ctx: DocumentLayers) -> list[str]:
        if self.possessor_is_patient(m.token):
            owner = next((c for c in m.token.children if c.dep_ == "poss"), None)
            found = self.actors_of(owner, ctx)
            if found:
                return found
        if m.pattern.code[:2] in self.settings.addressee_roots and not m.pattern.literal:
            clause = clause_with_subject(m.token) or carried_clause(m.token)
            subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None) if clause else None
            found = self.actors_of(subject, ctx) if subject is not None else []
            if found:  # "demanding that President X resign": X is asked
                return found
        if inner is not None and inner.token.pos_ == "NOUN" and inner.token.dep_ in {"dobj", "nsubjpass", "obj"}:
            found = self._noun_source(inner.token, ctx)
            if found:  # "rejected an Indian proposal": the proposal's author
                return found
        if m.target is not None and not (m.target.dep_ == "nsubjpass" and self._stative(m.token)):
            found = self.actors_of(m.target, ctx)
            if found or m.target.pos_ != "VERB":
                return found
        if inner is not None:
            if inner.target is not None:
                return self.actors_of(inner.target, ctx)
            found = self._default_target(inner.token, ctx)
            if found:
                return found
        found = self._default_target(m.token, ctx)
        if not found and carrier is not None:
            found = self._default_target(carrier, ctx, objects=False)
            for child in carrier.children if not found else []:
                if child.dep_ == "dative":  # "gave the Ivory Coast $5 million in aid"
                    if child.pos_ == "ADP":  # "paid tribute to X": 'to' parsed as the dative
                        child = next((g for g in child.children if g.dep_ == "pobj"), child)
                    found = self.actors_of(child, ctx)
                    break
        if not found and m.pattern.code[:2] in self.settings.deed_roots:
            found = self._doer_of_deed(m.token, ctx)
            if not found and carrier is not None:
                found = self._doer_of_deed(carrier, ctx)
        if not found and is_purpose_clause(m.token):
            found = self._errand_destination(m.token.head, ctx)
        return found

    def _errand_destination(self, verb: Token, ctx: DocumentLayers) -> list[str]:
        """Where the verb a purpose clause hangs on sends its object ("sent experts to
        Bosnia to investigate", "flew to Paris to meet"): the purpose's target."""
        found = self._default_target(verb, ctx, objects=False)
        obj = direct_object(verb)
        for t in obj.subtree if obj is not None and not found else []:
            if t.dep_ == "prep" and t.lower_ in {"to", "into"}:
                found = self.actors_of(next((g for g in t.children if g.dep_ == "pobj"), None), ctx)
                if found:
                    break
        return found

    def _doer_of_deed(self, tok: Token, ctx: DocumentLayers) -> list[str]:
        """The actor behind the deed an investigation or accusation is about, named deep in
        its object: "an inquiry into crimes committed by X", "a probe into X's role"."""
        phrases = [c for c in tok.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
        phrases += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in self.settings.deed_preps
                    for g in c.children if g.dep_ == "pobj"]
        for phrase in phrases:
            for t in phrase.subtree:
                if t.dep_ == "agent" and t.head.tag_ == "VBN":  # "committed by X"
                    found = self.actors_of(next((g for g in t.children if g.dep_ == "pobj"), None), ctx)
                elif t.dep_ == "poss" and t.head is not phrase:  # "X's role in ..."
                    found = self.actors_of(t, ctx)
                else:
                    continue
                if found:
                    return found
        return []

    @staticmethod
    def implied(table: dict[str, list[str]], code: str, other: list[str], ctx: DocumentLayers) -> list[str]:
        """The side CAMEO coders supply when the text leaves it implicit, taken only from
        the document's own actors: the first of the listed sectors, in the other side's
        country."""
        sectors = table.get(code) or table.get(code[:3]) or table.get(code[:2]) or []
        country = ctx.actors[other[0]].country if other else None
        if not sectors or not country:
            return []
        for sector in sectors:
            for actor in ctx.actors.values():
                if actor.country == country and actor.sector == sector and actor.id not in other:
                    return [actor.id]
        return []

    def standing_actor(self, code: str, ctx: DocumentLayers) -> list[str]:
        """The document's own participants of an event with none named ("weeks of
        protests", "the strike continued"): its first actor whose name ends in one of the
        participant nouns listed for the code's root (`standing_actors`)."""
        nouns = self.settings.standing_actors.get(code[:2])
        if not nouns:
            return []
        for actor in ctx.actors.values():
            words = actor.name.lower().split()
            if words and words[-1] in nouns:
                return [actor.id]
        return []

    def of_requester(self, noun: Token, ctx: DocumentLayers) -> list[str]:
        """The maker of a request or demand named by 'of' ("at the request of X")."""
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        return self.actors_of(next((g for g in of.children if g.dep_ == "pobj"), None), ctx) if of else []

    def complier(self, noun: Token, ctx: DocumentLayers, requester: list[str]) -> list[str]:
        """Who answers a request named as its verb's object ("she will comply with the
        request of X", "Y granted the request of X"): that verb's subject is asked."""
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        if noun.dep_ not in {"pobj", "dobj", "obj"} or verb.pos_ not in {"VERB", "AUX"}:
            return []
        found = self.verb_source(verb, ctx)
        return [] if not requester or set(found) & set(requester) else found

    def eventive_subject(self, anchor: Token, matches: dict[int, Match]) -> bool:
        """A verb whose subject is an event or a device, not an agent ("a roadside bombing
        killed two soldiers", "an explosion wounded five"): the text hides the agent."""
        subject = next((c for c in anchor.children if c.dep_ == "nsubj"), None)
        return subject is not None and subject.pos_ == "NOUN" and (
            subject.i in matches or subject.lemma_.lower() in self.settings.agentless_causes)

    def _stative(self, verb: Token) -> bool:
        """'be' + a stance participle with no agent ("is committed to", "is opposed to"):
        the subject holds the stance; it is not a passive's patient."""
        return (verb.tag_ == "VBN" and verb.lemma_.lower() in self.settings.stative
                and any(c.dep_ == "auxpass" for c in verb.children)
                and not any(c.dep_ == "agent" for c in verb.children))

    def _own(self, tok: Token) -> bool:
        return any(c.dep_ == "poss" and c.lower_ in self.settings.own_possessives for c in tok.children)

    def _default_target(self, tok: Token, ctx: DocumentLayers, objects: bool = True) -> list[str]:
        if tok.pos_ == "NOUN":
            # "a mediation effort between X and Y": the frame noun holds the parties
            in_frame = tok.dep_ == "compound" and tok.head.lemma_.lower() in self.settings.frame_nouns
            framed = tok.head if in_frame else tok
            carrier = [c for c in framed.head.children if c.i > framed.i] if framed.dep_ in {"dobj", "obj"} else []
            for child in [*tok.children, *(framed.children if framed is not tok else []), *carrier]:
                if child.dep_ == "prep" and child.lower_ in {"between", "among"}:
                    obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                    found = self.actors_of(obj, ctx)
                    if len(found) > 1:  # a party that is the source is dropped later
                        return found
        elif objects:
            passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children)
            stative = self._stative(tok)  # "X is committed to Y": X holds it, Y is its target
            for child in tok.children:
                if (child.dep_ == "nsubjpass" and not stative) or (
                        child.dep_ in {"dobj", "dative", "obj"} and not passive):
                    found = self.actors_of(child, ctx)
                    if self._own(child) and all(ctx.actors[a].sector in self.settings.own_forces for a in found):
                        continue  # "withdrew its troops": the source's own forces, not a target
                    if not found and child.pos_ == "NOUN":  # "maintain a dialogue with X"
                        found = self._default_target(child, ctx)
                    if found:
                        return found
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in self.settings.target_preps:
                obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if obj is None:
                    continue
                if child.lower_ in self.settings.place_preps and obj.i in ctx.place_at:
                    continue  # "met at the White House", "talks in Paris": a place
                found = self.actors_of(obj, ctx)
                if found:
                    return found
        return []

    def plural_standin(self, anchor: Token) -> bool:
        """An unresolved plural subject ("the leaders would meet again", "they agreed")."""
        subject = next((c for c in anchor.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        return subject is not None and subject.lower_ in _PLURAL_STANDINS

    def reporter_as_source(self, noun: Token, ctx: DocumentLayers) -> list[str]:
        """An event noun with no participant of its own inside a reported clause whose
        subject names no actor ("X said the leaders would meet after talks with Y"): the
        reporter is taken as the participant. A weak default; confidence says so."""
        verb = noun
        for _ in range(4):
            if verb.dep_ in {"ccomp", "parataxis"}:
                break
            verb = verb.head
        else:
            return []
        if not (verb.dep_ in {"ccomp", "parataxis"} and is_speech(verb.head, self.book)):
            return []
        if self.verb_source(verb, ctx):
            return []
        return self.verb_source(verb.head, ctx)

    def attribution(self, anchor: Token, ctx: DocumentLayers) -> str | None:
        """Who said so: the subject of the reporting verb above the anchor, else the
        speaker of the quote it sits in."""
        reporter = reporting_verb(anchor, self.book)
        if reporter is not None:
            speaker = self.verb_source(reporter, ctx)
            if speaker:
                return speaker[0]
        quote = quote_at(ctx.quotes, anchor.idx)
        if quote is not None and quote.speaker in ctx.actors:
            return quote.speaker
        return None
