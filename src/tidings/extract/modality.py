"""Modality of an event: asserted, planned, threatened, demanded, denied or hypothetical.

Read from the words around the trigger (settings.yaml): auxiliaries ("will", "would",
"could"), governing verbs and adjectives ("plans to", "is expected to", "is due to",
"denied sending"), modifiers of event nouns ("the planned talks"), negation, and
conditional clauses ("if ... would"). A negated event is coded with modality `denied`
rather than dropped, so a reader sees that the text speaks of it and says it did not
(or will not) happen.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

# Links from an event up to a word that may govern its modality.
_GOVERNED_BY = {"xcomp", "ccomp", "pcomp", "pobj", "prep", "acomp", "dobj"}


@dataclass(frozen=True)
class ModalityWords:
    aux: dict[str, str]
    governors: dict[str, str]
    modifiers: dict[str, str]
    conditional: frozenset[str]
    attempts: frozenset[str] = frozenset()
    prospective: frozenset[str] = frozenset()

    @classmethod
    def from_settings(cls, settings: dict) -> "ModalityWords":
        return cls(
            aux={str(k).lower(): v for k, v in (settings.get("modality_aux") or {}).items()},
            governors={str(k).lower(): v for k, v in (settings.get("modality_governors") or {}).items()},
            modifiers={str(k).lower(): v for k, v in (settings.get("modality_modifiers") or {}).items()},
            conditional=frozenset(str(w).lower() for w in settings.get("conditional_marks") or []),
            attempts=frozenset(str(w).lower() for w in settings.get("attempt_governors") or []),
            prospective=frozenset(str(w).lower() for w in settings.get("prospective_marks") or []),
        )


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _conditional(token: Token, words: ModalityWords) -> bool:
    """In an if-clause, or a clause whose consequent hangs on one ("if X, Y would")."""
    node = token
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in words.conditional for c in node.children):
            return True
        if node.dep_ not in {"xcomp", "conj", "aux"} or node.head is node:
            break
        node = node.head
    has_if_clause = any(
        c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in words.conditional for g in c.children)
        for c in token.children
    )
    return has_if_clause and any(c.lower_ in {"would", "could", "might"} for c in token.children)


_PRESENT = {"VBP", "VBZ", "VB"}


def _prospective(token: Token, words: ModalityWords) -> bool:
    """In a 'before'/'until' clause in the present tense ("before they disarm", "until
    their demands are met"): English speaks of a time not yet reached so; it did not
    happen. A past tense ("before the police arrived") tells what did."""
    node = token
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in words.prospective for c in node.children):
            verbs = [node, *(c for c in node.children if c.dep_ in {"aux", "auxpass"})]
            return not any(v.tag_ in {"VBD", "MD"} for v in verbs) and any(v.tag_ in _PRESENT for v in verbs)
        if node.dep_ not in {"xcomp", "conj"} or node.head is node:
            break
        node = node.head
    return False


def _aux_modality(token: Token, words: ModalityWords) -> str | None:
    for child in token.children:
        if child.dep_ in {"aux", "auxpass"} and child.lower_ in words.aux:
            return words.aux[child.lower_]
    return None


def modality(trigger: Token, words: ModalityWords, stop: Token | None = None) -> str:
    """The modality of the event anchored at `trigger`; `stop` is a governing token that
    is the event's own pattern (a control verb), whose words count as the event's."""
    if _conditional(trigger, words) or _prospective(trigger, words):
        return "hypothetical"
    node = trigger
    found: str | None = None
    for _ in range(5):
        if _negated(node):
            return "denied"
        for child in node.children:
            if child.dep_ == "amod" and child.lower_ in words.modifiers and found is None:
                found = words.modifiers[child.lower_]
        aux = _aux_modality(node, words)
        if aux and found is None:
            found = aux
        if node.dep_ not in _GOVERNED_BY or node.head is node:
            break
        head = node.head
        lemma = head.lemma_.lower()
        if head.pos_ in {"VERB", "AUX", "ADJ", "ADP", "ADV"} and lemma in words.governors:
            if _negated(head):
                return "denied"
            governed = words.governors[lemma]
            if lemma in words.attempts and head.tag_ in {"VBD", "VBN"} and not _aux_modality(head, words):
                governed = "asserted"  # "tried to storm the building": an act made, if failed
            if found is None or found == "asserted":
                found = governed if governed != "asserted" else found
            aux = _aux_modality(head, words)
            if aux and found in (None, "asserted"):
                found = aux
            node = head
            continue
        if head.pos_ == "ADP" or (stop is not None and head == stop):
            node = head
            continue
        if node.dep_ in {"pobj", "dobj"} and head.pos_ in {"VERB", "AUX"}:
            # an event noun takes the time of the verb carrying it: "will hold talks"
            node = head
            continue
        break
    return found or "asserted"
