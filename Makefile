# Two commands for a fresh machine: `make site` and `make test`.
PYTHON ?= python3
# Material prints a banner about its end of life on every build; the notice is in the README.
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site serve test test-slow validate install lock lock-upgrade upgrade-check browser bench bench-full bench-search bench-serve bench-mechanisms fuzz clean

# Exactly the locked versions, each checked against its hash (requirements-test.txt: the site's packages,
# the build backend and the test tools); then the catalogue itself, with no further downloads.
$(STAMP): pyproject.toml requirements-test.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 atau lebih baru diperlukan ($(PYTHON))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-test.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $@

install: $(STAMP)

## The lock files, with hashes, from pyproject.toml's ranges: requirements.txt is what the site needs (the
## publish workflows install it), requirements-test.txt that plus the tests' tools. `make lock` keeps the
## versions already locked that still fit (after editing pyproject.toml); `make lock-upgrade` takes the
## newest releases the ranges allow (what the scheduled upgrade check has tried).
UV := $(VENV)/uv/bin/uv
BUILD_REQUIRES := $(PYTHON) -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["build-system"]["requires"], sep="\n")'
LOCK := --universal --python-version 3.11 --generate-hashes --quiet --custom-compile-command "make lock"
lock lock-upgrade:
	@test -x $(UV) || { $(PYTHON) -m venv $(VENV)/uv && $(VENV)/uv/bin/python -m pip install --quiet "uv>=0.9,<1"; }
	$(BUILD_REQUIRES) | $(UV) pip compile pyproject.toml - $(LOCK) $(if $(filter lock-upgrade,$@),--upgrade) -o requirements.txt
	$(BUILD_REQUIRES) | $(UV) pip compile pyproject.toml - --extra test -c requirements.txt $(LOCK) \
		$(if $(filter lock-upgrade,$@),--upgrade) -o requirements-test.txt

## The newest releases pyproject.toml allows, in a separate environment (.venv-neu), through the default
## tests: what `make lock-upgrade` would bring, tried first (the weekly "Cek pembaruan" workflow runs it).
## ENGINE=properdocs runs the same on ProperDocs, MkDocs 1.x's maintained fork (the engine plan).
PROPERDOCS := properdocs>=1.6,<2
upgrade-check: browser $(AXE)
	rm -rf .venv-neu && $(PYTHON) -m venv .venv-neu
	.venv-neu/bin/python -m pip install --quiet --upgrade -e '.[test]' $(if $(filter properdocs,$(ENGINE)),"$(PROPERDOCS)")
	.venv-neu/bin/python -m pip list --format=freeze
	CATALOGUE_ENGINE=$(or $(ENGINE),mkdocs) .venv-neu/bin/python -m pytest -q -n 2 --dist worksteal -p no:cacheprovider

## Headless Chromium for the browser tests (Debian packages; installed when running as root, e.g. in CI)
browser:
	@if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Memasang chromium dan chromium-driver ..."; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
			|| echo "Chromium tidak dapat dipasang; uji peramban akan dilewati."; \
	else echo "Chromium tidak terpasang (apt-get install chromium chromium-driver); uji peramban akan dilewati."; fi

## axe-core (npm) for the accessibility tests, kept inside the virtual environment
AXE := $(VENV)/axe/node_modules/axe-core/axe.min.js
$(AXE):
	@command -v npm >/dev/null 2>&1 && npm install --silent --no-save --no-audit --no-fund --prefix $(VENV)/axe axe-core@4.14 \
		|| echo "axe-core tidak dapat dipasang (npm); uji aksesibilitas akan dilewati."

## The default test run (slow suites excluded), on both cores; each worker takes the next test as it frees up
test: $(STAMP) browser $(AXE)
	$(BIN)/python -m pytest -q -n $(or $(JOBS),2) --dist worksteal

## The fuzz suite with many more examples (the default run uses 120 per property)
fuzz: $(STAMP)
	FUZZ_EXAMPLES=$(or $(N),5000) $(BIN)/python -m pytest -q tests/test_fuzz.py

## Build benchmark: 3,000 synthetic entries (about 3 minutes); bench-full: 3,000/10,000/30,000/40,000 (~1 h)
bench: $(STAMP)
	$(BIN)/python scripts/bench.py --quick

bench-full: $(STAMP)
	$(BIN)/python scripts/bench.py

## mkdocs serve: rebuild time after editing one entry (N entries, default 30,000; PREVIEW=region|entry)
bench-serve: $(STAMP)
	$(BIN)/python scripts/bench_serve.py --entries $(or $(N),30000) --preview $(or $(PREVIEW),none)

## What each performance mechanism buys, with and without it (N entries, default 3,000; ONLY=name,name)
bench-mechanisms: $(STAMP)
	$(BIN)/python scripts/bench_mechanisms.py --entries $(or $(N),3000) $(if $(ONLY),--only $(ONLY))

## Search download benchmark in Chromium (default 10,000 entries; N=... to change)
bench-search: $(STAMP) browser
	$(BIN)/python scripts/bench_search.py --entries $(or $(N),10000)

test-slow: $(STAMP)
	$(BIN)/python -m pytest -q -m slow

clean:
	rm -rf site .site-* $(VENV) .venv-neu *.egg-info
