# Two commands: `make run` (set up, then run the pipeline on corpus/) and `make test`.
# Everything is installed into .venv from requirements/lock.txt (exact versions, hashes).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
INPUT ?= corpus
OUTPUT ?= output
PYTEST_ARGS ?=

.PHONY: run test setup lint typecheck unit lock clean eval-dev golden

run: $(STAMP)
	$(PY) -m pipeline run --input $(INPUT) --output $(OUTPUT)

test: $(STAMP) lint typecheck unit

setup: $(STAMP)

$(STAMP): requirements/lock.txt pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/lock.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

lint: $(STAMP)
	$(VENV)/bin/ruff check pipeline tests benchmarks
	$(VENV)/bin/ruff format --check pipeline tests benchmarks

typecheck: $(STAMP)
	$(VENV)/bin/mypy

unit: $(STAMP)
	$(PY) -m pytest $(PYTEST_ARGS)

# The development corpus of real articles (../shared/dev): rebuild its texts into DEV_DOCS
# first, as ../shared/dev/README.md says; this checks them, runs the pipeline and scores it.
DEV ?= ../shared/dev
DEV_DOCS ?= /tmp/dipkg-dev/docs
DEV_WORK ?= /tmp/dipkg-dev/eval

eval-dev: $(STAMP)
	python3 $(DEV)/corpus.py check $(DEV_DOCS)
	rm -rf $(DEV_WORK) && python3 $(DEV)/corpus.py prepare $(DEV_DOCS) $(DEV_WORK)/input
	$(PY) -m pipeline run --input $(DEV_WORK)/input --output $(DEV_WORK)/output -q || test $$? -eq 1
	$(PY) -m pipeline evaluate --gold $(DEV)/gold.json $(DEV_WORK)/output/diplomacy.ttl --by-document --details

# Record the graphs of the seeds and the sample corpus as the expected ones
# (tests/data/golden/graphs.json), after a change meant to change them.
golden: $(STAMP)
	$(PY) -m tests.golden_graphs

# Re-resolve the lock after changing dependencies in pyproject.toml (needs the network).
lock:
	$(PYTHON) -m venv /tmp/diplomacy-kg-piptools
	/tmp/diplomacy-kg-piptools/bin/pip install --quiet pip-tools
	/tmp/diplomacy-kg-piptools/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --extra model --extra dev --no-emit-index-url --no-emit-find-links \
	  -o requirements/lock.txt pyproject.toml

clean:
	rm -rf $(VENV) $(OUTPUT)/work .pytest_cache .mypy_cache .ruff_cache
