"""Speakers: who a cue attributes words to.

The speaker is the cue's subject as written (`Attribution.speaker`) and the actor it
refers to through the document's actor mentions (names, resolved pronouns and
descriptions); a speaker that no mention covers stays null.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ..record import ActorMentions
from .quote_cues import Cues

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Dependencies through which a cue verb without its own subject shares its head's.
SHARED_SUBJECT_DEPS = {"conj", "advcl", "xcomp", "ccomp"}
# Dependents that are part of what a clause asserts but not of a speaker's name.
SPEAKER_TRIM_DEPS = {"relcl", "acl", "advcl", "punct", "cc", "conj", "prep"}
OWNER_TYPES = {"PERSON", "ORG", "NORP", "GPE"}


@dataclass
class Attribution:
    """Who a stretch of text is attributed to, by which cue."""

    cue: Span | None
    speaker: Span | None
    actor: str | None


@dataclass
class AttributedText:
    """A stretch of the document's text (character offsets), its kind of quote and its source."""

    start: int
    end: int
    kind: str
    source: Attribution


def doc_text(doc: Doc) -> str:
    """The document's text, kept on the Doc: spaCy rebuilds `doc.text` on every access."""
    cached = doc.user_data.get("tidings.text")
    if cached is None:
        cached = doc.user_data["tidings.text"] = doc.text
    return cached


def cue_attribution(
    verb: Token, cues: Cues, mentions: ActorMentions, after: int | None = None
) -> Attribution | None:
    """The cue verb's subject as speaker; a verb sharing its head's subject
    ("..., explaining that", "and said") borrows it. With `after` (the quote's last
    token) the subject must come after the quote."""
    subject = subject_of(verb)
    if after is not None and (subject is None or subject.i <= after):
        subject = _nearest_noun(verb, after)  # none, or a parse that took it from the quote
    if subject is None:
        return None
    if subject.lower_ in cues.not_speakers:
        return None
    speaker = speaker_span(subject)
    cue = verb.doc[verb.i: verb.i + 1]
    referent = subject
    if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        referent = verb.head  # "Smith, who said ...": written "who", meaning Smith
    return Attribution(cue, speaker, actor_of(referent, speaker_span(referent), mentions))


def noun_attribution(noun: Token, cues: Cues, mentions: ActorMentions) -> Attribution | None:
    """Whose statement a cue noun is: its owner ("Hale's message"), or the subject of
    the verb it is the object of ("Hale had one message")."""
    owner = owner_of(noun)
    if owner is None and noun.dep_ in ("dobj", "attr"):
        owner = subject_of(noun.head)
    if owner is None or owner.lower_ in cues.not_speakers:
        return None
    speaker = speaker_span(owner)
    return Attribution(noun.doc[noun.i: noun.i + 1], speaker, actor_of(owner, speaker, mentions))


def according_attribution(according: Token, mentions: ActorMentions) -> Attribution | None:
    """'according to X': X is the source, the two words the cue."""
    doc = according.doc
    if according.i + 1 >= len(doc) or doc[according.i + 1].lower_ != "to":
        return None
    to = doc[according.i + 1]
    objects = [c for c in (*to.children, *according.children) if c.dep_ == "pobj"]
    if not objects:
        return None
    speaker = speaker_span(objects[0])
    actor = actor_of(objects[0], speaker, mentions)
    return Attribution(doc[according.i: according.i + 2], speaker, actor)


def owner_of(noun: Token) -> Token | None:
    """Whose statement or belief a noun is: "Hale's warning", "warnings from his lawyer"."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in ("from", "by", "of"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and (pobj.pos_ in ("PROPN", "PRON") or pobj.ent_type_ in OWNER_TYPES):
                return pobj
    return None


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, or the subject it shares: with the verb it is conjoined to or
    that it modifies ("..., saying that"), through "by saying", or the noun a participle
    describes ("footage of Clinton asking, ...")."""
    current = verb
    for _ in range(5):
        subject = next((c for c in current.children if c.dep_ in SUBJECT_DEPS), None)
        if subject is not None:
            return None if subject.dep_ == "nsubjpass" and current is verb else subject
        if current.dep_ == "acl" and current.tag_ == "VBG" and current.head.pos_ in ("PROPN", "NOUN", "PRON"):
            return current.head
        if current.dep_ in ("pcomp", "pobj") and current.head.dep_ == "prep":
            current = current.head.head
            continue
        if current.dep_ not in SHARED_SUBJECT_DEPS or current.head is current:
            return None
        if current.dep_ == "ccomp" and current.head.i > current.i:
            return None  # a clause before its own cue: "X happened, he said" – not its subject
        current = current.head
    return None


def _nearest_noun(verb: Token, after: int) -> Token | None:
    """Subject of an inverted or mis-parsed post-quote cue: the first noun or pronoun
    after the quote, before or just after the verb."""
    doc = verb.doc
    for j in list(range(after + 1, verb.i)) + list(range(verb.i + 1, min(len(doc), verb.i + 6))):
        if doc[j].pos_ in ("PROPN", "PRON", "NOUN"):
            token = doc[j]
            while token.dep_ in ("compound", "amod", "nmod") and token.head.i > token.i:
                token = token.head
            return token
    return None


def speaker_span(head: Token) -> Span:
    """The speaker as written: the subject's phrase without relative clauses,
    appositions after a comma or trailing prepositional phrases."""
    tokens = [head]
    for child in head.lefts:
        tokens.extend(child.subtree)
    for child in head.rights:
        if child.dep_ in SPEAKER_TRIM_DEPS or child.dep_ == "appos":
            break
        tokens.extend(child.subtree)
    tokens = [t for t in tokens if not t.is_punct or t.text in "'.-&"] or [head]
    lo = min(t.i for t in tokens)
    hi = max(t.i for t in tokens) + 1
    return head.doc[lo:hi]


def actor_of(head: Token, speaker: Span, mentions: ActorMentions) -> str | None:
    """The actor the speaker's head word refers to; else one mention within the phrase,
    or within an apposition naming the head ("the spokeswoman, Maria X, said")."""
    hit = mentions.at(head.idx, head.idx + len(head))
    if hit is not None:
        return hit.actor
    inner = mentions.within(speaker.start_char, speaker.end_char)
    if len({m.actor for m in inner}) == 1:
        return inner[0].actor
    for child in head.rights:
        if child.dep_ == "appos":
            hit = mentions.at(child.idx, child.idx + len(child))
            if hit is not None:
                return hit.actor
    return None
