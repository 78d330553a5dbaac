"""The readers, each on real files: fixtures made for these tests, a WARC written with
warcio, and (where ../shared/data exists) the evaluation crawl, pages and CSV."""
from __future__ import annotations

import csv
import gzip
import io
import re
import shutil
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tidings.ingest import read

FIXTURES = Path(__file__).parent / "fixtures"
PAGE = FIXTURES / "news-page.html"
PAGE_URL = "https://www.coastal-ledger.example/business/2021/03/harbour-strike-grain-exports"


def only(articles) -> object:
    found = list(articles)
    assert len(found) == 1, [a.origin for a in found]
    return found[0]


# -- plain text -------------------------------------------------------------------
def test_plain_text_is_read_whole_with_the_default_date():
    path = FIXTURES / "bolton-moscow.txt"
    article = only(read([path], published="2018-10-23"))
    assert article.text.startswith("Donald Trump's national security adviser John Bolton")
    assert article.text == path.read_text(encoding="utf-8")
    assert article.published == "2018-10-23"
    assert article.origin == str(path)
    assert article.errors == []


# -- HTML -------------------------------------------------------------------------
def assert_harbour_story(article) -> None:
    assert article.errors == []
    assert article.html is None
    assert article.text.startswith("Dock workers at the port of Varenna walked off the job")
    assert "40 million euros" in article.text
    for furniture in ("More from Business", "All rights reserved", "Share this article",
                      "Privacy policy", "Advertisement", "Central bank holds rates"):
        assert furniture not in article.text
    assert "<p>" not in article.text
    assert article.title == "Harbour strike halts grain exports as talks stall"
    assert article.published == "2021-03-14"


def test_html_page_gives_main_text_title_date_canonical_url_and_site():
    article = only(read([PAGE]))
    assert_harbour_story(article)
    assert article.url == PAGE_URL
    assert article.source == "The Coastal Ledger"
    assert article.origin == str(PAGE)


def test_gzipped_page_is_read(tmp_path):
    packed = tmp_path / "story.html.gz"
    packed.write_bytes(gzip.compress(PAGE.read_bytes()))
    assert_harbour_story(only(read([packed])))


def test_txt_file_holding_a_page_is_read_as_html(tmp_path):
    saved = tmp_path / "saved-page.txt"
    shutil.copy(PAGE, saved)
    assert_harbour_story(only(read([saved], published="1999-01-01")))


def test_page_without_an_article_is_an_error_record(tmp_path):
    page = tmp_path / "menu.html"
    page.write_text("<html><head><title>Menu</title></head><body><nav><a href=/>Home</a> <a href=/world>World</a>"
                    "</nav></body></html>", encoding="utf-8")
    article = only(read([page]))
    assert not article.text
    assert article.errors and article.errors[0].startswith(f"{page}: no article text")


# -- feeds ------------------------------------------------------------------------
def test_rss_entries_are_articles_with_link_date_and_feed_title():
    path = FIXTURES / "feed-rss.xml"
    first, second = read([path])
    assert first.origin == f"{path}#entry 1" and second.origin == f"{path}#entry 2"
    # The full content wins over the one-line description, flattened to one line per paragraph.
    assert first.text.splitlines() == [
        "Negotiators from both governments met in Geneva on Monday for the first time since "
        "November, the foreign ministry said.",
        '"The atmosphere was constructive," a spokeswoman said, adding that a second round was '
        "planned for March.",
    ]
    assert first.url == "https://northern-wire.example/world/border-talks-resume"
    assert first.published == "2021-02-02"
    assert first.title == "Border talks resume after two-month pause"
    assert first.source == second.source == "Northern Wire: World"
    assert second.text.startswith("Heavy rain swelled the river overnight")
    assert second.published == "2021-02-03"
    assert first.errors == second.errors == []


