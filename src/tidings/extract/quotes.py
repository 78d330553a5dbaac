"""Quotations and attributions with their speakers.

One pass over the parse the pipeline gives, in three steps:

1. **Quote marks.** Paragraph by paragraph, straight and typographic double quote marks
   are paired; a mark's direction comes from its neighbours (space before it opens,
   space after it closes), the typographic form only breaks ties. A quote left open at
   a paragraph's end runs to that end: if the next paragraph opens with a mark it is a
   quote running over several paragraphs, otherwise the marks were unbalanced and
   nothing beyond the paragraph is lost.
2. **Direct quotes** find their attribution, first match wins:
   the cue verb that governs the quoted words in the parse ("X called the talks
   "..."", ""...," he said"); a cue right after the closing mark (""...," said X");
   a cue right before the opening mark ("He said: "..."", "X added – "...""); else,
   for a quote that starts a sentence, the speaker of the quote or attribution just
   before it in the same or the previous paragraph (continuations, split quotes).
   A quoted phrase with no attribution (scare quotes, titles) is not a quote.
3. **Indirect and mixed** attributions from the cue lexicon (`quote_cues.yaml`): a cue
   verb with a subject and a that-clause, a to-infinitive (intentions), an object and
   what follows (evaluations: "accused Y of Z"), a post-posed cue ("..., the source
   added"), "according to X", and cue nouns with an owner ("his claim that ...").
   A clause holding quoted words is `mixed`; the quoted words are also a direct quote
   with the same cue, so both the claim and the verbatim words are kept.

The speaker is the cue's subject as written (`speaker_text`) and the actor it refers
to through the document's actor mentions (names, resolved pronouns and descriptions);
a speaker that no mention covers stays null.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass

import yaml
from spacy.tokens import Doc, Span, Token

from ..knowledge import Knowledge, data_path
from ..record import Actor, ActorMentions, Quote

CUES_FILE = "quote_cues.yaml"
DOUBLE_MARKS = '"\u201c\u201d\u201e\u00ab\u00bb'
MARK_TOKENS = frozenset([*DOUBLE_MARKS, "''", "``"])
OPENING_FORMS = "\u201c\u201e\u00ab"
CLOSING_FORMS = "\u201d\u00bb"
# Characters after which a mark opens a quote, and before which one closes it.
OPEN_AFTER = " \n([{\u2013\u2014-/:"
CLOSE_BEFORE = " \n)]}.,;:!?\u2013\u2014-/'"
# Dependents that are part of what a clause asserts but not of a speaker's name.
SPEAKER_TRIM_DEPS = {"relcl", "acl", "advcl", "punct", "cc", "conj", "prep"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Dependencies through which a cue verb without its own subject shares its head's.
SHARED_SUBJECT_DEPS = {"conj", "advcl", "xcomp", "ccomp"}
OWNER_TYPES = {"PERSON", "ORG", "NORP", "GPE"}
# "accused Y of", "praised Y for", "described Y as", "urged Y to", "clashed with Y over"
EVALUATION_PREPOSITIONS = {"of", "for", "as", "to", "over"}
DASHES = "\u2015\u2014\u2013-"
MAX_POST_CUE_TOKENS = 8
MAX_PRE_CUE_GAP = 4


@dataclass(frozen=True)
class Cues:
    """The cue lexicon: lemma → kinds of attribution it signals."""

    verbs: dict[str, frozenset[str]]
    nouns: dict[str, frozenset[str]]
    adjectives: dict[str, frozenset[str]]
    phrases: tuple[str, ...]
    not_speakers: frozenset[str]

    def verb(self, token: Token) -> frozenset[str]:
        if token.pos_ not in ("VERB", "AUX") or token.tag_ == "MD":
            return frozenset()
        kinds = self.verbs.get(token.lemma_.lower(), frozenset())
        for child in token.children:
            if child.dep_ == "prt":
                kinds = kinds | self.verbs.get(f"{token.lemma_.lower()} {child.lower_}", frozenset())
        return kinds


@functools.lru_cache(maxsize=4)
def load_cues(name: str = CUES_FILE) -> Cues:
    data = yaml.safe_load(data_path(name).read_text(encoding="utf-8"))

    def index(section: dict[str, list[str]]) -> dict[str, frozenset[str]]:
        out: dict[str, set[str]] = defaultdict(set)
        for kind, words in (section or {}).items():
            for word in words:
                out[str(word).lower()].add(kind)
        return {w: frozenset(k) for w, k in out.items()}

    return Cues(
        verbs=index(data.get("verbs")),
        nouns=index(data.get("nouns")),
        adjectives=index(data.get("adjectives")),
        phrases=tuple(p.lower() for p in data.get("phrases") or []),
        not_speakers=frozenset(w.lower() for w in data.get("not_speakers") or []),
    )


# -- 1. quote marks ---------------------------------------------------------------------
@dataclass
class Marked:
    """Text between a pair of quote marks (content offsets, marks excluded)."""

    start: int
    end: int
    paragraph: int
    closed: bool
    continues: bool = False  # the previous paragraph's quote was left open: same quote


def quote_spans(text: str) -> list[Marked]:
    """Paired double-quote spans, paragraph by paragraph."""
    spans: list[Marked] = []
    offset = 0
    left_open = False
    for number, paragraph in enumerate(text.split("\n")):
        found = _pair_marks(paragraph, offset, number)
        if found and left_open and _mark_at(paragraph, len(paragraph) - len(paragraph.lstrip())):
            found[0].continues = True
        spans.extend(found)
        if paragraph.strip():
            left_open = bool(found) and not found[-1].closed
        offset += len(paragraph) + 1
    return [s for s in spans if text[s.start:s.end].strip()]


def _mark_at(paragraph: str, i: int) -> int:
    """Width of the double quote mark at i: 1 for a quote character, 2 for the doubled
    apostrophes and backticks of some wire styles (''...'' and ``...''), else 0."""
    if i < len(paragraph) and paragraph[i] in DOUBLE_MARKS:
        return 1
    return 2 if paragraph[i:i + 2] in ("''", "``") else 0


def _pair_marks(paragraph: str, offset: int, number: int) -> list[Marked]:
    spans: list[Marked] = []
    open_at: int | None = None  # offset of the open quote's content
    i = 0
    while i < len(paragraph):
        width = _mark_at(paragraph, i)
        if not width:
            i += 1
            continue
        role = _mark_role(paragraph, i, width)
        if open_at is None:
            if role != "close":
                open_at = i + width
        elif role == "open" and i > open_at:
            # A second opener: the first was never closed; end it before this one.
            spans.append(Marked(offset + open_at, offset + i, number, closed=False))
            open_at = i + width
        elif role != "open":
            spans.append(Marked(offset + open_at, offset + i, number, closed=True))
            open_at = None
        i += width
    if open_at is not None:
        spans.append(Marked(offset + open_at, offset + len(paragraph.rstrip()), number, closed=False))
    return spans


def _mark_role(paragraph: str, i: int, width: int) -> str:
    before = paragraph[i - 1] if i > 0 else " "
    after = paragraph[i + width] if i + width < len(paragraph) else " "
    opens = before in OPEN_AFTER and after not in " \n"
    closes = after in CLOSE_BEFORE and before not in " \n"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    mark = paragraph[i:i + width]
    if mark in OPENING_FORMS or mark == "``":
        return "open"
    if mark in CLOSING_FORMS:
        return "close"
    return "either"


# -- attribution records ------------------------------------------------------------------
@dataclass
class Attribution:
    """Who a stretch of text is attributed to, by which cue."""

    cue: Span | None
    speaker: Span | None
    actor: str | None


@dataclass
class Found:
    start: int
    end: int
    kind: str
    source: Attribution


class QuoteExtractor:
    def __init__(self, knowledge: Knowledge, cues: Cues | None = None):
        self.knowledge = knowledge
        self.cues = cues or load_cues()

    def __call__(self, doc: Doc, mentions: ActorMentions, actors: list[Actor]) -> list[Quote]:
        text = _text(doc)
        marked = quote_spans(text)
        inside = _inside_index(len(text), marked)
        found: list[Found] = []
        found += self._direct(doc, marked, inside, mentions)
        found += self._indirect(doc, inside, mentions, found)
        found = _without_duplicates(found)
        found.sort(key=lambda f: (f.start, f.end))
        return [self._quote(doc, i, f) for i, f in enumerate(found, start=1)]

    # -- direct --------------------------------------------------------------------------
    def _direct(
        self, doc: Doc, marked: list[Marked], inside: list[int], mentions: ActorMentions
    ) -> list[Found]:
        found: list[Found] = []
        previous: Found | None = None
        for span in marked:
            tokens = _tokens_in(doc, span.start, span.end)
            if not tokens:
                continue
            source = None
            if not span.continues:
                # A cue right before the opening mark is the surest sign ("adding, "..."");
                # the parse finds cues further off; the words after the closing mark come last.
                source = (
                    self._cue_before(doc, span, tokens, inside, mentions)
                    or self._governing_cue(tokens, inside, mentions)
                    or self._cue_after(doc, span, tokens, mentions)
                )
            if source is None:
                source = self._continuation(doc, span, tokens, previous)
            if source is None:
                continue
            start, end = _trim(_text(doc), span.start, span.end)
            if end <= start:
                continue
            item = Found(start, end, "direct", source)
            found.append(item)
            previous = item
        return found

    def _governing_cue(
        self, tokens: list[Token], inside: list[int], mentions: ActorMentions
    ) -> Attribution | None:
        """The nearest cue verb above the quoted words in the parse, outside any quote."""
        first, last = tokens[0].i, tokens[-1].i
        for token in tokens:
            if first <= token.head.i <= last:
                continue
            head = token.head
            for _ in range(8):
                if "\n" in _between(head, token):
                    break  # a parse joining paragraphs: the cue must share the quote's paragraph
                if inside[head.idx] < 0 and self.cues.verb(head):
                    attribution = self._attribution(head, mentions)
                    if attribution is not None:
                        return attribution
                if head.head is head or not (inside[head.head.idx] < 0):
                    break
                head = head.head
        return None

    def _cue_after(
        self, doc: Doc, span: Marked, tokens: list[Token], mentions: ActorMentions
    ) -> Attribution | None:
        """'"...," he said' and '"...," said X': a cue in the few words after the mark."""
        if not span.closed:
            return None
        j = tokens[-1].i + 1
        while j < len(doc) and (doc[j].text in MARK_TOKENS or doc[j].is_space):
            j += 1
        if j < len(doc) and doc[j].text in DASHES:
            return _dash_source(doc, j + 1, mentions)
        if _text(doc)[span.start:span.end].rstrip().endswith("."):
            return None  # a full stop inside the marks ends the sentence: what follows is new
        while j < len(doc) and (doc[j].text in MARK_TOKENS or doc[j].text in "," + DASHES):
            j += 1
        if j < len(doc):
            by_parse = self._cue_of_subject(doc[j], mentions)
            if by_parse is not None:
                return by_parse
        stop = min(len(doc), j + MAX_POST_CUE_TOKENS)
        while j < stop:
            token = doc[j]
            if token.text == "(":  # "Rep. Jane Doe (D-Wis.) said": skip the parenthesis
                close = next((k for k in range(j, min(len(doc), j + 12)) if doc[k].text == ")"), None)
                if close is not None:
                    stop += close - j
                    j = close + 1
                    continue
            if token.text in ".!?;" or token.text in MARK_TOKENS or "\n" in token.text:
                return None
            if token.pos_ in ("VERB", "AUX") and token.dep_ != "aux":
                if self.cues.verb(token):
                    return self._attribution(token, mentions, after=tokens[-1].i)
                return None
            j += 1
        return None

    def _cue_of_subject(self, first: Token, mentions: ActorMentions) -> Attribution | None:
        """'"...," Jane Doe, the group's director since 2010, said': the words after the
        quote are the subject of a cue verb, however long its apposition."""
        if first.pos_ not in ("PROPN", "NOUN", "PRON", "DET", "ADJ"):
            return None
        head = first
        for _ in range(4):
            if head.dep_ in SUBJECT_DEPS and self.cues.verb(head.head):
                verb = head.head
                if verb.i > first.i and "\n" not in _between(first, verb):
                    return self._attribution(verb, mentions, after=first.i - 1)
                return None
            if head.head is head:
                return None
            head = head.head
        return None

    def _cue_before(
        self, doc: Doc, span: Marked, tokens: list[Token], inside: list[int], mentions: ActorMentions
    ) -> Attribution | None:
        """'He said: "..."', 'X added – "..."': a cue just before the opening mark."""
        j = tokens[0].i - 1
        while j >= 0 and doc[j].text in MARK_TOKENS:
            j -= 1
        # After a colon or dash a cue noun may introduce the words: "his message – "...""
        introduced = j >= 0 and (doc[j].text == ":" or doc[j].text in DASHES)
        gap = 0
        while j >= 0 and gap <= (MAX_PRE_CUE_GAP * 2 if introduced else MAX_PRE_CUE_GAP):
            token = doc[j]
            if "\n" in token.text or token.text in ".!?;" or inside[token.idx] >= 0:
                return None
            if introduced and token.pos_ == "NOUN" and token.lemma_.lower() in self.cues.nouns:
                source = self._noun_source(token, mentions)
                if source is not None:
                    return source
            if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
                if token.lower_ == "according":
                    return self._according_source(token, mentions)
                return self._attribution(token, mentions) if self.cues.verb(token) else None
            j -= 1
            gap += 1
        return None

    def _continuation(
        self, doc: Doc, span: Marked, tokens: list[Token], previous: Found | None
    ) -> Attribution | None:
        """A quote opening a sentence with no cue of its own carries on the last speaker's
        words: a split quote, or a paragraph that continues a quotation."""
        if previous is None:
            return None
        text = _text(doc)
        if not span.continues:
            if not _starts_sentence(text, span.start):
                return None
            if len([t for t in tokens if t.is_alpha]) < 3:
                return None
            paragraphs_apart = text.count("\n", previous.end, span.start)
            if paragraphs_apart > 2 or _blank_gap(text, previous.end, span.start):
                return None
        same_paragraph = "\n" not in text[previous.end:span.start]
        source = previous.source
        if same_paragraph:
            return source
        return Attribution(cue=None, speaker=None, actor=source.actor)

    # -- indirect ------------------------------------------------------------------------
    def _indirect(
        self, doc: Doc, inside: list[int], mentions: ActorMentions, direct: list[Found]
    ) -> list[Found]:
        used_cues = {f.source.cue.start for f in direct if f.source.cue is not None}
        found: list[Found] = []
        for token in doc:
            if inside[token.idx] >= 0:
                continue
            if token.lower_ == "according" and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "to":
                item = self._according_to(doc, token, mentions)
            elif token.pos_ in ("VERB", "AUX"):
                item = self._verb_clause(doc, token, mentions, quoted=token.i in used_cues)
            elif (token.pos_ == "ADJ" and token.dep_ == "acomp"
                  and token.lemma_.lower() in self.cues.adjectives):
                item = self._adjective_clause(doc, token, mentions)
            elif token.pos_ == "NOUN" and token.lemma_.lower() in self.cues.nouns:
                item = self._noun_clause(doc, token, mentions)
            else:
                item = None
            if item is None:
                continue
            held = _held_quotes(item, direct)
            if held:
                item.kind = "mixed"
                item.end = _with_closing_mark(_text(doc), max(item.end, *(d.end for d in held)))
            elif token.i in used_cues or _within_quote(item, direct):
                continue
            found.append(item)
        return found

    def _verb_clause(
        self, doc: Doc, verb: Token, mentions: ActorMentions, quoted: bool = False
    ) -> Found | None:
        """The clause a cue verb attributes; `quoted` when the verb also governs quoted
        words, whose clause may be parsed as anything (a quote breaks the parse)."""
        kinds = self.cues.verb(verb)
        if not kinds:
            return None
        content = self._complement(verb, kinds)
        if content is None and quoted:
            content = _right_content(verb)
        if content is None:
            return None
        attribution = self._attribution(verb, mentions)
        if attribution is None:
            return None
        start, end = _trim(_text(doc), content[0].idx, content[-1].idx + len(content[-1]))
        if end - start < 3:
            return None
        return Found(start, end, "indirect", attribution)

    def _complement(self, verb: Token, kinds: frozenset[str]) -> list[Token] | None:
        """The tokens a cue verb attributes, by the kind of cue it is."""
        clausal = kinds & {"speech", "claim", "belief", "evidence", "intention"}
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

    def _according_source(self, according: Token, mentions: ActorMentions) -> Attribution | None:
        """'according to X': X is the source, the two words the cue."""
        doc = according.doc
        if according.i + 1 >= len(doc) or doc[according.i + 1].lower_ != "to":
            return None
        to = doc[according.i + 1]
        objects = [c for c in (*to.children, *according.children) if c.dep_ == "pobj"]
        if not objects:
            return None
        speaker = _speaker_span(objects[0])
        actor = _actor_of(objects[0], speaker, mentions)
        return Attribution(doc[according.i: according.i + 2], speaker, actor)

    def _according_to(self, doc: Doc, according: Token, mentions: ActorMentions) -> Found | None:
        """'According to X, ...' / '..., according to X': the rest of the sentence when the
        phrase opens or closes it, else the clause it modifies."""
        source = self._according_source(according, mentions)
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
        start, end = _trim(_text(doc), content[0].idx, content[-1].idx + len(content[-1]))
        if end - start < 3:
            return None
        return Found(start, end, "indirect", source)

    def _adjective_clause(self, doc: Doc, adjective: Token, mentions: ActorMentions) -> Found | None:
        """'X is confident that ...': the that-clause of the adjective or of its verb."""
        verb = adjective.head
        clause = next((c for c in adjective.children if c.dep_ == "ccomp"), None) or next(
            (c for c in verb.children if c.dep_ == "ccomp" and c.i > adjective.i), None)
        if clause is None:
            return None
        attribution = self._attribution(verb, mentions)
        if attribution is None:
            return None
        content = _without_mark(list(clause.subtree))
        if not content:
            return None
        start, end = _trim(_text(doc), content[0].idx, content[-1].idx + len(content[-1]))
        attribution.cue = doc[adjective.i: adjective.i + 1]
        return Found(start, end, "indirect", attribution)

    def _noun_source(self, noun: Token, mentions: ActorMentions) -> Attribution | None:
        """Whose statement a cue noun is: its owner ("Hale's message"), or the subject of
        the verb it is the object of ("Hale had one message")."""
        owner = _owner(noun)
        if owner is None and noun.dep_ in ("dobj", "attr"):
            owner = _subject(noun.head)
        if owner is None or owner.lower_ in self.cues.not_speakers:
            return None
        speaker = _speaker_span(owner)
        return Attribution(noun.doc[noun.i: noun.i + 1], speaker, _actor_of(owner, speaker, mentions))

    def _noun_clause(self, doc: Doc, noun: Token, mentions: ActorMentions) -> Found | None:
        clause = next(
            (c for c in noun.children if c.dep_ in ("acl", "ccomp")
             and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)),
            None,
        )
        owner = _owner(noun)
        if clause is None or owner is None:
            return None
        content = _without_mark(list(clause.subtree))
        speaker = _speaker_span(owner)
        start, end = _trim(_text(doc), content[0].idx, content[-1].idx + len(content[-1]))
        source = Attribution(doc[noun.i: noun.i + 1], speaker, _actor_of(owner, speaker, mentions))
        return Found(start, end, "indirect", source)

    # -- speakers ------------------------------------------------------------------------
    def _attribution(
        self, verb: Token, mentions: ActorMentions, after: int | None = None
    ) -> Attribution | None:
        """The cue verb's subject as speaker; a verb sharing its head's subject
        ("..., explaining that", "and said") borrows it."""
        subject = _subject(verb)
        if after is not None and (subject is None or subject.i <= after):
            subject = _nearest_noun(verb, after)  # none, or a parse that took it from the quote
        if subject is None:
            return None
        if subject.lower_ in self.cues.not_speakers:
            return None
        speaker = _speaker_span(subject)
        cue = verb.doc[verb.i: verb.i + 1]
        referent = subject
        if subject.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            referent = verb.head  # "Smith, who said ...": written "who", meaning Smith
        return Attribution(cue, speaker, _actor_of(referent, _speaker_span(referent), mentions))

    def _quote(self, doc: Doc, number: int, found: Found) -> Quote:
        source = found.source
        cue, speaker = source.cue, source.speaker
        return Quote(
            id=f"q{number}",
            kind=found.kind,
            text=_text(doc)[found.start:found.end],
            start=found.start,
            end=found.end,
            cue=cue.text if cue is not None else None,
            cue_start=cue.start_char if cue is not None else None,
            cue_end=cue.end_char if cue is not None else None,
            speaker_text=speaker.text if speaker is not None else None,
            speaker_start=speaker.start_char if speaker is not None else None,
            speaker_end=speaker.end_char if speaker is not None else None,
            speaker=source.actor,
        )


# -- helpers ------------------------------------------------------------------------------
def _inside_index(length: int, marked: list[Marked]) -> list[int]:
    """For each character, the index of the quote span holding it, else -1.
    The marks themselves count as inside."""
    inside = [-1] * (length + 1)
    for n, span in enumerate(marked):
        for i in range(max(0, span.start - 1), min(length, span.end + 1)):
            inside[i] = n
    return inside


def _text(doc: Doc) -> str:
    """The document's text, kept on the Doc: spaCy rebuilds `doc.text` on every access."""
    cached = doc.user_data.get("tidings.text")
    if cached is None:
        cached = doc.user_data["tidings.text"] = doc.text
    return cached


