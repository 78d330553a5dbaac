"""How names and titles are written: entity spans trimmed, the words of a name, the
title beside it ("US national security adviser John Bolton", "John Bolton, the ambassador"),
and places that say where rather than who. Pure functions over the spaCy parse."""
from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ..knowledge import key

HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "mx", "prof"}

# Dependency labels that keep a left modifier inside the name's noun phrase.
TITLE_DEPS = {"compound", "amod", "nmod", "npadvmod", "nummod", "punct", "poss", "case", "det"}

# Capitalised words that are months, days or seasons before they are anyone's surname.
NOT_SURNAMES = {"january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december", "monday", "tuesday", "wednesday",
                "thursday", "friday", "saturday", "sunday", "spring", "summer", "autumn", "winter",
                "christmas", "easter", "god", "allah"}

# Prepositions whose object is where something happens, not who does it.
# ("from" and "to" are left out: "an appeal from Tanzania", "flew to Moscow" name a party.)
LOCATIVE = {"in", "at", "near", "inside", "outside", "across", "around", "within", "throughout"}


def is_location(span: Span) -> bool:
    """A place name governed by a locative preposition ("in Paris", "at a summit in Riga")."""
    head = span.root.head
    return span.root.dep_ == "pobj" and head.lower_ in LOCATIVE and head.i != span.root.i


