# The two commands a new user runs (see README.md):
#   make demo   set up and run the main job on the bundled sample articles
#   make test   set up and run the whole test suite (CI runs exactly this)
#   make notebooks  install JupyterLab into the environment and open the notebooks/ folder
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test setup setup-test browser notebooks clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .

setup-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"

# The coalition-map tests drive a real headless Chromium (Debian's package).
browser:
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "note: install Chromium (e.g. 'sudo apt-get install chromium') to run the browser tests"; \
	  fi

demo: setup
	$(BIN)/armskg demo

# Not part of 'make test': the tests run the notebooks with nbclient, without a Jupyter server.
notebooks: setup
	$(BIN)/python -m pip install --quiet "jupyterlab>=4"
	$(BIN)/jupyter lab notebooks/

test: setup-test browser
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build *.egg-info armskg-store armskg-out .pytest_cache .mypy_cache .ruff_cache
