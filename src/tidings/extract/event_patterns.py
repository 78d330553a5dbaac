"""The event pattern language: loading pattern files and matching them on a parse.

A pattern file (`knowledge/data/events/*.txt`, format in that folder's README.md) holds
one pattern a line:

    TRIGGER ELEMENT* -> CODE [MODALITY] [FLAG ...]

    meet with TARGET            -> 040
    accuse TARGET of            -> 112
    impose +sanction|embargo on TARGET -> 163
    threaten to VERB            -> 13* threatened
    plan to VERB                -> = planned

The trigger is a lemma, or word forms as written (`@left|lefts`); a file named
`nouns*.txt` holds event nouns, every other file verbs. Imported dictionaries (PETRARCH,
`knowledge/petrarch_verbs.py`) also use word sequences around the trigger (`>word`,
`<word`), target/source slots at a place in them (`>TARGET`, `<SOURCE`), their own codes
kept as written (`literal`), paired codes (`032:033`) and `---` (matched, not coded). Patterns are indexed by trigger lemma, so matching a token costs one dict lookup
and a few child checks; the most specific pattern that fits wins.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Token

MODALITIES = {"asserted", "planned", "threatened", "demanded", "denied", "hypothetical"}
FLAGS = {"speech", "mutual", "literal"}
# `by:SECTOR`: a state act, whose agent left out of the text is that sector's authority
# of the country where it happened ("indict -> 173 by:JUD").
_BY_SECTOR = re.compile(r"^by:[A-Z]{3}$")
# Children that carry a particle or preposition of the trigger ("pull out of", "turn down").
_PARTICLE_DEPS = {"prt", "prep", "agent", "dative", "advmod", "compound:prt"}
# Children that count as a clausal complement ("threaten to VERB", "deny VERBing").
_COMPLEMENT_DEPS = {"xcomp", "ccomp", "acl", "advcl", "pcomp"}
# Dependents whose lemma a `+lemma` element may name: also manner adverbs ("attacked
# verbally", "cooperate militarily") and small clauses ("set them free").
_OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd", "npadvmod", "compound", "amod",
                "xcomp", "dative", "obj", "nmod", "conj", "appos", "advmod", "acomp", "ccomp"}
# Children that are the trigger's (active) subject, for a `^word` element.
_SUBJECT_DEPS = {"nsubj"}
_CODE = re.compile(r"^(?:\d{2,4}\*?|=|---)$")  # "---": the pattern fits, nothing is coded
# codes of imported dictionaries: PETRARCH's own ("1717", "075A", "025?"), paired
# ("032:033": source→target 032 and target→source 033), or "---" (match, do not code)
_IMPORTED_CODE = re.compile(r"^(?:[0-9A-Za-z?]{2,6}(?::[0-9A-Za-z?]{2,6})?|---)$")
_NOUNISH = {"NOUN", "PROPN", "PRON"}
_SLOT_NAMES = {"TARGET", "SOURCE", "COMPOUND"}


class PatternError(ValueError):
    """A pattern line that cannot be read; the message names the file and line."""


@dataclass(frozen=True)
class Element:
    """One requirement of a pattern: a word, a target slot, a complement or a dependent."""

    kind: str  # word | target | complement | dependent | subject | after | before
    words: tuple[str, ...] = ()  # the preposition/particle, or the dependent's lemmas;
    # for after/before: alternatives, each words joined by "_", or a slot: ("TARGET",),
    # ("SOURCE",) or ("COMPOUND",) (a coordinated noun phrase: PETRARCH's `%`)
    tied: bool = False  # after/before: the words touch the trigger (`>_out`, `<in_`)

    @property
    def slot(self) -> str | None:
        """TARGET, SOURCE or COMPOUND for a positional slot (`>TARGET`, `<SOURCE`,
        `<COMPOUND`), else None."""
        return self.words[0] if self.words and self.words[0] in _SLOT_NAMES else None


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
        return sum(_weight(e) for e in self.elements)

    @property
    def literal(self) -> bool:
        """An imported code, kept as written: no CAMEO future/obligation readings."""
        return "literal" in self.flags

    @property
    def codes(self) -> tuple[str, str | None]:
        """The code and, for a paired code "032:033", the reverse direction's code."""
        code, _, reverse = self.code.partition(":")
        return code, (reverse or None)

    @property
    def speech(self) -> bool:
        return "speech" in self.flags

    @property
    def authority(self) -> str | None:
        """The sector of the state authority that performs this act (`by:SECTOR`), if marked."""
        return next((f[3:] for f in self.flags if f.startswith("by:")), None)

    @property
    def reciprocal(self) -> bool:
        """PETRARCH's symmetric events: a paired code ("064:064") or a compound source
        (`<COMPOUND`) with no target of its own codes the source's members on one another."""
        return self.literal and (":" in self.code or any(
            e.kind == "before" and e.slot == "COMPOUND" for e in self.elements))


