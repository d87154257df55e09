# eventwire: `make demo` and `make test` do all set-up on a fresh machine (Python >= 3.11 needed).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= eventwire.duckdb

.PHONY: demo test lint install install-dev lock clean fuzz audit audit-pins

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
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/mypy

test: install-dev lint
	$(BIN)/pytest

# Fuzz every reader and the whole pipeline with FUZZ_EXAMPLES generated inputs each (`make test` runs
# the same tests with 200); inputs, results and times per reader go to benchmarks/results/fuzz.txt.
FUZZ_EXAMPLES ?= 10000
fuzz: install-dev
	EVENTWIRE_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) EVENTWIRE_FUZZ_REPORT=benchmarks/results/fuzz.txt \
		$(BIN)/pytest tests/fuzz -p no:cacheprovider

# Known vulnerabilities in the locked dependencies: pip-audit asks pypi.org's JSON API about each pinned
# version (needs the network, so it is not part of `make test`). The report goes to
# benchmarks/results/audit.txt. The audit fails on a known vulnerability and also when any package
# could not be checked (what pip-audit's --strict means, but listing every such package).
AUDIT_OUT := benchmarks/results/audit.txt
audit: install-dev
	@{ echo "make audit, $$(date -u '+%Y-%m-%d %H:%M UTC'), $$($(BIN)/pip-audit --version)"; echo; \
	  $(BIN)/pip-audit --require-hashes --disable-pip --progress-spinner off \
		-r requirements.lock -r requirements-dev.lock; echo "pip-audit exit status $$?"; } > $(AUDIT_OUT) 2>&1; \
	echo "packages that could not be checked: $$(grep -c 'could not be audited' $(AUDIT_OUT))" >> $(AUDIT_OUT); \
	cat $(AUDIT_OUT); \
	grep -q "exit status 0$$" $(AUDIT_OUT) && grep -q "could not be checked: 0$$" $(AUDIT_OUT)

# The same question from PyPI's per-project JSON only (what registries and mirrors that do not serve the
# per-version JSON still answer): definitive for each pin that is its project's latest release, and it
# names every pin it could not check. Report: benchmarks/results/audit_pins.txt.
audit-pins: install-dev
	@$(BIN)/python tools/audit_pins.py requirements.lock requirements-dev.lock > benchmarks/results/audit_pins.txt; \
	status=$$?; cat benchmarks/results/audit_pins.txt; exit $$status

# Re-pin: needs the package registry. Review the diff before committing.
lock: $(BIN)/python
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe -o requirements.lock pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --extra dev \
		-c requirements.lock -o requirements-dev.lock pyproject.toml

clean:
	rm -rf $(VENV) $(DB) $(DB).wal $(DB).ingest-lock .pytest_cache .mypy_cache .ruff_cache
