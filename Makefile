# The two commands of the README: `make site` builds the example glossary into site/,
# `make test` runs the test suite. Both create .venv from the pinned constraints first.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve lint check clean

site: $(VENV)/.site-installed
	$(BIN)/termsite lint
	$(BIN)/mkdocs build --strict

serve: $(VENV)/.site-installed
	$(BIN)/mkdocs serve

lint: $(VENV)/.site-installed
	$(BIN)/termsite lint

check: site
	$(BIN)/termsite check site/

test: $(VENV)/.test-installed
	$(BIN)/python -m pytest

$(VENV)/.created:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	touch $@

$(VENV)/.site-installed: $(VENV)/.created pyproject.toml constraints.txt
	$(PIP) install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.site-installed
	$(PIP) install --quiet -c constraints.txt -e '.[test]'
	touch $@

clean:
	rm -rf site .site.termsite-staging
