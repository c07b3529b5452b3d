# innonet: `make run` serves the platform, `make test` runs the suite. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INNONET := $(BIN)/innonet
PORT ?= 8000
# Two pytest-xdist workers for two cores (see README for the times); idle workers take work
# from busy ones at the end. PYTEST_ARGS="-n 4" on machines with more cores,
# PYTEST_ARGS="-n 0" for one process (easier to debug).
PYTEST_ARGS ?= -n 2 --dist worksteal

.PHONY: run test bench lint install install-dev

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when pyproject.toml changed since the last install.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@ $(VENV)/.installed

# axe-core, which the browser journeys inject into every page they visit (the npm package,
# pinned by the lock file, served to the page by the test itself).
AXE := tests/e2e/node_modules/axe-core/axe.min.js
$(AXE): tests/e2e/package.json tests/e2e/package-lock.json
	npm ci --prefix tests/e2e --no-audit --no-fund --silent
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev $(AXE)

# Local HTTP on 127.0.0.1, DEBUG off; the secret key and SQLite database live under var/.
run: export HTTPS = false
run: export DEBUG ?= false
run: install
	$(INNONET) build_catalogues
	$(INNONET) migrate --noinput
	$(INNONET) createcachetable
	$(INNONET) collectstatic --noinput --verbosity 0
	$(INNONET) demo --if-empty
	$(INNONET) serve --port $(PORT)

test: install-dev
	$(INNONET) build_catalogues
	$(BIN)/pytest $(PYTEST_ARGS)

bench: install-dev
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	$(INNONET) build_catalogues
	$(BIN)/python benchmarks/run_all.py

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(INNONET) makemigrations --check --dry-run
	$(BIN)/bandit -q -c pyproject.toml -r src -ll
	$(BIN)/lint-imports
	$(BIN)/mypy
