"""Event drafts: one coded reading of one trigger, before the article's readings are merged.
An article yields one event per (source, target, code, date, modality); every sentence
that supports it is kept in its `evidence`, and a vaguer date of the same event ("next
month") joins the precise one ("11 November")."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..knowledge import Knowledge
from ..record import Event


@dataclass
class Draft:
    code: str
    source: list[str]
    target: list[str]
    modality: str
    attributed_to: str | None
    date: str | None
    date_granularity: str | None
    date_from: str | None
    place: str | None
    trigger: Token
    sentence: Span
    confidence: float
    evidence: list[list[int]] = field(default_factory=list)


def merge_drafts(drafts: list[Draft]) -> list[Draft]:
    """One draft per (source, target, code, date, modality), in the text's order, each
    with the spans of the sentences that support it."""
    merged: dict[tuple, Draft] = {}
    for d in drafts:
        span = [d.sentence.start_char, d.sentence.end_char]
        k = (tuple(d.source), tuple(d.target), d.code, d.date, d.modality)
        if k in merged:
            _absorb(merged[k], d, span)
        else:
            d.evidence = [span]
            merged[k] = d
    # a vaguer date of the same event joins the precise one ("next month" / "11 November")
    kept: list[Draft] = []
    for d in merged.values():
        finer = next((o for o in merged.values() if o is not d and _same_but_finer(o, d)), None)
        if finer is not None:
            for span in d.evidence:
                _absorb(finer, d, span)
        else:
            kept.append(d)
    kept.sort(key=lambda d: d.trigger.idx)
    return kept


def draft_event(number: int, d: Draft, knowledge: Knowledge) -> Event:
    """The record of a merged draft, numbered in the article (`ev1`, `ev2`, ...)."""
    info = knowledge.code(d.code)
    assert info is not None
    return Event(
        id=f"ev{number}", cameo=d.code, root=info.root, plover=info.plover,
        quad_class=info.quad_class, goldstein=info.goldstein, source=d.source,
        target=d.target, modality=d.modality, attributed_to=d.attributed_to, date=d.date,
        date_granularity=d.date_granularity, date_from=d.date_from, place=d.place,
        trigger=d.trigger.text, trigger_start=d.trigger.idx,
        trigger_end=d.trigger.idx + len(d.trigger), sentence_start=d.sentence.start_char,
        sentence_end=d.sentence.end_char, confidence=d.confidence, evidence=d.evidence,
    )


def recent_dyad(before: list[Draft], roots: set[str], sent: Span) -> Draft | None:
    """The latest earlier event of the same root with both sides, within a few sentences."""
    for d in reversed(before):
        if d.code[:2] in roots and d.source and d.target and sent.start_char - d.sentence.end_char < 600:
            return d
    return None


def _absorb(into: Draft, other: Draft, span: list[int]) -> None:
    if span not in into.evidence:
        into.evidence.append(span)
    into.place = into.place or other.place
    into.attributed_to = into.attributed_to or other.attributed_to
    into.confidence = round(min(0.95, max(into.confidence, other.confidence) + 0.05), 2)


def _same_but_finer(finer: Draft, vaguer: Draft) -> bool:
    return (
        finer.source == vaguer.source and finer.target == vaguer.target
        and finer.code == vaguer.code and finer.modality == vaguer.modality
        and vaguer.date is not None and finer.date is not None
        and vaguer.date_from != "published" and finer.date_from != "published"
        and len(finer.date) > len(vaguer.date) and finer.date.startswith(vaguer.date)
    )
