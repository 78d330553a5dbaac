"""The Python API: process(), Pipeline.pipe in batches and across processes, bad input."""
import tidings
from tidings import Article

from .conftest import SAMPLE

TEXTS = [
    "Kenyan police arrested twelve protesters in Nairobi on Tuesday, officials said.",
    "The foreign ministers of France and Germany met in Berlin on Monday.",
    "Japan and South Korea agreed to resume talks next month, a spokesman said.",
    "Brazil's president visited Argentina last week.",
    "Officials in Canberra said the drought had worsened.",
]


def test_process_returns_a_full_record(pipeline):
    doc = tidings.process(SAMPLE.read_text(), published="2018-10-23", url="https://example.org/x",
                          title="Bolton in Moscow", source="wire")
    record = doc.to_dict()
    assert record["url"] == "https://example.org/x" and record["title"] == "Bolton in Moscow"
    assert record["source"] == "wire" and record["published"] == "2018-10-23"
    assert record["id"] == doc.id and len(doc.id) == 40


def test_pipe_keeps_input_order_and_accepts_dicts_and_articles(pipeline):
    inputs = [{"text": t, "published": "2019-05-01"} if i % 2 else Article(text=t, published="2019-05-01")
              for i, t in enumerate(TEXTS)]
    docs = list(pipeline.pipe(inputs, batch_size=2))
    assert [d.text for d in docs] == TEXTS


def test_workers_give_the_same_records_in_the_same_order(pipeline):
    inputs = [{"text": t, "published": "2019-05-01", "url": f"https://example.org/{i}"}
              for i, t in enumerate(TEXTS)]
    one = [d.to_dict() for d in pipeline.pipe(inputs, batch_size=2)]
    two = [d.to_dict() for d in pipeline.pipe(inputs, batch_size=2, workers=2)]
    assert one == two


def test_bad_publication_date_is_an_error_not_a_crash(pipeline):
    doc = pipeline({"text": TEXTS[0], "published": "sometime", "url": "https://example.org/bad"})
    assert doc.published is None
    assert any("https://example.org/bad" in e and "date" in e for e in doc.errors)
    assert doc.actors  # the article is still read


def test_empty_text_yields_a_record_with_an_error(pipeline):
    doc = pipeline(Article(text="   ", origin="blank.txt"))
    record = doc.to_dict()
    assert record["text"] == "" and record["entities"] == [] and record["errors"] == ["blank.txt: empty input"]


def test_html_given_directly_is_extracted(pipeline):
    body = "".join(f"<p>Ministers from Spain and Portugal met in Lisbon on Friday, paragraph {i}.</p>" for i in range(5))
    doc = pipeline({"html": f"<html><head><title>Iberia</title></head><body><article>{body}</article></body></html>",
                    "published": "2020-02-01"})
    assert "Ministers from Spain and Portugal" in doc.text and doc.title == "Iberia"


def test_skipped_ids_are_cleaned_but_not_analysed(pipeline):
    first = pipeline({"text": TEXTS[1], "published": "2019-05-01"})
    again = list(pipeline.pipe([{"text": TEXTS[1], "published": "2019-05-01"},
                                {"text": TEXTS[2], "published": "2019-05-01"}], skip={first.id}))
    assert again[0].id == first.id and again[0].actors == [] and again[0].text == first.text
    assert again[1].actors


def test_a_vague_time_does_not_date_an_event(pipeline):
    # "recently" is a time expression (PAST_REF) but no calendar date: the asserted attack
    # falls back to the publication day, as SCHEMA prescribes, never to "PAST_REF"
    from tidings import Article

    doc = pipeline(Article(text="Rebels recently attacked an army base in northern Mali, officials said.",
                           published="2019-03-01"))
    assert any(t.value == "PAST_REF" for t in doc.times)
    attacks = [e for e in doc.events if e.root in {"18", "19"}]
    assert attacks and all(e.date == "2019-03-01" and e.date_from == "published" for e in attacks)
