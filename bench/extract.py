"""Main-text extraction on the Scrapinghub article-extraction benchmark.

    python bench/extract.py [DATA_DIR]

DATA_DIR defaults to ../shared/data/html/scrapinghub (181 gzipped pages in html/ and
ground-truth.json with `articleBody` per page id). The metric is the benchmark's own:
word 4-gram shingles counted with repeats, precision and recall per page, F1 per page,
each averaged over pages. The last column, F1 of the mean precision and mean recall, is
how the benchmark's own table (trafilatura 2.0: 0.958) combines them. Compared in one run:

- tidings         the HTML reader's text (tidings.ingest.read on the .html.gz file)
- tidings+clean   the same, after tidings.clean.clean (what the pipeline analyses)
- trafilatura     plain trafilatura.extract(html) with its default options
"""
from __future__ import annotations

import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from tidings.ingest import read

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "html" / "scrapinghub"
_WORD = re.compile(r"\w+", re.UNICODE)

Extractor = Callable[[Path], str]


def shingles(text: str, n: int = 4) -> Counter[str]:
    """Word n-grams of `text` with their counts (a text shorter than n is one shingle)."""
    tokens = _WORD.findall(text or "")
    return Counter(" ".join(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i:i + n])


def page_scores(predicted: str, gold: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of one page's extracted text against its gold body."""
    pred, true = shingles(predicted), shingles(gold)
    overlap = sum((pred & true).values())
    precision = overlap / sum(pred.values()) if pred else 0.0
    recall = overlap / sum(true.values()) if true else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def tidings_text(path: Path) -> str:
    articles = list(read([path]))
    return "\n".join(a.text or "" for a in articles)


def tidings_clean_text(path: Path) -> str:
    from tidings.clean import clean  # the lead's cleaning stage; absent in early checkouts

    return clean(tidings_text(path)).text


def trafilatura_text(path: Path) -> str:
    return trafilatura.extract(gzip.decompress(path.read_bytes())) or ""


def evaluate(extractor: Extractor, pages: dict[str, Path], gold: dict[str, str]) -> tuple[float, ...]:
    """Mean precision, recall, F1 over pages, and seconds taken."""
    started = time.perf_counter()
    scores = [page_scores(extractor(pages[key]), gold[key]) for key in sorted(pages)]
    elapsed = time.perf_counter() - started
    return (*(statistics.mean(column) for column in zip(*scores)), elapsed)


def main(data: Path) -> int:
    truth_file = data / "ground-truth.json"
    if not truth_file.exists():
        print(f"benchmark data not found at {data} (expected ground-truth.json and html/)")
        return 1
    truth = json.loads(truth_file.read_text(encoding="utf-8"))
    pages = {p.name.split(".")[0]: p for p in (data / "html").glob("*.html.gz")}
    pages = {key: path for key, path in pages.items() if key in truth}
    gold = {key: truth[key].get("articleBody") or "" for key in pages}
    extractors: dict[str, Extractor] = {"tidings": tidings_text}
    if (Path(__file__).resolve().parents[1] / "src" / "tidings" / "clean.py").exists():
        extractors["tidings+clean"] = tidings_clean_text
    extractors["trafilatura"] = trafilatura_text
    print(f"{len(pages)} pages, word 4-gram shingles with repeats, per-page means")
    print(f"{'extractor':<16}{'precision':>10}{'recall':>10}{'F1':>10}{'seconds':>10}{'F1(P,R)':>10}")
    for name, extractor in extractors.items():
        precision, recall, f1, seconds = evaluate(extractor, pages, gold)
        pooled = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"{name:<16}{precision:>10.4f}{recall:>10.4f}{f1:>10.4f}{seconds:>10.1f}{pooled:>10.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_DATA))
