# Two entry points for a fresh machine: `make demo` and `make test` (which runs `make lint` first).
# Both create .venv, install the pinned, hash-checked dependencies and polemos itself.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.polemos-installed

.PHONY: setup demo lint test test-setup clean-venv

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

# Lint and check the layout (ruff) and type-check (mypy) with the pinned tools; both read pyproject.toml.
lint: setup
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy

test: test-setup lint
	$(BIN)/python -m pytest -q

clean-venv:
	rm -rf $(VENV)
