# The two commands of the README: `make site` builds the example glossary into site/,
# `make test` runs the test suite. Both create .venv from the pinned constraints first.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
export NO_MKDOCS_2_WARNING := 1

.PHONY: install site test browser-test-deps serve lint check clean embed

install: $(VENV)/.site-installed

site: $(VENV)/.site-installed
	$(BIN)/termsite lint
	$(BIN)/mkdocs build --strict

serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve

lint: $(VENV)/.site-installed
	$(BIN)/termsite lint

check: site
	$(BIN)/termsite check site/

test: $(VENV)/.test-installed browser-test-deps
	$(BIN)/python -m pytest

# What tests/browser needs besides Python packages: Debian's Chromium (Playwright drives it;
# it downloads no browser of its own) and axe-core from npm, pinned by package-lock.json.
browser-test-deps: tests/browser/node_modules/.installed
	command -v chromium >/dev/null || (apt-get update && apt-get install -y --no-install-recommends chromium chromium-driver)

# termsite-embed.js ships minified inside the package, so that building a site needs no Node:
# after editing the source, `make embed` minifies it again (a browser test checks the two agree).
EMBED := tools/termsite/site/assets/termsite-embed
embed: tests/browser/node_modules/.installed
	tests/browser/node_modules/.bin/terser $(EMBED).js --compress --mangle --comments false --output $(EMBED).min.js

tests/browser/node_modules/.installed: tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund
	touch $@

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	touch $@

$(VENV)/.site-installed: $(VENV)/.created pyproject.toml constraints.txt
	$(PIP) install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed pyproject.toml constraints.txt
	$(PIP) install --quiet -c constraints.txt -e '.[test]'
	touch $@

clean:
	rm -rf site .site.termsite-staging
