# Jejaring: the two commands a newcomer needs.
#   make run   - virtual environment, requirements, database schema, demo data, server on :5000
#                and the background worker (e-mail into the development mailbox, digests)
#   make test  - everything the tests need, then the whole suite (set TEST_DATABASE_URL for PostgreSQL)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
FLASK := $(BIN)/flask --app wsgi

.PHONY: run test lint install install-dev lock clean translations browser-deps security-doc screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# requirements.txt and requirements-dev.txt are lock files generated from pyproject.toml
# (`make lock`): every package, transitive ones included, pinned with its hashes.
# Reinstall only when a lock file changed.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@ $(VENV)/.installed

# Re-resolve the lock files after changing the dependencies in pyproject.toml; versions
# already locked are kept unless the declaration no longer allows them
# (`make lock UPGRADE=--upgrade` takes the newest allowed everywhere).
lock: install-dev
	$(BIN)/uv pip compile pyproject.toml --quiet --generate-hashes --python-version 3.11 \
	  $(UPGRADE) -o requirements.txt
	$(BIN)/uv pip compile pyproject.toml --quiet --extra dev -c requirements.txt \
	  --generate-hashes --python-version 3.11 $(UPGRADE) -o requirements-dev.txt

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The worker (e-mail, digests, reminders) runs next to the server and stops with it.
# The demo data is the first centre's: its name on the pages, in e-mails and reports.
run: export JEJARING_CENTRE_NAME ?= PLUT-KUMKM Kalimantan Barat
run: install
	$(FLASK) init-db
	$(FLASK) seed --if-empty
	$(FLASK) worker --interval 5 & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	  $(FLASK) run --host $(HOST) --port $(PORT)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The browser tests drive Debian's Chromium (a browser download cannot be fetched); the
# report tests read the PDF's text with poppler's pdftotext.
browser-deps:
	@missing=""; \
	  command -v chromium >/dev/null 2>&1 || missing="$$missing chromium fonts-dejavu-core"; \
	  command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	  if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then \
	      echo "Installing Debian's$$missing for the browser and report tests…"; \
	      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	    else \
	      echo "$$missing missing: their tests will be skipped (sudo apt-get install$$missing)"; \
	    fi; \
	  fi

test: install-dev lint browser-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Take the README's and docs/design.md's screenshots again (tests/screenshots.py lists
# them) and copy them into docs/screenshots/; commit them with the templates they show.
screenshots: install-dev browser-deps
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/browser/test_journeys.py tests/browser/test_components.py
	$(BIN)/python -m tests.screenshots

# Regenerate docs/security.md from the authorisation matrix test.
security-doc: install-dev
	JEJARING_WRITE_SECURITY_DOC=1 $(BIN)/python -m pytest tests/test_authorization_matrix.py -q

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

# Extract user-facing strings, merge them into the catalogues, compile.
# "messages": Bahasa Indonesia in the source, translated to English.
# "exchange": import validation messages, English in the source, translated to Indonesian.
translations: install-dev
	$(BIN)/pybabel extract -F babel.cfg -k _l -o web/translations/messages.pot .
	$(BIN)/pybabel update -i web/translations/messages.pot -d web/translations -l en -w 100 --no-fuzzy-matching
	$(BIN)/pybabel extract --no-default-keywords -k _t -o web/translations/exchange.pot web/services/exchange.py
	$(BIN)/pybabel update -D exchange -i web/translations/exchange.pot -d web/translations -l id -w 100 --no-fuzzy-matching
	$(BIN)/pybabel compile -d web/translations
	$(BIN)/pybabel compile -D exchange -d web/translations
