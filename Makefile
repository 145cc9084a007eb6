# Two commands for everything: `make run` serves the app, `make test` runs the whole suite.
# Both install what is missing first and skip what is already in place. `make cluster` runs the
# scale-out deployment on this machine (http://localhost:8080); `make cluster-stop` stops it.

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
TOOLS := .tools
BUN_VERSION := 1.4.5
PORT ?= 3000

# Reflex finds bun from the npm registry on PATH instead of downloading it.
export PATH := $(CURDIR)/$(TOOLS)/node_modules/.bin:$(BIN):$(PATH)
export REFLEX_USE_SYSTEM_BUN := 1
export PORT

.PHONY: run test lint install migrate browser postgres cluster-servers cluster cluster-stop clean

run: install migrate
	@echo ""
	@echo "  TrustHabits is starting on http://localhost:$(PORT) (building the frontend first)"
	@echo ""
	$(BIN)/reflex run --env prod

test: install browser postgres cluster-servers lint
	$(BIN)/pytest $(PYTEST_ARGS)

# Style and types first: ruff on everything, mypy strict on core and services (pyproject.toml).
lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy

# PostgreSQL, Redis, three backend workers, the scheduler, the exported frontend and Caddy, all
# on loopback; the settings it used are in .cluster/env (deploy/local_cluster.py).
cluster: install postgres cluster-servers
	$(BIN)/python -m deploy.local_cluster start

cluster-stop:
	@test -x $(BIN)/python || { echo "No cluster here (no .venv)."; exit 0; }; \
	$(BIN)/python -m deploy.local_cluster stop

install: $(VENV)/.installed $(TOOLS)/.installed

migrate: install
	$(BIN)/trusthabits migrate

$(VENV)/.installed: pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
	  || { echo "TrustHabits needs Python 3.11 or newer: run 'make PYTHON=python3.11 ...'"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[test]'
	touch $@

$(TOOLS)/.installed:
	@command -v npm >/dev/null || { echo "TrustHabits needs Node.js and npm (for bun)."; exit 1; }
	npm install --prefix $(TOOLS) --no-save --no-audit --no-fund --loglevel=error bun@$(BUN_VERSION)
	touch $@

# Debian's Chromium drives the real-browser tests (Playwright's own download is not reachable).
browser:
	@if [ -x "$${TRUSTHABITS_CHROMIUM:-/usr/bin/chromium}" ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "The browser tests need Chromium at /usr/bin/chromium: run 'sudo apt-get install chromium'"; \
	  echo "(or set TRUSTHABITS_CHROMIUM to another Chromium binary)."; exit 1; \
	fi

# A throwaway PostgreSQL server proves DATABASE_URL=postgresql+psycopg://… works (tests start it).
postgres:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's postgresql for the PostgreSQL tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; \
	else \
	  echo "The PostgreSQL tests need the server binaries: run 'sudo apt-get install postgresql'"; exit 1; \
	fi

# Debian's Redis and Caddy, for `make cluster` and the short cluster test in `make test`.
cluster-servers:
	@missing=""; \
	command -v redis-server >/dev/null || [ -x /usr/bin/redis-server ] || missing="$$missing redis-server"; \
	command -v caddy >/dev/null || [ -x /usr/bin/caddy ] || missing="$$missing caddy"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = "0" ] && command -v apt-get >/dev/null; then \
	  echo "Installing Debian's$$missing for the cluster"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	else \
	  echo "The cluster and its test need Redis and Caddy: run 'sudo apt-get install$$missing'"; exit 1; \
	fi

clean:
	rm -rf $(VENV) $(TOOLS) .web .web-test .web-bench .states .mypy_cache .ruff_cache .cluster
