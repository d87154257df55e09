# eventwire: `make demo` and `make test` do all set-up on a fresh machine (Python >= 3.11 needed).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= eventwire.duckdb

.PHONY: demo test lint install install-dev lock clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

# Runtime dependencies come from the hashed lock file; the package itself is installed without deps.
$(VENV)/.installed: $(BIN)/python requirements.lock pyproject.toml
	$(BIN)/pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.lock
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

demo: install
	$(BIN)/eventwire ingest --samples --db $(DB)
	$(BIN)/eventwire stats --db $(DB)
	@echo
	@echo "Stored in $(DB). Query it: $(BIN)/eventwire events --db $(DB) --type ASSAULT"
	@echo "Open the dashboard: $(BIN)/eventwire serve --db $(DB)   then browse http://127.0.0.1:8000/"

lint: install-dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

test: install-dev lint
	$(BIN)/pytest

# Re-pin: needs the package registry. Review the diff before committing.
lock: $(BIN)/python
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --extra dev \
		-c requirements.lock -o requirements-dev.lock pyproject.toml

clean:
	rm -rf $(VENV) $(DB) $(DB).wal .pytest_cache .mypy_cache .ruff_cache