def trim_entity(span: Span) -> Span | None:
    """Drop a leading 'the' and trailing possessive marks and punctuation."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in {"the", "a", "an"} and span.label_ in {"PERSON", "GPE", "NORP"}
                           or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct
                           or doc[end - 1].text in {"'s", "'"}):
        end -= 1
    if end <= start:
        return None
    return Span(doc, start, end, label=span.label_)


def surnames_as_people(spans: list[Span]) -> list[Span]:
    """spaCy often tags a surname alone as an organisation or place ("Trump said", "Machado");
    when the document names that person in full, the surname is the person."""
    surnames = {key(name_words(s)[-1]) for s in spans
                if s.label_ == "PERSON" and len(name_words(s)) >= 2}
    out = []
    for s in spans:
        if s.label_ in {"ORG", "GPE", "NORP"} and len(s) == 1 and key(s.text) in surnames:
            s = Span(s.doc, s.start, s.end, label="PERSON")
        out.append(s)
    return out


def name_words(span: Span) -> list[str]:
    words = [t.text for t in span if not t.is_punct or t.text in {"-", "'"}]
    while words and key(words[0]) in HONORIFICS:
        words = words[1:]
    return words


def strip_the(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def left_title(span: Span) -> list[Token]:
    """Words to the left of a name inside its noun phrase: "US national security adviser"
    in "US national security adviser John Bolton"; a possessor ("Trump's") ends it."""
    doc = span.doc
    head = span.root
    words: list[Token] = []
    i = span.start - 1
    while i >= 0:
        tok = doc[i]
        if tok.dep_ not in TITLE_DEPS or tok.dep_ in {"det", "punct", "poss", "case"}:
            break
        # the word must hang off the name or off a word already taken
        if not (tok.head == head or tok.head.i in range(span.start, span.end)
                or any(tok.head == w for w in words) or tok.head.i == i + 1):
            break
        if tok.lower_ in HONORIFICS or tok.text.rstrip(".").lower() in HONORIFICS:
            i -= 1
            continue
        words.insert(0, tok)
        i -= 1
    return words


def title_words(words: list[Token], is_role: Callable[[str], bool]) -> list[Token]:
    """The words of a title, without ages, dates and numbers ("28-year-old", "Saturday"),
    or nothing when they cannot be a role: no common noun or known role word left
    ("known", "London Sadiq"), a pronoun ("his brother"), or a paragraph break inside."""
    kept = [t for t in words
            if t.ent_type_ not in {"DATE", "TIME", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"}
            and not t.like_num and t.lower_ not in {"old", "-", "year", "years"}]
    while kept and kept[0].pos_ in {"ADP", "CCONJ", "PUNCT", "PART"}:
        kept = kept[1:]
    if any(t.pos_ == "PRON" or "\n" in t.text_with_ws for t in kept[:-1]) or any(t.is_space for t in kept):
        return []
    if not any(t.pos_ == "NOUN" or is_role(t.text) or is_role(t.lemma_) for t in kept):
        return []
    return kept


def appositive_title(span: Span) -> list[Token]:
    """The noun phrase in apposition: "John Bolton, the national security adviser".
    Only a phrase headed by a noun counts: an age ("Smith, 82") or an adjective is no title."""
    for child in span.root.children:
        if child.dep_ == "appos" and child.i >= span.end and child.pos_ in {"NOUN", "PROPN"}:
            sub = [t for t in child.subtree if t.dep_ not in {"det", "punct"} and t.i >= span.end]
            if 0 < len(sub) <= 8 and not any(t.ent_type_ == "PERSON" for t in sub):
                return sub
    return []


def head_title(span: Span) -> list[Token]:
    """The noun phrase a name stands in apposition to: "Qatar's emir, Sheikh Hamad"."""
    root = span.root
    head = root.head
    if root.dep_ != "appos" or head.i >= span.start or head.pos_ not in {"NOUN", "PROPN"}:
        return []
    owned = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}  # "Germany's"
    words = [t for t in head.subtree if t.i < span.start and t.dep_ not in {"det", "punct"}
             and t.i <= head.i and t.i not in owned]
    return words if 0 < len(words) <= 8 and not any(t.ent_type_ == "PERSON" for t in words) else []


def close_parenthesis(span: Span) -> Span:
    """A name the tagger cut inside a parenthesis ("the Umma (Nation" of "the Umma
    (Nation) Party") runs to the closing bracket and the head noun the name modifies."""
    doc = span.doc
    opened = sum(t.text == "(" for t in span) - sum(t.text == ")" for t in span)
    if opened != 1 or span.end >= len(doc) or doc[span.end].text != ")":
        return span
    end = span.end + 1
    if end < len(doc) and doc[end].pos_ in {"NOUN", "PROPN"} and any(t.head.i == end for t in span):
        end += 1  # "(Nation) party": the noun the whole name modifies
    return Span(doc, span.start, end, label=span.label_)


def origin_objects(span: Span, prepositions: frozenset[str]) -> list[Token]:
    """The words of the phrases that say where a named person is from or whom they are
    with: "Tom Hardy, 52, of Bristol", "Jane Roe, a nurse from Leeds", "Ann Lee of the
    Red Cross". Only prepositions on the name or on a phrase in apposition to it count."""
    root = span.root
    hosts = [root, *(c for c in root.children if c.dep_ == "appos" and c.i >= span.end)]
    found: list[Token] = []
    for host in hosts:
        preps = [c for c in host.children if c.dep_ == "prep" and c.lower_ in prepositions and c.i >= span.end]
        for prep in preps:
            for obj in (g for g in prep.children if g.dep_ == "pobj"):
                found += [t for t in obj.subtree if t.i not in range(span.start, span.end)]
    return found


def storm_names(doc: Doc, storm_words: frozenset[str]) -> set[str]:
    """Names the document gives to a weather system ("Hurricane Humberto", "Typhoon
    Haiyan", "Tropical Storm Barry"), keyed: the tagger reads them as people. Only tagged
    names are looked at (the words before each entity, and its own first word)."""
    names = set()
    for ent in doc.ents:
        for word, name in ((doc[ent.start - 1] if ent.start else None, ent[0]),
                           (ent[0], ent[1] if len(ent) > 1 else None)):
            # written as part of the name ("Hurricane", "Tropical Storm"), not "the storm Smith faced"
            if word is not None and name is not None and word.lower_ in storm_words \
                    and word.text[:1].isupper() and name.text[:1].isupper():
                names.add(key(name.text))
    return names


def predicate_title(span: Span, occupation_verbs: frozenset[str]) -> list[Token]:
    """The role a clause about the name gives it: "Roe is a lawyer", "Roe, who is a
    doctor, ...", "Roe, who works as a teacher, ..." (`occupation_verbs`, by lemma): the
    noun and its modifiers."""
    root = span.root
    clauses = [c for c in root.children if c.dep_ == "relcl" and c.i >= span.end]
    if root.dep_ == "nsubj" and root.head.i >= span.end:
        clauses.append(root.head)
    for verb in clauses:
        if verb.lemma_ == "be":
            nouns = [c for c in verb.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
        elif verb.lemma_ in occupation_verbs:
            nouns = [g for p in verb.children if p.dep_ == "prep" and p.lower_ == "as"
                     for g in p.children if g.dep_ == "pobj" and g.pos_ == "NOUN"]
        else:
            continue
        for noun in nouns:
            mods = [t for t in noun.lefts if t.dep_ in {"compound", "amod"}]
            start = min((m.left_edge.i for m in mods), default=noun.i)
            return [t for t in noun.doc[start:noun.i + 1] if t.dep_ not in {"det", "punct"}]
    return []
