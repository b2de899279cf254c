# Newsroom: the two commands a newcomer needs are `make run` and `make test`.
# Everything else is a helper they call, or a benchmark (bench/, outside the
# product and its image).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8000
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test test-fast lint format bench bench-site bench-storm bench-photos bench-search bench-epaper soak cluster cluster-soak clean help

help:
	@echo "make run    serve the demo edition on http://127.0.0.1:$(PORT) (SQLite unless DATABASE_URL is set)"
	@echo "make test   lint, then the whole suite on PostgreSQL"
	@echo "make test-fast  the suite without the browser, committing and slow tests (the edit-test loop)"
	@echo "make lint   ruff check and format check"
	@echo "make format ruff fix and format"
	@echo "make bench  build a 5-year archive in a separate database and load the site with wrk"
	@echo "make bench-storm   readers while the desk edits and publishes, against the same without"
	@echo "make bench-photos  rendition time and memory per 12-megapixel JPEG, upload-to-ready time"
	@echo "make bench-search  search latency, recall and index build on a 50,000-article archive"
	@echo "make bench-epaper  time and peak memory to render an A3 page PDF at reading and zoom sizes"
	@echo "make soak   readers and editors at once for minutes under gunicorn, then an integrity check"
	@echo "make cluster       primary + replica, Redis, S3, two web nodes, worker, nginx on this machine"
	@echo "make cluster-soak  the soak through the cluster's nginx, with faults injected on a schedule"

# --- virtual environments, rebuilt when the lock files change ---------------
$(BIN)/python:
	@scripts/check-python $(PYTHON)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.run-deps: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev-deps: requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	@touch $@ $(VENV)/.run-deps

# --- make run: the demo edition on this machine ------------------------------
run: $(VENV)/.run-deps
	@NEWSROOM_DEMO=1 PORT=$(PORT) BIN=$(BIN) scripts/run-demo

# --- make test: the whole suite on PostgreSQL ---------------------------------
lint: $(VENV)/.dev-deps
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev-deps
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

test: lint
	@scripts/ensure-chromium
	@scripts/with-postgres $(BIN)/python -m pytest $(PYTEST_ARGS)

# The edit-test loop: no browser, nothing that commits or starts processes.
# On a server of yours (DATABASE_URL) the test databases are kept between runs
# and only migrated forward; PYTEST_ARGS=--create-db builds them afresh.
# Compiled modules and pytest's rewritten test modules are kept too
# (__pycache__, ignored by git), even where the environment sets
# PYTHONDONTWRITEBYTECODE: compiling them afresh costs each worker ~1.8 s.
test-fast: $(VENV)/.dev-deps
	@PYTHONDONTWRITEBYTECODE= scripts/with-postgres $(BIN)/python -m pytest -m "not browser and not committing and not slow" --reuse-db $(PYTEST_ARGS)

# --- make bench: speed, measured (not by timed tests) --------------------------
# Each part of the site adds its own bench as a prerequisite of `bench`.
bench: bench-site bench-storm bench-photos bench-search bench-epaper

bench-site: $(VENV)/.run-deps
	@BIN=$(BIN) bench/bin/site

bench-storm: $(VENV)/.run-deps
	@BIN=$(BIN) bench/bin/storm

# --- make bench-photos: what one camera JPEG costs ------------------------------
bench-photos: $(VENV)/.dev-deps
	@scripts/with-postgres $(BIN)/python bench/photos.py

# --- make bench-epaper: what one A3 page PDF costs to render (电子报) ----------
bench-epaper: $(VENV)/.run-deps
	@$(BIN)/python bench/epaper.py

# --- make bench-search: Chinese search at archive scale ------------------------
bench-search: $(VENV)/.run-deps
	@BIN=$(BIN) bench/bin/search

# --- make soak: minutes of readers and editors at once, then the integrity check --
soak: $(VENV)/.run-deps
	@BIN=$(BIN) bench/bin/soak

# --- make cluster: the scaled deployment from real parts, without Docker ----------
cluster: $(VENV)/.dev-deps
	@BIN=$(BIN) bench/bin/cluster

cluster-soak: $(VENV)/.dev-deps
	@BIN=$(BIN) bench/bin/cluster-soak

clean:
	rm -rf $(VENV) var
