"""The event pattern language: loading pattern files and matching them on a parse.

A pattern file (`knowledge/data/events/*.txt`, format in that folder's README.md) holds
one pattern a line:

    TRIGGER ELEMENT* -> CODE [MODALITY] [FLAG ...]

    meet with TARGET            -> 040
    accuse TARGET of            -> 112
    impose +sanction|embargo on TARGET -> 163
    threaten to VERB            -> 13* threatened
    plan to VERB                -> = planned

The trigger is a lemma; a file named `nouns*.txt` holds event nouns, every other file
verbs. Patterns are indexed by trigger lemma, so matching a token costs one dict lookup
and a few child checks; the most specific pattern that fits wins.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Token

MODALITIES = {"asserted", "planned", "threatened", "demanded", "denied", "hypothetical"}
FLAGS = {"speech", "mutual"}
# Children that carry a particle or preposition of the trigger ("pull out of", "turn down").
_PARTICLE_DEPS = {"prt", "prep", "agent", "dative", "advmod", "compound:prt"}
# Children that count as a clausal complement ("threaten to VERB", "deny VERBing").
_COMPLEMENT_DEPS = {"xcomp", "ccomp", "acl", "advcl", "pcomp"}
# Dependents whose lemma a `+lemma` element may name.
_OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd", "npadvmod", "compound", "amod",
                "xcomp", "dative", "obj", "nmod", "conj", "appos"}
_CODE = re.compile(r"^(?:\d{2,4}\*?|=)$")


class PatternError(ValueError):
    """A pattern line that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Element:
    """One requirement of a pattern: a word, a target slot, a complement or a dependent."""

    kind: str  # word | target | complement | dependent
    words: tuple[str, ...] = ()  # the preposition/particle, or the dependent's lemmas


@dataclass(frozen=True)
class Pattern:
    trigger: str
    pos: str  # verb | noun
    elements: tuple[Element, ...]
    code: str  # "040", "13*" (root refined by the complement), "=" (the complement's code)
    modality: str | None
    flags: frozenset[str]
    origin: str  # file:line, for explaining a coding

    @property
    def specificity(self) -> int:
        return sum(2 if e.kind in {"dependent", "word"} else 1 for e in self.elements)

    @property
    def speech(self) -> bool:
        return "speech" in self.flags


@dataclass
class Match:
    """A pattern bound to a trigger token: where its target and complement are."""

    token: Token
    pattern: Pattern
    target: Token | None = None
    complement: Token | None = None
    consumed: set[int] = field(default_factory=set)  # token ids the pattern used up


@dataclass
class PatternBook:
    verbs: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def load(cls, paths: list[Path]) -> "PatternBook":
        book = cls()
        for path in paths:
            book.add_file(path)
        for index in (book.verbs, book.nouns):
            for lemma in index:  # later files first among equals: user files override
                index[lemma].sort(key=lambda p: -p.specificity)
        return book

    def add_file(self, path: Path) -> None:
        pos = "noun" if path.name.startswith("nouns") else "verb"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            text = line.split("#", 1)[0].strip()
            if not text:
                continue
            pattern = parse_line(text, pos, f"{path.name}:{number}")
            index = self.nouns if pos == "noun" else self.verbs
            index[pattern.trigger].insert(0, pattern)

    def candidates(self, token: Token) -> list[Pattern]:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ != "aux"):
            return self.verbs.get(lemma, [])
        if token.pos_ in {"NOUN", "PROPN"}:
            return self.nouns.get(lemma, []) or self.nouns.get(token.lower_, [])
        return []

    def match(self, token: Token) -> Match | None:
        """The most specific pattern whose every element the token's dependents satisfy."""
        for pattern in self.candidates(token):
            found = _bind(token, pattern)
            if found is not None:
                return found
        return None

    def __len__(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nouns.values())


def parse_line(text: str, pos: str, origin: str) -> Pattern:
    if "->" not in text:
        raise PatternError(f"{origin}: no '->' in pattern {text!r}")
    left, right = (part.split() for part in text.split("->", 1))
    if not left or not right:
        raise PatternError(f"{origin}: a pattern needs a trigger and a code: {text!r}")
    code, *rest = right
    if not _CODE.match(code):
        raise PatternError(f"{origin}: {code!r} is not a CAMEO code, 'NN*' or '='")
    modality = None
    flags = set()
    for word in rest:
        if word in MODALITIES:
            modality = word
        elif word in FLAGS:
            flags.add(word)
        else:
            raise PatternError(f"{origin}: unknown modality or flag {word!r}")
    trigger, *words = left
    return Pattern(
        trigger=trigger.lower(), pos=pos, elements=tuple(_elements(words, origin)), code=code,
        modality=modality, flags=frozenset(flags), origin=origin,
    )