@dataclass
class Match:
    """A pattern bound to a trigger token: where its target and complement are."""

    token: Token
    pattern: Pattern
    target: Token | None = None
    complement: Token | None = None
    consumed: set[int] = field(default_factory=set)  # token ids the pattern used up
    source: Token | None = None  # set by a `>SOURCE` / `<SOURCE` slot only


@dataclass
class PatternBook:
    verbs: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    nouns: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))
    forms: dict[str, list[Pattern]] = field(default_factory=lambda: defaultdict(list))  # @form

    @classmethod
    def load(cls, paths: list[Path]) -> "PatternBook":
        book = cls()
        for path in paths:
            book.add_file(path)
        for index in (book.verbs, book.nouns, book.forms):
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
            if pattern.trigger.startswith("@"):
                for form in pattern.trigger[1:].split("|"):
                    self.forms[form].insert(0, pattern)
                continue
            index = self.nouns if pos == "noun" else self.verbs
            index[pattern.trigger].insert(0, pattern)

    def candidates(self, token: Token) -> list[Pattern]:
        lemma = token.lemma_.lower()
        verbal = token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ != "aux")
        by_form = self.forms.get(token.lower_, []) if verbal or _verb_tag(token) else []
        if verbal and by_form:  # word-form patterns first among equals: they are imported
            return sorted(by_form + self.verbs.get(lemma, []), key=lambda p: -p.specificity)
        if by_form:
            return by_form
        if verbal:
            return self.verbs.get(lemma, []) or next(
                (self.verbs[g] for g in lemma_guesses(token) if g in self.verbs), [])
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
        forms = {id(p) for v in self.forms.values() for p in v}
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nouns.values()) + len(forms)


def lemma_guesses(token: Token) -> list[str]:
    """Lemmas read off an inflected verb's written form, for the lemmatiser's slips
    ("staged" -> 'stag'): staged -> stage/stag, carried -> carry, voting -> vote/vot."""
    word = token.lower_
    for suffix, endings in (("ied", ("y",)), ("ies", ("y",)), ("ed", ("e", "")), ("ing", ("e", "")),
                            ("es", ("e", "")), ("s", ("",))):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            return [stem + e for e in endings]
    return []


def _verb_tag(token: Token) -> bool:
    """A verb form the tagger did not call VERB ("broken" as ADJ): word-form triggers
    still fit it, since imported dictionaries name the forms themselves."""
    return token.tag_.startswith("VB") and token.dep_ not in {"aux", "auxpass"}


def _weight(element: Element) -> int:
    if element.kind in {"after", "before"}:
        return 1 if element.slot else 2 * min(len(a.split("_")) for a in element.words)
    return 2 if element.kind in {"dependent", "word", "subject"} else 1


def parse_line(text: str, pos: str, origin: str) -> Pattern:
    if "->" not in text:
        raise PatternError(f"{origin}: no '->' in pattern {text!r}")
    left, right = (part.split() for part in text.split("->", 1))
    if not left or not right:
        raise PatternError(f"{origin}: a pattern needs a trigger and a code: {text!r}")
    code, *rest = right
    modality = None
    flags = set()
    for word in rest:
        if word in MODALITIES:
            modality = word
        elif word in FLAGS or _BY_SECTOR.match(word):
            flags.add(word)
        else:
            raise PatternError(f"{origin}: unknown modality or flag {word!r}")
    if not (_CODE.match(code) or ("literal" in flags and _IMPORTED_CODE.match(code))):
        raise PatternError(f"{origin}: {code!r} is not a CAMEO code, 'NN*', '=' or '---'"
                           " (imported codes need the flag 'literal')")
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
        if w[:1] in {">", "<"} and len(w) > 1:
            out.append(_sequence_element(w, origin))
        elif w == "TARGET":
            out.append(Element("target"))
        elif w == "VERB":
            out.append(Element("complement"))
        elif w.startswith("+"):
            out.append(Element("dependent", tuple(x.lower() for x in w[1:].split("|") if x)))
        elif w.startswith("^") and len(w) > 1:  # the subject names what acts ("troops arrived")
            out.append(Element("subject", tuple(x.lower() for x in w[1:].split("|") if x)))
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


