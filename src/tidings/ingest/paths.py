"""Inputs: files as named, directories walked, and `-` for standard input."""
from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, BinaryIO, TextIO

STDIN = "-"
STDIN_NAME = "<stdin>"

# Files a directory walk passes over: media, styles, scripts and office or archive
# formats that never hold a news report as text. A file named explicitly is still read.
SKIPPED_IN_DIRECTORIES = frozenset({
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".ico", ".bmp", ".tif", ".tiff",
    ".mp3", ".mp4", ".m4a", ".wav", ".ogg", ".webm", ".mov", ".avi",
    ".woff", ".woff2", ".ttf", ".otf", ".eot", ".css", ".js", ".map",
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".ppt", ".pptx", ".odt",
    ".zip", ".tar", ".tgz", ".bz2", ".xz", ".7z", ".parquet", ".pyc",
})


@dataclass
class Input:
    """One input to read: a file, or standard input's bytes."""

    name: str
    path: Path | None = None
    data: bytes | None = None

    def open(self) -> IO[bytes]:
        if self.path is not None:
            return self.path.open("rb")
        return io.BytesIO(self.data or b"")


@dataclass
class Missing:
    """A named input that is not there (or cannot be listed)."""

    name: str
    problem: str


def inputs(paths: Iterable[str | Path], stdin: TextIO | BinaryIO | None = None) -> Iterator[Input | Missing]:
    """Every input named by `paths`, in order; directories expand to their files, sorted."""
    for given in paths:
        name = str(given)
        if name == STDIN:
            yield Input(STDIN_NAME, data=read_stdin(stdin))
            continue
        path = Path(given)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield Input(name, path=path)
        elif path.exists():
            yield Missing(name, "not a regular file (a device, socket or pipe?); skipped")
        else:
            yield Missing(name, "no such file or directory; check the path")


def read_stdin(stdin: TextIO | BinaryIO | None) -> bytes:
    """Standard input's whole content as bytes, however the stream was opened."""
    stream = stdin if stdin is not None else sys.stdin
    raw = getattr(stream, "buffer", None)
    data = raw.read() if raw is not None else stream.read()
    return data.encode("utf-8") if isinstance(data, str) else data


def _walk(root: Path) -> Iterator[Input | Missing]:
    """The non-hidden files under `root`, recursively, sorted by name at each level."""
    def complain(error: OSError) -> None:
        failures.append(Missing(str(error.filename or root), f"cannot be listed ({error.strerror})"))

    failures: list[Missing] = []
    found = 0
    for folder, dirs, files in os.walk(root, onerror=complain):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for file in sorted(files):
            path = Path(folder, file)
            if not file.startswith(".") and _worth_reading(path):
                found += 1
                yield Input(str(path), path=path)
        yield from failures
        failures.clear()
    if not found:
        yield Missing(str(root), "directory holds no files to read (hidden files are skipped)")


def _worth_reading(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() not in SKIPPED_IN_DIRECTORIES
