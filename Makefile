# Everyday commands. A fresh clone needs only two of them:
#   make serve   set up .venv and serve the site at http://127.0.0.1:8000 with live reload
#   make test    set up everything the tests need and run every test
# Also: make build (static site into site/), make status, make terms, make bench.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Material prints a banner about its end of life on every build; we know (see README).
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test status bench browser faketime clean

# Byte-compiles our modules each time (only changed files; pip compiled site-packages): where
# PYTHONDONTWRITEBYTECODE is set, as on our CI machines, Python would compile them in every build.
setup: $(VENV)/.installed
	@$(BIN)/python -m compileall -q sitebuild hooks

$(VENV)/.installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The browser for the browser tests: Debian's chromium by default (test tools cannot download
# browsers here). Elsewhere point CHROMIUM at an installed Chrome or Chromium.
export CHROMIUM ?= /usr/bin/chromium
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
browser:
	@test -x "$(CHROMIUM)" || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null && test -x "$(CHROMIUM)"; }

serve: setup
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000 --livereload --dirty

# Into a temporary folder first: site/ is replaced only when the build succeeded (sitebuild/publish.py).
build: setup
	$(BIN)/python -m sitebuild.publish --site-dir site

# faketime: the test that builds on two different days (tests/test_reproducible.py).
faketime:
	@command -v faketime >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq faketime >/dev/null; }

test: setup node_modules/.installed browser faketime
	$(BIN)/python -m pytest

# Benchmark, not a test (bench/): page weight and third-party requests against budgets, search
# quality and speed, Lighthouse (npm, package.json), the serve edit loop, build time against
# stock Material, scaling. Prints a table, writes bench/results/latest.md, exits non-zero when a
# budget is broken. bench-quick (CI): page-weight budgets only, timings reported, no Lighthouse.
.PHONY: bench-quick
bench: setup browser node_modules/.installed
	$(BIN)/python -m bench

bench-quick: setup browser
	$(BIN)/python -m bench --quick

# Translations (see CONTRIBUTING.md): reviewed / draft / stale / missing, per page and language;
# for a stale page, what changed in the Russian text since the translation; terms to replace;
# then the contacts of help/services.yaml by age (fails when one is older than max_age_months).
status: setup
	$(BIN)/python -m sitebuild.translations status
	$(BIN)/python -m sitebuild.help_directory status

# Every variant that glossary/terms.yaml says to avoid, with file:line and the preferred form
# (the strict build stops on them too; make status lists them as well).
.PHONY: terms
terms: setup
	$(BIN)/python -m sitebuild.translations terms

# Record that translations have caught up with their Russian pages (writes source_hash):
#   make mark PAGES="ky/swit/index.md kk/help.md"   [STATE=reviewed once a native speaker checked them]
.PHONY: mark
mark: setup
	$(BIN)/python -m sitebuild.translations mark $(PAGES) $(if $(STATE),--state $(STATE))

clean:
	rm -rf site $(VENV) node_modules
