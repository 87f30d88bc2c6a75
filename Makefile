# The two commands of the README: `make run` and `make test`. Everything else helps them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= $(or $(STREAMLIT_SERVER_PORT),8501)

.PHONY: run test validate lint format bench screenshots schema browser-deps clean

# (Re)create the virtual environment when it is missing or pyproject.toml changed.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)  ## start the dashboard on the bundled data at http://localhost:$(PORT)
	$(BIN)/streamlit run app.py --server.port $(PORT) --server.headless true \
		--browser.gatherUsageStats false

test: $(STAMP)  ## the whole suite: lint, unit, app and browser tests
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

validate: $(STAMP)
	$(BIN)/python -m indicators validate

schema: $(STAMP)
	$(BIN)/python -m indicators schema

bench: $(STAMP)  ## benchmarks/RESULTS.md (load, memory, server time) and SESSIONS.md (browser)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/sessions.py

screenshots: $(STAMP)
	$(BIN)/python tools/screenshots.py docs/screenshots

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .cache .pytest_cache
