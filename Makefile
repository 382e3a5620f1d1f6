# The two commands of the README: `make demo` and `make test`. Each creates .venv and installs what it needs.
# `make lint`: ruff and mypy (as CI runs them after the tests).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
OUT ?= out
KG_BENCH_SIZES ?= 1000
KG_BENCH_DENSE_MB ?= 20

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

demo: $(VENV)/.installed
	$(BIN)/kg build data --out $(OUT)
	@echo "open $(OUT)/report.md to read the report; query the graph with SPARQL over $(OUT)/store"

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed-test
	$(BIN)/python -m ruff check kg tests benchmarks
	$(BIN)/python -m mypy kg

# the stages, queries and rebuilds first; then one table of the figures whose ratios count, measured in one run
# (KG_BENCH_SIZES="10000 100000" for the large synthetic builds, KG_BENCH_COPIES=7 for a real-scale stand-in);
# last, kg build of a line of KG_BENCH_DENSE_MB megabytes dense with citations (benchmarks/dense.py)
bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/scale.py $(KG_BENCH_SIZES)
	KG_BENCH_SIZES="$(KG_BENCH_SIZES)" $(BIN)/python benchmarks/table.py
	$(BIN)/python benchmarks/dense.py --size $(KG_BENCH_DENSE_MB)

clean:
	rm -rf $(VENV) $(OUT) $(OUT).* .pytest_cache .hypothesis
