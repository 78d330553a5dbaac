"""Direct quotes: the attribution of words between quote marks.

First match wins: a cue right before the opening mark ("He said: "..."", "X added –
"...""); the cue verb that governs the quoted words in the parse ("X called the talks
"..."", ""...," he said"); a cue right after the closing mark (""...," said X"); else,
for a quote that starts a sentence, the speaker of the quote just before it in the
same or a nearby paragraph (continuations, split quotes). A quoted phrase with no
attribution (scare quotes, titles) is not a quote.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ..record import ActorMentions
from .attribution import (
    SUBJECT_DEPS,
    Attribution,
    AttributedText,
    according_attribution,
    actor_of,
    cue_attribution,
    doc_text,
    noun_attribution,
)
from .quote_cues import Cues
from .quote_marks import MARK_TOKENS, MarkedSpan, starts_sentence, trim_content

DASHES = "\u2015\u2014\u2013-"
MAX_POST_CUE_TOKENS = 8
MAX_PRE_CUE_GAP = 4


class DirectQuoteFinder:
    def __init__(self, cues: Cues):
        self.cues = cues

    def __call__(
        self, doc: Doc, marked: list[MarkedSpan], inside: list[int], mentions: ActorMentions
    ) -> list[AttributedText]:
        """The marked spans that have a source, as direct quotes, in text order."""
        found: list[AttributedText] = []
        previous: AttributedText | None = None
        for span in marked:
            tokens = _tokens_in(doc, span.start, span.end)
            if not tokens:
                continue
            source = None
            if not span.continues:
                # A cue right before the opening mark is the surest sign ("adding, "..."");
                # the parse finds cues further off; the words after the closing mark come last.
                source = (
                    self._cue_before(doc, tokens, inside, mentions)
                    or self._governing_cue(tokens, inside, mentions)
                    or self._cue_after(doc, span, tokens, mentions)
                )
            if source is None:
                source = _continuation(doc, span, tokens, previous)
            if source is None:
                continue
            start, end = trim_content(doc_text(doc), span.start, span.end)
            if end <= start:
                continue
            item = AttributedText(start, end, "direct", source)
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
                    attribution = cue_attribution(head, self.cues, mentions)
                    if attribution is not None:
                        return attribution
                if head.head is head or not (inside[head.head.idx] < 0):
                    break
                head = head.head
        return None

    def _cue_after(
        self, doc: Doc, span: MarkedSpan, tokens: list[Token], mentions: ActorMentions
    ) -> Attribution | None:
        """'"...," he said' and '"...," said X': a cue in the few words after the mark."""
        if not span.closed:
            return None
        j = tokens[-1].i + 1
        while j < len(doc) and (doc[j].text in MARK_TOKENS or doc[j].is_space):
            j += 1
        if j < len(doc) and doc[j].text in DASHES:
            return _dash_source(doc, j + 1, mentions)
        if doc_text(doc)[span.start:span.end].rstrip().endswith("."):
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
                    return cue_attribution(token, self.cues, mentions, after=tokens[-1].i)
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
                    return cue_attribution(verb, self.cues, mentions, after=first.i - 1)
                return None
            if head.head is head:
                return None
            head = head.head
        return None

    def _cue_before(
        self, doc: Doc, tokens: list[Token], inside: list[int], mentions: ActorMentions
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
                source = noun_attribution(token, self.cues, mentions)
                if source is not None:
                    return source
            if token.pos_ in ("VERB", "AUX") and token.dep_ not in ("aux", "auxpass"):
                if token.lower_ == "according":
                    return according_attribution(token, mentions)
                return cue_attribution(token, self.cues, mentions) if self.cues.verb(token) else None
            j -= 1
            gap += 1
        return None


def _continuation(
    doc: Doc, span: MarkedSpan, tokens: list[Token], previous: AttributedText | None
) -> Attribution | None:
    """A quote opening a sentence with no cue of its own carries on the last speaker's
    words: a split quote, or a paragraph that continues a quotation."""
    if previous is None:
        return None
    text = doc_text(doc)
    if not span.continues:
        if not starts_sentence(text, span.start):
            return None
        if len([t for t in tokens if t.is_alpha]) < 3:
            return None
        paragraphs_apart = text.count("\n", previous.end, span.start)
        if paragraphs_apart > 2 or _narration_between(text, previous.end, span.start):
            return None
    same_paragraph = "\n" not in text[previous.end:span.start]
    source = previous.source
    if same_paragraph:
        return source
    # Another paragraph: the same speaker, but the cue and its words belong to the first.
    return Attribution(cue=None, speaker=None, actor=source.actor)


def _dash_source(doc: Doc, j: int, mentions: ActorMentions) -> Attribution | None:
    """'"..." – Jane Doe' closing a paragraph: a signed quote (vox pops, epigraphs)."""
    text = doc_text(doc)
    while j < len(doc) and doc[j].is_space:
        j += 1
    k = j
    while k < len(doc) and doc[k].pos_ == "PROPN" and "\n" not in doc[k].text:
        k += 1
    if k == j or k - j > 5:
        return None
    rest = text[doc[k - 1].idx + len(doc[k - 1]): doc[k].idx if k < len(doc) else len(text)]
    if k < len(doc) and not ("\n" in rest or doc[k].text in ".\n" or doc[k].is_space):
        return None
    speaker = doc[j:k]
    return Attribution(None, speaker, actor_of(speaker.root, speaker, mentions))


def _narration_between(text: str, end: int, start: int) -> bool:
    """Text between two quotes that is more than attribution: another sentence of narration."""
    between = text[end:start]
    return sum(1 for c in between if c in ".!?") > 1 and len(between) > 120


def _between(a: Token, b: Token) -> str:
    """The text from the earlier token's start to the later one's."""
    lo, hi = (a, b) if a.i < b.i else (b, a)
    return doc_text(a.doc)[lo.idx:hi.idx]


def _tokens_in(doc: Doc, start: int, end: int) -> list[Token]:
    """The quoted words' tokens, without spaces and marks."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if not (t.is_space or t.text in MARK_TOKENS)]
