# Two commands: `make run` (set up, then run the pipeline on corpus/) and `make test`.
# Everything is installed into .venv from requirements/lock.txt (exact versions, hashes).

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
INPUT ?= corpus
OUTPUT ?= output
PYTEST_ARGS ?=

.PHONY: run test setup lint typecheck unit lock clean

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

# Re-resolve the lock after changing dependencies in pyproject.toml (needs the network).
lock:
	$(PYTHON) -m venv /tmp/diplomacy-kg-piptools
	/tmp/diplomacy-kg-piptools/bin/pip install --quiet pip-tools
	/tmp/diplomacy-kg-piptools/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
	  --extra model --extra dev --no-emit-index-url --no-emit-find-links \
	  -o requirements/lock.txt pyproject.toml

clean:
	rm -rf $(VENV) $(OUTPUT)/work .pytest_cache .mypy_cache .ruff_cache
