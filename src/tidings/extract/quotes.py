"""Quotations and attributions with their speakers.

One pass over the parse the pipeline gives, in three steps, each in its own module:

1. `quote_marks`: pair the quote marks of each paragraph into quoted spans.
2. `direct_quotes`: give each quoted span its cue and speaker; one with none
   (scare quotes, titles) is not a quote.
3. `indirect_quotes`: find indirect and mixed attributions from the cue lexicon
   (`quote_cues`) outside the marks.

`attribution` finds a cue's speaker and the actor it refers to.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ..knowledge import Knowledge
from ..record import Actor, ActorMentions, Quote
from .attribution import AttributedText, doc_text
from .direct_quotes import DirectQuoteFinder
from .indirect_quotes import IndirectQuoteFinder
from .quote_cues import Cues, load_cues
from .quote_marks import inside_index, quote_spans

__all__ = ["QuoteExtractor"]


class QuoteExtractor:
    def __init__(self, knowledge: Knowledge, cues: Cues | None = None):
        # `knowledge` is every stage's first argument; quotes need only the cue lexicon.
        cues = cues or load_cues()
        self.direct = DirectQuoteFinder(cues)
        self.indirect = IndirectQuoteFinder(cues)

    def __call__(self, doc: Doc, mentions: ActorMentions, actors: list[Actor]) -> list[Quote]:
        """The document's quotes in text order; speakers come from `mentions`, `actors` is
        taken for the stage interface."""
        text = doc_text(doc)
        marked = quote_spans(text)
        inside = inside_index(len(text), marked)
        direct = self.direct(doc, marked, inside, mentions)
        found = _without_duplicates(direct + self.indirect(doc, inside, mentions, direct))
        found.sort(key=lambda f: (f.start, f.end))
        return [_as_quote(doc, i, f) for i, f in enumerate(found, start=1)]


def _as_quote(doc: Doc, number: int, found: AttributedText) -> Quote:
    cue, speaker = found.source.cue, found.source.speaker
    return Quote(
        id=f"q{number}",
        kind=found.kind,
        text=doc_text(doc)[found.start:found.end],
        start=found.start,
        end=found.end,
        cue=cue.text if cue is not None else None,
        cue_start=cue.start_char if cue is not None else None,
        cue_end=cue.end_char if cue is not None else None,
        speaker_text=speaker.text if speaker is not None else None,
        speaker_start=speaker.start_char if speaker is not None else None,
        speaker_end=speaker.end_char if speaker is not None else None,
        speaker=found.source.actor,
    )


def _without_duplicates(found: list[AttributedText]) -> list[AttributedText]:
    """One item per stretch of text, the first found: direct quotes come before clauses."""
    seen: set[tuple[int, int]] = set()
    out = []
    for f in found:
        if (f.start, f.end) not in seen:
            seen.add((f.start, f.end))
            out.append(f)
    return out