def test_atom_entries_use_published_then_updated_dates():
    first, second = read([FIXTURES / "feed-atom.xml"], published="2000-01-01")
    assert first.text.startswith("The town council voted 7 to 2 on Thursday")
    assert "&lt;" not in first.text and "<p>" not in first.text
    assert first.published == "2022-06-09"
    assert second.published == "2022-06-10"  # no <published>: its <updated> date
    assert second.text.startswith("Pupils returned to Greenhill primary school")
    assert first.source == "Valley Courier"
    assert second.url == "https://valley-courier.example/news/school-reopens"


# -- JSON, JSONL, CSV ---------------------------------------------------------------
def test_json_list_recognises_column_variants_in_any_case():
    path = FIXTURES / "articles.json"
    first, second = read([path])
    assert (first.origin, second.origin) == (f"{path}#item 1", f"{path}#item 2")
    assert first.text.startswith("Fisheries ministers agreed")
    assert (first.title, first.url, first.published, first.source) == (
        "Ministers agree on fishing quotas", "https://example.org/news/quotas",
        "2020-12-15", "Harbour Times")
    assert second.text.startswith("The rail union called off")
    assert (second.title, second.url, second.published) == (
        "Rail strike called off", "https://example.org/news/rail", "2020-12-16")
    assert second.source == "Example News"  # a source object gives its name


def test_json_articles_wrapper():
    article = only(read([FIXTURES / "articles-wrapped.json"]))
    assert article.text.startswith("The electoral commission set")
    assert article.url == "https://example.org/news/election"
    assert article.published.startswith("2021-01-20")


def test_jsonl_rows_name_their_lines():
    path = FIXTURES / "articles.jsonl"
    first, second = read([path], published="2019-01-01")
    assert first.origin == f"{path}:line 1"
    assert second.origin == f"{path}:line 3"  # line 2 is blank
    assert (first.url, first.published, first.title) == (
        "https://example.org/a/1", "2019-07-01", "Two held after robbery")
    assert second.text.startswith("The health ministry reported 40 new cases")
    assert (second.title, second.published, second.source) == (
        "Measles cases rise", "2019-07-02", "Wire Service")


def test_csv_rows_keep_urls_dates_and_multiline_text():
    path = FIXTURES / "articles.csv"
    first, second = read([path])
    assert first.origin == f"{path}:line 2"
    assert second.origin == f"{path}:line 5"  # the first row's text spans three lines
    assert "All flights were cancelled" in first.text
    assert (first.title, first.url, first.published, first.source) == (
        "Storm closes airport", "https://example.org/s/1", "2018-11-02", "Gazette")
    assert second.text == "Parliament passed the budget by 201 votes to 180."


def test_csv_without_a_text_column_is_one_error(tmp_path):
    path = tmp_path / "links.csv"
    path.write_text("title,url\nA story,https://example.org/1\n", encoding="utf-8")
    article = only(read([path]))
    assert not article.text
    assert "no text column" in article.errors[0] and "text, body, content" in article.errors[0]


