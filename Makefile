# casebook — the two set-up commands (see README): `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.PHONY: demo test lint install bench

$(BIN)/casebook: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(BIN)/casebook

install: $(BIN)/casebook

## Start casebook on SQLite (instance/casebook.db) with demo data on http://127.0.0.1:5000/
demo: install
	$(BIN)/casebook serve --demo

## Run the whole test suite (SQLite by default; PostgreSQL when CASEBOOK_DATABASE_URL is set)
test: install
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## Benchmarks at province scale (benchmarks/README.md): BENCH_ARGS="--size 100000" for a smaller data set
bench: install
	$(BIN)/python -m benchmarks run $(BENCH_ARGS)
