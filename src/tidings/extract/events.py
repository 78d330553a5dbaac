"""The event coder: CAMEO/PLOVER events with actors, modality, date, place and evidence.

One pass over each sentence's tokens finds triggers (verbs and event nouns) through the
pattern book (`event_patterns.py`, data in `knowledge/data/events/`). Each match then:
- folds a governed complement into one event ("threatened to pull out" → 13x,
  "agreed to meet" → 036, "plans to visit" → the visit, planned);
- finds its source (subject, passive agent, controller of an infinitive, possessor or
  demonym of an event noun, subject of a light verb: "held talks") and target (the
  pattern's slot, else the object or a with/against/on phrase), through actor mentions;
  conjuncts give compound actors;
- reads modality (`modality.py`), attribution (a reporting verb above it, or the quote
  it sits in), its own date and place (a time or locative attached in its clause).
Reporting verbs ("said") are coded as statements (010) only when nothing more specific
is coded in what they report and the report names another actor.
One article yields one event per (source, target, code, date, modality), with every
supporting sentence in `evidence`.

Negated events are kept with modality `denied` (see modality.py). A side whose words
name no actor of the document stays empty; no actor ids are made up here.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from spacy.tokens import Doc, Span, Token

from ..knowledge import Knowledge, data_path, user_dir
from ..record import Actor, ActorMentions, Event, Place, Quote, Time
from .event_patterns import Match, Pattern, PatternBook, after_region, lemma_guesses
from .modality import ModalityWords, modality

_CLAUSAL = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "conj", "xcomp", "pcomp"}
_SUBJECTS = {"nsubj", "csubj", "expl"}
_PLURAL_STANDINS = {"they", "both", "leaders", "sides", "two", "countries", "parties", "nations",
                    "governments", "presidents", "ministers", "delegations", "men"}
_OBJECT_CONTROL = {"urge", "ask", "call", "press", "order", "persuade", "force", "invite",
                   "encourage", "allow", "tell", "request", "push", "pressure", "instruct"}
_RELATIVE = {"who", "which", "that", "whom", "whose"}


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


@dataclass
class _Draft:
    code: str
    source: list[str]
    target: list[str]
    modality: str
    attributed_to: str | None
    date: str | None
    date_granularity: str | None
    date_from: str | None
    place: str | None
    trigger: Token
    sentence: Span
    confidence: float
    evidence: list[list[int]] = field(default_factory=list)


@dataclass
class _Context:
    """The document's other layers, indexed by token for quick attachment."""

    doc: Doc
    mentions: ActorMentions
    actors: dict[str, Actor]
    country_actor: dict[str, str]
    time_at: dict[int, Time]
    place_at: dict[int, Place]
    quotes: list[Quote]
    published: dt.date | None


