# The README's commands: `make demo` (a demo county end to end) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

# Prefect runs on a temporary local API unless PREFECT_API_URL says otherwise; keep its
# state inside the work tree and its start-up patient on two loaded cores.
export PREFECT_HOME ?= $(CURDIR)/var/prefect
export PREFECT_SERVER_ANALYTICS_ENABLED ?= false
export PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS ?= 120
export PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW ?= ignore

.PHONY: venv demo test lint bench fuzz dictionary clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p "$(PREFECT_HOME)"
	$(BIN)/jixiao demo

test: $(STAMP)
	mkdir -p "$(PREFECT_HOME)"
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check extract transform warehouse flows tests benchmarks
	$(BIN)/mypy --strict extract transform

# The quick benchmarks; benchmarks/flow_overhead.py, scale.py and fuzz_long.py run for minutes.
bench: $(STAMP)
	$(BIN)/python benchmarks/extract_speed.py
	$(BIN)/python benchmarks/load_speed.py
	$(BIN)/python benchmarks/guard_overhead.py

# A 10-minute fuzz run of the extractor (the last figures are in benchmarks/RESULTS.md).
fuzz: $(STAMP)
	$(BIN)/python benchmarks/fuzz_long.py --minutes 10

dictionary: $(STAMP)
	$(BIN)/python -m warehouse.dictionary

clean:
	rm -rf var build *.egg-info
