# The two commands of the README: `make demo` and `make test`. Each creates .venv and installs what it needs.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
OUT ?= out

.PHONY: demo test bench clean

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
	$(BIN)/kg stats data/
	mkdir -p $(OUT)
	$(BIN)/kg parse --format text data/ > $(OUT)/outline.txt
	$(BIN)/kg parse --format json data/ > $(OUT)/parse.jsonl
	@echo "outputs: $(OUT)/outline.txt (outline) and $(OUT)/parse.jsonl (kg parse JSON)"

test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q

bench: $(VENV)/.installed-test
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) $(OUT) $(OUT).* .pytest_cache .hypothesis
