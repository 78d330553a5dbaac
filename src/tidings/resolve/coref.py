"""In-document coreference: pronouns and descriptions resolved to the document's actors.

A deliberately simple, predictable salience model (word lists in `coref.yaml`):

* **Pronouns** (he/him/his, she/her, it/its, they/them/their) look back at most
  `PRONOUN_WINDOW` sentences for a compatible actor: a person of the pronoun's gender
  (or of unknown gender, when no candidate's gender is known) for he/she; an
  organisation or country for it; a group, organisation or country for they. Among
  compatible actors the order of preference is: the subject of an earlier clause in
  the same sentence ("Mr Bolton said he ..."), the subject of the previous sentence,
  then the most recent mention. An object pronoun never refers to its own verb's
  subject ("Bolton told him"). Resolved pronouns join the chain, so "He said ... He
  added ..." stays with one actor.
* **Descriptions** — a definite noun phrase headed by a title ("the US president",
  "the Kremlin aide"), a demonym ("the American") or an institution noun ("the
  ministry") — refer to the most recent earlier actor whose title, name, kind and country
  fit; country words in the phrase ("US", "Russian", "Kremlin") must match.
* Gender comes from honorifics written before a name ("Mr", "Ms"), gendered role words
  in the actor's title ("spokeswoman", "king") and a list of common first names.

Nothing is guessed: no compatible candidate, or a pronoun inside a quotation, gives no
mention.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass

import yaml
from spacy.tokens import Doc, Token

from ..knowledge import Knowledge, data_path, key
from ..record import Actor, ActorMention, Entity

COREF_FILE = "coref.yaml"
PRONOUN_WINDOW = 3  # sentences looked back for a pronoun's antecedent
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
OBJECT_DEPS = {"dobj", "iobj", "dative", "pobj"}
QUOTE_MARKS = '"\u201c\u201d'


@dataclass(frozen=True)
class Lexicon:
    pronouns: dict[str, str]
    honorifics: dict[str, str]
    gendered_titles: dict[str, str]
    generic_titles: frozenset[str]
    leader_nouns: frozenset[str]
    head_titles: tuple[str, ...]
    organisation_nouns: frozenset[str]
    government_nouns: frozenset[str]
    first_names: dict[str, str]


@functools.lru_cache(maxsize=4)
def load_lexicon(name: str = COREF_FILE) -> Lexicon:
    data = yaml.safe_load(data_path(name).read_text(encoding="utf-8"))
    names = {n: "male" for n in data["first_names"]["male"]}
    names.update({n: "female" for n in data["first_names"]["female"]})
    return Lexicon(
        pronouns=dict(data["pronouns"]),
        honorifics=dict(data["honorifics"]),
        gendered_titles=dict(data["gendered_titles"]),
        generic_titles=frozenset(data["generic_titles"]),
        leader_nouns=frozenset(data["leader_nouns"]),
        head_titles=tuple(data["head_titles"]),
        organisation_nouns=frozenset(data["organisation_nouns"]),
        government_nouns=frozenset(data["government_nouns"]),
        first_names=names,
    )


@dataclass
class Seen:
    """One earlier mention of an actor, as a candidate antecedent."""

    actor: str
    start: int
    sentence: int
    subject: bool


class Coreference:
    def __init__(self, knowledge: Knowledge, lexicon: Lexicon | None = None):
        self.knowledge = knowledge
        self.lexicon = lexicon or load_lexicon()

    def __call__(self, doc: Doc, entities: list[Entity], actors: list[Actor]) -> list[ActorMention]:
        by_id = {a.id: a for a in actors}
        named = sorted((e for e in entities if e.actor in by_id), key=lambda e: e.start)
        if not named:
            return []
        text = doc.text  # spaCy rebuilds it on every access
        genders = self._genders(text, named, by_id)
        sentence_of = _sentence_index(doc)
        inside_quote = _quoted(text)
        taken = [(e.start, e.end) for e in named]
        seen: list[Seen] = []
        out: list[ActorMention] = []
        pending = iter(named)
        entity = next(pending, None)
        for token in doc:
            while entity is not None and entity.start <= token.idx:
                seen.append(self._seen(doc, entity, sentence_of))
                entity = next(pending, None)
            if _overlaps(token.idx, token.idx + len(token), taken):
                continue
            mention = None
            if token.lower_ in self.lexicon.pronouns and token.tag_ in ("PRP", "PRP$"):
                if not inside_quote[token.idx]:
                    mention = self._pronoun(token, seen, by_id, genders, sentence_of)
            elif token.pos_ in ("NOUN", "PROPN") and _definite(token):
                mention = self._description(token, seen, by_id)
            if mention is not None:
                out.append(mention)
                seen.append(Seen(mention.actor, mention.start, sentence_of[token.i],
                                 token.dep_ in SUBJECT_DEPS))
        return out

    # -- pronouns ------------------------------------------------------------------------
    def _pronoun(
        self, token: Token, seen: list[Seen], actors: dict[str, Actor],
        genders: dict[str, str], sentence_of: list[int],
    ) -> ActorMention | None:
        cls = self.lexicon.pronouns.get(token.lower_)
        if cls is None or (token.lower_ == "it" and _expletive(token)):
            return None
        here = sentence_of[token.i]
        recent = [s for s in seen if here - s.sentence <= PRONOUN_WINDOW]
        fits = [s for s in recent if _fits(cls, actors[s.actor], genders.get(s.actor))]
        if cls in ("male", "female"):
            known = [s for s in fits if genders.get(s.actor) == cls]
            fits = known or fits
        fits = [s for s in fits if not _same_verb_subject(token, s)]
        if not fits:
            return None
        best = _most_salient(fits, here)
        return ActorMention(token.idx, token.idx + len(token), best.actor, token.text, "pronoun")

    # -- descriptions -------------------------------------------------------------------
    def _description(
        self, head: Token, seen: list[Seen], actors: dict[str, Actor]
    ) -> ActorMention | None:
        phrase = _phrase(head)
        words = [t for t in phrase if t.i != head.i and t.lower_ != "the"]
        country = self._country_of(words)
        if country is False:
            return None  # a modifier naming no country we know: the phrase is not a back-reference
        noun = head.lemma_.lower()
        demonym = self.knowledge.demonym(head.text)
        # the most recently mentioned actor that fits; each actor is judged once, so a long
        # article costs in actors, not in mentions
        found, judged = None, set()
        for s in reversed(seen):
            if s.actor in judged:
                continue
            judged.add(s.actor)
            actor = actors[s.actor]
            if country and actor.country != country:
                continue  # the phrase names a country: only that country's actors fit
            if demonym is not None:
                fits = not words and actor.kind == "person" and actor.country == demonym.iso3
            else:
                fits = self._title_fits(noun, actor, country_known=actor.country == country)
            if fits:
                found = s
                break
        if found is None:
            return None
        start = phrase[0].idx
        end = head.idx + len(head)
        # (a span's own text: spaCy rebuilds the whole doc.text on every access)
        return ActorMention(start, end, found.actor, head.doc[phrase[0].i:head.i + 1].text, "description")

    def _title_fits(self, noun: str, actor: Actor, country_known: bool) -> bool:
        """The head noun fits the actor: its own title word, or a generic one ("leader")
        for an office holder whose country the phrase confirms."""
        if noun in self.lexicon.organisation_nouns:
            return actor.kind in ("organisation", "group") and noun in actor.name.lower()
        if noun in self.lexicon.government_nouns:
            return actor.kind in ("organisation", "country") and (actor.sector in (None, "GOV"))
        if actor.kind != "person":
            return False
        if noun in self.lexicon.leader_nouns:
            title = (actor.title or "").lower()
            return country_known and any(h in title for h in self.lexicon.head_titles)
        if noun in self.lexicon.generic_titles:
            return country_known and actor.sector in (None, "GOV", "MIL")
        title_word = self.knowledge.title(noun)
        if title_word is None or title_word.kind != "title":
            return False
        return noun in (actor.title or "").lower()

    def _country_of(self, words: list[Token]) -> str | None | bool:
        """The country named by a description's modifiers; False for a proper-noun
        modifier that is no country ("the Smith campaign")."""
        for t in words:
            hit = (self.knowledge.demonym(t.text) or self.knowledge.country(t.text)
                   or self.knowledge.seat(t.text))
            if hit is not None:
                return hit.iso3
            if t.pos_ == "PROPN":
                return False
        return None

    # -- gender --------------------------------------------------------------------------
    def _genders(self, text: str, named: list[Entity], actors: dict[str, Actor]) -> dict[str, str]:
        """Actor id → male|female where an honorific, a title or the first name says."""
        out: dict[str, str] = {}
        for e in named:
            before = text[max(0, e.start - 12):e.start].split()
            word = key(before[-1]) if before else ""
            gender = self.lexicon.honorifics.get(word) or self.lexicon.honorifics.get(
                key(e.text.split()[0]) if e.text.split() else "")
            if gender:
                out.setdefault(e.actor, gender)  # type: ignore[arg-type]
        for actor in actors.values():
            if actor.id in out or actor.kind != "person":
                continue
            title = (actor.title or "").lower()
            gender = next((g for w, g in self.lexicon.gendered_titles.items() if w in title.split()), None)
            first = key(actor.name.split()[0]) if actor.name.split() else ""
            gender = gender or self.lexicon.first_names.get(first)
            if gender:
                out[actor.id] = gender
        return out

    def _seen(self, doc: Doc, entity: Entity, sentence_of: list[int]) -> Seen:
        span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
        root = span.root if span is not None and len(span) else None
        subject = root is not None and (
            root.dep_ in SUBJECT_DEPS or (root.dep_ == "appos" and root.head.dep_ in SUBJECT_DEPS)
        )
        index = sentence_of[root.i] if root is not None else 0
        return Seen(entity.actor or "", entity.start, index, subject)


# -- helpers ------------------------------------------------------------------------------
def _fits(cls: str, actor: Actor, gender: str | None) -> bool:
    if cls in ("male", "female"):
        return actor.kind == "person" and gender in (None, cls)
    if cls == "thing":
        return actor.kind in ("organisation", "country")
    return actor.kind in ("group", "organisation", "country")


def _most_salient(fits: list[Seen], here: int) -> Seen:
    """Subject earlier in this sentence, else subject of the previous one, else latest."""
    same = [s for s in fits if s.sentence == here and s.subject]
    if same:
        return same[-1]
    previous = [s for s in fits if s.sentence == here - 1 and s.subject]
    if previous:
        return previous[-1]
    return max(fits, key=lambda s: s.start)


def _same_verb_subject(pronoun: Token, candidate: Seen) -> bool:
    """'Bolton told him': an object pronoun is not its own verb's subject."""
    if pronoun.dep_ not in OBJECT_DEPS:
        return False
    verb = pronoun.head.head if pronoun.dep_ == "pobj" else pronoun.head
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            span = child.doc[child.left_edge.i: child.right_edge.i + 1]
            if span.start_char <= candidate.start < span.end_char:
                return True
    return False


