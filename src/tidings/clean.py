"""Cleaning: Unicode normalisation, page furniture, blocks repeated inside one document.

Scraped articles arrive with the page around them ("More from World", share prompts,
bylines, timestamps) and, often, with the whole story twice. Cleaning works paragraph
by paragraph, so every offset the later stages write refers to the text returned here.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .record import Cleaning

FURNITURE_FILE = Path(__file__).parent / "knowledge" / "data" / "furniture.txt"

# One consistent form for quote marks and dashes, so that quote and pattern matching need
# to know only one: straight double and single quotes, and the en dash for dashes.
_CHAR_MAP = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2033": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u2012": "\u2013", "\u2014": "\u2013", "\u2015": "\u2013", "\u2212": "-",
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u3000": " ",
    "\u200b": "", "\u200c": "", "\u200d": "", "\ufeff": "", "\u00ad": "",
    "\r": "\n", "\t": " ", "\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n",
})
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_SPACES = re.compile(r"[ ]{2,}")

# A lone repeated paragraph shorter than this is kept: headings, questions in an interview
# and short lines ("He said.") recur honestly; whole paragraphs do not. A run of several
# repeated paragraphs is dropped when it copies an earlier run in the same order.
MIN_REPEAT_CHARS = 120


@dataclass
class Cleaned:
    text: str
    report: Cleaning


def normalise(text: str) -> str:
    """NFC, one form of quotes and dashes, no control or zero-width characters."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n"))
    text = text.translate(_CHAR_MAP)
    return _CONTROL.sub("", text)


@functools.lru_cache(maxsize=4)
def furniture_pattern(path: Path = FURNITURE_FILE) -> re.Pattern[str]:
    """The furniture patterns of a file, compiled into one alternation."""
    patterns = [
        line.strip() for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def is_furniture(paragraph: str) -> bool:
    return len(paragraph) <= 300 and furniture_pattern().fullmatch(paragraph) is not None


def clean(raw: str) -> Cleaned:
    """The article text with furniture and repeated blocks removed, and what was removed."""
    text = normalise(raw)
    paragraphs = [_SPACES.sub(" ", p).strip() for p in _paragraphs(text)]
    paragraphs = [p for p in paragraphs if p]

    furniture: list[str] = []
    content: list[str] = []
    for p in paragraphs:
        if is_furniture(p):
            if p not in furniture:
                furniture.append(p)
        else:
            content.append(p)

    kept, blocks = _drop_repeats(content)
    out = "\n\n".join(kept)
    return Cleaned(
        out,
        Cleaning(
            furniture_removed=furniture,
            repeated_blocks_removed=blocks,
            chars_in=len(raw),
            chars_out=len(out),
        ),
    )


# A line this long that ends without closing punctuation, followed by one that starts in
# lower case, was wrapped by its sender: the two are one sentence. (A headline followed
# by its story starts the story with a capital, and stays apart.)
WRAPPED_LINE_CHARS = 40
_LINE_END = re.compile(r"""[.!?:;"')\]…]$""")


def _paragraphs(text: str) -> list[str]:
    """Paragraphs: lines, except that a hard-wrapped paragraph (wire copy, e-mail) is joined
    back into one, so a sentence is never split by where its sender's lines broke."""
    out: list[str] = []
    for line in text.split("\n"):
        line = line.strip()
        previous = out[-1] if out else ""
        if line and len(previous) >= WRAPPED_LINE_CHARS and not _LINE_END.search(previous) \
                and (line[:1].islower() or line[:1].isdigit()):
            out[-1] = previous + " " + line
        else:
            out.append(line)
    return out


def _drop_repeats(paragraphs: list[str]) -> tuple[list[str], int]:
    """Drop paragraphs repeated from earlier in the document; count the blocks dropped.

    A block is a run of consecutive repeated paragraphs. It is dropped when it copies an
    earlier run in the same order (a page that carries its story twice), or when it is a
    single paragraph long enough to be a copy rather than a recurring heading."""
    keys = [_repeat_key(p) for p in paragraphs]
    first: dict[str, int] = {}
    for i, k in enumerate(keys):
        first.setdefault(k, i)
    repeat = [first[k] < i for i, k in enumerate(keys)]
    keep: list[str] = []
    blocks = 0
    i = 0
    while i < len(paragraphs):
        if not repeat[i]:
            keep.append(paragraphs[i])
            i += 1
            continue
        j = i
        while j < len(paragraphs) and repeat[j]:
            j += 1
        run = paragraphs[i:j]
        origin = [first[k] for k in keys[i:j]]
        copied_in_order = len(run) > 1 and all(b == a + 1 for a, b in zip(origin, origin[1:]))
        if copied_in_order or (len(run) == 1 and len(run[0]) >= MIN_REPEAT_CHARS):
            blocks += 1
        else:
            keep.extend(run)
        i = j
    return keep, blocks


def _repeat_key(paragraph: str) -> str:
    return re.sub(r"\W+", " ", paragraph.casefold()).strip()
