# Two commands for a fresh machine: `make site` and `make test`.
PYTHON ?= python3
# Material prints a banner about its end of life on every build; the notice is in the README.
export NO_MKDOCS_2_WARNING := 1
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site serve test test-slow validate install browser bench bench-full bench-search bench-serve bench-mechanisms fuzz clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 atau lebih baru diperlukan ($(PYTHON))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $@

install: $(STAMP)

## Validate the entries and build the site into site/
site: $(STAMP)
	$(BIN)/catalogue build

## Preview with live reload on http://127.0.0.1:8000; fast on a big catalogue with only some region
## folders and/or innovations: make serve WILAYAH=banjar,tapin INOVASI=sapida-pelaporan-inovasi-daerah
serve: $(STAMP)
	CATALOGUE_PRATINJAU="$(WILAYAH),$(INOVASI)" $(BIN)/mkdocs serve --dirty --watch-theme

validate: $(STAMP)
	$(BIN)/catalogue validate

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
	rm -rf site .site-* $(VENV) *.egg-info
