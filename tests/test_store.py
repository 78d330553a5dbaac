"""The store: atomic shards, one copy per record id, queries through DuckDB."""
import pytest

from tidings.record import Actor, Document, Entity
from tidings.store import Store, StoreError


def _doc(text, published="2018-10-23", source="wire"):
    doc = Document(text=text, published=published, source=source)
    doc.actors = [Actor(id="a1", name="John Bolton", kind="person", country="USA", sector="GOV",
                        code="USAGOV", mentions=["m1"])]
    doc.entities = [Entity(id="m1", text="John Bolton", start=0, end=11, type="PERSON", actor="a1")]
    return doc


def test_same_record_is_stored_once(tmp_path):
    with Store(tmp_path / "s") as store:
        first = store.write([_doc("John Bolton said so."), _doc("John Bolton said so.")])
    assert (first.stored, first.duplicates) == (1, 1)
    with Store(tmp_path / "s") as store:
        again = store.write([_doc("John Bolton said so.")])
    assert (again.stored, again.duplicates) == (0, 1)
    assert Store(tmp_path / "s").counts()["articles"] == 1
    assert Store(tmp_path / "s").counts()["entities"] == 1


def test_rows_are_queryable_and_the_record_round_trips(tmp_path):
    store = Store(tmp_path / "s")
    doc = _doc("John Bolton said so.")
    store.write([doc])
    rows = store.query("SELECT name, country, code FROM actors")
    assert rows == [{"name": "John Bolton", "country": "USA", "code": "USAGOV"}]
    assert store.document(doc.id[:8]).to_dict() == doc.to_dict()


def test_error_records_go_to_the_errors_table(tmp_path):
    store = Store(tmp_path / "s")
    bad = Document(text="", errors=["broken.bin: binary file"], origin="broken.bin")
    result = store.write([bad, _doc("Fine text here.")])
    assert (result.stored, result.failed) == (1, 1)
    assert store.query("SELECT origin, message FROM errors") == [
        {"origin": "broken.bin", "message": "broken.bin: binary file"}]
    assert store.write([bad]).duplicates == 1


def test_a_batch_without_its_marker_is_invisible_and_swept_by_the_next_writer(tmp_path):
    store = Store(tmp_path / "s")
    store.write([_doc("Kept article.")])
    store.close()
    # a run killed after writing a shard but before the batch marker
    pending = tmp_path / "s" / "articles" / "part-99990101T000000000000-deadbeef.parquet"
    pending.write_bytes(b"partial")
    reader = Store(tmp_path / "s", create=False)
    assert reader.counts()["articles"] == 1  # readers see finished batches only...
    assert pending.exists()  # ...and delete nothing a writer may still be finishing
    writer = Store(tmp_path / "s")
    writer.write([_doc("Another article.")])
    assert not pending.exists()
    assert writer.counts()["articles"] == 2


def test_one_writer_at_a_time(tmp_path):
    first = Store(tmp_path / "s")
    first.write([_doc("First writer's article.")])
    second = Store(tmp_path / "s")
    with pytest.raises(StoreError, match="another tidings process is writing"):
        second.write([_doc("Second writer's article.")])
    first.close()
    assert second.write([_doc("Second writer's article.")]).stored == 1


def test_reading_a_folder_that_is_not_a_store_changes_nothing(tmp_path):
    (tmp_path / "docs").mkdir()
    with pytest.raises(StoreError, match="not a tidings store"):
        Store(tmp_path / "docs", create=False)
    assert list((tmp_path / "docs").iterdir()) == []


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="tidings run"):
        Store(tmp_path / "nowhere", create=False)
