# Two commands for a new machine with Python 3.11 and git: `make site` and `make test`.
# Both create .venv from requirements.lock (exact versions, hashes checked) when it is
# missing or older than the lock file.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.sapat-ready
LANGUAGE ?= ky
FORMAT ?= text

.PHONY: site pdf test test-all check serve browser pdf-libraries web-server lock bench clean

site: $(READY)  ## build the draft beside the frozen editions and their PDFs into site/ (the old site stays if anything fails)
	$(BIN)/sapat build

pdf: $(READY) pdf-libraries  ## the draft as PDF, one per language, its acknowledgement sheets and audit checklists, into pdf/ (uncontrolled copies)
	$(BIN)/sapat pdf --out pdf

# The tests run in two processes (pytest-xdist), a test module whole in one of them, what the
# session's fixtures build made once for both (tests/conftest.py); the slowest are listed at the
# end. `make test` leaves out the tests marked slow (a second edition, a mend, offline copies,
# the manual typeset, every page in the browser): under 3 minutes on 2 cores. `make test-all`
# runs them too, as every pull request does (.github/workflows/check.yml). A run's folders stay
# in .pytest-tmp/ until the next run.
test: MARKS := -m "not slow"
test test-all: $(READY) browser pdf-libraries web-server  ## ruff, mypy, then the tests: make test all but the slow ones, make test-all every one
	$(BIN)/ruff check plugins tests bench
	$(BIN)/mypy
	$(BIN)/pytest -n 2 --basetemp=.pytest-tmp $(MARKS)

check: $(READY)  ## validate every source file, no site; fast (CI: make check FORMAT=github)
	$(BIN)/sapat check --format $(FORMAT)

serve: $(READY)  ## live preview for editors: make serve, or make serve LANGUAGE=ru
	$(BIN)/mkdocs serve --dirty --no-strict -f $(if $(filter ru,$(LANGUAGE)),site_config/ru.yml,mkdocs.yml)

bench: $(READY) browser  ## build time against plain MkDocs + Material at growing sizes (bench/RESULTS.md); search speed (docs/search.md)
	$(BIN)/python bench/run.py
	$(BIN)/python bench/run.py search --sizes real 400 2000

# pip installs uv (its pin and hashes taken from the lock), and uv the lock: 5 s where pip took
# 25 s. uv reads no pip.conf: behind a package mirror, set UV_INDEX_URL (README).
UV_PIN := $(VENV)/uv.lock.txt
$(READY): requirements.lock pyproject.toml
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	awk '/^uv==/ { pin = 1 } pin { print; if (!/\\$$/) exit }' requirements.lock > $(UV_PIN)
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(UV_PIN)
	$(BIN)/uv pip install --quiet --python $(BIN)/python --require-hashes --no-deps --compile-bytecode -r requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .
	$(BIN)/python -m compileall -q plugins  # as for installed packages, even where PYTHONDONTWRITEBYTECODE is set
	touch $@

# Real-browser tests use Debian's Chromium (Playwright's own browser download is not used);
# the print test reads the PDF Chromium prints with poppler-utils (pdftotext).
BROWSER_PACKAGES := chromium poppler-utils
browser:
	@command -v chromium >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 || { \
	  [ "$$(id -u)" = 0 ] || { echo "the browser tests need Debian's packages: sudo apt-get install $(BROWSER_PACKAGES)"; exit 1; }; \
	  echo "installing Debian's $(BROWSER_PACKAGES) for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(BROWSER_PACKAGES) >/dev/null; }

# The PDFs are typeset by WeasyPrint, which needs Debian's Pango and HarfBuzz, and fonts that
# carry ө, ү, ң (DejaVu); nothing is downloaded while typesetting.
PDF_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
pdf-libraries:
	@$(PYTHON) -c 'import ctypes.util as u, sys; sys.exit(not all(map(u.find_library, ("pango-1.0", "pangoft2-1.0", "harfbuzz-subset"))))' \
	  && [ -e /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] || { \
	  [ "$$(id -u)" = 0 ] || { echo "the PDFs need Pango and the DejaVu fonts: sudo apt-get install $(PDF_PACKAGES)"; exit 1; }; \
	  echo "installing Debian's Pango and DejaVu fonts for the PDFs"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PDF_PACKAGES) >/dev/null; }

# The site is also served as docs/serving.md says a server should: by
# Debian's nginx, started by the test itself on a local port (nginx lives in /usr/sbin, which a
# user's PATH may lack). Where Debian starts services at installation (systemd), it also starts
# nginx's own service on port 80; a container, as in CI, starts nothing.
web-server:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { \
	  [ "$$(id -u)" = 0 ] || { echo "the web-server test needs Debian's nginx: sudo apt-get install nginx"; exit 1; }; \
	  echo "installing Debian's nginx for the web-server test"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }

lock: $(READY)  ## after changing dependencies in pyproject.toml
	$(BIN)/pip-compile --quiet --generate-hashes --extra dev --allow-unsafe --strip-extras \
	  --no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

clean:
	rm -rf $(VENV) site .pytest_cache .pytest-tmp
