# The two commands that matter: `make run` and `make test`. Both set up everything first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCK_HASH := $(shell sha256sum requirements.lock | cut -c1-12)
STAMP := $(VENV)/.installed-$(LOCK_HASH)
PYTEST_WORKERS ?= 2
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))

.PHONY: install setup run test test-fast bench lint format stop lock messages screenshots

$(STAMP): requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.lock
	@rm -f $(VENV)/.installed-*
	@touch $@

install: $(STAMP) $(MO_FILES)

# Compiled translations (.mo, not committed), rebuilt when their .po changes; pure Python,
# no GNU gettext needed.
$(MO_FILES): %.mo: %.po $(STAMP)
	$(BIN)/python manage.py compile_catalogues

# Refresh the English catalogue from the code and templates (needs GNU gettext's xgettext
# and msgmerge), then translate every new or changed entry: docs/architecture.md.
messages: install
	$(BIN)/python manage.py makemessages -l en --no-obsolete --add-location=file \
		--ignore=.venv --ignore=.data --ignore=tests --ignore=bench --ignore=docs \
		--ignore=helm --ignore=locale --ignore='*/migrations/*' --ignore=conftest.py
	$(BIN)/python manage.py compile_catalogues

setup: install
	$(BIN)/python manage.py prepare_platform
	$(BIN)/python manage.py load_demo

run: setup
	$(BIN)/python manage.py rundev 0.0.0.0:8000

test: install
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

screenshots: install
	SINERGI_SCREENSHOTS=1 $(BIN)/python -m pytest -p no:cacheprovider tests/browser/test_themes_visual.py

bench: install
	$(BIN)/python -m bench

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

stop:
	@test -x $(BIN)/python && $(BIN)/python -c "import sys; sys.path.insert(0, 'platform'); \
	from pathlib import Path; from config.embedded_db import stop; \
	print('Embedded PostgreSQL stopped.' if stop(Path('.').resolve()) else 'Embedded PostgreSQL was not running.')" || true

# Re-pin the whole dependency tree after changing pyproject.toml.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install -q --upgrade pip
	.lock-venv/bin/pip install -q $$(.lock-venv/bin/python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; print(' '.join(p['dependencies'] + p['optional-dependencies']['dev']))")
	.lock-venv/bin/pip freeze > requirements.lock
	rm -rf .lock-venv