def _sequence_element(w: str, origin: str) -> Element:
    """`>a_b|c` (after the trigger) or `<a_b|c` (before it); `>_a` / `<a_` touch it."""
    kind = "after" if w[0] == ">" else "before"
    body = w[1:]
    if body in _SLOT_NAMES:
        return Element(kind, (body,))
    tied = body.startswith("_") if kind == "after" else body.endswith("_")
    body = body.strip("_")
    alternatives = tuple(a.strip("_").lower() for a in body.split("|") if a.strip("_"))
    if not alternatives or any(a.isupper() for a in alternatives):
        raise PatternError(f"{origin}: {w!r} is not a word sequence (`>words`, `<words`)")
    return Element(kind, alternatives, tied)


# -- binding --------------------------------------------------------------------------
def _particles(token: Token) -> list[Token]:
    """Prepositions and particles of a trigger, including a preposition hanging off its
    particle ("pull out of": 'of' hangs off 'out')."""
    found = []
    for child in token.children:
        if child.dep_ in _PARTICLE_DEPS or child.pos_ == "ADP":
            found.append(child)
            found.extend(g for g in child.children if g.dep_ in {"prep", "prt"})
    if token.pos_ == "NOUN" and token.dep_ in {"dobj", "obj"}:
        # a noun's phrase moved past an adverbial onto the verb carrying it ("opened a
        # hearing on Monday into the killings"): prepositions after the noun count as its own
        found.extend(c for c in token.head.children if c.dep_ == "prep" and c.i > token.i)
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
    if any(e.kind in {"after", "before"} for e in pattern.elements):
        if not _bind_sequences(token, pattern, match):
            return None
    for element in pattern.elements:
        if element.kind == "target":
            if element.words:
                obj = None
                for p in _particles(token):
                    if p.lower_ == element.words[0]:
                        obj = _object_of(p)
                        if obj is None and p.dep_ in {"prt", "compound:prt"}:
                            obj = _direct_target(token)  # "forced out the families": a particle's object is the verb's
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
        elif element.kind == "subject":
            if _subject_word(token, element.words) is None:
                return None
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
    return _nested_dependent(token, lemmas)


