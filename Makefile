# Two entry points that work on a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
STORE ?= ./tidings-store

.PHONY: run test install bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install -q -e '.[test,bench]'
	touch $(BENCH_STAMP)

install: $(STAMP)

# The main job on the bundled sample: ingest into the embedded store, then show what was found.
run: $(STAMP)
	$(BIN)/tidings run samples/bolton-moscow.txt --published 2018-10-23 --store $(STORE)
	$(BIN)/tidings show --store $(STORE)

test: $(STAMP)
	$(BIN)/python -m pytest

# Accuracy and speed benchmarks on ../shared/data (each prints its figures).
bench: $(BENCH_STAMP)
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/times.py
	$(BIN)/python bench/places.py
	$(BIN)/python bench/quotes.py
	$(BIN)/python bench/knowledge.py
	$(BIN)/python bench/events.py
	$(BIN)/python bench/petrarch_functional.py
	$(BIN)/python bench/wikinews_events.py
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) $(STORE)
