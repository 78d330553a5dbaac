"""Hostile input: a directory mixing broken files with good ones. Reading never raises;
each broken input becomes an error record naming it, each good file still yields its
article(s)."""
from __future__ import annotations

import gzip
import io
import json
import shutil
import time
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidings.ingest import read

FIXTURES = Path(__file__).parent / "fixtures"
BIG_BYTES = 50 * 1024 * 1024
BIG_LINE = "Officials said the talks would resume in the capital next week.\n"


def write_crawl(path: Path, pages: int) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        page = (FIXTURES / "news-page.html").read_bytes()
        for number in range(1, pages + 1):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://example.org/story/{number}", "response",
                payload=io.BytesIO(page.replace(b"Varenna", f"Varenna-{number}".encode())),
                http_headers=headers))


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    """A directory of good and broken inputs (names say which)."""
    root = tmp_path_factory.mktemp("mixed")
    # broken
    (root / "broken-binary.dat").write_bytes(bytes(range(256)) * 64)
    (root / "broken-cp1252.txt").write_bytes(
        "The minister\u2019s caf\u00e9 speech drew \u201cangry\u201d replies from the opposition."
        .encode("cp1252"))
    (root / "broken-empty.txt").write_bytes(b"")
    (root / "broken-truncated.html.gz").write_bytes(
        gzip.compress((FIXTURES / "news-page.html").read_bytes())[:900])
    crawl = root / "crawl.tmp"
    write_crawl(crawl, pages=3)
    data = crawl.read_bytes()
    (root / "broken-truncated.warc.gz").write_bytes(data[: len(data) * 5 // 6])
    crawl.unlink()
    (root / "broken-no-body.html").write_text(
        "<!DOCTYPE html><html><head><title>Loading…</title><script>init()</script></head></html>",
        encoding="utf-8")
    (root / "broken-lines.jsonl").write_text(
        json.dumps({"text": "Rebels seized the airport on Sunday.", "date": "2020-02-02"}) + "\n"
        + '{"text": "an unterminated record\n'
        + json.dumps({"text": "The army retook it a day later.", "date": "2020-02-03"}) + "\n",
        encoding="utf-8")
    # good
    with (root / "good-big.txt").open("w", encoding="utf-8") as big:
        big.write(BIG_LINE * (BIG_BYTES // len(BIG_LINE)))
    shutil.copy(FIXTURES / "news-page.html", root / "good-page.html")
    shutil.copy(FIXTURES / "bolton-moscow.txt", root / "good-bolton.txt")
    shutil.copy(FIXTURES / "feed-rss.xml", root / "good-feed.xml")
    shutil.copy(FIXTURES / "articles.csv", root / "good-rows.csv")
    return root


@pytest.fixture(scope="module")
def articles(mixed):
    started = time.perf_counter()
    found = list(read([mixed], published="2020-01-01"))
    assert time.perf_counter() - started < 30, "reading the directory took too long"
    return found


def from_file(articles, root: Path, name: str):
    path = str(root / name)
    return [a for a in articles if a.origin == path or a.origin.startswith((path + ":", path + "#"))]


def errors_of(found) -> list[str]:
    return [e for a in found for e in a.errors]


@pytest.mark.parametrize("name, problem", [
    ("broken-binary.dat", "binary content"),
    ("broken-empty.txt", "empty file"),
    ("broken-truncated.html.gz", "gzip data is truncated"),
    ("broken-no-body.html", "no article text"),
])
def test_broken_file_is_one_error_record_naming_it(mixed, articles, name, problem):
    found = from_file(articles, mixed, name)
    assert len(found) == 1
    assert not found[0].text
    assert len(found[0].errors) == 1
    assert found[0].errors[0].startswith(f"{mixed / name}: ") and problem in found[0].errors[0]


def test_undecodable_bytes_are_read_with_a_warning(mixed, articles):
    (article,) = from_file(articles, mixed, "broken-cp1252.txt")
    assert article.text == "The minister\u2019s caf\u00e9 speech drew \u201cangry\u201d replies from the opposition."
    assert article.errors[0].startswith(f"{mixed / 'broken-cp1252.txt'}: not valid UTF-8")


def test_truncated_warc_keeps_the_records_before_the_break(mixed, articles):
    found = from_file(articles, mixed, "broken-truncated.warc.gz")
    good, broken = found[:-1], found[-1]
    assert good and all(a.text and not a.errors for a in good)
    assert [a.url for a in good] == [f"https://example.org/story/{n}" for n in range(1, len(good) + 1)]
    assert not broken.text
    assert broken.errors[0].startswith(f"{mixed / 'broken-truncated.warc.gz'}#record {len(good) + 1}")
    assert "truncated or corrupt" in broken.errors[0]


def test_jsonl_bad_line_is_an_error_between_good_rows(mixed, articles):
    path = mixed / "broken-lines.jsonl"
    found = from_file(articles, mixed, "broken-lines.jsonl")
    assert [a.origin for a in found] == [f"{path}:line 1", f"{path}:line 2", f"{path}:line 3"]
    assert found[0].text == "Rebels seized the airport on Sunday." and not found[0].errors
    assert found[1].errors[0].startswith(f"{path}:line 2: line is not JSON")
    assert found[2].published == "2020-02-03" and not found[2].errors


def test_every_good_file_yields_its_articles(mixed, articles):
    (big,) = from_file(articles, mixed, "good-big.txt")
    assert len(big.text) == (BIG_BYTES // len(BIG_LINE)) * len(BIG_LINE) and not big.errors
    assert big.published == "2020-01-01"
    (page,) = from_file(articles, mixed, "good-page.html")
    assert page.text.startswith("Dock workers at the port of Varenna") and not page.errors
    (bolton,) = from_file(articles, mixed, "good-bolton.txt")
    assert "John Bolton" in bolton.text and not bolton.errors
    assert len(from_file(articles, mixed, "good-feed.xml")) == 2
    assert len(from_file(articles, mixed, "good-rows.csv")) == 2
    assert not errors_of(from_file(articles, mixed, "good-feed.xml") + from_file(articles, mixed, "good-rows.csv"))


def test_every_input_is_accounted_for_in_sorted_order(mixed, articles):
    files = sorted(p.name for p in mixed.iterdir())
    seen = []
    for article in articles:
        name = Path(article.origin.split(":line ")[0].split("#")[0]).name
        if not seen or seen[-1] != name:
            seen.append(name)
    assert seen == files

