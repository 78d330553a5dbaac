"""Shared fixtures: the sample's record (processed once per run) and the shared data path."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "bolton-moscow.txt"
EXPECTED = ROOT / "samples" / "bolton-moscow.expected.json"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def pipeline():
    from tidings import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def sample_record(pipeline, expected) -> dict:
    from tidings import Article

    doc = pipeline(Article(text=SAMPLE.read_text(encoding="utf-8"), published=expected["published"]))
    return doc.to_dict()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"evaluation data not found at {SHARED_DATA} (../shared/data beside the repo)")
    return SHARED_DATA


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory, pipeline):
    """A store holding the sample, written by `tidings run` as a user would."""
    from typer.testing import CliRunner

    from tidings.cli import app

    path = tmp_path_factory.mktemp("sample") / "store"
    result = CliRunner().invoke(app, ["run", str(SAMPLE), "--published", "2018-10-23", "--store", str(path)])
    assert result.exit_code == 0, result.output
    assert "read 1, stored 1, duplicates 0, errors 0" in result.output
    return path
