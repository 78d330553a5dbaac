"""Which words of a sentence trigger events, and which of them are one event: the pattern
book's matches (event nouns that only qualify a noun or name no act are dropped), event
nouns carried by a light verb ("held talks"), and complements folded into their
governor's event ("threatened to pull out", "rejected the proposal")."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from .event_patterns import Match, PatternBook, lemma_guesses
from .event_settings import EventSettings
from .event_syntax import carried_clause, clause_with_subject, direct_object, is_noun_modifier, measured_noun


@dataclass
class SentenceTriggers:
    matches: dict[int, Match]  # trigger index -> its pattern match
    carriers: dict[int, Token]  # event noun index -> the light verb carrying it
    consumed: set[int]  # triggers coded as part of another trigger's event


class TriggerReader:
    def __init__(self, book: PatternBook, settings: EventSettings):
        self.book = book
        self.settings = settings

    def read(self, sent: Span) -> SentenceTriggers:
        matches = {tok.i: m for tok in sent if (m := self.book.match(tok)) is not None
                   and not (is_noun_modifier(tok, m) and tok.head.lemma_.lower() not in self.settings.frame_nouns)
                   and not (m.pattern.pos == "noun" and not m.pattern.literal and self._no_act(tok))}
        carriers = self._light_verbs(sent, matches)  # drops the carrying verbs' own matches
        return SentenceTriggers(matches, carriers, self._fold(matches))

    def _no_act(self, noun: Token) -> bool:
        """An event noun that names no act here: a power held or handed over ("gave them
        a veto"), or a standing condition setting the scene ("an offensive in its war
        with X")."""
        lemma = noun.lemma_.lower()
        if lemma in self.settings.power_nouns and noun.dep_ in {"dobj", "obj", "attr"}:
            return noun.head.lemma_.lower() in self.settings.possession_verbs
        if lemma in self.settings.setting_nouns and noun.dep_ == "pobj":
            return noun.head.lower_ in self.settings.setting_preps
        return False

    def _light_verbs(self, sent: Span, matches: dict[int, Match]) -> dict[int, Token]:
        """Event nouns carried by a light verb ("held talks"): noun index → the verb.
        The noun is coded unless the verb's own pattern is more specific than its lemma."""
        carriers: dict[int, Token] = {}
        for tok in sent:
            if tok.pos_ not in {"VERB", "AUX"} or not (
                    tok.lemma_.lower() in self.settings.light_verbs
                    or any(g in self.settings.light_verbs for g in lemma_guesses(tok))):  # "staged" read as 'stag'
                continue
            for child in tok.children:
                if child.dep_ in {"dobj", "nsubjpass", "obj", "attr"} and child.i not in matches:
                    child = measured_noun(child)  # "sent 20 tons of aid": the aid is carried
                    child = self._framed(child, matches)  # "launched a mediation effort"
                if child.dep_ in {"dobj", "nsubjpass", "obj", "attr", "pobj", "compound"} and child.i in matches:
                    verb_match = matches.get(tok.i)
                    if verb_match is not None and verb_match.pattern.specificity > 0 \
                            and verb_match.pattern.code != "---":  # "released a statement": the noun's
                        matches.pop(child.i, None)
                        continue
                    matches.pop(tok.i, None)
                    carriers[child.i] = tok
        return carriers

    def _framed(self, noun: Token, matches: dict[int, Match]) -> Token:
        """The event noun a frame noun is the effort of ("a mediation effort", "a rescue
        operation"): the event is carried with it."""
        if noun.i in matches or noun.lemma_.lower() not in self.settings.frame_nouns:
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
            obj = m.target if m.target is not None else direct_object(m.token)
            if obj is not None and obj.i in matches and obj.pos_ == "NOUN":
                return obj
        if code[:2] in self.settings.addressee_roots:
            clause = clause_with_subject(m.token) or carried_clause(m.token)
            if clause is not None and clause.i in matches and not matches[clause.i].pattern.speech:
                return clause
        return None
