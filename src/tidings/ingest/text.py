"""Plain text: decoding bytes of any likely encoding, and the plain-text reader."""
from __future__ import annotations

from collections.abc import Iterator

from charset_normalizer import from_bytes

from ..record import Article

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
_DETECT_BYTES = 64 * 1024  # charset detection on a sample: a 50 MB file must not take minutes


def decode(data: bytes) -> tuple[str, str | None]:
    """Text from bytes, and a warning when they were not UTF-8.

    UTF-8 (with or without BOM) and UTF-16 with BOM decode silently; anything else is
    decoded in the encoding charset detection names (cp1252 when it names none), with
    undecodable bytes replaced, so that one bad byte never loses an article.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace"), None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        position = exc.start
    encoding = _detect(data) or "cp1252"
    text = data.decode(encoding, errors="replace")
    return text, (
        f"not valid UTF-8 (first bad byte at offset {position}); read as {encoding}. "
        "Re-save the file as UTF-8 if characters look wrong"
    )


def _detect(data: bytes) -> str | None:
    """The encoding charset detection finds for a sample of the bytes, if any."""
    try:
        best = from_bytes(data[:_DETECT_BYTES]).best()
    except Exception:  # detection is a guess; its failure must not stop reading
        return None
    if best is None or best.encoding in ("ascii", "utf_8"):
        return None  # a valid-UTF-8 sample of an invalid file tells nothing
    return best.encoding


def read_text(data: bytes, origin: str, published: str | None) -> Iterator[Article]:
    """One article: the whole text, with the default publication date."""
    text, warning = decode(data)
    if not text.strip():
        yield Article(text="", origin=origin, errors=[f"{origin}: empty input (no text)"])
        return
    errors = [f"{origin}: {warning}"] if warning else []
    yield Article(text=text, published=published, origin=origin, errors=errors)
