# Every target sets up what it needs: `make run` and `make test` work on a fresh clone.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test check bench lock clean

install: $(STAMP)

# Reinstall only when the pinned dependencies or the project metadata change.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

run: install
	$(BIN)/skilltree serve

# Test worker processes (pytest-xdist). The suite waits on subprocesses, servers and a browser as
# much as it computes, so more workers than cores pay; `make test TEST_WORKERS=0` runs in one process.
TEST_WORKERS ?= 4

test: install
	$(BIN)/skilltree check content --strict
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

check: install
	$(BIN)/skilltree check content --strict

bench: install
	$(BIN)/python bench/check_speed.py
	$(BIN)/python bench/cli_startup.py
	$(BIN)/python bench/progress_speed.py
	$(BIN)/python bench/review_speed.py
	$(BIN)/python bench/search_speed.py
	$(BIN)/python bench/ladder_speed.py
	$(BIN)/python bench/web_speed.py
	$(BIN)/python bench/map_speed.py
	$(BIN)/python bench/team_dashboard.py

# Regenerate the lock file after editing dependencies in pyproject.toml (needs uv).
lock:
	uv pip compile pyproject.toml --extra dev -o requirements.lock --python-version 3.11

clean:
	rm -rf $(VENV) build src/*.egg-info
