# Two commands do everything on a fresh Debian machine: `make serve` and `make test`.
VENV    ?= .venv
PYTHON  := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export PYTHONPATH := hooks
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build check diff liens revue urls system-deps test test-rapide lint bench schemas territoires parametres clean

$(STAMP): pyproject.toml
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

serve: $(STAMP) ## build and serve at http://127.0.0.1:8000, rebuilding on changes
	$(PYTHON) -m mkdocs serve --dev-addr 127.0.0.1:8000

# SITE_URL=https://… make build: the public address printed on sheets, in canonical links and the sitemap;
# without it the build refuses (AIDES_LOCAL=1 make build: a site for this computer only).
build: $(STAMP) ## the complete site in site/ (replaced only if the build succeeds)
	$(PYTHON) scripts/build.py site

check: $(STAMP) ## validate data/ and list every error
	$(PYTHON) -m aides check

# make diff [REV=main] [SITE=site] [SORTIE=rapport.md]: the pages, open data, eligibility results
# and warnings that the current tree changes against REV (default: merge base with origin/main).
diff: $(STAMP) ## what the current tree changes on the site, in French Markdown
	$(PYTHON) scripts/diff_site.py $(if $(REV),--rev $(REV)) $(if $(SITE),--site-nouveau $(SITE)) $(if $(SORTIE),--sortie $(SORTIE))

liens: $(STAMP) ## check every external link of data/ (network; exit 1 if one is broken)
	$(PYTHON) -m aides liens

revue: $(STAMP) ## what editors must confirm again, most urgent first (also /donnees/revue.json)
	$(PYTHON) -m aides revue $(if $(JSON),--json $(JSON))

urls: $(STAMP) ## rewrite referentiel/urls-publiques.txt, the committed list of public addresses
	$(PYTHON) -m aides urls

# The Nu HTML checker (tests/test_accessibilite_automatique.py): the vnu-jar npm package, pinned, run with Debian's Java.
VNU_VERSION := 26.9.27
VNU_JAR     := .cache/vnu/$(VNU_VERSION)/package/build/dist/vnu.jar

system-deps: $(VNU_JAR) ## Debian's Chromium (browser tests), Node.js (the JS twins' tests), openssl (the link check's TLS case), Java and npm (the HTML checker)
	@command -v chromium >/dev/null && command -v node >/dev/null && command -v openssl >/dev/null \
	  && command -v java >/dev/null && command -v npm >/dev/null || { \
	  $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium nodejs openssl default-jre-headless npm; }

$(VNU_JAR):
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq npm; }
	mkdir -p .cache/vnu/$(VNU_VERSION)
	cd .cache/vnu/$(VNU_VERSION) && npm pack --silent vnu-jar@$(VNU_VERSION) && tar xzf vnu-jar-$(VNU_VERSION).tgz && rm vnu-jar-$(VNU_VERSION).tgz

lint: $(STAMP)
	$(VENV)/bin/ruff check hooks tests scripts
	$(VENV)/bin/ruff format --check hooks tests scripts

test: $(STAMP) system-deps lint ## every test: data, builds, pages, JS twins, browser
	$(PYTHON) -m pytest -q

# The markers come from the fixtures a test asks for (tests/conftest.py); lint is left to `make test` and `make lint`.
test-rapide: $(STAMP) system-deps ## the fast lane, under 2 minutes: every test but browser, full builds and bench
	$(PYTHON) -m pytest -q -m "not browser and not build and not bench"

# make bench [TAILLES="1000 10000"]: every figure beside its budget (scripts/budgets.py), all in bench-data/results.json
bench: $(STAMP) ## build time, memory, sizes and browser figures for 1,000 and 10,000 synthetic aids, against the budgets
	$(PYTHON) scripts/bench.py $(TAILLES)

schemas: $(STAMP) ## regenerate schemas/ from the models
	$(PYTHON) -m aides schemas

# make territoires [ARGS=--reecrire]: after writing, lists the codes of data/ that the new vintage changes and
# offers to rewrite those with a unique successor (a yes/no in a terminal; --reecrire: without asking).
territoires: $(STAMP) ## regenerate referentiel/territoires/ (npm pack of the pinned Etalab package: needs npm and the network)
	@command -v npm >/dev/null || { echo "npm manque : sudo apt-get install npm"; exit 1; }
	$(PYTHON) scripts/territoires.py $(ARGS)

parametres: $(STAMP) ## regenerate referentiel/parametres/ (SMIC, PLUS and PLAI ceilings) from the pinned OpenFisca-France wheel (pip download: needs the network)
	$(PYTHON) scripts/parametres.py $(ARGS)

clean:
	rm -rf site .site-new-* .site-old-* bench-data
