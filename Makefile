# thidua: two commands on a fresh machine.
#   make run   -> installs what is missing, seeds the demo on first start, starts the app
#   make test  -> installs what is missing (Chromium and PostgreSQL included), runs ruff, mypy, import
#                 rules, pytest (against a throwaway PostgreSQL server it starts and stops)

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
PORT ?= 8501
export THIDUA_DB ?= data/thidua.sqlite

.PHONY: run test lint typecheck unit e2e bench bench-quick seed clean chromium postgresql emulator screenshots

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP) $@

run: $(STAMP)
	$(PY) cli.py seed-demo --if-empty
	$(PY) -m streamlit run app.py --server.port $(PORT) --server.headless true --browser.gatherUsageStats false

seed: $(STAMP)
	$(PY) cli.py seed-demo --force

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null); }

# Debian's PostgreSQL server binaries: the tests start a throwaway server of their own from them
# (tests/pgserver.py: initdb in a temporary directory, a Unix socket, stopped afterwards).
postgresql:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || { \
	  echo "Installing Debian's postgresql for the storage tests..."; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
	  || (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null); }

lint: $(DEV_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: $(DEV_STAMP)
	$(VENV)/bin/mypy

unit: $(DEV_STAMP) postgresql
	$(PY) -m tests.pgserver run -- $(PY) -m pytest -m "not e2e" -n auto -q

e2e: $(DEV_STAMP) chromium
	$(PY) -m pytest -m e2e -q

# One throwaway PostgreSQL for the whole run, stopped afterwards even when tests fail.
test: $(DEV_STAMP) chromium postgresql lint typecheck
	$(PY) -m tests.pgserver run -- $(PY) -m pytest -n auto -q

screenshots: $(DEV_STAMP) chromium
	THIDUA_SCREENSHOTS=docs/screenshots $(PY) -m pytest -m e2e -q -p no:randomly tests/e2e

bench: $(DEV_STAMP)
	$(PY) -m bench.pages --write
	$(PY) -m bench.gsheets_approve

# The scaling ratios of issue 18 in under 3 minutes (demo stores kept in ~/.cache/thidua-bench;
# the first run, or one after the demo generator changed, builds them first: several minutes more)
bench-quick: $(DEV_STAMP)
	$(PY) -m bench.quick

emulator: $(STAMP)
	$(PY) -m sheets_emulator --port 8765

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache data test-artifacts