def _expletive(token: Token) -> bool:
    """'It is clear that', 'it was reported': an 'it' that stands for nothing."""
    head = token.head
    if head.lemma_ in ("be", "seem", "appear", "happen", "take", "remain", "rain", "matter"):
        return True
    return any(c.dep_ == "auxpass" for c in head.children)


def _definite(token: Token) -> bool:
    """A singular noun heading a phrase that starts with 'the' ("the US president");
    plurals ("the leaders") name several actors and are left alone."""
    if token.dep_ in ("compound", "amod") or token.tag_ in ("NNS", "NNPS"):
        return False
    first = _phrase(token)[0]
    return first.lower_ == "the"


def _phrase(head: Token) -> list[Token]:
    left = [t for c in head.lefts if c.dep_ in ("det", "compound", "amod", "nmod") for t in c.subtree]
    return sorted([*left, head], key=lambda t: t.i)


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index


def _quoted(text: str) -> list[bool]:
    """Characters inside double quotation marks (a paragraph closes any open quote)."""
    out = [False] * (len(text) + 1)
    inside = False
    for i, char in enumerate(text):
        if char == "\n":
            inside = False
        elif char in QUOTE_MARKS:
            inside = not inside
        out[i] = inside
    return out


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    i = bisect.bisect_right(spans, (start, 10**12)) - 1
    return any(s < end and start < e for s, e in spans[max(0, i - 1): i + 2])

