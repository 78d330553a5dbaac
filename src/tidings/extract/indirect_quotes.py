"""Indirect and mixed attributions, found from the cue lexicon outside quote marks.

A cue verb with a subject and a that-clause, a to-infinitive (intentions), an object
and what follows (evaluations: "accused Y of Z"), a post-posed cue ("..., the source
added"), "according to X", cue adjectives ("X is confident that ...") and cue nouns with
an owner ("his claim that ..."). A clause holding quoted words is `mixed`; the quoted
words are also a direct quote with the same cue, so both the claim and the verbatim
words are kept.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..record import ActorMentions
from .attribution import (
    Attribution,
    AttributedText,
    according_attribution,
    actor_of,
    cue_attribution,
    doc_text,
    owner_of,
    speaker_span,
)
from .quote_cues import Cues
from .quote_marks import MARK_TOKENS, end_with_closing_mark, trim_content

# "accused Y of", "praised Y for", "described Y as", "urged Y to", "clashed with Y over"
EVALUATION_PREPOSITIONS = {"of", "for", "as", "to", "over"}
# Cue kinds whose verb takes what is said as a clause.
CLAUSAL_KINDS = {"speech", "claim", "belief", "evidence", "intention"}


class IndirectQuoteFinder:
    def __init__(self, cues: Cues):
        self.cues = cues

    def __call__(
        self, doc: Doc, inside: list[int], mentions: ActorMentions, direct: list[AttributedText]
    ) -> list[AttributedText]:
        """Attributed clauses outside quote marks; one holding some of the `direct`
        quotes is mixed, one that only repeats a direct quote is left out."""
        used_cues = {f.source.cue.start for f in direct if f.source.cue is not None}
        found: list[AttributedText] = []
        for token in doc:
            if inside[token.idx] >= 0:
                continue
            if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                item = _according_to(doc, token, mentions)
            elif token.pos_ in ("VERB", "AUX"):
                item = self._verb_clause(doc, token, mentions, quoted=token.i in used_cues)
            elif (token.pos_ == "ADJ" and token.dep_ == "acomp"
                  and token.lemma_.lower() in self.cues.adjectives):
                item = self._adjective_clause(doc, token, mentions)
            elif token.pos_ == "NOUN" and token.lemma_.lower() in self.cues.nouns:
                item = _noun_clause(doc, token, mentions)
            else:
                item = None
            if item is None:
                continue
            held = _held_quotes(item, direct)
            if held:
                item.kind = "mixed"
                item.end = end_with_closing_mark(doc_text(doc), max(item.end, *(d.end for d in held)))
            elif token.i in used_cues or _within_quote(item, direct):
                continue
            found.append(item)
        return found

    def _verb_clause(
        self, doc: Doc, verb: Token, mentions: ActorMentions, quoted: bool = False
    ) -> AttributedText | None:
        """The clause a cue verb attributes; `quoted` when the verb also governs quoted
        words, whose clause may be parsed as anything (a quote breaks the parse)."""
        kinds = self.cues.verb(verb)
        if not kinds:
            return None
        content = _complement(verb, kinds)
        if content is None and quoted:
            content = _right_content(verb)
        if content is None:
            return None
        attribution = cue_attribution(verb, self.cues, mentions)
        if attribution is None:
            return None
        start, end = trim_content(doc_text(doc), content[0].idx, content[-1].idx + len(content[-1]))
        if end - start < 3:
            return None
        return AttributedText(start, end, "indirect", attribution)

    def _adjective_clause(self, doc: Doc, adjective: Token, mentions: ActorMentions) -> AttributedText | None:
        """'X is confident that ...': the that-clause of the adjective or of its verb."""
        verb = adjective.head
        clause = next((c for c in adjective.children if c.dep_ == "ccomp"), None) or next(
            (c for c in verb.children if c.dep_ == "ccomp" and c.i > adjective.i), None)
        if clause is None:
            return None
        attribution = cue_attribution(verb, self.cues, mentions)
        if attribution is None:
            return None
        content = _without_mark(list(clause.subtree))
        if not content:
            return None
        start, end = trim_content(doc_text(doc), content[0].idx, content[-1].idx + len(content[-1]))
        attribution.cue = doc[adjective.i: adjective.i + 1]
        return AttributedText(start, end, "indirect", attribution)


def _complement(verb: Token, kinds: frozenset[str]) -> list[Token] | None:
    """The tokens a cue verb attributes, by the kind of cue it is."""
    clausal = kinds & CLAUSAL_KINDS
    for child in verb.children:
        if clausal and child.dep_ == "ccomp":  # before the cue too: "X happened, he said"
            return _without_mark(list(child.subtree))
    if "intention" in kinds:
        for child in verb.children:
            if child.dep_ == "xcomp" and child.i > verb.i:
                return list(child.subtree)
    if "evaluation" in kinds:
        tail = _evaluation_tail(verb)
        if tail:
            return tail
    if clausal and verb.dep_ in ("ccomp", "parataxis") and verb.head.i < verb.i:
        return _preposed_clause(verb)
    return None


def _according_to(doc: Doc, according: Token, mentions: ActorMentions) -> AttributedText | None:
    """'According to X, ...' / '..., according to X': the rest of the sentence when the
    phrase opens or closes it, else the clause it modifies."""
    source = according_attribution(according, mentions)
    if source is None:
        return None
    phrase = {t.i for t in according.subtree} | {according.i, according.i + 1}
    sentence = according.sent
    first, last = min(phrase), max(phrase)
    at_edge = first == sentence.start or all(t.is_punct for t in doc[last + 1: sentence.end])
    scope = list(sentence) if at_edge else list(according.head.subtree)
    content = [t for t in scope if t.i not in phrase and not t.is_space]
    while content and content[0].is_punct:
        content = content[1:]
    while content and content[-1].is_punct and content[-1].text not in MARK_TOKENS:
        content = content[:-1]
    if not content:
        return None
    start, end = trim_content(doc_text(doc), content[0].idx, content[-1].idx + len(content[-1]))
    if end - start < 3:
        return None
    return AttributedText(start, end, "indirect", source)


def _noun_clause(doc: Doc, noun: Token, mentions: ActorMentions) -> AttributedText | None:
    """'Hale's claim that ...': the that-clause of a cue noun with an owner."""
    clause = next(
        (c for c in noun.children if c.dep_ in ("acl", "ccomp")
         and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)),
        None,
    )
    owner = owner_of(noun)
    if clause is None or owner is None:
        return None
    content = _without_mark(list(clause.subtree))
    speaker = speaker_span(owner)
    start, end = trim_content(doc_text(doc), content[0].idx, content[-1].idx + len(content[-1]))
    source = Attribution(doc[noun.i: noun.i + 1], speaker, actor_of(owner, speaker, mentions))
    return AttributedText(start, end, "indirect", source)