def _elements(words: list[str], origin: str) -> list[Element]:
    out: list[Element] = []
    i = 0
    while i < len(words):
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else None
        if w == "TARGET":
            out.append(Element("target"))
        elif w == "VERB":
            out.append(Element("complement"))
        elif w.startswith("+"):
            out.append(Element("dependent", tuple(x.lower() for x in w[1:].split("|") if x)))
        elif w.isupper():
            raise PatternError(f"{origin}: unknown slot {w!r} (TARGET, VERB)")
        elif w == "to" and nxt == "VERB":
            out.append(Element("complement", ("to",)))
            i += 1
        elif nxt == "TARGET":
            out.append(Element("target", (w.lower(),)))
            i += 1
        elif nxt == "VERB":  # "of VERB": a gerund after a preposition ("accused of spying")
            out.append(Element("complement", (w.lower(),)))
            i += 1
        else:
            out.append(Element("word", (w.lower(),)))
        i += 1
    return out


# -- binding --------------------------------------------------------------------------
def _particles(token: Token) -> list[Token]:
    """Prepositions and particles of a trigger, including a preposition hanging off its
    particle ("pull out of": 'of' hangs off 'out')."""
    found = []
    for child in token.children:
        if child.dep_ in _PARTICLE_DEPS or child.pos_ == "ADP":
            found.append(child)
            found.extend(g for g in child.children if g.dep_ in {"prep", "prt"})
    return found


def _object_of(prep: Token) -> Token | None:
    for child in prep.children:
        if child.dep_ in {"pobj", "pcomp", "obj"}:
            return child
    return None


def _direct_target(token: Token) -> Token | None:
    passive = any(c.dep_ in {"auxpass", "nsubjpass"} for c in token.children)
    for child in token.children:
        if child.dep_ == "nsubjpass" or (child.dep_ in {"dobj", "dative", "obj"} and not passive):
            return child
    if token.dep_ == "acl" and token.tag_ == "VBN":  # "the city shelled by rebels"
        return token.head
    return None


def _complement(token: Token, prep: str | None) -> Token | None:
    """The clausal complement a `to VERB` / `VERB` / `of VERB` element names."""
    if prep and prep != "to":
        for p in _particles(token):
            if p.lower_ == prep:
                obj = _object_of(p)
                if obj is not None and (obj.pos_ in {"VERB", "AUX"} or obj.dep_ == "pcomp"
                                        or obj.pos_ == "NOUN"):
                    return obj
        return None
    for child in token.children:
        if child.pos_ not in {"VERB", "AUX"}:
            continue
        infinitive = any(g.dep_ == "aux" and g.lower_ == "to" for g in child.children)
        if prep == "to":
            if infinitive and child.dep_ in _COMPLEMENT_DEPS:
                return child
        elif child.dep_ in {"xcomp", "ccomp", "pcomp", "dobj"}:
            return child
    if prep is None:  # "denied sending troops" may hang the gerund off a preposition
        for p in _particles(token):
            obj = _object_of(p)
            if obj is not None and obj.pos_ == "VERB":
                return obj
    return None


def _bind(token: Token, pattern: Pattern) -> Match | None:
    match = Match(token, pattern)
    for element in pattern.elements:
        if element.kind == "target":
            if element.words:
                obj = None
                for p in _particles(token):
                    if p.lower_ == element.words[0]:
                        obj = _object_of(p)
                        if obj is not None:
                            match.consumed.add(p.i)
                            break
                if obj is None:
                    return None
                match.target = obj
            else:
                obj = _direct_target(token)
                if obj is None:
                    return None
                match.target = obj
        elif element.kind == "word":
            hit = next((p for p in _particles(token) if p.lower_ == element.words[0]), None)
            if hit is None:
                return None
            match.consumed.add(hit.i)
        elif element.kind == "complement":
            comp = _complement(token, element.words[0] if element.words else None)
            if comp is None:
                return None
            match.complement = comp
        elif element.kind == "dependent":
            dep = _dependent(token, element.words)
            if dep is None:
                return None
            match.consumed.add(dep.i)
    return match


def _named(token: Token, words: tuple[str, ...]) -> bool:
    """A word listed by lemma or as written ("troops" and "troop" both name troops)."""
    return token.lemma_.lower() in words or token.lower_ in words


def _dependent(token: Token, lemmas: tuple[str, ...]) -> Token | None:
    for child in token.children:
        if child.dep_ in _OBJECT_DEPS and _named(child, lemmas):
            return child
        if child.dep_ in {"prep", "agent"}:
            obj = _object_of(child)
            if obj is not None and _named(obj, lemmas):
                return obj
    if token.dep_ == "acl" and _named(token.head, lemmas):  # "sanctions imposed on"
        return token.head
    return None