class EventCoder:
    def __init__(self, knowledge: Knowledge, paths: list[Path] | None = None):
        self.knowledge = knowledge
        self.book = PatternBook.load(paths if paths is not None else pattern_files(knowledge))
        settings = yaml.safe_load(data_path("events/settings.yaml").read_text(encoding="utf-8"))
        self.words = ModalityWords.from_settings(settings)
        self.light_verbs = frozenset(settings.get("light_verbs") or [])
        self.target_preps = frozenset(settings.get("target_prepositions") or [])
        self.place_preps = frozenset(settings.get("place_prepositions") or [])
        self.refine: dict[str, dict[str, str]] = {
            str(k): {str(a): str(b) for a, b in v.items()} for k, v in (settings.get("refine") or {}).items()
        }
        self.mutual = tuple(str(x) for x in settings.get("mutual_roots") or [])
        self.future_as = {str(k): str(v) for k, v in (settings.get("future_as") or {}).items()}
        self.obligation = frozenset(settings.get("obligation_aux") or [])
        self.first_person = frozenset(settings.get("first_person") or [])
        self.reported_pronouns = frozenset(settings.get("reported_pronouns") or [])
        self.addressee_roots = frozenset(str(r) for r in settings.get("addressee_roots") or [])
        self.conditional_threat = frozenset(str(r) for r in settings.get("conditional_threat") or [])
        self.own_possessives = frozenset(settings.get("own_possessives") or [])
        self.own_forces = frozenset(settings.get("own_forces") or [])
        self.implied_source = _sector_table(settings.get("implied_source"))
        self.implied_target = _sector_table(settings.get("implied_target"))
        self.standing_actors = _sector_table(settings.get("standing_actors"))
        self.agentless_causes = frozenset(settings.get("agentless_causes") or [])
        self.deed_roots = frozenset(str(r) for r in settings.get("deed_roots") or [])
        self.deed_preps = frozenset(settings.get("deed_prepositions") or [])
        self.of_requester = frozenset(str(r) for r in settings.get("of_requester_roots") or [])
        self.frame_nouns = frozenset(settings.get("frame_nouns") or [])
        self.group_nouns = frozenset(settings.get("group_nouns") or [])
        self.reporter_roots = frozenset(str(r) for r in settings.get("reporter_participant_roots") or [])
        self.circumstance_preps = frozenset(settings.get("circumstance_prepositions") or [])
        self.stative = frozenset(settings.get("stative_participles") or [])
        self.descriptive = frozenset(settings.get("descriptive_participles") or [])
        self.failure_governors = frozenset(settings.get("failure_governors") or [])
        self.failure_as = {str(k): str(v) for k, v in (settings.get("failure_as") or {}).items()}
        self.refusal_aux = frozenset(str(w) for w in settings.get("refusal_aux") or [])
        self.refusal_roots = frozenset(str(r) for r in settings.get("refusal_roots") or [])
        self.power_nouns = frozenset(settings.get("power_nouns") or [])
        self.possession_verbs = frozenset(settings.get("possession_verbs") or [])
        self.setting_nouns = frozenset(settings.get("setting_nouns") or [])
        self.setting_preps = frozenset(settings.get("setting_prepositions") or [])
        self.document_nouns = frozenset(settings.get("document_nouns") or [])
        self.orderers = frozenset(settings.get("orderer_verbs") or [])

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
        ctx = _Context(
            doc=doc, mentions=mentions, actors={a.id: a for a in actors},
            country_actor={a.country: a.id for a in actors if a.kind == "country" and a.country},
            time_at=_index_times(doc, times), place_at=_index_places(doc, places),
            quotes=quotes, published=published,
        )
        drafts: list[_Draft] = []
        for sent in doc.sents:
            drafts.extend(self._sentence(sent, ctx, drafts))
        return self._merge(drafts)

    # -- one sentence -----------------------------------------------------------------
    def _sentence(self, sent: Span, ctx: _Context, before: list[_Draft]) -> list[_Draft]:
        matches = {tok.i: m for tok in sent if (m := self.book.match(tok)) is not None
                   and not (_noun_modifier(tok, m) and tok.head.lemma_.lower() not in self.frame_nouns)
                   and not (m.pattern.pos == "noun" and not m.pattern.literal and self._no_act(tok))}
        if not matches:
            return []
        carriers = self._light_verbs(sent, matches)
        consumed = self._fold(matches)
        out: list[_Draft] = []
        speech: list[Match] = []
        for i, m in sorted(matches.items()):
            if i in consumed:
                continue
            if m.pattern.speech:  # coded last, and only if what it reports is not coded
                speech.append(m)
                continue
            out.extend(self._code_match(m, matches, carriers, sent, ctx, before + out))
        for m in speech:
            out.extend(self._statement(m, sent, ctx, out))
        return out

    def _no_act(self, noun: Token) -> bool:
        """An event noun that names no act here: a power held or handed over ("gave them
        a veto"), or a standing condition setting the scene ("an offensive in its war
        with X")."""
        lemma = noun.lemma_.lower()
        if lemma in self.power_nouns and noun.dep_ in {"dobj", "obj", "attr"}:
            return noun.head.lemma_.lower() in self.possession_verbs
        if lemma in self.setting_nouns and noun.dep_ == "pobj":
            return noun.head.lower_ in self.setting_preps
        return False

    def _light_verbs(self, sent: Span, matches: dict[int, Match]) -> dict[int, Token]:
        """Event nouns carried by a light verb ("held talks"): noun index → the verb.
        The noun is coded unless the verb's own pattern is more specific than its lemma."""
        carriers: dict[int, Token] = {}
        for tok in sent:
            if tok.pos_ not in {"VERB", "AUX"} or not (
                    tok.lemma_.lower() in self.light_verbs
                    or any(g in self.light_verbs for g in lemma_guesses(tok))):  # "staged" read as 'stag'
                continue
            for child in tok.children:
                if child.dep_ in {"dobj", "nsubjpass", "obj", "attr"} and child.i not in matches:
                    child = _measured(child)  # "sent 20 tons of aid": the aid is carried
                    child = self._framed(child, matches)  # "launched a mediation effort"
                if child.dep_ in {"dobj", "nsubjpass", "obj", "attr", "pobj", "compound"} and child.i in matches:
                    verb_match = matches.get(tok.i)
                    if verb_match is not None and verb_match.pattern.specificity > 0:
                        matches.pop(child.i, None)
                        continue
                    matches.pop(tok.i, None)
                    carriers[child.i] = tok
        return carriers

    def _framed(self, noun: Token, matches: dict[int, Match]) -> Token:
        """The event noun a frame noun is the effort of ("a mediation effort", "a rescue
        operation"): the event is carried with it."""
        if noun.i in matches or noun.lemma_.lower() not in self.frame_nouns:
            return noun
        return next((c for c in noun.children if c.dep_ == "compound" and c.i in matches), noun)

    def _fold(self, matches: dict[int, Match]) -> set[int]:
        """Complements coded into their governor's event; returns the consumed triggers."""
        consumed: set[int] = set()
        for i, m in matches.items():
            if m.complement is not None and m.complement.i in matches and not m.pattern.speech:
                consumed.add(m.complement.i)
            for j, other in matches.items():
                if j != i and not m.pattern.speech and (
                        j in m.consumed or other.token.head.i in m.consumed):
                    consumed.add(j)  # "accused X of meddling", "hold talks": one event
        # a governor whose whole code is its complement's ("plan to VERB -> =") is
        # replaced by it: keep the governor, drop the complement, code from the complement
        for i, m in matches.items():
            if m.complement is None and not m.pattern.speech and not m.pattern.literal and i not in consumed:
                inner = self._object_event(m, matches)
                if inner is not None:
                    m.complement = inner
                    consumed.add(inner.i)
        return consumed

    def _object_event(self, m: Match, matches: dict[int, Match]) -> Token | None:
        """The event a refinable verb acts on ("rejected the proposal" 12 + 03 -> 127,
        "dismissed an appeal" -> 124), or the clause a request asks for ("demand that
        Israel ease restrictions" -> 10 + 08): it is coded as part of this event."""
        code = m.pattern.code
        if code.endswith("*"):
            obj = m.target if m.target is not None else _direct_object(m.token)
            if obj is not None and obj.i in matches and obj.pos_ == "NOUN":
                return obj
        if code[:2] in self.addressee_roots:
            clause = _clause_with_subject(m.token) or _carried_clause(m.token)
            if clause is not None and clause.i in matches and not matches[clause.i].pattern.speech:
                return clause
        return None

    # -- coding one match -------------------------------------------------------------
    def _code(self, m: Match, matches: dict[int, Match], depth: int = 0) -> str | None:
        code = m.pattern.codes[0]  # a paired code's reverse is added in _code_match
        inner = matches.get(m.complement.i) if m.complement is not None else None
        inner_code = self._code(inner, matches, depth + 1) if inner is not None and depth < 3 else None
        if code == "=":
            return inner_code
        if inner_code and code[:2] in self.addressee_roots and code == code[:2] + "0":
            code = code[:2] + "*"  # "demand that X withdraw": a demand for withdrawal
        if code.endswith("*"):
            root = code[:-1]
            table = self.refine.get(root, {})
            chosen = table.get(inner_code[:2], table.get("default")) if inner_code else table.get("default")
            return chosen or (root + "0")
        return code

    def _code_match(
        self, m: Match, matches: dict[int, Match], carriers: dict[int, Token], sent: Span,
        ctx: _Context, before: list[_Draft],
    ) -> list[_Draft]:
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

        source, direct = self._source(trigger, carrier, ctx)
        if m.source is not None:  # an imported pattern's `$` slot
            source, direct = self._actors_of(m.source, ctx), True
        # [petrarch] an imported pattern without a target slot takes PETRARCH's target:
        # the first actor named after the trigger in its phrase, before tidings' reading
        # (a passive with its agent keeps tidings' reading: the subject is the target)
        by_agent = _passive(trigger) and any(c.dep_ == "agent" for c in trigger.children)
        literal_target = (self._first_actor_after(trigger, ctx)
                          if m.pattern.literal and m.target is None and not by_agent else [])
        target = literal_target or self._target(m, inner, carrier, ctx)
        if not source and self._plural_standin(anchor):
            prior = _recent_dyad(before, {code[:2], self.future_as.get(code[:2], code[:2])}, sent)
            if prior is not None:
                source, target = list(prior.source), target or list(prior.target)
                direct = False
        if not source and not target and trigger.pos_ == "NOUN":
            source = self._standing_actor(code, ctx)  # "the protests began": the protesters'
            direct = False
        if not source and trigger.pos_ == "NOUN" and code[:2] in self.of_requester:
            source = self._of_requester(trigger, ctx)  # "at the request of X"
            target = target or self._complier(trigger, ctx, source)
        if not source and trigger.pos_ == "NOUN" and carrier is None and code[:2] in self.reporter_roots:
            source = self._reporter_as_source(trigger, ctx)
            direct = False
        source = _unique(source)
        target = [t for t in _unique(target) if t not in source]
        if not source and not (target and (_passive(anchor) or self._eventive_subject(anchor, matches))):
            return []  # an agentless event is kept only where the text hides the agent
        if not source:  # "two suspects were arrested": by the suspects' own police
            source = self._implied(self.implied_source, code, target, ctx)
            direct = False
        elif not target:  # "students protested": against their own government
            target = self._implied(self.implied_target, code, source, ctx)
        score += (0.25 if direct else 0.1) if source else 0.0
        score += 0.15 if target else 0.0

        mod = m.pattern.modality or (inner.pattern.modality if inner and m.pattern.code == "=" else None)
        mod = mod or modality(anchor, self.words, stop=None)
        if mod == "asserted" and m.pattern.code == "=" and inner is not None:
            mod = modality(anchor, self.words)
        if code[:2] == "13" and mod in {"asserted", "planned"}:
            mod = "threatened"  # "vowed to fight on": an intent of force is a threat
        if not m.pattern.literal:  # imported codes are kept as their dictionary wrote them
            code, mod, source, target = self._recode(code, mod, source, target, anchor, ctx)
        if not source and not target:
            return []
        heads = [anchor, trigger, *([m.complement] if m.complement is not None else [])]
        clause = _clause_tokens(anchor, extra=heads)
        date, granularity, date_from = self._date(clause, anchor, mod, ctx)
        place = self._place(clause, self._place_hosts(heads), anchor, ctx)
        attributed = self._attribution(anchor, ctx, exclude=source)
        drafts = []
        for src, tgt in self._dyads(code, source, target, m.pattern):
            drafts.append(_Draft(
                code=code, source=src, target=tgt, modality=mod, attributed_to=attributed,
                date=date, date_granularity=granularity, date_from=date_from, place=place,
                trigger=trigger, sentence=sent, confidence=round(min(score, 0.95), 2),
            ))
        reverse = m.pattern.codes[1]  # a paired code "032:033": the target's act back
        if reverse and self.knowledge.code(reverse) is not None:
            drafts += [_Draft(**{**vars(d), "code": reverse, "source": d.target, "target": d.source})
                       for d in list(drafts) if d.source and d.target]
        return drafts

    def _recode(
        self, code: str, mod: str, source: list[str], target: list[str], anchor: Token, ctx: _Context
    ) -> tuple[str, str, list[str], list[str]]:
        """CAMEO's readings of reported obligations and announced actions:
        "X said Y must release Z" is X's demand on Y (10x); "Y will visit/give aid" is
        an intent (03x), "Y would boycott/attack" a threat (13x)."""
        if any(c.dep_ == "aux" and c.lower_ in self.obligation for c in anchor.children):
            reporter = _reporting_verb(anchor, self.book)
            speaker = self._verb_source(reporter, ctx) if reporter is not None else []
            if speaker and source and speaker != source:
                demand = self.refine.get("10", {}).get(code[:2], self.refine.get("10", {}).get("default", "100"))
                return demand, "demanded", speaker, source
        if mod == "denied" and code[:2] in self.refusal_roots and self._refused(anchor):
            table = self.refine.get("12", {})  # "will not accept refugees": a refusal
            return table.get(code[:2], table.get("default", "120")), "asserted", source, target
        if mod == "denied" and code[:2] in self.failure_as and self._failed(anchor):
            return self.failure_as[code[:2]], "asserted", source, target  # "failed to reach agreement"
        conditioned = _conditioned(anchor, self.words.conditional)
        threat = (mod == "planned" and conditioned) or _conditioned(anchor, frozenset({"unless"}))
        if threat and code[:2] in self.conditional_threat:
            table = self.refine.get("13", {})
            return table.get(code[:2], table.get("default", "130")), "threatened", source, target
        # "would meet him if ...": a conditional offer (a conditional attack stays hypothetical)
        offered = mod == "hypothetical" and conditioned and self.future_as.get(code[:2]) == "03"
        if (mod == "planned" or offered) and code[:2] in self.future_as:
            root = self.future_as[code[:2]]
            table = self.refine.get(root, {})
            recoded = table.get(code[:2], table.get("default", root + "0"))
            return recoded, ("threatened" if root == "13" else mod), source, target
        return code, mod, source, target

    def _dyads(self, code: str, source: list[str], target: list[str],
               pattern: Pattern | None = None) -> list[tuple[list[str], list[str]]]:
        """A compound source without a target reads as mutual for meet/sign/agree-type codes.
        [petrarch] An imported pattern reads so only where PETRARCH does (`reciprocal`)."""
        mutual = (pattern.reciprocal if pattern is not None and pattern.literal
                  else any(code.startswith(r) for r in self.mutual))
        if not target and len(source) > 1 and mutual:
            return [([s], [t for t in source if t != s]) for s in source]
        return [(source, target)]

    def _statement(self, m: Match, sent: Span, ctx: _Context, coded: list[_Draft]) -> list[_Draft]:
        """A reporting verb as a statement (010 or its own code), only when what it
        reports holds no coded event and names an actor other than the speaker."""
        verb = m.token
        reported = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis", "xcomp", "dobj", "dative"}]
        span_ids = {t.i for c in reported for t in c.subtree}
        inside = [d for d in coded if d.trigger.i in span_ids]
        obliged = self._obliged(reported, ctx)
        if inside and (not obliged or any(d.code[:2] == "10" for d in inside)):
            return []  # what it reports is coded (an obligation already as a demand)
        source, direct = self._source(verb, None, ctx)
        if not source:
            return []
        target: list[str] = []
        for c in reported:
            for t in c.subtree:
                mention = ctx.mentions.at(t.idx, t.idx + len(t))
                if mention and mention.actor in ctx.actors and mention.actor not in source:
                    target = [mention.actor]
                    break
            if target:
                break
        if obliged and obliged != source:  # "Russia said Sudan must return the helicopter"
            target, code = obliged, self.refine.get("10", {}).get("default", "100")
        elif not target or not self._across_countries(source[0], target[0], ctx):
            return []
        else:
            code = m.pattern.code if self.knowledge.code(m.pattern.code) else "010"
        clause = _clause_tokens(verb)
        date, granularity, date_from = self._date(clause, verb, "asserted", ctx)
        return [_Draft(
            code=code, source=source, target=target,
            modality="demanded" if obliged else modality(verb, self.words),
            attributed_to=None, date=date, date_granularity=granularity, date_from=date_from,
            place=self._place(clause, self._place_hosts([verb]), verb, ctx), trigger=verb, sentence=sent,
            confidence=0.6 if direct else 0.45,
        )]

    def _obliged(self, reported: list[Token], ctx: _Context) -> list[str]:
        """The subject of a reported clause that 'must' or 'should' act."""
        for clause in reported:
            if clause.pos_ in {"VERB", "AUX"} and any(
                    c.dep_ == "aux" and c.lower_ in self.obligation for c in clause.children):
                subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                if subject is None or subject.pos_ == "PRON":
                    return []  # "we must act": the speaker's own resolve, not a demand
                return self._actors_of(subject, ctx)
        return []

    @staticmethod
    def _across_countries(source: str, target: str, ctx: _Context) -> bool:
        """A bare statement is an event only when it speaks about another country's actor."""
        a, b = ctx.actors[source].country, ctx.actors[target].country
        return bool(a and b and a != b)

    # -- actors -----------------------------------------------------------------------
    def _actors_of(self, tok: Token | None, ctx: _Context, depth: int = 0) -> list[str]:
        """Actors named by the noun phrase headed by `tok`, with its conjuncts."""
        if tok is None or depth > 3:
            return []
        found = self._actor_of_phrase(tok, ctx)
        for child in tok.children:
            if child.dep_ == "conj":
                found += self._actors_of(child, ctx, depth + 1)
        return _unique(found)

    def _actor_of_phrase(self, tok: Token, ctx: _Context) -> list[str]:
        if tok.lower_ in _RELATIVE and tok.head.dep_ == "relcl":
            tok = tok.head.head  # "the troops who attacked": the relative's antecedent
        hit = self._mention(tok, ctx)
        if hit:
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
                        tok.lemma_.lower() in self.group_nouns or tok.pos_ == "NUM"):
                    return self._actor_of_phrase(obj, ctx)  # "thousands of Iraqi Kurds"
        if tok.pos_ == "PRON":
            return self._pronoun(tok, ctx)
        return []

    def _mention(self, tok: Token, ctx: _Context) -> str | None:
        m = ctx.mentions.at(tok.idx, tok.idx + len(tok))
        if m is not None and m.actor in ctx.actors:
            return m.actor
        country = self.knowledge.demonym(tok.text) or (
            self.knowledge.country(tok.text) if tok.text[:1].isupper() else None)
        if country is not None:
            return ctx.country_actor.get(country.iso3)
        return None

    def _pronoun(self, tok: Token, ctx: _Context) -> list[str]:
        """Open pronouns: 'he' in a clause reported by someone is that someone; 'we' in a
        quote is its speaker. Coreference, when it resolved them, was asked first."""
        lower = tok.lower_
        if lower in self.first_person:
            quote = _quote_at(ctx.quotes, tok.idx)
            if quote is not None and quote.speaker in ctx.actors:
                return [quote.speaker]
        reporter = _reporting_verb(tok, self.book)
        if reporter is not None and (lower in self.reported_pronouns or lower in self.first_person):
            subject = next((c for c in reporter.children if c.dep_ in _SUBJECTS), None)
            if subject is not None and subject is not tok and subject.pos_ != "PRON":
                return self._actor_of_phrase(subject, ctx)
        return []

    def _source(self, trigger: Token, carrier: Token | None, ctx: _Context) -> tuple[list[str], bool]:
        """Source actors and whether they were found in the trigger's own clause."""
        if trigger.pos_ == "NOUN":
            orderer = self._orderer(trigger, ctx)
            if orderer:  # "ordered patrols by police": the orderer patrols
                return orderer, True
            own = self._noun_source(trigger, ctx)
            if own:
                return own, True
            if carrier is not None:
                return self._verb_source(carrier, ctx), True
            governor = self._governing_verb(trigger)
            if governor is not None:
                return self._verb_source(governor, ctx), True
            return [], False
        return self._verb_source(trigger, ctx), True

    def _orderer(self, noun: Token, ctx: _Context) -> list[str]:
        """Who orders the act an event noun names as a command verb's object."""
        if noun.dep_ not in {"dobj", "obj"} or noun.head.lemma_.lower() not in self.orderers:
            return []
        return self._verb_source(noun.head, ctx)

    def _governing_verb(self, noun: Token) -> Token | None:
        """The verb an event noun is planned or carried by through a preposition
        ("looked forward to the meeting", "prepared for talks"); None for verbs that
        merely comment on it ("condemned the attack")."""
        node = noun
        for _ in range(3):
            if node.dep_ not in {"pobj", "prep", "advmod", "dobj"} or node.head is node:
                return None
            if node.dep_ == "prep" and node.lower_ in self.circumstance_preps:
                return None  # "imposed a curfew after a demonstration": another event's time
            node = node.head
            lemma = node.lemma_.lower()
            if node.pos_ in {"VERB", "AUX"}:
                if lemma in self.light_verbs or lemma in self.words.governors:
                    return node
                return None
            if lemma in self.words.governors and node.head.pos_ in {"VERB", "AUX"}:
                return node.head  # "looked forward to": the adverb governs, the verb acts
        return None

    def _verb_source(self, verb: Token, ctx: _Context, depth: int = 0) -> list[str]:
        if depth > 4:
            return []
        passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children) or (
            verb.dep_ == "acl" and verb.tag_ == "VBN")
        stative = passive and self._stative(verb)
        if passive and not stative:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            obj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
            return self._actors_of(obj, ctx)
        subjects = _SUBJECTS | {"nsubjpass"} if stative else _SUBJECTS
        subject = next((c for c in verb.children if c.dep_ in subjects), None)
        if subject is not None:
            return self._actors_of(subject, ctx)
        head = verb.head
        if head is verb:
            return []
        if verb.dep_ == "xcomp":
            if head.lemma_.lower() in _OBJECT_CONTROL:
                obj = next((c for c in head.children if c.dep_ in {"dobj", "obj"}), None)
                if obj is not None:
                    return self._actors_of(obj, ctx)
            return self._verb_source(head, ctx, depth + 1)
        if verb.dep_ in {"conj", "advcl", "pcomp"} or (verb.dep_ == "acomp"):
            return self._verb_source(head if head.pos_ in {"VERB", "AUX"} else head.head, ctx, depth + 1)
        if verb.dep_ == "relcl":
            return self._actors_of(head, ctx)
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.lemma_.lower() in self.document_nouns:
            # "issued a declaration demanding ...": the issuer demands
            carrier = head.head if head.dep_ in {"dobj", "obj"} else None
            return self._verb_source(carrier, ctx, depth + 1) if carrier is not None else []
        return []

    def _first_actor_after(self, trigger: Token, ctx: _Context) -> list[str]:
        """The first actor named after an imported trigger in its phrase, with conjuncts;
        not a pronoun ("warned their people") nor a passive's agent ("opposed by X")."""
        agent = {t.i for c in trigger.children if c.dep_ == "agent" for t in c.subtree}
        for tok in after_region(trigger):
            if tok.pos_ != "PRON" and tok.i not in agent and self._mention(tok, ctx):
                head = tok
                while head.dep_ in {"compound", "amod", "poss", "nmod"} and head.head.i > head.i:
                    head = head.head
                return self._actors_of(head, ctx) or [self._mention(tok, ctx)]
        return []

    def _noun_source(self, noun: Token, ctx: _Context) -> list[str]:
        for child in noun.children:
            if child.dep_ == "poss":
                return self._actors_of(child, ctx)
        for child in noun.children:
            if child.dep_ in {"compound", "amod", "nmod"} and child.i < noun.i:
                hit = self._mention(child, ctx)
                if hit:
                    return [hit]
        for child in noun.children:
            if child.dep_ in {"prep", "agent"} and child.lower_ in {"by", "between", "among", "from"}:
                obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                found = self._actors_of(obj, ctx)
                if found:
                    return found[:1] if child.lower_ in {"between", "among"} else found
        return []

    def _target(self, m: Match, inner: Match | None, carrier: Token | None, ctx: _Context) -> list[str]:
        if m.pattern.code[:2] in self.addressee_roots and not m.pattern.literal:
            clause = _clause_with_subject(m.token) or _carried_clause(m.token)
            subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None) if clause else None
            found = self._actors_of(subject, ctx) if subject is not None else []
            if found:  # "demanding that President X resign": X is asked
                return found
        if inner is not None and inner.token.pos_ == "NOUN" and inner.token.dep_ in {"dobj", "nsubjpass", "obj"}:
            found = self._noun_source(inner.token, ctx)
            if found:  # "rejected an Indian proposal": the proposal's author
                return found
        if m.target is not None and not (m.target.dep_ == "nsubjpass" and self._stative(m.token)):
            found = self._actors_of(m.target, ctx)
            if found or m.target.pos_ != "VERB":
                return found
        if inner is not None:
            if inner.target is not None:
                return self._actors_of(inner.target, ctx)
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
                    found = self._actors_of(child, ctx)
                    break
        if not found and m.pattern.code[:2] in self.deed_roots:
            found = self._doer_of_deed(m.token, ctx)
            if not found and carrier is not None:
                found = self._doer_of_deed(carrier, ctx)
        if not found and _purpose_clause(m.token):
            found = self._errand_destination(m.token.head, ctx)
        return found

    def _errand_destination(self, verb: Token, ctx: _Context) -> list[str]:
        """Where the verb a purpose clause hangs on sends its object ("sent experts to
        Bosnia to investigate", "flew to Paris to meet"): the purpose's target."""
        found = self._default_target(verb, ctx, objects=False)
        obj = _direct_object(verb)
        for t in obj.subtree if obj is not None and not found else []:
            if t.dep_ == "prep" and t.lower_ in {"to", "into"}:
                found = self._actors_of(next((g for g in t.children if g.dep_ == "pobj"), None), ctx)
                if found:
                    break
        return found

    def _doer_of_deed(self, tok: Token, ctx: _Context) -> list[str]:
        """The actor behind the deed an investigation or accusation is about, named deep in
        its object: "an inquiry into crimes committed by X", "a probe into X's role"."""
        phrases = [c for c in tok.children if c.dep_ in {"dobj", "obj", "nsubjpass"}]
        phrases += [g for c in tok.children if c.dep_ == "prep" and c.lower_ in self.deed_preps
                    for g in c.children if g.dep_ == "pobj"]
        for phrase in phrases:
            for t in phrase.subtree:
                if t.dep_ == "agent" and t.head.tag_ == "VBN":  # "committed by X"
                    found = self._actors_of(next((g for g in t.children if g.dep_ == "pobj"), None), ctx)
                elif t.dep_ == "poss" and t.head is not phrase:  # "X's role in ..."
                    found = self._actors_of(t, ctx)
                else:
                    continue
                if found:
                    return found
        return []

    @staticmethod
    def _implied(table: dict[str, list[str]], code: str, other: list[str], ctx: _Context) -> list[str]:
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

    def _standing_actor(self, code: str, ctx: _Context) -> list[str]:
        """The document's own participants of an event with none named ("weeks of
        protests", "the strike continued"): its first actor whose name ends in one of the
        participant nouns listed for the code's root (`standing_actors`)."""
        nouns = self.standing_actors.get(code[:2])
        if not nouns:
            return []
        for actor in ctx.actors.values():
            words = actor.name.lower().split()
            if words and words[-1] in nouns:
                return [actor.id]
        return []

    def _of_requester(self, noun: Token, ctx: _Context) -> list[str]:
        """The maker of a request or demand named by 'of' ("at the request of X")."""
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        return self._actors_of(next((g for g in of.children if g.dep_ == "pobj"), None), ctx) if of else []

    def _complier(self, noun: Token, ctx: _Context, requester: list[str]) -> list[str]:
        """Who answers a request named as its verb's object ("she will comply with the
        request of X", "Y granted the request of X"): that verb's subject is asked."""
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        if noun.dep_ not in {"pobj", "dobj", "obj"} or verb.pos_ not in {"VERB", "AUX"}:
            return []
        found = self._verb_source(verb, ctx)
        return [] if not requester or set(found) & set(requester) else found

    def _eventive_subject(self, anchor: Token, matches: dict[int, Match]) -> bool:
        """A verb whose subject is an event or a device, not an agent ("a roadside bombing
        killed two soldiers", "an explosion wounded five"): the text hides the agent."""
        subject = next((c for c in anchor.children if c.dep_ == "nsubj"), None)
        return subject is not None and subject.pos_ == "NOUN" and (
            subject.i in matches or subject.lemma_.lower() in self.agentless_causes)

    def _stative(self, verb: Token) -> bool:
        """'be' + a stance participle with no agent ("is committed to", "is opposed to"):
        the subject holds the stance; it is not a passive's patient."""
        return (verb.tag_ == "VBN" and verb.lemma_.lower() in self.stative
                and any(c.dep_ == "auxpass" for c in verb.children)
                and not any(c.dep_ == "agent" for c in verb.children))

    def _descriptive(self, verb: Token) -> bool:
        """A participle describing the noun it modifies, with no agent ("armed with")."""
        return (verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.lemma_.lower() in self.descriptive
                and not any(c.dep_ == "agent" for c in verb.children))

    def _refused(self, anchor: Token) -> bool:
        """A negated act with a future auxiliary of its own ("will not accept", "won't
        attend"): the subject states it refuses."""
        children = list(anchor.children)
        return any(c.dep_ == "neg" for c in children) and any(
            c.dep_ == "aux" and c.lower_ in self.refusal_aux for c in children)

    def _failed(self, anchor: Token) -> bool:
        """An act governed by a verb of failure ("failed to reach agreement")."""
        node = anchor
        for _ in range(3):
            if node.dep_ != "xcomp" or node.head is node:
                return False
            node = node.head
            if node.lemma_.lower() in self.failure_governors:
                return True
        return False

    def _own(self, tok: Token) -> bool:
        return any(c.dep_ == "poss" and c.lower_ in self.own_possessives for c in tok.children)

    def _default_target(self, tok: Token, ctx: _Context, objects: bool = True) -> list[str]:
        if tok.pos_ == "NOUN":
            # "a mediation effort between X and Y": the frame noun holds the parties
            framed = tok.head if tok.dep_ == "compound" and tok.head.lemma_.lower() in self.frame_nouns else tok
            carrier = [c for c in framed.head.children if c.i > framed.i] if framed.dep_ in {"dobj", "obj"} else []
            for child in [*tok.children, *(framed.children if framed is not tok else []), *carrier]:
                if child.dep_ == "prep" and child.lower_ in {"between", "among"}:
                    obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                    found = self._actors_of(obj, ctx)
                    if len(found) > 1:  # a party that is the source is dropped later
                        return found
        elif objects:
            passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children)
            stative = self._stative(tok)  # "X is committed to Y": X holds it, Y is its target
            for child in tok.children:
                if (child.dep_ == "nsubjpass" and not stative) or (
                        child.dep_ in {"dobj", "dative", "obj"} and not passive):
                    found = self._actors_of(child, ctx)
                    if self._own(child) and all(ctx.actors[a].sector in self.own_forces for a in found):
                        continue  # "withdrew its troops": the source's own forces, not a target
                    if not found and child.pos_ == "NOUN":  # "maintain a dialogue with X"
                        found = self._default_target(child, ctx)
                    if found:
                        return found
        for child in tok.children:
            if child.dep_ == "prep" and child.lower_ in self.target_preps:
                obj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if obj is None:
                    continue
                if child.lower_ in self.place_preps and obj.i in ctx.place_at:
                    continue  # "met at the White House", "talks in Paris": a place
                found = self._actors_of(obj, ctx)
                if found:
                    return found
        return []

    def _plural_standin(self, anchor: Token) -> bool:
        """An unresolved plural subject ("the leaders would meet again", "they agreed")."""
        subject = next((c for c in anchor.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        return subject is not None and subject.lower_ in _PLURAL_STANDINS

    def _reporter_as_source(self, noun: Token, ctx: _Context) -> list[str]:
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
        if not (verb.dep_ in {"ccomp", "parataxis"} and _is_speech(verb.head, self.book)):
            return []
        if self._verb_source(verb, ctx):
            return []
        return self._verb_source(verb.head, ctx)

    # -- attachment -------------------------------------------------------------------
    def _attribution(self, anchor: Token, ctx: _Context, exclude: list[str]) -> str | None:
        reporter = _reporting_verb(anchor, self.book)
        if reporter is not None:
            speaker = self._verb_source(reporter, ctx)
            if speaker:
                return speaker[0]
        quote = _quote_at(ctx.quotes, anchor.idx)
        if quote is not None and quote.speaker in ctx.actors:
            return quote.speaker
        return None

    def _date(
        self, clause: set[int], anchor: Token, mod: str, ctx: _Context
    ) -> tuple[str | None, str | None, str | None]:
        candidates = [(abs(i - anchor.i), ctx.time_at[i]) for i in clause if i in ctx.time_at]
        if candidates:
            time = min(candidates, key=lambda c: c[0])[1]
            return time.value, time.granularity, time.id
        if mod == "asserted" and ctx.published is not None:
            return ctx.published.isoformat(), "day", "published"
        return None, None, None

    def _place_hosts(self, heads: list[Token]) -> set[int]:
        """Words a locative may hang on to place the event: the trigger (and its carrier
        or complement), and the participants named in its target phrases ("talks with
        officials in Russia"), not words deeper in ("about meddling in US elections")."""
        hosts = {t.i for t in heads}
        for h in heads:
            for child in h.children:
                if child.dep_ == "prep" and child.lower_ in self.target_preps:
                    hosts.update(g.i for g in child.children if g.dep_ == "pobj")
                elif child.dep_ in {"dobj", "nsubjpass"}:
                    hosts.add(child.i)
        return hosts

    def _place(self, clause: set[int], hosts: set[int], anchor: Token, ctx: _Context) -> str | None:
        best: tuple[int, str] | None = None
        for i in clause:
            place = ctx.place_at.get(i)
            if place is None:
                continue
            head = ctx.doc[i].head
            while head.dep_ in {"compound", "pobj", "appos", "conj"} and head.head is not head and head.pos_ != "ADP":
                head = head.head
            if head.pos_ == "ADP" and head.lower_ in self.place_preps and head.head.i in hosts:
                distance = abs(i - anchor.i)
                if best is None or distance < best[0]:
                    best = (distance, place.id)
        return best[1] if best else None

    # -- merging ----------------------------------------------------------------------
    def _merge(self, drafts: list[_Draft]) -> list[Event]:
        merged: dict[tuple, _Draft] = {}
        for d in drafts:
            span = [d.sentence.start_char, d.sentence.end_char]
            k = (tuple(d.source), tuple(d.target), d.code, d.date, d.modality)
            if k in merged:
                _absorb(merged[k], d, span)
            else:
                d.evidence = [span]
                merged[k] = d
        # a vaguer date of the same event joins the precise one ("next month" / "11 November")
        kept: list[_Draft] = []
        for d in merged.values():
            finer = next((o for o in merged.values() if o is not d and _same_but_finer(o, d)), None)
            if finer is not None:
                for span in d.evidence:
                    _absorb(finer, d, span)
            else:
                kept.append(d)
        kept.sort(key=lambda d: d.trigger.idx)
        return [self._event(i, d) for i, d in enumerate(kept, start=1)]

    def _event(self, number: int, d: _Draft) -> Event:
        info = self.knowledge.code(d.code)
        assert info is not None
        return Event(
            id=f"ev{number}", cameo=d.code, root=info.root, plover=info.plover,
            quad_class=info.quad_class, goldstein=info.goldstein, source=d.source,
            target=d.target, modality=d.modality, attributed_to=d.attributed_to, date=d.date,
            date_granularity=d.date_granularity, date_from=d.date_from, place=d.place,
            trigger=d.trigger.text, trigger_start=d.trigger.idx,
            trigger_end=d.trigger.idx + len(d.trigger), sentence_start=d.sentence.start_char,
            sentence_end=d.sentence.end_char, confidence=d.confidence, evidence=d.evidence,
        )


# -- helpers --------------------------------------------------------------------------
def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def _absorb(into: _Draft, other: _Draft, span: list[int]) -> None:
    if span not in into.evidence:
        into.evidence.append(span)
    into.place = into.place or other.place
    into.attributed_to = into.attributed_to or other.attributed_to
    into.confidence = round(min(0.95, max(into.confidence, other.confidence) + 0.05), 2)


def _same_but_finer(finer: _Draft, vaguer: _Draft) -> bool:
    return (
        finer.source == vaguer.source and finer.target == vaguer.target
        and finer.code == vaguer.code and finer.modality == vaguer.modality
        and vaguer.date is not None and finer.date is not None
        and vaguer.date_from != "published" and finer.date_from != "published"
        and len(finer.date) > len(vaguer.date) and finer.date.startswith(vaguer.date)
    )


def _recent_dyad(before: list[_Draft], roots: set[str], sent: Span) -> _Draft | None:
    """The latest earlier event of the same root with both sides, within a few sentences."""
    for d in reversed(before):
        if d.code[:2] in roots and d.source and d.target and sent.start_char - d.sentence.end_char < 600:
            return d
    return None


def _sector_table(value: dict | None) -> dict[str, list[str]]:
    return {str(k): [str(x) for x in v] for k, v in (value or {}).items()}


def _noun_modifier(tok: Token, m: Match) -> bool:
    """An event noun used to qualify another noun ("aid workers", "attack helicopters",
    "protest leaders") names a kind of thing, not an event that took place."""
    return tok.dep_ == "compound" and tok.pos_ == "NOUN" and tok.head.pos_ in {"NOUN", "PROPN"} \
        and m.pattern.pos == "noun" and not m.pattern.literal


def _measured(tok: Token) -> Token:
    """The noun a quantity measures ("tons of aid", "millions of dollars of aid")."""
    for _ in range(2):
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if obj is None:
            break
        tok = obj
    return tok


def _direct_object(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ in {"dobj", "obj", "nsubjpass"}), None)


def _clause_with_subject(tok: Token) -> Token | None:
    """A that-clause or clause complement with its own subject ("demanded that X go")."""
    for child in tok.children:
        if child.dep_ in {"ccomp", "acl"} and child.pos_ in {"VERB", "AUX"} and any(
                g.dep_ in {"nsubj", "nsubjpass"} for g in child.children):
            return child
    return None


def _carried_clause(noun: Token) -> Token | None:
    """The that-clause of a request noun attached by the parser to the verb carrying it
    ("repeated its demand today that X withdraw"): the clause after the noun."""
    if noun.pos_ != "NOUN" or noun.dep_ not in {"dobj", "obj"}:
        return None
    clause = _clause_with_subject(noun.head)
    if clause is None or clause.i < noun.i or not any(
            g.dep_ == "mark" and g.lower_ == "that" for g in clause.children):
        return None
    return clause


def _purpose_clause(tok: Token) -> bool:
    """An infinitive of purpose on another verb ("sent experts to X to investigate")."""
    return (tok.dep_ in {"advcl", "xcomp"} and tok.head.pos_ == "VERB" and tok.head is not tok
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
            and not any(c.dep_ in _SUBJECTS for c in tok.children))


def _conditioned(anchor: Token, marks: frozenset[str]) -> bool:
    """An action with a condition clause of its own ("will boycott unless X resigns")."""
    return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in marks for g in c.children)
               for c in anchor.children)