def _without_mark(tokens: list[Token]) -> list[Token]:
    """A that-clause without its 'that' and surrounding punctuation."""
    while tokens and (tokens[0].dep_ == "mark" and tokens[0].lower_ in ("that", "whether", "if")
                      or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in MARK_TOKENS | {".", "?", "!"}:
        tokens = tokens[:-1]
    return tokens


def _evaluation_tail(verb: Token) -> list[Token] | None:
    """'accused Y of Z', 'called the talks productive', 'urged Y to Z': the object and
    what it is said to be or do; an object alone is an action, not an attribution."""
    rights = [c for c in verb.rights if c.dep_ not in ("punct", "cc", "conj", "advcl", "advmod")]
    has_object = any(c.dep_ in ("dobj", "pobj") for c in rights)
    has_predicate = any(
        c.dep_ in ("oprd", "xcomp", "ccomp") or (c.dep_ == "prep" and c.lower_ in EVALUATION_PREPOSITIONS)
        for c in rights
    )
    if not rights or not (has_predicate or (not has_object and rights[0].dep_ == "prep")):
        return None
    tokens = [t for c in rights for t in c.subtree]
    return sorted(tokens, key=lambda t: t.i)


def _right_content(verb: Token) -> list[Token] | None:
    """What follows a cue verb in its own phrase, without leading adverbials
    ("said via email that ...") or coordinated verbs."""
    rights = [c for c in verb.rights if c.dep_ not in ("punct", "cc", "conj")]
    while rights and rights[0].dep_ in ("prep", "npadvmod", "advmod") and len(rights) > 1:
        rights = rights[1:]
    tokens = sorted((t for c in rights for t in c.subtree), key=lambda t: t.i)
    tokens = _without_mark(tokens)
    return tokens or None


def _preposed_clause(verb: Token) -> list[Token] | None:
    """'Y happened, the source added': the head clause without the cue's own words."""
    head = verb.head
    own = {t.i for t in verb.subtree}
    tokens = [t for t in head.subtree if t.i not in own and t.i < verb.i]
    if not tokens or not any(t.is_punct and t.text in ",\u2013-" for t in verb.doc[tokens[-1].i: verb.i + 1]):
        return None
    tokens = [t for t in tokens if t.i < min(own)]
    return _without_mark(tokens)


def _held_quotes(item: AttributedText, direct: list[AttributedText]) -> list[AttributedText]:
    """Quoted words that start inside the clause and are only part of it: a mixed quote."""
    return [
        d for d in direct
        if item.start <= d.start < item.end and (d.end - d.start) < 0.8 * (item.end - item.start)
    ]


def _within_quote(item: AttributedText, direct: list[AttributedText]) -> bool:
    """The clause lies within quoted words (give or take their marks): already a direct quote."""
    return any(d.start - 2 <= item.start and item.end <= d.end + 2 for d in direct)
