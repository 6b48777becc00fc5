# Family ORS. `make run` serves the demo on http://127.0.0.1:5000; `make test` runs every test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PORT ?= 5000
STAMP := $(VENV)/.installed

.PHONY: run serve-prod test fuzz install lint format translations extract catalogs db demo bench bench-load bench-locust bench-starts bench-analysis bench-synthesis bench-peer test-sqlite test-postgres clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

PO := $(wildcard translations/*/LC_MESSAGES/messages.po)
MO := $(PO:.po=.mo)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

# One compile builds every catalog (grouped target); again whenever a .po is newer than its .mo.
$(MO) &: $(PO) $(STAMP)
	$(FLASK) translate compile >/dev/null

install: $(STAMP) $(MO)  ## the virtualenv with the app and its test tools, catalogs compiled

catalogs: $(MO)  ## compile the .po catalogs into .mo files

db: install
	$(FLASK) db upgrade

demo: db
	$(FLASK) demo load

run: catalogs demo  ## install, migrate, load the demo and serve on http://127.0.0.1:$(PORT)
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: catalogs  ## every test: SQLite always, PostgreSQL when TEST_DATABASE_URL is set, the browser when Chromium is there
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest $(PYTEST_ARGS)

fuzz: catalogs  ## the property-based and crawl tests, ten times longer, new inputs each run, failures shrunk
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -p no:cacheprovider --timeout=3600 tests/test_fuzz_*.py $(PYTEST_ARGS)

extract: install  ## refresh translations/messages.pot and merge it into the catalogs
	$(FLASK) translate update

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

serve-prod: catalogs  ## the production stack here: gunicorn (gunicorn.conf.py) and an RQ worker on local PostgreSQL (SERVE_DATABASE_URL) and Redis (REDIS_URL), demo loaded, on http://127.0.0.1:8000
	$(BIN)/python deploy/serve_prod.py

bench: catalogs  ## timing and query-count figures (printed, never asserted); not bench-starts (half an hour) nor bench-peer and bench-locust (their own targets)
	for b in $(filter-out bench/bench_fresh_starts.py bench/bench_peer.py bench/bench_locust.py,$(wildcard bench/bench_*.py)); do $(BIN)/python $$b || exit 1; done

bench-load: catalogs  ## autosave round trip of 50 users at once and /healthz meanwhile, PostgreSQL behind gunicorn (BENCH_DATABASE_URL, BENCH_USERS, BENCH_SAVES, BENCH_WORKERS, BENCH_THREADS, ORS_GC_PROBE)
	$(BIN)/python bench/bench_autosave_load.py

bench-locust: catalogs  ## Locust on `make serve-prod`'s stack: focal points autosaving, attaching files and submitting, 5 secretariats reviewing, 2 analysts' export jobs; percentiles, errors, /healthz, acknowledged saves against the database, what saturates (BENCH_USERS, BENCH_MINUTES, BENCH_SPAWN_RATE, BENCH_WORKERS, BENCH_THREADS, BENCH_DATABASE_URL, BENCH_REDIS_URL, BENCH_LOG_DIR)
	$(BIN)/python bench/bench_locust.py

bench-starts: catalogs  ## 200 fresh gunicorn starts hit at once by autosaves, section pages and print views: worker deaths counted (BENCH_DATABASE_URL, BENCH_STARTS, BENCH_SECONDS, BENCH_CLIENTS, BENCH_WORKERS, BENCH_THREADS, BENCH_LOG_DIR)
	$(BIN)/python bench/bench_fresh_starts.py

bench-analysis: catalogs  ## CMS-COP15 at 130 and 650 countries on a scratch PostgreSQL database: exports against COPY, results page, peak memory (BENCH_DATABASE_URL, BENCH_ARGS)
	$(BIN)/python bench/bench_analysis.py $(BENCH_ARGS)

bench-synthesis: catalogs  ## CMS-COP15 at 130 countries on a scratch PostgreSQL database: synthesis DOCX (en, fr) time, peak memory, size; ZIP of the accepted reports (BENCH_DATABASE_URL, BENCH_ARGS)
	$(BIN)/python bench/bench_synthesis.py $(BENCH_ARGS)

PEER_VENV := .venv-peer

# The peer of `make bench-peer` in a virtual environment of its own, from PyPI (pinned).
$(PEER_VENV)/.installed: bench/peer_requirements.txt
	$(PYTHON) -m venv $(PEER_VENV)
	$(PEER_VENV)/bin/pip install --quiet -r bench/peer_requirements.txt
	touch $@

bench-peer: catalogs  ## side by side with django-survey-and-report 1.5.0 on scratch PostgreSQL databases: every ratio of issue 17 (BENCH_ARGS, e.g. "--before main")
	@$(MAKE) --no-print-directory $(PEER_VENV)/.installed || echo "bench-peer: the peer could not be installed into $(PEER_VENV): ours is measured alone"
	$(BIN)/python bench/bench_peer.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) $(PEER_VENV) instance .pytest_cache .ruff_cache
	find . -name __pycache__ -prune -exec rm -rf {} +
	find translations -name '*.mo' -delete
