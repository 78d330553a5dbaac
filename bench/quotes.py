"""Quote and attribution extraction on PolNeAR dev, against textacy's direct quotations.

    python bench/quotes.py [--data ../shared/data/polnear/dev] [--limit N] [--bare]

Gold: brat standoff, `text/<name>.txt` and `attributions/<name>_<annotator>.ann` (the
first annotator file of each article); an attribution is an `E` line joining Content,
Cue and (optionally) Source spans, each possibly discontinuous.

Prediction: tidings' quotes from the full `Pipeline` (what a user gets), or with
`--bare` the extractor on a bare parse with no actors. Quotes that share one cue are one
attribution (a split quote, a mixed clause and its quoted words), and a quote with no
cue of its own (a continuation paragraph) joins the attribution before it.

A prediction matches a gold attribution when the token F1 of their contents is ≥ 0.5,
one to one, best pairs first. Reported: precision, recall and F1 over all attributions;
recall of direct gold attributions (content holding or enclosed by quote marks) and of
indirect ones; speaker accuracy on matched pairs with a gold source (the predicted
speaker words or resolved actor's name share a word with the gold source text).
Texts are compared as words, so cleaning's offset changes do not matter.
"""
from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "polnear" / "dev"
QUOTE_MARKS = '"\u201c\u201d'
WORD = re.compile(r"\w+")
# Words that say nothing about who a speaker is.
SPEAKER_STOP = {"the", "a", "an", "of", "and", "in", "for", "at", "on", "to", "'s", "s", "mr",
                "mrs", "ms", "dr"}


@dataclass
class Gold:
    content: str
    source: str | None
    direct: bool


@dataclass
class Predicted:
    content: list[str] = field(default_factory=list)
    speaker: set[str] = field(default_factory=set)


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def token_f1(a: list[str], b: list[str]) -> float:
    common = sum((Counter(a) & Counter(b)).values())
    if not common:
        return 0.0
    p, r = common / len(a), common / len(b)
    return 2 * p * r / (p + r)


def read_gold(ann: Path, text: str) -> list[Gold]:
    spans: dict[str, list[tuple[int, int]]] = {}
    relations: list[dict[str, str]] = []
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if parts[0].startswith("T") and len(parts) >= 2:
            label_and_offsets = parts[1].split(" ", 1)
            if len(label_and_offsets) == 2:
                spans[parts[0]] = [
                    (int(a), int(b)) for a, b in
                    (piece.split() for piece in label_and_offsets[1].split(";"))
                ]
        elif parts[0].startswith("E") and len(parts) >= 2:
            relations.append(dict(arg.split(":", 1) for arg in parts[1].split()))
    gold = []
    for rel in relations:
        if "Content" not in rel or rel["Content"] not in spans:
            continue
        content = " ".join(text[a:b] for a, b in spans[rel["Content"]])
        source = rel.get("Source")
        source_text = " ".join(text[a:b] for a, b in spans[source]) if source in spans else None
        direct = (any(c in content for c in QUOTE_MARKS) or "''" in content
                  or _enclosed(text, spans[rel["Content"]]))
        gold.append(Gold(content, source_text, direct))
    return gold


def _enclosed(text: str, pieces: list[tuple[int, int]]) -> bool:
    a, b = pieces[0][0], pieces[-1][1]
    return text[max(0, a - 1):a] in QUOTE_MARKS and text[a - 1:a] != "" and text[b:b + 1] in QUOTE_MARKS


