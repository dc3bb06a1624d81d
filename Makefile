# Two entry points for a fresh machine: `make demo` and `make test`.
# Both create .venv, install the pinned, hash-checked dependencies and polemos itself.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.polemos-installed

.PHONY: setup demo test test-setup clean-venv

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml web-src/package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	bash scripts/build-web-assets.sh
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: setup
	$(BIN)/polemos demo

test-setup: setup
	bash scripts/install-test-deps.sh
	bash scripts/install-postgres.sh

test: test-setup
	$(BIN)/python -m pytest -q

clean-venv:
	rm -rf $(VENV)