def _subject_of(token: Token) -> Token | None:
    """The active subject of a verb, or of the verb it is coordinated with ("crossed the
    border and arrived"), or the noun a relative clause hangs on ("troops who arrived")."""
    for _ in range(3):
        subject = next((c for c in token.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None:
            return subject
        if token.dep_ == "conj" and token.head.pos_ in {"VERB", "AUX"}:
            token = token.head
        elif token.dep_ in {"relcl", "acl"}:
            return token.head
        else:
            return None
    return None


def _subject_word(token: Token, words: tuple[str, ...]) -> Token | None:
    """The word of `words` naming the trigger's subject: its head or a modifier of it
    ("peacekeeping troops"), also behind a group noun's 'of' ("a contingent of troops")."""
    subject = _subject_of(token)
    heads = [subject] if subject is not None else []
    if subject is not None:
        of = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        inner = _object_of(of) if of is not None else None
        if inner is not None:
            heads.append(inner)
    for head in heads:
        for tok in [head, *(c for c in head.children if c.dep_ in {"compound", "amod"})]:
            if _named(tok, words):
                return tok
    return None


# nouns that measure or take a share of the noun after their 'of' ("part of the aid")
_PARTITIVE_DEPS = {"dobj", "obj", "nsubjpass"}


def _nested_dependent(token: Token, lemmas: tuple[str, ...]) -> Token | None:
    """The named word one step inside the object: a modifier of its head ("ended
    mediation efforts", "halted aid deliveries", "held joint exercises") or the noun a
    share of which is the object ("suspended part of the aid program")."""
    for child in token.children:
        if child.dep_ not in _PARTITIVE_DEPS:
            continue
        node: Token | None = child
        for _ in range(2):
            if node is None:
                break
            hit = next((c for c in node.children if c.dep_ in {"compound", "amod"} and _named(c, lemmas)), None)
            if hit is not None:
                return hit
            of = next((c for c in node.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            node = _object_of(of) if of is not None else None
            if node is not None and _named(node, lemmas):
                return node
    return None


# -- word sequences around the trigger (imported dictionaries) -------------------------
def after_region(token: Token) -> list[Token]:
    """Tokens after the trigger in its own phrase: its subtree, less coordinated verbs
    ("condemned X and promised Y": 'promised Y' is not in condemned's phrase)."""
    skip: set[int] = set()
    for child in token.children:
        if child.dep_ in {"conj", "cc"} and child.i > token.i:
            skip.update(t.i for t in child.subtree)
    return [t for t in token.subtree if t.i > token.i and t.i not in skip]


def _fits(tokens: list[Token], at: int, words: list[str]) -> bool:
    """`words` at tokens[at:], on consecutive words of the text."""
    if at + len(words) > len(tokens):
        return False
    run = tokens[at:at + len(words)]
    return all(t.lower_ == w for t, w in zip(run, words)) and all(
        b.i == a.i + 1 for a, b in zip(run, run[1:]))


def _phrase_head(tok: Token) -> Token:
    """The head of the noun phrase a slot's first noun belongs to ("Gondor" in
    "Gondor police" → police)."""
    while tok.dep_ in {"compound", "amod", "nmod", "poss", "det"} and tok.head.i > tok.i:
        tok = tok.head
    return tok


def _coordination(tok: Token) -> Token | None:
    """The first conjunct of the coordinated noun phrase `tok` belongs to, if it is one
    ("Gondor and Osgiliath": Gondor)."""
    head = _phrase_head(tok)
    while head.dep_ == "conj" and head.head.pos_ in _NOUNISH:
        head = head.head
    return head if any(c.dep_ == "conj" for c in head.children) else None


def _bind_slot(match: Match, slot: str, tok: Token, compound_side: str) -> bool:
    """Bind a `>`/`<` slot to the noun phrase of `tok`; a COMPOUND slot binds the source
    (before the trigger) or target (after it), and only a coordination fits it."""
    if slot != "COMPOUND":
        setattr(match, slot.lower(), _phrase_head(tok))
        return True
    head = _coordination(tok)
    if head is None:
        return False
    setattr(match, compound_side, head)
    return True


def _bind_sequences(token: Token, pattern: Pattern, match: Match) -> bool:
    """PETRARCH's reading: the `>` elements in order after the trigger within its phrase,
    the `<` elements in order before it in the sentence; a space between elements allows
    a gap, `_` inside an element does not; slots take the next noun phrase."""
    after = after_region(token)
    at = 0
    for element in (e for e in pattern.elements if e.kind == "after"):
        if element.slot:
            k = next((k for k in range(at, len(after)) if after[k].pos_ in _NOUNISH), None)
            if k is None:
                return False
            if not _bind_slot(match, element.slot, after[k], "target"):
                return False
            at = k + 1
            continue
        found = None
        for k in range(at, len(after)):
            if element.tied and k == at and after[k].i != token.i + 1:
                break
            if any(_fits(after, k, a.split("_")) for a in element.words):
                found = k
                break
            if element.tied:
                break
        if found is None:
            return False
        size = min(len(a.split("_")) for a in element.words if _fits(after, found, a.split("_")))
        match.consumed.update(t.i for t in after[found:found + size])
        at = found + size
    before = [t for t in token.sent if t.i < token.i]
    end = len(before)  # elements are matched right to left, each ending before `end`
    for element in reversed([e for e in pattern.elements if e.kind == "before"]):
        if element.slot:
            k = next((k for k in range(end - 1, -1, -1) if before[k].pos_ in _NOUNISH), None)
            if k is None:
                return False
            if not _bind_slot(match, element.slot, before[k], "source"):
                return False
            end = k
            continue
        found = None
        for k in range(end - 1, -1, -1):
            fitting = [a for a in element.words if _fits(before, k, a.split("_"))
                       and k + len(a.split("_")) <= end]
            if fitting and (not element.tied or before[k].i + len(fitting[0].split("_")) == token.i):
                found = k
                break
            if element.tied and end == len(before):
                continue  # keep looking for the run that touches the trigger
        if found is None:
            return False
        end = found
    return True
