# Two commands matter: `make serve` and `make test`. Both create the venv.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# ProperDocs (a continuation of MkDocs 1.6) in a venv of its own: see requirements-properdocs.txt
PROPERDOCS_VENV := .venv-properdocs
# Zensical (Material's successor) in a venv of its own: see requirements-zensical.txt
ZENSICAL_VENV := .venv-zensical
ZENSICAL_STAGE := build/zensical
export NO_MKDOCS_2_WARNING := 1

.PHONY: venv properdocs-venv zensical-venv zensical sysdeps serve build properdocs print print-check test bench clean links review lighthouse

$(VENV)/.installed: requirements.txt
	bash scripts/system_deps.sh venv
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

venv: $(VENV)/.installed

# --no-deps: the file pins every package, and keeps the real MkDocs out (Material asks for it).
$(PROPERDOCS_VENV)/.installed: requirements-properdocs.txt
	bash scripts/system_deps.sh venv
	$(PYTHON) -m venv $(PROPERDOCS_VENV)
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(PROPERDOCS_VENV)/bin/python -m pip install --quiet --no-deps -r requirements-properdocs.txt
	touch $@

properdocs-venv: $(PROPERDOCS_VENV)/.installed

# --no-deps: the file pins every package (a pip freeze of a fresh venv).
$(ZENSICAL_VENV)/.installed: requirements-zensical.txt
	$(PYTHON) -m venv $(ZENSICAL_VENV)
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(ZENSICAL_VENV)/bin/python -m pip install --quiet --no-deps -r requirements-zensical.txt
	touch $@

zensical-venv: $(ZENSICAL_VENV)/.installed

## Debian packages for PDFs and browser tests (chromium, poppler, zbar, graphviz, npm)
sysdeps:
	bash scripts/system_deps.sh

## Serve the site with live reload at http://127.0.0.1:8000
serve: venv
	bash scripts/system_deps.sh build
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

## Build the site into site/ (atomically: a failed build leaves site/ untouched)
build: venv
	bash scripts/system_deps.sh build
	$(PY) scripts/build.py

## Build the site with ProperDocs 1.6.7 instead of MkDocs, into site-properdocs/
properdocs: properdocs-venv
	bash scripts/system_deps.sh build
	$(PROPERDOCS_VENV)/bin/properdocs build --strict --clean -f mkdocs.yml -d site-properdocs

## Build the site with Zensical instead of MkDocs, into site-zensical/:
## content checks, staging (markers, citations, page data and languages
## written out by kb/stage with the main venv), a strict Zensical build
## (zensical-i18n runs `zensical build` once per language) and the
## post-build steps. See DEVELOPING.md, "Building with Zensical".
zensical: venv zensical-venv
	bash scripts/system_deps.sh build
	$(PY) scripts/check_content.py docs
	$(PY) -m kb.stage --out $(ZENSICAL_STAGE)
	rm -rf $(ZENSICAL_STAGE)/site
	cd $(ZENSICAL_STAGE) && { NO_COLOR=1 $(abspath $(ZENSICAL_VENV))/bin/zensical-i18n build --strict --clean \
	  -f mkdocs.yml > zensical-build.log 2>&1; status=$$?; cat zensical-build.log; exit $$status; }
	rm -rf site-zensical && mv $(ZENSICAL_STAGE)/site site-zensical
	$(PY) -m kb.stage.postbuild --stage $(ZENSICAL_STAGE) --site site-zensical

## Render posters and handouts to PDF into site/print/ (a preview, unless
## PUBLISH=1 with a real PRINT_BASE_URL: then it refuses anything else)
print: sysdeps print-check build
	$(PY) scripts/render_print.py $(if $(filter 1 true yes,$(PUBLISH)),--publish)

# With PUBLISH=1, stop before the build if PRINT_BASE_URL is not a real address.
print-check: venv
	$(if $(filter 1 true yes,$(PUBLISH)),$(PY) scripts/render_print.py --publish --check-only)

## Run every test (builds the site and the PDFs first, and sets up the ProperDocs venv)
# KB_BUILT_SITE: the tests read the site/ that `make build` (through print) has
# just built, instead of building the same site again.
test: print properdocs-venv zensical
	KB_BUILT_SITE=site $(PY) -m pytest

## Benchmark the build at 100, 1,000 and 3,000 pages (about 8 minutes on 2 cores); see BENCHMARKS.md
bench: venv
	$(PY) scripts/bench.py $(ARGS)

## Lighthouse performance, accessibility and best practices of the home page and a content page (needs `npm ci`)
lighthouse: sysdeps venv
	$(PY) scripts/lighthouse.py $(ARGS)

## Check every external URL in docs/ (says "offline" and exits 0 without internet)
links: venv
	$(PY) scripts/check_links.py

## List every page by review due date, overdue first (add ARGS=--csv for CSV)
review: venv
	$(PY) scripts/review_report.py $(ARGS)

clean:
	rm -rf site site-properdocs site-zensical build .pytest_cache
