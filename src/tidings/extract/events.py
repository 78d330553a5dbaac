"""The event coder: CAMEO/PLOVER events with actors, modality, date, place and evidence.

For each sentence, `event_triggers.py` finds the triggers (verbs and event nouns) through
the pattern book (`event_patterns.py`, data in `knowledge/data/events/`), with light verbs
("held talks") and governed complements folded into one event ("threatened to pull out"
→ 13x, "agreed to meet" → 036, "plans to visit" → the visit, planned). Each match then:
- is given its code, refined by what it governs and by how it is said (here: a reported
  obligation is a demand, an announced visit an intent, a conditional boycott a threat);
- finds its source and target (`event_arguments.py`), read through actor mentions;
- reads modality (`modality.py`), attribution (a reporting verb above it, or the quote
  it sits in), its own date and place (`event_context.py`: a time or locative attached
  in its clause).
Reporting verbs ("said") are coded as statements (010) only when nothing more specific
is coded in what they report and the report names another actor.
One article yields one event per (source, target, code, date, modality), with every
supporting sentence in `evidence` (`event_drafts.py`).

Negated events are kept with modality `denied` (see modality.py). A side whose words
name no actor of the document stays empty, with one exception: an agentless act the text
places, which only a state performs (a pattern's `by:SECTOR`: "was arrested in Egypt") or
which is an attack nobody is named for ("a roadside bomb near Kirkuk killed"), takes as
source that country's authority or unidentified attackers; where the document names no
such actor one is made (`DocumentLayers.authority`) and appended to the `actors` list the
coder was given, its `resolved_by` saying it was implied.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from ..knowledge import Knowledge, data_path, user_dir
from ..record import Actor, ActorMentions, Event, Place, Quote, Time
from .event_arguments import ArgumentFinder, unique_ids
from .event_context import DocumentLayers, event_date, event_place, place_country, place_hosts
from .event_drafts import Draft, draft_event, merge_drafts, recent_dyad
from .event_patterns import Match, Pattern, PatternBook
from .event_settings import EventSettings
from .event_syntax import clause_tokens, has_condition, is_passive, reporting_verb
from .event_triggers import TriggerReader
from .modality import modality


def pattern_files(knowledge: Knowledge | None = None) -> list[Path]:
    """Built-in pattern files, then the user's own (`user_dir()/events/*.txt`, and
    `events/` in its subfolders: imports), then `events/` of the knowledge's extra paths."""
    files = sorted(data_path("events").glob("*.txt"))
    if knowledge is None or knowledge.includes_user:  # Knowledge.load(user=False) reads none
        user = user_dir() / "events"
        files += sorted(user.glob("*.txt")) if user.is_dir() else []
        if user_dir().is_dir():
            files += sorted(p for p in user_dir().glob("*/events/*.txt"))
    for extra in (knowledge.extra_paths if knowledge is not None else ()):
        files += sorted((Path(extra) / "events").glob("*.txt"))
    return list(dict.fromkeys(files))


