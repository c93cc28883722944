# Every way of running the project goes through these targets, locally and in CI.
SHELL := /bin/bash
# Keep TensorFlow's start-up banner out of the output; real errors still show.
export TF_CPP_MIN_LOG_LEVEL := 2
# Rasa's telemetry and its Sentry error reports go to rasa.com and sentry.io: off, for every
# rasa command (conversations may hold personal information; the machine may be offline).
export RASA_TELEMETRY_ENABLED := false
.DEFAULT_GOAL := help

# Python 3.10 (Rasa 3.6 needs it): the first of these that runs.
PYTHON310 ?= $(shell for p in python3.10 $$HOME/.pyenv/versions/3.10*/bin/python3.10 /usr/bin/python3.10 /usr/local/bin/python3.10; do \
	$$p -c 'import sys; assert sys.version_info[:2] == (3, 10)' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

RASA := $(VENV)/bin/rasa
SPACY_DIR := models/spacy/procurement_en
SPACY_STAMP := $(SPACY_DIR)/meta.json
MODEL_STAMP := models/.trained
TRAIN_INPUTS := config.yml bot/nlp/faq_selector.py $(shell find bot/domain data -name '*.yml' 2>/dev/null)

.PHONY: help venv test test-fast lint format bench bench-chat bench-gateway bench-store browser lock clean spacy train run chat validate test-stories nlu-cv nlu-heldout nlu-entities migrate

help:
	@echo "make run     set up on first use, build the spaCy pipeline, train if needed, serve"
	@echo "make chat    talk to the running assistant in this terminal"
	@echo "make nlu-cv  intent macro-F1 by 5-fold cross-validation, and the amounts' accuracy"
	@echo "make nlu-heldout  intent macro-F1 on messages written apart from the training data"
	@echo "make nlu-entities  exact-value accuracy of the amounts annotated in data/nlu (seconds)"
	@echo "make test    set up .venv on first use, then lint and run the test suite"
	@echo "make lint    ruff check and format check"
	@echo "make bench   rules-module benchmarks (assessments per second, CLI cold start)"
	@echo "make bench-chat  chat latency, throughput and memory against a rasa init starter bot"
	@echo "make bench-gateway  the web gateway's figures (turn overhead, /api/v1/assess rate, page size)"
	@echo "make browser install Debian's chromium for the real-browser test (make test does)"
	@echo "make bench-store  store figures (tickets and records per second, queue of 10,000)"
	@echo "make migrate bring the store (DATABASE_URL, or var/advisor.db) to the latest schema"
	@echo "make clean   remove .venv and caches"

venv: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@test -n "$(PYTHON310)" || { echo "error: Python 3.10 not found (Rasa 3.6 needs it); install it or pass PYTHON310=/path/to/python3.10" >&2; exit 1; }
	@echo "==> creating $(VENV) with $(PYTHON310)"
	@test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	@echo "==> installing pinned dependencies (constraints.txt)"
	@$(PY) -m pip install --quiet -c constraints.txt -e ".[dev,assistant]"
	@touch $(STAMP)

# Everything: lint, rasa data validate, training (when inputs changed), every pytest test
# (unit, actions, spaCy, live servers end to end), then the Rasa test stories.
test: venv lint validate train browser
	ADVISOR_REQUIRE_MODEL=1 ADVISOR_REQUIRE_BROWSER=1 $(PY) -m pytest
	@$(MAKE) --no-print-directory test-stories

validate: spacy
	@mkdir -p var/log
	@echo "==> rasa data validate"
	@$(RASA) data validate --domain bot/domain --data data --config config.yml --fail-on-warnings > var/log/validate.log 2>&1 \
		|| { grep -E "WARNING|ERROR|UserWarning" var/log/validate.log | head -30; echo "error: rasa data validate failed; see var/log/validate.log" >&2; exit 1; }

test-stories: train
	@echo "==> rasa test (test stories, failing on any prediction error)"
	@$(RASA) test core --stories tests/test_stories.yml --model models/advisor.tar.gz --out var/results \
		--fail-on-prediction-errors > var/log/test-stories.log 2>&1 \
		|| { grep -iE "failed|correct|accuracy|error" var/log/test-stories.log | tail -20; echo "error: test stories failed; see var/results/failed_test_stories.yml" >&2; exit 1; }
	@grep -E "Correct:|Accuracy:" var/log/test-stories.log | head -4 || true

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

# REST turn latency and throughput (20 at once) against a `rasa init` starter bot in the same run,
# each server's memory, and training from scratch (about 10 minutes in all; figures in var/bench/).
bench-chat: train
	@mkdir -p var/bench
	$(PY) bench/chat_bench.py --json var/bench/chat.json

# Live servers on free ports (needs the trained model); prints a table, asserts nothing.
bench-gateway: train
	$(PY) bench/gateway_bench.py

# The real-browser test drives Debian's chromium (Playwright's own browser download is not
# used); installed here with apt-get when it is missing, which needs root.
CHROMIUM := /usr/bin/chromium
browser:
	@test -x $(CHROMIUM) || { \
		command -v apt-get >/dev/null || { echo "error: $(CHROMIUM) is missing and there is no apt-get; install Chromium so that $(CHROMIUM) exists" >&2; exit 1; }; \
		test "$$(id -u)" = 0 || { echo "error: $(CHROMIUM) is missing; install it as root: apt-get install chromium (or run make browser as root)" >&2; exit 1; }; \
		mkdir -p var/log; \
		echo "==> installing Debian's chromium for the browser test (apt-get; log in var/log/apt-chromium.log)"; \
		{ apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium fonts-liberation; } > var/log/apt-chromium.log 2>&1 \
			|| { tail -15 var/log/apt-chromium.log; echo "error: apt-get could not install chromium; see var/log/apt-chromium.log" >&2; exit 1; }; \
		test -x $(CHROMIUM) || { echo "error: chromium installed but $(CHROMIUM) is missing" >&2; exit 1; }; \
	}
	@$(CHROMIUM) --version 2>/dev/null

# Tickets and decision records per second and the console's queue query with 10,000 tickets,
# on SQLite and on PostgreSQL (127.0.0.1:5432, a schema made and dropped for the run).
bench-store: venv
	$(PY) bench/store_bench.py

# The project's store (decision records, tickets): DATABASE_URL, or SQLite in var/advisor.db.
migrate: venv
	@$(PY) -m bot.store upgrade

# Re-resolve the pins: pyproject's dependencies and extras, with Rasa's world, in a scratch venv.
lock:
	rm -rf .lock-venv && $(PYTHON310) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -e ".[dev,assistant]"
	{ head -2 constraints.txt; .lock-venv/bin/pip freeze --all --exclude-editable | grep -v -E "^(pip|setuptools|wheel)==" | sort -f; } > constraints.txt.new
	mv constraints.txt.new constraints.txt && rm -rf .lock-venv

spacy: $(SPACY_STAMP)

$(SPACY_STAMP): $(STAMP) bot/nlp/spacy_pipeline.py knowledge/data/vocabulary.yaml knowledge/data/anzsic.yaml
	@echo "==> building the spaCy pipeline from knowledge's vocabulary ($(SPACY_DIR))"
	@$(PY) -m bot.nlp.spacy_pipeline --out $(SPACY_DIR)

train: $(MODEL_STAMP)

# Retrains only when the data, the domain, the config or the spaCy pipeline changed.
$(MODEL_STAMP): $(SPACY_STAMP) $(TRAIN_INPUTS)
	@echo "==> training the assistant (takes a few minutes; inputs changed since the last model)"
	@mkdir -p var/log
	@# The stamp takes the time training started: a file edited meanwhile is newer, so it retrains.
	@touch $@.started
	@$(RASA) train --domain bot/domain --data data --config config.yml --out models \
		--fixed-model-name advisor --force > var/log/train.log 2>&1 \
		|| { tail -30 var/log/train.log; echo "error: training failed; full log in var/log/train.log" >&2; exit 1; }
	@mv $@.started $@
	@echo "==> trained: models/advisor.tar.gz"

# Intent macro-F1 by 5-fold cross-validation; report in var/cv/. Then the amounts' figure.
nlu-cv: spacy
	@mkdir -p var/log
	@echo "==> 5-fold cross-validation of the NLU, folds seeded (30 minutes; log in var/log/nlu-cv.log)"
	@$(PY) -m bot.nlp.cross_validate --seed 0 --nlu data/nlu --config config.yml --folds 5 --out var/cv > var/log/nlu-cv.log 2>&1 \
		|| { tail -20 var/log/nlu-cv.log; echo "error: cross-validation failed; see var/log/nlu-cv.log" >&2; exit 1; }
	@$(PY) -c "import json; r = json.load(open('var/cv/intent_report.json')); m = r['macro avg']; print(f\"intent macro-F1 {m['f1-score']:.3f}, accuracy {r['accuracy']:.3f} (5-fold CV; var/cv/intent_report.json)\")"
	@$(MAKE) --no-print-directory nlu-entities

# Intent macro-F1 on tests/nlu/heldout.yml: messages written apart from data/nlu, never trained on.
nlu-heldout: train
	@mkdir -p var/log
	@$(RASA) test nlu --nlu tests/nlu/heldout.yml --model models/advisor.tar.gz --out var/heldout > var/log/nlu-heldout.log 2>&1 \
		|| { tail -20 var/log/nlu-heldout.log; echo "error: rasa test nlu failed; see var/log/nlu-heldout.log" >&2; exit 1; }
	@$(PY) -c "import json; r = json.load(open('var/heldout/intent_report.json')); m = r['macro avg']; print(f\"held-out intent macro-F1 {m['f1-score']:.3f}, accuracy {r['accuracy']:.3f} over {m['support']} messages (var/heldout/intent_report.json)\")"

# Exact-value accuracy of the annotated amounts, read as the assistant reads them (spaCy
# pipeline + actions/extract.py); figures and misses in var/cv/amounts.json.
nlu-entities: spacy
	@$(PY) -m bot.nlp.amount_accuracy --json var/cv/amounts.json

run: train migrate
	@$(PY) -m bot.serve

chat: venv
	@$(PY) -m bot.chat

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis models var
