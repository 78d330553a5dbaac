"""One run over broken and good inputs together: every broken input leaves an error
record naming it, every good input is stored, and a rerun stores nothing twice."""
import gzip
import io

import pytest

from tidings.run import run
from tidings.store import Store

GOOD_TEXT = ("The foreign ministers of France and Germany met in Berlin on Monday to discuss "
             "sanctions, officials said after the talks.")


@pytest.fixture()
def inputs(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    (d / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (d / "good.jsonl").write_text(
        '{"text": "Kenyan police arrested twelve protesters in Nairobi on Tuesday.", "url": "https://example.org/a"}\n'
        "this line is not json\n"
        '{"text": "Japan and South Korea agreed to resume talks next month.", "date": "2019-05-02"}\n',
        encoding="utf-8")
    (d / "binary.bin").write_bytes(bytes(range(256)) * 64)
    (d / "bad-utf8.txt").write_bytes(b"Officials said the \xff\xfe talks would resume \x81 soon in Geneva.")
    (d / "truncated.txt.gz").write_bytes(gzip.compress(GOOD_TEXT.encode() * 50)[:60])
    (d / "empty.txt").write_bytes(b"")
    (d / "nobody.html").write_text("<html><head><title>Nothing</title></head></html>")
    warc = io.BytesIO()
    from warcio.warcwriter import WARCWriter
    from warcio.statusandheaders import StatusAndHeaders

    writer = WARCWriter(warc, gzip=True)
    page = ("<html><head><title>Talks</title></head><body><article><h1>Talks resume</h1>"
            + "".join(f"<p>{GOOD_TEXT} Paragraph {i} adds detail about the negotiations.</p>" for i in range(6))
            + "</article></body></html>").encode()
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://example.org/talks", "response",
                                                  payload=io.BytesIO(page), http_headers=headers))
    (d / "cut.warc.gz").write_bytes(warc.getvalue()[: len(warc.getvalue()) // 2])
    return d


def test_broken_inputs_are_named_and_good_ones_stored(inputs, tmp_path, pipeline):
    store = Store(tmp_path / "store")
    summary = run([inputs], store, pipeline=pipeline, published="2019-05-01", batch_size=4)
    errors = " | ".join(summary.error_messages)
    for name in ("binary.bin", "truncated.txt.gz", "empty.txt", "nobody.html", "cut.warc.gz",
                 "good.jsonl:line 2"):
        assert name in errors, f"no error names {name}: {errors}"
    stored = {r["origin"]: r for r in store.query("SELECT origin, url, text FROM articles")}
    texts = " ".join(r["text"] for r in stored.values())
    assert "foreign ministers of France and Germany" in texts
    assert "Kenyan police arrested twelve protesters" in texts
    assert "Japan and South Korea agreed" in texts
    assert "talks would resume" in texts  # undecodable bytes do not lose the file
    assert "https://example.org/a" in {r["url"] for r in stored.values()}
    assert store.counts()["errors"] >= 6

    store.close()
    with Store(tmp_path / "store") as reopened:
        again = run([inputs], reopened, pipeline=pipeline, published="2019-05-01")
    assert again.stored == 0
    assert Store(tmp_path / "store").counts()["articles"] == len(stored)
