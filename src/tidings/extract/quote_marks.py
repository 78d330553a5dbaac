"""Quote marks: pairing double quote marks into quoted spans of plain text.

Paragraph by paragraph, straight and typographic double quote marks are paired; a
mark's direction comes from its neighbours (space before it opens, space after it
closes), the typographic form only breaks ties. A quote left open at a paragraph's end
runs to that end: if the next paragraph opens with a mark it is a quote running over
several paragraphs, otherwise the marks were unbalanced and nothing beyond the
paragraph is lost.

Everything here works on the text alone, so it knows nothing of the parse.
"""
from __future__ import annotations

from dataclasses import dataclass

DOUBLE_MARKS = '"\u201c\u201d\u201e\u00ab\u00bb'
# The marks as the tokenizer leaves them, including doubled apostrophes and backticks.
MARK_TOKENS = frozenset([*DOUBLE_MARKS, "''", "``"])
OPENING_FORMS = "\u201c\u201e\u00ab"
CLOSING_FORMS = "\u201d\u00bb"
# Characters after which a mark opens a quote, and before which one closes it.
OPEN_AFTER = " \n([{\u2013\u2014-/:"
CLOSE_BEFORE = " \n)]}.,;:!?\u2013\u2014-/'"


@dataclass
class MarkedSpan:
    """Text between a pair of quote marks (content offsets, marks excluded)."""

    start: int
    end: int
    closed: bool
    continues: bool = False  # the previous paragraph's quote was left open: same quote


def quote_spans(text: str) -> list[MarkedSpan]:
    """Paired double-quote spans, paragraph by paragraph."""
    spans: list[MarkedSpan] = []
    offset = 0
    left_open = False
    for paragraph in text.split("\n"):
        found = _pair_marks(paragraph, offset)
        if found and left_open and mark_width(paragraph, len(paragraph) - len(paragraph.lstrip())):
            found[0].continues = True
        spans.extend(found)
        if paragraph.strip():
            left_open = bool(found) and not found[-1].closed
        offset += len(paragraph) + 1
    return [s for s in spans if text[s.start:s.end].strip()]


def mark_width(text: str, i: int) -> int:
    """Width of the double quote mark at i: 1 for a quote character, 2 for the doubled
    apostrophes and backticks of some wire styles (''...'' and ``...''), else 0."""
    if i < len(text) and text[i] in DOUBLE_MARKS:
        return 1
    return 2 if text[i:i + 2] in ("''", "``") else 0


def mark_role(text: str, i: int, width: int) -> str:
    """'open', 'close' or 'either' for the mark of `width` characters at i."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    opens = before in OPEN_AFTER and after not in " \n"
    closes = after in CLOSE_BEFORE and before not in " \n"
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    mark = text[i:i + width]
    if mark in OPENING_FORMS or mark == "``":
        return "open"
    if mark in CLOSING_FORMS:
        return "close"
    return "either"


def _pair_marks(paragraph: str, offset: int) -> list[MarkedSpan]:
    spans: list[MarkedSpan] = []
    open_at: int | None = None  # offset of the open quote's content
    i = 0
    while i < len(paragraph):
        width = mark_width(paragraph, i)
        if not width:
            i += 1
            continue
        role = mark_role(paragraph, i, width)
        if open_at is None:
            if role != "close":
                open_at = i + width
        elif role == "open" and i > open_at:
            # A second opener: the first was never closed; end it before this one.
            spans.append(MarkedSpan(offset + open_at, offset + i, closed=False))
            open_at = i + width
        elif role != "open":
            spans.append(MarkedSpan(offset + open_at, offset + i, closed=True))
            open_at = None
        i += width
    if open_at is not None:
        spans.append(MarkedSpan(offset + open_at, offset + len(paragraph.rstrip()), closed=False))
    return spans


def inside_index(length: int, marked: list[MarkedSpan]) -> list[int]:
    """For each character, the index of the quote span holding it, else -1.
    The marks themselves count as inside."""
    inside = [-1] * (length + 1)
    for n, span in enumerate(marked):
        for i in range(max(0, span.start - 1), min(length, span.end + 1)):
            inside[i] = n
    return inside


def trim_content(text: str, start: int, end: int) -> tuple[int, int]:
    """Content offsets without surrounding space, marks and a trailing comma or colon."""
    while start < end and (text[start].isspace() or text[start] in DOUBLE_MARKS + ",;:"
                           or text[start:start + 2] in ("''", "``")):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in DOUBLE_MARKS + ",;:\u2013\u2014-"
                           or text[end - 2:end] == "''"):
        end -= 1
    return start, end


def starts_sentence(text: str, start: int) -> bool:
    """The quote begins a paragraph or a sentence: before its opening mark is nothing,
    or the end of a sentence, possibly itself closing a quote."""
    before = text[max(0, start - 200):start].rstrip(" '`" + DOUBLE_MARKS + "\u00a0")
    return not before or before.endswith(("\n", ".", "!", "?", ":"))


def end_with_closing_mark(text: str, end: int) -> int:
    """An end moved past the closing mark (and the punctuation before it) that follows
    it, if one does: a mixed clause ending in quoted words keeps their closing mark, so
    that the marks inside it pair up."""
    after = end
    while after < len(text) and text[after] in ".,?!":
        after += 1
    width = mark_width(text, after)
    return after + width if width and mark_role(text, after, width) != "open" else end
