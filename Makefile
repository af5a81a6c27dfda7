# Two commands do everything on a fresh Debian machine: `make serve` and `make test`.
VENV    ?= .venv
PYTHON  := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export PYTHONPATH := hooks
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check liens system-deps test lint bench schemas clean

$(STAMP): pyproject.toml
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP) ## build and serve at http://127.0.0.1:8000, rebuilding on changes
	$(PYTHON) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: $(STAMP) ## the complete site in site/ (replaced only if the build succeeds)
	$(PYTHON) scripts/build.py site

check: $(STAMP) ## validate data/ and list every error
	$(PYTHON) -m aides check

liens: $(STAMP) ## check every external link of data/ (network; exit 1 if one is broken)
	$(PYTHON) -m aides liens

system-deps: ## Debian's Chromium (browser tests) and Node.js (the JS evaluator's tests)
	@command -v chromium >/dev/null && command -v node >/dev/null || { \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium nodejs; }

lint: $(STAMP)
	$(VENV)/bin/ruff check hooks tests scripts
	$(VENV)/bin/ruff format --check hooks tests scripts

test: $(STAMP) system-deps lint ## every test: data, builds, pages, JS twins, browser
	$(PYTHON) -m pytest -q

bench: $(STAMP) ## build time and memory for 1,000 and 10,000 synthetic aids
	$(PYTHON) scripts/bench.py

schemas: $(STAMP) ## regenerate schemas/ from the models
	$(PYTHON) -m aides schemas

clean:
	rm -rf site .site-new-* .site-old-* bench-data
