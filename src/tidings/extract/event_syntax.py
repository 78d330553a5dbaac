"""Readings of the dependency tree shared by the event coder's parts: clauses, passives,
objects, and the reporting verb a clause is reported by. No state, no actors."""
from __future__ import annotations

from spacy.tokens import Token

from .event_patterns import Match, PatternBook

_CLAUSAL = {"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "conj", "xcomp", "pcomp"}
SUBJECT_DEPS = {"nsubj", "csubj", "expl"}


def is_noun_modifier(tok: Token, m: Match) -> bool:
    """An event noun used to qualify another noun ("aid workers", "attack helicopters",
    "protest leaders") names a kind of thing, not an event that took place."""
    return tok.dep_ == "compound" and tok.pos_ == "NOUN" and tok.head.pos_ in {"NOUN", "PROPN"} \
        and m.pattern.pos == "noun" and not m.pattern.literal


def measured_noun(tok: Token) -> Token:
    """The noun a quantity measures ("tons of aid", "millions of dollars of aid")."""
    for _ in range(2):
        of = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((g for g in of.children if g.dep_ == "pobj"), None) if of is not None else None
        if obj is None:
            break
        tok = obj
    return tok


def direct_object(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ in {"dobj", "obj", "nsubjpass"}), None)


def clause_with_subject(tok: Token) -> Token | None:
    """A that-clause or clause complement with its own subject ("demanded that X go")."""
    for child in tok.children:
        if child.dep_ in {"ccomp", "acl"} and child.pos_ in {"VERB", "AUX"} and any(
                g.dep_ in {"nsubj", "nsubjpass"} for g in child.children):
            return child
    return None


def carried_clause(noun: Token) -> Token | None:
    """The that-clause of a request noun attached by the parser to the verb carrying it
    ("repeated its demand today that X withdraw"): the clause after the noun."""
    if noun.pos_ != "NOUN" or noun.dep_ not in {"dobj", "obj"}:
        return None
    clause = clause_with_subject(noun.head)
    if clause is None or clause.i < noun.i or not any(
            g.dep_ == "mark" and g.lower_ == "that" for g in clause.children):
        return None
    return clause


def is_purpose_clause(tok: Token) -> bool:
    """An infinitive of purpose on another verb ("sent experts to X to investigate")."""
    return (tok.dep_ in {"advcl", "xcomp"} and tok.head.pos_ == "VERB" and tok.head is not tok
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
            and not any(c.dep_ in SUBJECT_DEPS for c in tok.children))


def has_condition(anchor: Token, marks: frozenset[str]) -> bool:
    """An action with a condition clause of its own ("will boycott unless X resigns")."""
    return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in marks for g in c.children)
               for c in anchor.children)


def is_passive(tok: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in tok.children) or (
        tok.dep_ == "acl" and tok.tag_ == "VBN")


def clause_tokens(anchor: Token, extra: list[Token] | None = None) -> set[int]:
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


def is_speech(tok: Token, book: PatternBook) -> bool:
    return any(p.speech for p in book.verbs.get(tok.lemma_.lower(), []))


def reporting_verb(tok: Token, book: PatternBook) -> Token | None:
    """The reporting verb whose reported clause holds `tok` ("Bolton said [... tok ...]"),
    or one in parenthesis beside it ("[tok ...], he said")."""
    node = tok
    for _ in range(8):
        for child in node.children:
            if child.dep_ == "parataxis" and is_speech(child, book) and child is not tok:
                return child
        head = node.head
        if head is node:
            return None
        if node.dep_ in {"ccomp", "parataxis"} and is_speech(head, book):
            return head
        node = head
    return None
