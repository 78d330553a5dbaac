"""Where knowledge files live and how their plain-text formats are read (FORMAT.md)."""
from __future__ import annotations

import csv
import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .entries import KnowledgeError

DATA = Path(__file__).parent / "data"

def data_path(name: str) -> Path:
    """A built-in data file, for stages that keep their own word lists and patterns."""
    return DATA / name


def user_dir() -> Path:
    """Where `tidings knowledge add` keeps a user's files ($TIDINGS_KNOWLEDGE overrides)."""
    env = os.environ.get("TIDINGS_KNOWLEDGE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "tidings" / "knowledge"


# -- file helpers -----------------------------------------------------------------------
def data_files(root: Path) -> Iterator[Path]:
    if root.is_file():
        yield root
        return
    if root.is_dir():
        yield from sorted(p for p in root.rglob("*") if p.suffix in {".tsv", ".yaml", ".yml"})


def read_tsv(path: Path) -> Iterable[dict[str, str]]:
    lines = [
        line for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    if not lines:
        return []
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    rows = []
    for i, row in enumerate(reader, start=2):
        if None in row:
            raise KnowledgeError(f"{path}: line {i} of data has more fields than the header")
        rows.append({k.strip(): (v or "").strip() for k, v in row.items()})
    return rows


def split_list(value: str | None) -> list[str]:
    return [v.strip() for v in (value or "").split("|") if v.strip()]


def bound_date(value: str | None, *, end: bool) -> dt.date | None:
    value = (value or "").strip()
    if not value:
        return None
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        raise ValueError(f"date {value!r}: write YYYY, YYYY-MM or YYYY-MM-DD")
    parts = value.split("-")
    year = int(parts[0])
    if len(parts) == 1:
        return dt.date(year, 12, 31) if end else dt.date(year, 1, 1)
    month = int(parts[1])
    if len(parts) == 2:
        if end:
            nxt = dt.date(year + month // 12, month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        return dt.date(year, month, 1)
    return dt.date(year, month, int(parts[2]))
