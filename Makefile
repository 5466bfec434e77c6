# Mutualis: `make demo` starts the demo, `make test` runs every test.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
FR_PO := mutualis/locale/fr/LC_MESSAGES/django.po
DEBIAN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core poppler-utils chromium gettext
# The benchmark also loads the server with wrk.
BENCH_PACKAGES := $(DEBIAN_PACKAGES) wrk

PACKAGES ?= $(DEBIAN_PACKAGES)

.PHONY: demo test test-dates venv deps quality bench bench-pages bench-equipment bench-replacement bench-purchasing bench-imports messages clean-demo

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

deps:
	@missing=$$(for p in $(PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages: $$missing"; \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi; \
	fi

demo: deps venv
	$(PY) manage.py compilemessages -v 0 --ignore=.venv --ignore=node_modules
	$(PY) manage.py migrate --no-input -v 0
	$(PY) manage.py load_demo
	SITE_URL=$${SITE_URL:-http://127.0.0.1:$(PORT)} $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: deps venv node_modules/.installed
	$(PY) manage.py compilemessages -v 0 --ignore=.venv --ignore=node_modules
	$(PY) -m pytest -n auto $(PYTEST_ARGS)

# The suite does not depend on the day it runs: every test but the browser ones again, the clock
# frozen on each of these days (see conftest.py).
TEST_DATES ?= 2026-01-01 2026-02-28 2026-11-30 2026-12-31
DATES_MARKERS ?= not browser
test-dates: deps venv
	$(PY) manage.py compilemessages -v 0 --ignore=.venv --ignore=node_modules
	@for day in $(TEST_DATES); do \
		echo "==> tests with the clock on $$day"; \
		$(PY) -m pytest -n auto -q -m "$(DATES_MARKERS)" --today=$$day $(PYTEST_ARGS) || exit 1; \
	done

quality: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

# French is the source language: the fr catalogue repeats each msgid (so French plural rules
# apply); msgen fills new entries, and fuzzy ones are emptied first so that they get their own msgid.
messages: venv
	$(PY) manage.py makemessages -l fr -l en --no-obsolete --ignore=.venv --ignore=node_modules --ignore=bench --ignore=tests
	msgattrib --clear-fuzzy --empty --clear-previous -o $(FR_PO) $(FR_PO)
	msgen -o $(FR_PO) $(FR_PO)

bench: PACKAGES = $(BENCH_PACKAGES)
bench: deps venv
	$(PY) bench/run.py $(BENCH_ARGS)
	$(PY) bench/run.py --scenario pages $(BENCH_PAGES_ARGS)

bench-pages: venv
	$(PY) bench/run.py --scenario pages $(BENCH_ARGS)

bench-equipment: PACKAGES = $(BENCH_PACKAGES)
bench-equipment: deps venv
	$(PY) bench/run.py --scenario equipment $(BENCH_ARGS)

bench-replacement: venv
	$(PY) bench/run.py --scenario replacement $(BENCH_ARGS)

bench-purchasing: venv
	$(PY) bench/run.py --scenario purchasing $(BENCH_ARGS)

bench-imports: venv
	$(PY) bench/run.py --scenario imports $(BENCH_ARGS)
