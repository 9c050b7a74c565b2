# montage: `make run` starts the app, `make test` runs every test.
# Both set everything up on a fresh machine first.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test check bench sounds screenshots setup clean

run: $(STAMP)
	@$(BIN)/montage $(ARGS)

test: $(STAMP)
	@sh scripts/system-deps.sh --browser
	@sh scripts/system-deps.sh --postgres
	$(BIN)/python -m pytest $(PYTEST_ARGS)

check: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache

sounds: $(STAMP)
	$(BIN)/python -m montage.sound.render sounds

screenshots: $(STAMP)
	$(BIN)/python tests/screenshots.py

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	$(BIN)/python -m benchmarks

setup: $(STAMP)

$(STAMP): pyproject.toml scripts/system-deps.sh
	@sh scripts/system-deps.sh
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
