"""The command line: each command on real input, its formats and its error messages."""
import csv
import io
import json

import pytest
from typer.testing import CliRunner

from tidings.cli import app

from .conftest import SAMPLE

runner = CliRunner()


@pytest.fixture()
def store(sample_store):
    return sample_store


def test_process_json_prints_one_schema_record(pipeline):
    result = runner.invoke(app, ["process", str(SAMPLE), "--published", "2018-10-23", "--json"])
    assert result.exit_code == 0, result.output
    lines = [ln for ln in result.stdout.splitlines() if ln.strip()]
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert record["schema"] == 1 and record["published"] == "2018-10-23"
    assert record["text"].count("John Bolton has said alleged Russian meddling") == 1
    names = {a["name"] for a in record["actors"]}
    assert {"Donald Trump", "John Bolton", "Vladimir Putin", "Yuri Ushakov",
            "Mikhail Gorbachev", "Ronald Reagan"} <= names


def test_rerun_stores_nothing_twice(store):
    result = runner.invoke(app, ["run", str(SAMPLE), "--published", "2018-10-23", "--store", str(store)])
    assert result.exit_code == 0
    assert "stored 0, duplicates 1" in result.output
    assert "entities 0, quotes 0, events 0" in result.output  # counts are of what this run stored


def test_articles_in_every_format(store):
    table = runner.invoke(app, ["articles", "--store", str(store), "--contains", "Bolton"])
    assert table.exit_code == 0 and "2018-10-23" in table.output
    as_json = runner.invoke(app, ["articles", "--store", str(store), "--format", "json"])
    rows = [json.loads(ln) for ln in as_json.stdout.splitlines()]
    assert len(rows) == 1 and rows[0]["published"] == "2018-10-23"
    as_csv = runner.invoke(app, ["articles", "--store", str(store), "--format", "csv"])
    assert list(csv.DictReader(io.StringIO(as_csv.stdout)))[0]["published"] == "2018-10-23"
    none = runner.invoke(app, ["articles", "--store", str(store), "--since", "2019-01-01", "--format", "json"])
    assert none.exit_code == 0 and none.stdout.strip() == ""


def test_entities_filters(store):
    result = runner.invoke(app, ["entities", "--store", str(store), "--type", "PERSON", "--format", "json"])
    rows = [json.loads(ln) for ln in result.stdout.splitlines()]
    texts = {r["text"] for r in rows}
    assert "John Bolton" in texts and all(r["type"] == "PERSON" for r in rows)


def test_show_prints_actors(store):
    result = runner.invoke(app, ["show", "--store", str(store)])
    assert result.exit_code == 0 and "Yuri Ushakov" in result.output


def test_bad_arguments_say_how_to_fix_them(store, tmp_path):
    bad_date = runner.invoke(app, ["articles", "--store", str(store), "--since", "last week"])
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output
    no_store = runner.invoke(app, ["articles", "--store", str(tmp_path / "none")])
    assert no_store.exit_code == 2 and "tidings run" in no_store.output
    bad_dyad = runner.invoke(app, ["events", "--store", str(store), "--dyad", "USA"])
    assert bad_dyad.exit_code == 2 and "USA-RUS" in bad_dyad.output


def test_nothing_processed_exits_non_zero(tmp_path, pipeline):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = runner.invoke(app, ["run", str(empty), "--store", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert "empty.txt" in result.output


def test_every_command_has_help():
    for command in (["process"], ["run"], ["articles"], ["entities"], ["quotes"], ["events"],
                    ["show"], ["knowledge", "lookup"], ["knowledge", "import-petrarch"],
                    ["knowledge", "add"]):
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0 and "Example" in result.output, command


def test_knowledge_lookup_explains_dated_roles():
    then = runner.invoke(app, ["knowledge", "lookup", "John Bolton", "--date", "2005-09-01", "--format", "json"])
    now = runner.invoke(app, ["knowledge", "lookup", "Bolton", "--date", "2018-10-23", "--format", "json"])
    then_row = json.loads(then.stdout.splitlines()[0])
    now_row = json.loads(now.stdout.splitlines()[0])
    assert then_row["name"] == now_row["name"] == "John Bolton"
    assert (then_row["country"], then_row["sector"]) == ("USA", "GOV")
    assert "ambassador" in then_row["title"].lower()
    assert now_row["title"] == "national security adviser" and "surname" in now_row["why"]
    kremlin = runner.invoke(app, ["knowledge", "lookup", "the Kremlin", "--format", "json"])
    assert json.loads(kremlin.stdout.splitlines()[0])["code"] == "RUSGOV"


def test_knowledge_import_petrarch_reports_counts(shared_data, tmp_path):
    d = shared_data / "petrarch" / "dictionaries"
    result = runner.invoke(app, ["knowledge", "import-petrarch", str(d / "PETR.Validate.actors.txt"),
                                 str(d / "PETR.Validate.agents.txt"), "--into", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "names" in result.output and "dated roles" in result.output and "agents" in result.output
    missing = runner.invoke(app, ["knowledge", "import-petrarch", str(tmp_path / "nope.txt"), "--into", str(tmp_path)])
    assert missing.exit_code == 2 and "nope.txt" in missing.output


def test_tables_show_fifty_rows_and_saved_formats_every_row(store):
    # the sample store holds more than three entities: json gives them all, --limit caps it,
    # and a table defaults to the first fifty
    every = runner.invoke(app, ["entities", "--store", str(store), "--format", "json"])
    rows = every.stdout.splitlines()
    capped = runner.invoke(app, ["entities", "--store", str(store), "--format", "json", "--limit", "3"])
    assert len(capped.stdout.splitlines()) == 3 < len(rows)
    from tidings.cli import _row_limit, Format

    assert _row_limit(None, Format.table) == 50 and _row_limit(None, Format.json) is None
    assert _row_limit(7, Format.table) == 7
