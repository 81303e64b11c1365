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

.PHONY: venv demo test test-bi lint bench fuzz dictionary clean

venv: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	mkdir -p "$(PREFECT_HOME)"
	$(BIN)/jixiao demo

# One pytest-xdist worker per core, a test module per work unit, the longest first
# (tests/conftest.py): on two cores, about 60% of the wall time of one process. The interrupt
# tests run beside the others: neither the temporary Prefect API nor an extraction worker is
# in reach of the Ctrl-C they send (each has a session of its own), so nothing but
# "jixiao: interrupted" reaches the terminal, however busy the machine.
test: $(STAMP)
	mkdir -p "$(PREFECT_HOME)"
	$(BIN)/python -m pytest -q -n auto --dist loadfile --no-loadscope-reorder

# Opt-in: the Superset recipe of docs/bi.md against a real Apache Superset 6.1 in its own venv
# (~1 GB, minutes; duckdb 1.4 as BI drivers bundle it), served by gunicorn with the shipped
# bi/superset/superset_config.py, then a headless-Chromium look at the dashboard. Not part of `make test`.
# Superset 6.1 also needs rich, cachetools and flask-caching 2.3.1, which its metadata does not pin.
SUPERSET_VENV ?= var/bi/superset-venv
$(SUPERSET_VENV)/.installed:
	test -x $(SUPERSET_VENV)/bin/python || $(PYTHON) -m venv $(SUPERSET_VENV)
	$(SUPERSET_VENV)/bin/python -m pip install -q --upgrade pip
	$(SUPERSET_VENV)/bin/python -m pip install -q 'apache-superset==6.1.0' 'duckdb-engine==0.17.*' \
	    'duckdb>=1.4,<1.5' pytz rich cachetools 'flask-caching==2.3.1'
	touch $@

# The browser check needs Debian's Chromium, its driver and a CJK font for the screenshot (nothing is
# downloaded at run time):
# apt-get install -y chromium chromium-driver fonts-noto-cjk
test-bi: $(STAMP) $(SUPERSET_VENV)/.installed
	@{ test -x /usr/bin/chromium -a -x /usr/bin/chromedriver && fc-list :lang=zh | grep -q . ; } || { echo "make test-bi: install Debian's chromium, chromium-driver and fonts-noto-cjk first (apt-get install -y chromium chromium-driver fonts-noto-cjk)"; exit 2; }
	$(BIN)/python -m tests.superset_check --superset-venv $(SUPERSET_VENV)

lint: $(STAMP)
	$(BIN)/ruff check extract transform warehouse reports flows tests benchmarks
	$(BIN)/mypy --strict extract transform

# The quick benchmarks; benchmarks/flow_overhead.py, scale.py and fuzz_long.py run for minutes.
bench: $(STAMP)
	$(BIN)/python benchmarks/startup.py
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
