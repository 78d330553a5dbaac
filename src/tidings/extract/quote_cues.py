"""The attribution cue lexicon (`quote_cues.yaml`): which verbs, nouns and adjectives
signal that words are someone's, and which subjects are never a speaker."""
from __future__ import annotations

import functools
from collections import defaultdict
from dataclasses import dataclass

import yaml
from spacy.tokens import Token

from ..knowledge import data_path

CUES_FILE = "quote_cues.yaml"


@dataclass(frozen=True)
class Cues:
    """The cue lexicon: lemma → kinds of attribution it signals."""

    verbs: dict[str, frozenset[str]]
    nouns: dict[str, frozenset[str]]
    adjectives: dict[str, frozenset[str]]
    not_speakers: frozenset[str]

    def verb(self, token: Token) -> frozenset[str]:
        """The kinds a verb token signals, including as a phrasal verb ("point out");
        none for a modal or a word not tagged as a verb."""
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
        not_speakers=frozenset(w.lower() for w in data.get("not_speakers") or []),
    )
