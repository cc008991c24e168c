# Two commands for a new machine with Python 3.11 and git: `make site` and `make test`.
# Both create .venv from requirements.lock (exact versions, hashes checked) when it is
# missing or older than the lock file.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.sapat-ready
LANGUAGE ?= ky

.PHONY: site test check serve browser lock bench clean

site: $(READY)  ## build both editions into site/ (the old site stays if anything fails)
	$(BIN)/sapat build

test: $(READY) browser  ## the whole test suite
	$(BIN)/pytest

check: $(READY)  ## validate every source file, no site; fast
	$(BIN)/sapat check

serve: $(READY)  ## live preview for editors: make serve, or make serve LANGUAGE=ru
	$(BIN)/mkdocs serve -f $(if $(filter ru,$(LANGUAGE)),site_config/ru.yml,mkdocs.yml)

bench: $(READY)  ## build time against plain MkDocs + Material at growing sizes (see README.md, "Build time")
	$(BIN)/python bench/run.py

$(READY): requirements.lock pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# Real-browser tests use Debian's Chromium (Playwright's own browser download is not used).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  [ "$$(id -u)" = 0 ] || { echo "the browser tests need Debian's chromium: sudo apt-get install chromium"; exit 1; }; \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

lock: $(READY)  ## after changing dependencies in pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --extra dev --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) site .pytest_cache
