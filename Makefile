# fairweather: the two commands a newcomer needs.
#   make demo   set up .venv and run the main job (the June 2025 Iran scenario) on the embedded pack
#   make test   set up .venv with test extras and run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PIP    := $(BIN)/python -m pip

.PHONY: demo test venv venv-test clean bench

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(PIP) install --quiet -e .
	@touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install --quiet -e ".[test,spark]"
	@touch $@

venv: $(VENV)/.installed
venv-test: $(VENV)/.installed-test

demo: venv
	$(BIN)/fairweather forecast --target IRN --attackers ISR,USA --date 2025-06-13
	$(BIN)/fairweather report --target IRN --attackers ISR,USA --date 2025-06-13 --bloc CRINK --compare NATO,CSTO --out out/iran-2025.html

test: venv-test
	$(BIN)/python -m pytest

bench: venv-test
	$(BIN)/python benchmarks/forecast_speed.py
	$(BIN)/python benchmarks/events_throughput.py --sizes 1000000

clean:
	rm -rf $(VENV) out artifacts .pytest_cache
