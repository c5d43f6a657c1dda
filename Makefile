# The two commands of the README. Both work on a fresh machine: they create .venv and install first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
DB     ?= sitrep.db

.PHONY: install demo test bench schema clean

$(BIN)/sitrep: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(BIN)/sitrep

install: $(BIN)/sitrep

demo: install
	$(BIN)/sitrep ingest --samples --db $(DB)
	$(BIN)/sitrep summary --db $(DB)

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python bench/throughput.py && $(BIN)/python bench/scale.py && $(BIN)/python bench/startup.py

schema: install
	$(BIN)/sitrep schema --out docs/schema.json

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm build src/*.egg-info
