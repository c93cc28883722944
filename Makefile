# Every way of running the project goes through these targets, locally and in CI.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Python 3.10 (Rasa 3.6 needs it): the first of these that runs.
PYTHON310 ?= $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10; do \
	$$p -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: help venv test test-fast lint format bench lock clean

help:
	@echo "make test    set up .venv on first use, then lint and run the test suite"
	@echo "make lint    ruff check and format check"
	@echo "make bench   rules-module benchmarks (assessments per second, CLI cold start)"
	@echo "make clean   remove .venv and caches"

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@test -n "$(PYTHON310)" || { echo "error: Python 3.10 not found (Rasa 3.6 needs it); install it or pass PYTHON310=/path/to/python3.10" >&2; exit 1; }
	@echo "==> creating $(VENV) with $(PYTHON310)"
	@test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	@echo "==> installing pinned dependencies (constraints.txt)"
	@$(PY) -m pip install --quiet -c constraints.txt -e ".[dev,assistant]"
	@touch $(STAMP)

test: venv lint
	$(PY) -m pytest

test-fast: venv
	$(PY) -m pytest tests/knowledge -q

lint: venv
	$(PY) -m ruff check knowledge actions bot tests bench
	$(PY) -m ruff format --check knowledge actions bot tests bench

format: venv
	$(PY) -m ruff check --fix knowledge actions bot tests bench
	$(PY) -m ruff format knowledge actions bot tests bench

bench: venv
	$(PY) bench/knowledge_bench.py

# Re-resolve the pins: pyproject's dependencies and extras, with Rasa's world, in a scratch venv.
lock:
	rm -rf .lock-venv && $(PYTHON310) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e ".[dev,assistant]"
	{ head -2 constraints.txt; .lock-venv/bin/pip freeze --all --exclude-editable | grep -v -E "^(pip|setuptools|wheel)==" | sort -f; } > constraints.txt.new
	mv constraints.txt.new constraints.txt && rm -rf .lock-venv

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