def _passive(tok: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children) or (
        tok.dep_ == "acl" and tok.tag_ == "VBN")


def _clause_tokens(anchor: Token, extra: list[Token] | None = None) -> set[int]:
    """The anchor's own clause: its dependents, not descending into other clauses."""
    out: set[int] = set()
    stack = [anchor, *(extra or [])]
    starts = {t.i for t in stack}
    while stack:
        tok = stack.pop()
        if tok.i in out:
            continue
        out.add(tok.i)
        for child in tok.children:
            if child.dep_ in _CLAUSAL and child.i not in starts and child.pos_ in {"VERB", "AUX"}:
                continue
            if child.dep_ in {"relcl", "acl"}:
                continue
            stack.append(child)
    return out


def _index_times(doc: Doc, times: list[Time]) -> dict[int, Time]:
    index: dict[int, Time] = {}
    for t in times:
        if t.value is None or t.type not in {"date", "time"}:
            continue
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is not None:
            for tok in span:
                index.setdefault(tok.i, t)
    return index


def _index_places(doc: Doc, places: list[Place]) -> dict[int, Place]:
    index: dict[int, Place] = {}
    for p in places:
        for start, end in p.mentions:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                for tok in span:
                    index.setdefault(tok.i, p)
    return index


def _quote_at(quotes: list[Quote], offset: int) -> Quote | None:
    for q in quotes:
        if q.start <= offset < q.end:
            return q
    return None


def _is_speech(tok: Token, book: PatternBook) -> bool:
    return any(p.speech for p in book.verbs.get(tok.lemma_.lower(), []))


def _reporting_verb(tok: Token, book: PatternBook) -> Token | None:
    """The reporting verb whose reported clause holds `tok` ("Bolton said [... tok ...]"),
    or one in parenthesis beside it ("[tok ...], he said")."""
    node = tok
    for _ in range(8):
        for child in node.children:
            if child.dep_ == "parataxis" and _is_speech(child, book) and child is not tok:
                return child
        head = node.head
        if head is node:
            return None
        if node.dep_ in {"ccomp", "parataxis"} and _is_speech(head, book):
            return head
        node = head
    return None