def articles(data: Path, limit: int | None) -> list[tuple[str, str, list[Gold]]]:
    out = []
    for txt in sorted((data / "text").glob("*.txt")):
        anns = sorted((data / "attributions").glob(f"{txt.stem}_*.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        out.append((txt.stem, text, read_gold(anns[0], text)))
    return out[:limit] if limit else out


def group_quotes(quotes: list, names: dict[str, str]) -> list[Predicted]:
    """Quotes → attributions: shared cue = one; a cue-less quote joins the one before."""
    groups: list[Predicted] = []
    by_cue: dict[int, Predicted] = {}
    for q in sorted(quotes, key=lambda q: q.start):
        if q.cue_start is not None and q.cue_start in by_cue:
            group = by_cue[q.cue_start]
        elif q.cue_start is None and q.speaker_text is None and groups:
            group = groups[-1]
        else:
            group = Predicted()
            groups.append(group)
            if q.cue_start is not None:
                by_cue[q.cue_start] = group
        if not _contains(group.content, words(q.text)):
            group.content += words(q.text)
        if q.speaker_text:
            group.speaker |= set(words(q.speaker_text))
        if q.speaker and q.speaker in names:
            group.speaker |= set(words(names[q.speaker]))
    return groups


def _contains(have: list[str], new: list[str]) -> bool:
    """The new words are already in the group (the quoted words of a mixed clause)."""
    return not (Counter(new) - Counter(have))


def score(pairs: list[tuple[list[Gold], list[Predicted]]]) -> dict[str, float]:
    tp = n_pred = n_gold = 0
    direct_total = direct_hit = indirect_total = indirect_hit = 0
    speaker_total = speaker_hit = 0
    for gold, pred in pairs:
        n_pred += len(pred)
        n_gold += len(gold)
        scored = sorted(
            ((token_f1(p.content, words(g.content)), gi, pi)
             for gi, g in enumerate(gold) for pi, p in enumerate(pred) if p.content),
            reverse=True,
        )
        used_g: set[int] = set()
        used_p: set[int] = set()
        for f1, gi, pi in scored:
            if f1 < 0.5:
                break
            if gi in used_g or pi in used_p:
                continue
            used_g.add(gi)
            used_p.add(pi)
            g = gold[gi]
            if g.source:
                speaker_total += 1
                gold_words = set(words(g.source)) - SPEAKER_STOP
                speaker_hit += bool(gold_words & (pred[pi].speaker - SPEAKER_STOP))
        tp += len(used_g)
        for gi, g in enumerate(gold):
            if g.direct:
                direct_total += 1
                direct_hit += gi in used_g
            else:
                indirect_total += 1
                indirect_hit += gi in used_g
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    return {
        "gold": n_gold, "predicted": n_pred, "matched": tp,
        "precision": precision, "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "direct_recall": direct_hit / direct_total if direct_total else 0.0,
        "indirect_recall": indirect_hit / indirect_total if indirect_total else 0.0,
        "speaker_accuracy": speaker_hit / speaker_total if speaker_total else 0.0,
        "direct_gold": direct_total, "indirect_gold": indirect_total, "speaker_pairs": speaker_total,
    }


def run_tidings(items, bare: bool) -> tuple[list[list[Predicted]], float, dict[str, float]]:
    """Predictions per article, total seconds, seconds spent in quotes and coreference."""
    from tidings import nlp
    from tidings.extract.quotes import QuoteExtractor
    from tidings.knowledge import Knowledge
    from tidings.record import ActorMentions

    spent = {"quotes": 0.0, "coref": 0.0}

    def timed(stage, name="quotes"):
        def call(*args, **kwargs):
            t0 = time.perf_counter()
            try:
                return stage(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - t0
        return call

    started = time.perf_counter()
    out = []
    if bare:
        model = nlp.load()
        extractor = timed(QuoteExtractor(Knowledge.load()))
        for _, text, _ in items:
            out.append(group_quotes(extractor(model(text), ActorMentions([]), []), {}))
    else:
        from tidings.pipeline import Pipeline

        pipeline = Pipeline()
        pipeline.quotes = timed(pipeline.quotes)
        pipeline.coref = timed(pipeline.coref, "coref")
        started = time.perf_counter()
        for doc in pipeline.pipe(text for _, text, _ in items):
            if doc.errors:
                print("  error:", doc.errors, file=sys.stderr)
            out.append(group_quotes(doc.quotes, {a.id: a.name for a in doc.actors}))
    return out, time.perf_counter() - started, spent


def run_textacy(items) -> list[list[Predicted]]:
    from textacy.extract.triples import direct_quotations
    from tidings import nlp

    model = nlp.load()
    out = []
    for doc in model.pipe(text for _, text, _ in items):
        preds = []
        try:
            triples = list(direct_quotations(doc))
        except ValueError:  # textacy gives up on an article with unbalanced quote marks
            triples = []
        for triple in triples:
            preds.append(Predicted(
                content=[w for t in triple.content for w in words(t.text)],
                speaker={w for t in triple.speaker for w in words(t.text)},
            ))
        out.append(preds)
    return out


def show(name: str, s: dict[str, float]) -> None:
    print(f"{name:10s} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}  "
          f"direct R {s['direct_recall']:.3f}  indirect R {s['indirect_recall']:.3f}  "
          f"speaker acc {s['speaker_accuracy']:.3f}  "
          f"(gold {s['gold']}, predicted {s['predicted']}, matched {s['matched']}, "
          f"speaker pairs {s['speaker_pairs']})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--bare", action="store_true", help="extractor on bare parses, no actors")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()
    if not (args.data / "text").is_dir():
        print(f"PolNeAR data not found at {args.data}; nothing to measure")
        return 0
    items = articles(args.data, args.limit)
    gold = [g for _, _, g in items]
    n_direct = sum(g.direct for gs in gold for g in gs)
    print(f"{len(items)} articles, {sum(map(len, gold))} gold attributions ({n_direct} direct)")
    predicted, seconds, spent = run_tidings(items, args.bare)
    show("tidings" + (" (bare)" if args.bare else ""), score(list(zip(gold, predicted))))
    print(f"           time {seconds:.1f} s in all; quotes {spent['quotes']:.2f} s "
          f"({100 * spent['quotes'] / seconds:.1f}%), coreference {spent['coref']:.2f} s "
          f"({100 * spent['coref'] / seconds:.1f}%)")
    if not args.no_baseline:
        show("textacy", score(list(zip(gold, run_textacy(items)))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
