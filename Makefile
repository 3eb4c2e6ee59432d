# Two entry points do all the set-up: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench clean lock upgrade outdated

LOCK := requirements/lock.txt
LOCK_INPUTS := pyproject.toml requirements/tools.in
LOCK_ARGS := $(LOCK_INPUTS) --extra test --universal --python-version 3.11 --generate-hashes \
	--custom-compile-command "make lock" --quiet -o $(LOCK)

# Everything comes from the lock, each file checked against its hash: the project's own
# dependencies, the test tools and the build backend (so the editable install fetches nothing).
$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		--require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check \
		--no-deps --no-build-isolation -e .
	touch $(STAMP)

# The lock changes only on purpose: `make lock` after editing pyproject.toml keeps every other
# pin; `make upgrade` moves everything to the newest releases the ranges allow
# (`make upgrade PACKAGE=pyyaml` only that one); `make outdated` lists what is behind.
lock: $(STAMP)
	$(BIN)/uv pip compile $(LOCK_ARGS)

upgrade: $(STAMP)
	$(BIN)/uv pip compile $(LOCK_ARGS) $(if $(PACKAGE),--upgrade-package $(PACKAGE),--upgrade)

outdated: $(STAMP)
	$(BIN)/uv pip list --outdated --python $(BIN)/python

# The demo keeps its history and cache under reports/ so it never touches the user's own.
DEMO_HOME := $(CURDIR)/reports/.demo-home

# It audits the example twice (a follow-up audit, answered from history) so the site's
# trend has two points, then renders the site. Exit code 1 means "findings": expected here.
demo: $(STAMP)
	CTS_AUDIT_HOME=$(DEMO_HOME) $(BIN)/cts-audit audit examples/hackathon/registry.yml \
		--out reports/example-hackathon-2026 --lang en >/dev/null; test $$? -le 1
	CTS_AUDIT_HOME=$(DEMO_HOME) $(BIN)/cts-audit audit examples/hackathon/registry.yml \
		--out reports/example-hackathon-2026 --lang en; test $$? -le 1
	CTS_AUDIT_HOME=$(DEMO_HOME) $(BIN)/cts-audit site --out reports/site --lang en

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

# axe-core, for the accessibility tests of the report site (Chromium itself comes from
# Debian's package `chromium`, which .ci/run installs).
BROWSER_DEPS := tests/browser/node_modules/.installed
$(BROWSER_DEPS): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --silent
	touch $@

unit: $(STAMP) $(BROWSER_DEPS)
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
		echo "make test: install Debian's chromium (sudo apt-get install chromium) for the report site's browser tests; they are skipped without it (a failure when CI=true)"
	$(BIN)/python -m pytest -q

test: lint typecheck unit

# Figures, not pass/fail: see README.md for each benchmark's targets.
bench: $(STAMP)
	$(BIN)/python benchmarks/bench_check.py
	$(BIN)/python benchmarks/bench_audit.py --repos 1000
	$(BIN)/python benchmarks/bench_site.py --projects 1000 --runs 10
	$(BIN)/python benchmarks/bench_issues.py --repos 100
	$(BIN)/python benchmarks/bench_licence_texts.py
	$(BIN)/python benchmarks/bench_licensee.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
