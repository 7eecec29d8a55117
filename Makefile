# fairweather: the two commands a newcomer needs.
#   make demo   set up .venv and run the main job (the June 2025 Iran scenario) on the embedded pack
#   make test   set up .venv with test extras and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip

.PHONY: demo test typecheck venv venv-test clean bench constraints test-latest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(PIP) install --quiet -c constraints.txt -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install --quiet -c constraints.txt -e ".[test,spark]"
	@touch $@

venv: $(VENV)/.installed
venv-test: $(VENV)/.installed-test

demo: venv
	$(BIN)/fairweather forecast --target IRN --attackers ISR,USA --date 2025-06-13
	$(BIN)/fairweather report --target IRN --attackers ISR,USA --date 2025-06-13 --bloc CRINK --compare NATO,CSTO --out out/iran-2025.html

test: venv-test
	$(BIN)/python -m pytest

# the package's types (mypy, configured in pyproject.toml); .ci/run runs it before the tests
typecheck: venv-test
	$(BIN)/python -m mypy

bench: venv-test
	$(BIN)/python benchmarks/forecast_speed.py
	$(BIN)/python benchmarks/events_throughput.py --sizes 1000000

# the exact versions of the test environment, for constraints.txt (after a deliberate upgrade)
constraints: venv-test
	@{ sed -n '1,/^# `make constraints`/p' constraints.txt; $(BIN)/python -m pip freeze --exclude-editable | grep -v '^#'; } > constraints.new
	@mv constraints.new constraints.txt
	@echo "wrote constraints.txt; refit the shipped parameters: $(BIN)/fairweather model fit --history"

# the newest versions pyproject.toml allows, in a separate venv (run it on a schedule; a failure of the
# byte-for-byte test there means the next upgrade needs a refit, anything else is a real incompatibility)
test-latest:
	$(PYTHON) -m venv .venv-latest
	.venv-latest/bin/python -m pip install --quiet --upgrade pip
	.venv-latest/bin/python -m pip install --quiet --upgrade -e ".[test,spark]"
	.venv-latest/bin/python -m pytest

clean:
	rm -rf $(VENV) .venv-latest out artifacts .pytest_cache