class EventCoder:
    def __init__(self, knowledge: Knowledge, paths: list[Path] | None = None):
        self.knowledge = knowledge
        self.book = PatternBook.load(paths if paths is not None else pattern_files(knowledge))
        self.settings = EventSettings.load()
        self.state_sectors = knowledge.sectors_in("state")  # whom a protest addresses
        self.channel_sectors = knowledge.sectors_in("media")  # outlets carry statements
        self.triggers = TriggerReader(self.book, self.settings)
        self.arguments = ArgumentFinder(knowledge, self.book, self.settings)

    # -- public -----------------------------------------------------------------------
    def __call__(
        self,
        doc: Doc,
        *,
        mentions: ActorMentions,
        actors: list[Actor],
        times: list[Time],
        places: list[Place],
        quotes: list[Quote],
        published: dt.date | None,
    ) -> list[Event]:
        ctx = DocumentLayers.build(doc, mentions=mentions, actors=actors, times=times, places=places,
                                   quotes=quotes, published=published)
        drafts: list[Draft] = []
        for sent in doc.sents:
            drafts.extend(self._sentence(sent, ctx, drafts))
        actors.extend(ctx.made)  # implied agents ("Police (Egypt)") join the document's actors
        return [draft_event(i, d, self.knowledge) for i, d in enumerate(merge_drafts(drafts), start=1)]

    # -- one sentence -----------------------------------------------------------------
    def _sentence(self, sent: Span, ctx: DocumentLayers, before: list[Draft]) -> list[Draft]:
        triggers = self.triggers.read(sent)
        out: list[Draft] = []
        speech: list[Match] = []
        for i, m in sorted(triggers.matches.items()):
            if i in triggers.consumed:
                continue
            if m.pattern.speech:  # coded last, and only if what it reports is not coded
                speech.append(m)
                continue
            out.extend(self._code_match(m, triggers.matches, triggers.carriers, sent, ctx, before + out))
        for m in speech:
            out.extend(self._statement(m, sent, ctx, out))
        return out

    # -- coding one match -------------------------------------------------------------
    def _code(self, m: Match, matches: dict[int, Match], depth: int = 0) -> str | None:
        code = m.pattern.codes[0]  # a paired code's reverse is added in _code_match
        inner = matches.get(m.complement.i) if m.complement is not None else None
        inner_code = self._code(inner, matches, depth + 1) if inner is not None and depth < 3 else None
        if code == "=":
            return inner_code
        if inner_code and code[:2] in self.settings.addressee_roots and code == code[:2] + "0":
            code = code[:2] + "*"  # "demand that X withdraw": a demand for withdrawal
        if code.endswith("*"):
            root = code[:-1]
            table = self.settings.refine.get(root, {})
            chosen = table.get(inner_code[:2], table.get("default")) if inner_code else table.get("default")
            return chosen or (root + "0")
        return code

    def _code_match(
        self, m: Match, matches: dict[int, Match], carriers: dict[int, Token], sent: Span,
        ctx: DocumentLayers, before: list[Draft],
    ) -> list[Draft]:
        code = self._code(m, matches)
        if code is None or self.knowledge.code(code) is None:
            return []
        trigger = m.token
        if self._descriptive(trigger) and not m.pattern.literal:
            return []  # "gunmen armed with rifles": what they are, not what was done
        inner = matches.get(m.complement.i) if m.complement is not None else None
        carrier = carriers.get(trigger.i)
        anchor = carrier or trigger
        score = 0.45 + (0.1 if m.pattern.specificity else 0.0)

        source, direct = self.arguments.source(trigger, carrier, ctx)
        if m.source is not None:  # an imported pattern's `$` slot
            source, direct = self.arguments.actors_of(m.source, ctx), True
        # [petrarch] an imported pattern without a target slot takes PETRARCH's target:
        # the first actor named after the trigger in its phrase, before tidings' reading
        # (a passive with its agent keeps tidings' reading: the subject is the target)
        by_agent = is_passive(trigger) and any(c.dep_ == "agent" for c in trigger.children)
        literal_target = (self.arguments.first_actor_after(trigger, ctx)
                          if m.pattern.literal and m.target is None and not by_agent else [])
        target = literal_target or self.arguments.target(m, inner, carrier, ctx)
        if not source and self.arguments.plural_standin(anchor):
            prior = recent_dyad(before, {code[:2], self.settings.future_as.get(code[:2], code[:2])}, sent)
            if prior is not None:
                source, target = list(prior.source), target or list(prior.target)
                direct = False
        if not source and not target and trigger.pos_ == "NOUN":
            source = self.arguments.standing_actor(code, ctx)  # "the protests began": the protesters'
            direct = False
        if not source and trigger.pos_ == "NOUN" and code[:2] in self.settings.of_requester:
            source = self.arguments.of_requester(trigger, ctx)  # "at the request of X"
            target = target or self.arguments.complier(trigger, ctx, source)
        if not source and trigger.pos_ == "NOUN" and carrier is None and code[:2] in self.settings.reporter_roots:
            source = self.arguments.reporter_as_source(trigger, ctx)
            direct = False
        source = unique_ids(source)
        target = [t for t in unique_ids(target) if t not in source]
        eventive = self.arguments.eventive_subject(anchor, matches)
        hidden_agent = is_passive(anchor) or eventive
        heads = [anchor, trigger, *([m.complement] if m.complement is not None else [])]
        clause = clause_tokens(anchor, extra=heads)
        place = self._place(clause, heads + self._place_words(m, anchor, eventive), anchor, ctx)
        # "was arrested in Egypt": by Egypt's police. A participle describing a noun ("the
        # curfew imposed in Sudan") with no patient named recalls an act, it reports none.
        if not source and hidden_agent and (target or anchor.dep_ != "acl"):
            source = self._agent_of_place(m, inner, code, anchor, place, clause, target, ctx)
            direct = False
        if not source and not (target and hidden_agent):
            return []  # an agentless event is kept only where the text hides the agent
        if not source:  # "two suspects were arrested": by the suspects' own police
            source = self.arguments.implied(self.settings.implied_source, code, target, ctx)
            direct = False
        elif not target and self._outside_state(source[0], code, ctx):  # "students protested":
            target = self.arguments.implied(self.settings.implied_target, code, source, ctx)  # their govt
        score += (0.25 if direct else 0.1) if source else 0.0
        score += 0.15 if target else 0.0

        mod = m.pattern.modality or (inner.pattern.modality if inner and m.pattern.code == "=" else None)
        mod = mod or modality(anchor, self.settings.words, stop=None)
        if mod == "asserted" and m.pattern.code == "=" and inner is not None:
            mod = modality(anchor, self.settings.words)
        if code[:2] == "13" and mod in {"asserted", "planned"}:
            mod = "threatened"  # "vowed to fight on": an intent of force is a threat
        if not m.pattern.literal:  # imported codes are kept as their dictionary wrote them
            code, mod, source, target = self._recode(code, mod, source, target, anchor, ctx)
        if not source and not target:
            return []
        if self._meeting_mentioned(trigger, carrier, code, source, target, m.pattern):
            return []
        date, granularity, date_from = event_date(clause, anchor, mod, ctx)
        attributed = self.arguments.attribution(anchor, ctx)
        drafts = []
        for src, tgt in self._dyads(code, source, target, m.pattern):
            drafts.append(Draft(
                code=code, source=src, target=tgt, modality=mod, attributed_to=attributed,
                date=date, date_granularity=granularity, date_from=date_from, place=place,
                trigger=trigger, sentence=sent, confidence=round(min(score, 0.95), 2),
            ))
        reverse = m.pattern.codes[1]  # a paired code "032:033": the target's act back
        if reverse and self.knowledge.code(reverse) is not None:
            drafts += [Draft(**{**vars(d), "code": reverse, "source": d.target, "target": d.source})
                       for d in list(drafts) if d.source and d.target]
        return drafts

    def _recode(
        self, code: str, mod: str, source: list[str], target: list[str], anchor: Token, ctx: DocumentLayers
    ) -> tuple[str, str, list[str], list[str]]:
        """CAMEO's readings of reported obligations and announced actions:
        "X said Y must release Z" is X's demand on Y (10x); "Y will visit/give aid" is
        an intent (03x), "Y would boycott/attack" a threat (13x)."""
        if any(c.dep_ == "aux" and c.lower_ in self.settings.obligation for c in anchor.children):
            reporter = reporting_verb(anchor, self.book)
            speaker = self.arguments.verb_source(reporter, ctx) if reporter is not None else []
            if speaker and source and speaker != source:
                demands = self.settings.refine.get("10", {})
                demand = demands.get(code[:2], demands.get("default", "100"))
                return demand, "demanded", speaker, source
        if mod == "denied" and code[:2] in self.settings.refusal_roots and self._refused(anchor):
            table = self.settings.refine.get("12", {})  # "will not accept refugees": a refusal
            return table.get(code[:2], table.get("default", "120")), "asserted", source, target
        if mod == "denied" and code[:2] in self.settings.failure_as and self._failed(anchor):
            return self.settings.failure_as[code[:2]], "asserted", source, target  # "failed to reach agreement"
        conditioned = has_condition(anchor, self.settings.words.conditional)
        threat = (mod == "planned" and conditioned) or has_condition(anchor, frozenset({"unless"}))
        if threat and code[:2] in self.settings.conditional_threat:
            table = self.settings.refine.get("13", {})
            return table.get(code[:2], table.get("default", "130")), "threatened", source, target
        # "would meet him if ...": a conditional offer (a conditional attack stays hypothetical)
        offered = mod == "hypothetical" and conditioned and self.settings.future_as.get(code[:2]) == "03"
        if (mod == "planned" or offered) and code[:2] in self.settings.future_as:
            root = self.settings.future_as[code[:2]]
            table = self.settings.refine.get(root, {})
            recoded = table.get(code[:2], table.get("default", root + "0"))
            return recoded, ("threatened" if root == "13" else mod), source, target
        return code, mod, source, target

    @staticmethod
    def _place_words(m: Match, anchor: Token, eventive: bool) -> list[Token]:
        """Words besides the trigger that a locative placing the event may hang on: the
        event noun a pattern names ("put under investigation in Italy") and a subject
        that is itself the event ("a bombing near Samarra killed ...")."""
        doc = anchor.doc
        words = [doc[i] for i in sorted(m.consumed) if doc[i].pos_ == "NOUN"]
        if eventive:
            words += [c for c in anchor.children if c.dep_ == "nsubj"]
        return words

    def _meeting_mentioned(self, trigger: Token, carrier: Token | None, code: str, source: list[str],
                           target: list[str], pattern: Pattern) -> bool:
        """A meeting-type noun ("the summit", "the AU summit") that no verb carries and
        that names one party and no other only refers to a gathering ("in the week
        leading up to the summit"): CAMEO's consultations and agreements take two sides,
        and nothing here says who met whom."""
        if trigger.pos_ != "NOUN" or carrier is not None or target or len(source) > 1 or pattern.literal:
            return False
        return any(code.startswith(r) for r in self.settings.mutual)

    def _agent_of_place(
        self, m: Match, inner: Match | None, code: str, anchor: Token, place: str | None,
        clause: set[int], target: list[str], ctx: DocumentLayers,
    ) -> list[str]:
        """The agent a text leaves out but where the act happened gives: the authority of
        that country for an act only a state performs (a pattern's `by:SECTOR`: "was
        arrested in Egypt" → Egypt's police), unidentified attackers of that country for
        an attack nobody is named for ("a roadside bomb near Kirkuk killed ...")."""
        governed = inner if inner is not None and m.pattern.code == "=" else None  # "plan to arrest"
        sector = m.pattern.authority or (governed.pattern.authority if governed is not None else None)
        if sector is not None:
            name, why = self.knowledge.sectors.get(sector, sector), f"'{anchor.text}' is a state's act ({code})"
        elif (target and code[:2] in self.settings.unattributed_roots and self.settings.unattributed_sector
                and self._names_attack(anchor)):  # with no victim named, nothing is learnt
            sector, name = self.settings.unattributed_sector, self.settings.unattributed_name
            why = f"'{anchor.text}' is an attack nobody is named for ({code})"
        else:
            return []
        country = place_country(place, clause, ctx, self.settings.place_preps)
        if country is None:
            return []
        known = self.knowledge.countries.get(country)
        country_name = known.name if known is not None else country
        reason = f"implied: {why}, with no agent in the text, in {country_name}"
        return [ctx.authority(country, sector, f"{name} ({country_name})", reason, target)]

    def _names_attack(self, anchor: Token) -> bool:
        """The text marks an agentless harm as an attack: the verb ("shot dead"), a subject
        hiding the agent ("a roadside bomb killed"), or an in/by phrase ("killed in a
        suicide bombing", "wounded by a landmine") names a weapon or an attack."""
        marks = self.settings.attack_marks
        words = [anchor]
        for child in anchor.children:
            if child.dep_ in {"nsubj", "agent"} or (child.dep_ == "prep" and child.lower_ in {"in", "by"}):
                words += list(child.subtree)
        return any(w.lemma_.lower() in marks or w.lower_ in marks for w in words)

    def _place(self, clause: set[int], heads: list[Token], anchor: Token, ctx: DocumentLayers) -> str | None:
        hosts = place_hosts(heads, self.settings.target_preps)
        return event_place(clause, hosts, anchor, ctx, self.settings.place_preps)

    def _dyads(self, code: str, source: list[str], target: list[str],
               pattern: Pattern | None = None) -> list[tuple[list[str], list[str]]]:
        """A compound source without a target reads as mutual for meet/sign/agree-type codes.
        [petrarch] An imported pattern reads so only where PETRARCH does (`reciprocal`)."""
        mutual = (pattern.reciprocal if pattern is not None and pattern.literal
                  else any(code.startswith(r) for r in self.settings.mutual))
        if not target and len(source) > 1 and mutual:
            return [([s], [t for t in source if t != s]) for s in source]
        return [(source, target)]

    def _statement(self, m: Match, sent: Span, ctx: DocumentLayers, coded: list[Draft]) -> list[Draft]:
        """A reporting verb as a statement (010 or its own code), only when what it
        reports holds no coded event and names an actor other than the speaker."""
        verb = m.token
        reported = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis", "xcomp", "dobj", "dative"}
                    or (verb.pos_ == "NOUN" and c.dep_ in {"acl", "prep", "appos"})]  # "a statement on X"
        span_ids = {t.i for c in reported for t in c.subtree}
        inside = [d for d in coded if d.trigger.i in span_ids]
        obliged = self._obliged(reported, ctx)
        if inside and (not obliged or any(d.code[:2] == "10" for d in inside)):
            return []  # what it reports is coded (an obligation already as a demand)
        source, direct = self.arguments.source(verb, None, ctx)
        if not source or self._channel(source[0], ctx):
            return []  # "The Guardian reported ...": the outlet carries the news
        target: list[str] = []
        for c in reported:
            for t in c.subtree:
                mention = ctx.mentions.at(t.idx, t.idx + len(t))
                if mention and ctx.codable(mention.actor) and mention.actor not in source \
                        and not self._channel(mention.actor, ctx):  # "told the BBC that ..."
                    target = [mention.actor]
                    break
            if target:
                break
        if obliged and obliged != source:  # "Russia said Sudan must return the helicopter"
            target, code = obliged, self.settings.refine.get("10", {}).get("default", "100")
        elif not target or not self._across_countries(source[0], target[0], ctx):
            return []
        else:
            code = m.pattern.code if self.knowledge.code(m.pattern.code) else "010"
        clause = clause_tokens(verb)
        date, granularity, date_from = event_date(clause, verb, "asserted", ctx)
        return [Draft(
            code=code, source=source, target=target,
            modality="demanded" if obliged else modality(verb, self.settings.words),
            attributed_to=None, date=date, date_granularity=granularity, date_from=date_from,
            place=self._place(clause, [verb], verb, ctx), trigger=verb, sentence=sent,
            confidence=0.6 if direct else 0.45,
        )]

    def _obliged(self, reported: list[Token], ctx: DocumentLayers) -> list[str]:
        """The subject of a reported clause that 'must' or 'should' act."""
        for clause in reported:
            if clause.pos_ in {"VERB", "AUX"} and any(
                    c.dep_ == "aux" and c.lower_ in self.settings.obligation for c in clause.children):
                subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                if subject is None or subject.pos_ == "PRON":
                    return []  # "we must act": the speaker's own resolve, not a demand
                return self.arguments.actors_of(subject, ctx)
        return []

    def _outside_state(self, actor_id: str, code: str, ctx: DocumentLayers) -> bool:
        """An actor that is not the state: of no state sector, and not a country except
        where a country stands for its people ("Iraqis protested": populace_roots)."""
        actor = ctx.actors[actor_id]
        if actor.kind == "country":
            return code[:2] in self.settings.populace_roots
        return actor.sector not in self.state_sectors

    def _channel(self, actor_id: str, ctx: DocumentLayers) -> bool:
        """A news outlet, through which statements travel (sectors.tsv: group media)."""
        return ctx.actors[actor_id].sector in self.channel_sectors

    @staticmethod
    def _across_countries(source: str, target: str, ctx: DocumentLayers) -> bool:
        """A bare statement is an event only when it speaks about another country's actor."""
        a, b = ctx.actors[source].country, ctx.actors[target].country
        return bool(a and b and a != b)

    def _descriptive(self, verb: Token) -> bool:
        """A participle describing the noun it modifies, with no agent ("armed with")."""
        return (verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.lemma_.lower() in self.settings.descriptive
                and not any(c.dep_ == "agent" for c in verb.children))

    def _refused(self, anchor: Token) -> bool:
        """A negated act with a future auxiliary of its own ("will not accept", "won't
        attend"): the subject states it refuses."""
        children = list(anchor.children)
        return any(c.dep_ == "neg" for c in children) and any(
            c.dep_ == "aux" and c.lower_ in self.settings.refusal_aux for c in children)

    def _failed(self, anchor: Token) -> bool:
        """An act governed by a verb of failure ("failed to reach agreement")."""
        node = anchor
        for _ in range(3):
            if node.dep_ != "xcomp" or node.head is node:
                return False
            node = node.head
            if node.lemma_.lower() in self.settings.failure_governors:
                return True
        return False