def _between(a: Token, b: Token) -> str:
    lo, hi = (a, b) if a.i < b.i else (b, a)
    return _text(a.doc)[lo.idx:hi.idx]


def _tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if not (t.is_space or t.text in MARK_TOKENS)]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Content offsets without surrounding space, marks and a trailing comma or colon."""
    while start < end and (text[start].isspace() or text[start] in DOUBLE_MARKS + ",;:"
                           or text[start:start + 2] in ("''", "``")):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in DOUBLE_MARKS + ",;:\u2013\u2014-"
                           or text[end - 2:end] == "''"):
        end -= 1
    return start, end


def _starts_sentence(text: str, start: int) -> bool:
    """The quote begins a paragraph or a sentence: before its opening mark is nothing,
    or the end of a sentence, possibly itself closing a quote."""
    before = text[max(0, start - 200):start].rstrip(" '`" + DOUBLE_MARKS + "\u00a0")
    return not before or before.endswith(("\n", ".", "!", "?", ":"))


def _blank_gap(text: str, end: int, start: int) -> bool:
    """Text between two quotes that is more than attribution: another sentence of narration."""
    between = text[end:start]
    return sum(1 for c in between if c in ".!?") > 1 and len(between) > 120


def _owner(noun: Token) -> Token | None:
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


def _dash_source(doc: Doc, j: int, mentions: ActorMentions) -> Attribution | None:
    """'"..." – Jane Doe' closing a paragraph: a signed quote (vox pops, epigraphs)."""
    while j < len(doc) and doc[j].is_space:
        j += 1
    k = j
    while k < len(doc) and doc[k].pos_ == "PROPN" and "\n" not in doc[k].text:
        k += 1
    if k == j or k - j > 5:
        return None
    rest = _text(doc)[doc[k - 1].idx + len(doc[k - 1]): doc[k].idx if k < len(doc) else len(_text(doc))]
    if k < len(doc) and not ("\n" in rest or doc[k].text in ".\n" or doc[k].is_space):
        return None
    speaker = doc[j:k]
    return Attribution(None, speaker, _actor_of(speaker.root, speaker, mentions))


def _subject(verb: Token) -> Token | None:
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


def _speaker_span(head: Token) -> Span:
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


def _actor_of(head: Token, speaker: Span, mentions: ActorMentions) -> str | None:
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


def _with_closing_mark(text: str, end: int) -> int:
    """A mixed clause ending in quoted words keeps their closing mark, so that the marks
    inside it pair up."""
    after = end
    while after < len(text) and text[after] in ".,?!":
        after += 1
    width = _mark_at(text, after)
    return after + width if width and _mark_role(text, after, width) != "open" else end


def _held_quotes(item: Found, direct: list[Found]) -> list[Found]:
    """Quoted words that start inside the clause and are only part of it: a mixed quote."""
    return [
        d for d in direct
        if item.start <= d.start < item.end and (d.end - d.start) < 0.8 * (item.end - item.start)
    ]


def _within_quote(item: Found, direct: list[Found]) -> bool:
    return any(d.start - 2 <= item.start and item.end <= d.end + 2 for d in direct)


def _without_duplicates(found: list[Found]) -> list[Found]:
    seen: set[tuple[int, int]] = set()
    out = []
    for f in found:
        if (f.start, f.end) not in seen:
            seen.add((f.start, f.end))
            out.append(f)
    return out