# -- WARC -------------------------------------------------------------------------
def write_warc(path: Path, records: list[tuple[str, str, bytes, str]]) -> None:
    """A gzipped WARC of (uri, content type, payload, WARC-Date) response records."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for uri, content_type, payload, date in records:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                uri, "response", payload=io.BytesIO(payload), http_headers=headers,
                warc_headers_dict={"WARC-Date": date})
            writer.write_record(record)


def undated_page() -> bytes:
    """The fixture page without its date, canonical link or dated URL."""
    page = PAGE.read_text(encoding="utf-8")
    page = re.sub(r'\s*<meta property="article:published_time"[^>]*>', "", page)
    page = re.sub(r'\s*<link rel="canonical"[^>]*>', "", page)
    page = re.sub(r"<time[^>]*>[^<]*</time>", "", page)
    return page.encode("utf-8")


def test_warc_html_responses_become_articles(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [
        ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00", "2021-03-15T10:00:00Z"),
        ("https://example.org/news/harbour", "text/html; charset=utf-8", PAGE.read_bytes(),
         "2021-03-15T10:00:01Z"),
        ("https://example.org/news/undated", "text/html", undated_page(), "2021-03-16T09:00:00Z"),
    ])
    dated, undated = read([path])
    assert dated.origin == f"{path}#record 2 https://example.org/news/harbour"
    assert dated.url == "https://example.org/news/harbour"  # the crawled URI, not the canonical
    assert dated.published == "2021-03-14"  # the page's own date beats the crawl date
    assert dated.text.startswith("Dock workers at the port of Varenna")
    assert undated.origin == f"{path}#record 3 https://example.org/news/undated"
    assert undated.published == "2021-03-16"  # no date in the page: the WARC-Date
    assert dated.errors == undated.errors == []


# -- stdin, directories, missing paths ------------------------------------------------
def test_stdin_is_sniffed_like_a_file():
    page = only(read(["-"], stdin=io.StringIO(PAGE.read_text(encoding="utf-8"))))
    assert_harbour_story(page)
    assert page.origin == "<stdin>"
    rows = list(read(["-"], stdin=io.BytesIO((FIXTURES / "articles.jsonl").read_bytes())))
    assert [a.origin for a in rows] == ["<stdin>:line 1", "<stdin>:line 3"]
    text = only(read(["-"], stdin=io.StringIO("Rebels shelled the town on Monday."), published="2020-05-05"))
    assert (text.text, text.published) == ("Rebels shelled the town on Monday.", "2020-05-05")


def test_directory_is_walked_sorted_recursively_skipping_hidden_files(tmp_path):
    (tmp_path / "b.txt").write_text("Second story.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("First story.", encoding="utf-8")
    (tmp_path / ".draft.txt").write_text("Hidden draft.", encoding="utf-8")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "x.txt").write_text("Cached.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("Third story.", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    texts = [a.text for a in read([tmp_path])]
    assert texts == ["First story.", "Second story.", "Third story."]


def test_missing_path_is_an_error_record_and_reading_goes_on(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Troops withdrew from the border.", encoding="utf-8")
    missing, article = read([tmp_path / "nope.txt", good])
    assert missing.errors == [f"{tmp_path / 'nope.txt'}: no such file or directory; check the path"]
    assert article.text == "Troops withdrew from the border."
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    assert only(read([empty])).errors == [
        f"{empty}: directory holds no files to read (hidden files are skipped)"]


# -- evaluation data (../shared/data) ----------------------------------------------------
def test_news_sample_warc(shared_data):
    path = shared_data / "warc" / "news-sample.warc.gz"
    articles = list(read([path]))
    assert len(articles) == 35
    for number, article in enumerate(articles, 1):
        assert article.errors == [], article.errors
        assert article.url.startswith("http")
        assert article.origin == f"{path}#record {number} {article.url}"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", article.published)
        assert len(article.text) > 200


def test_scrapinghub_gzipped_pages(shared_data):
    pages = sorted((shared_data / "html" / "scrapinghub" / "html").glob("*.html.gz"))[:5]
    if not pages:
        pytest.skip("no pages in shared/data/html/scrapinghub/html")
    articles = list(read(pages))
    assert [a.origin for a in articles] == [str(p) for p in pages]
    for article in articles:
        assert article.errors == [] and len(article.text) > 300
        assert article.title


def test_wikinews_csv_keeps_urls_and_dates(shared_data):
    path = shared_data / "wikinews" / "wikinews_2019.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    articles = list(read([path]))
    assert len(articles) == len(rows) == 171
    assert [a.url for a in articles] == [r["url"] for r in rows]
    assert [a.published for a in articles] == [r["date"] for r in rows]
    assert [a.title for a in articles] == [r["title"] for r in rows]
    assert all(a.text and not a.errors for a in articles)
    assert articles[0].origin == f"{path}:line 2"
