# kg: `make demo` builds the seed graph and shows it; `make test` runs every test and the linter.
# Both create .venv (Python 3.11) and install the project with its pinned dependencies first;
# the install reruns only when pyproject.toml changes (stamp file .venv/.installed).

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
STORE  := $(CURDIR)/.kg-store
KG     := $(BIN)/kg --store $(STORE)

ASK_VISIT    := ASK { ?ru owl:sameAs wd:Q159 . ?kp owl:sameAs wd:Q423 . ?ru ?p ?kp . FILTER regex(str(?p), "visit", "i") }
ASK_SANCTION := ASK { ?us owl:sameAs wd:Q30 . ?ru owl:sameAs wd:Q159 . ?kp owl:sameAs wd:Q423 . ?us ?p ?ru . ?us ?p ?kp . FILTER regex(str(?p), "sanction", "i") }

.PHONY: all setup chromium virtuoso demo docs test lint bench bench-full train clean

all: demo

setup: $(STAMP) chromium virtuoso

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev,dask]'
	@touch $(STAMP)

# Debian's Chromium for the viewer screenshot and the browser tests (we run as root).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian chromium"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "note: could not install chromium; browser tests will skip"; \
	  fi; \
	fi

# Debian's Virtuoso 7.2.5 for the remote-store tests: tests/virtuoso_server.py runs its own
# virtuoso-t on free ports, so the package's service (1111/8890, started where policy-rc.d
# allows) is not needed. Noninteractive: debconf's dba-password question keeps its default.
virtuoso:
	@if [ ! -x /usr/bin/virtuoso-t ]; then \
	  if command -v apt-get >/dev/null 2>&1; then \
	    echo "installing Debian virtuoso-opensource"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	      -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
	      virtuoso-opensource >/dev/null) \
	      || echo "note: could not install virtuoso-opensource; Virtuoso tests will skip"; \
	  fi; \
	fi

demo: setup
	$(KG) build
	@for q in visits sanctions claims dyad modality; do \
	  echo; echo "== kg query $$q"; $(KG) query $$q || exit 1; \
	done
	@echo; echo "== Did Russia visit North Korea?"; $(KG) query '$(ASK_VISIT)'
	@echo "== Did the US sanction both Russia and North Korea?"; $(KG) query '$(ASK_SANCTION)'
	@echo; echo "== kg validate"
	@if $(BIN)/python -c 'import kg.cli.validate_cmd' 2>/dev/null; then $(KG) validate; \
	  else echo "(kg validate not available yet)"; fi
	@echo; echo "== kg viz"
	@if $(BIN)/python -c 'import kg.cli.viz_cmd' 2>/dev/null; then \
	  $(KG) viz --out out/seed-graph.html && \
	  if $(BIN)/python -c 'import kg.viz.screenshot' 2>/dev/null; then \
	    $(BIN)/python -c 'from kg.viz.screenshot import screenshot; screenshot("out/seed-graph.html", "out/seed-graph.png")' && \
	    echo "wrote out/seed-graph.png"; \
	  else echo "(screenshot not available yet)"; fi; \
	else echo "(kg viz not available yet)"; fi
	@echo; echo "== kg report"
	@if $(BIN)/python -c 'import kg.cli.report_cmd' 2>/dev/null; then $(KG) report --out out/report; \
	  else echo "(kg report not available yet)"; fi

# The README's screenshot (tracked, so `make demo` leaves it alone and writes out/ only).
docs: demo
	mkdir -p docs/img
	cp out/seed-graph.png docs/img/seed-graph.png
	@echo "wrote docs/img/seed-graph.png"

test: setup
	$(BIN)/pytest
	$(BIN)/ruff check

lint: setup
	$(BIN)/ruff check
	$(BIN)/ruff format --check kg tests

# Retrain the learned event model from data/annotations (train split; threshold tuned on dev;
# refit on train + dev) and write kg/learn/models/fr.pkl, which is committed.
train: setup
	$(BIN)/kg train --lang fr

# Benchmarks (bench/, see BENCHMARKS.md): tables in bench/results/*.md, the scale curve in
# docs/img/bench-scale.png. `bench` runs the quick sizes (about 15 min on 2 cores);
# `bench-full` adds 1M triples and 1M tokens (about an hour).
bench: setup chromium
	$(BIN)/python bench/run_all.py

bench-full: setup chromium
	$(BIN)/python bench/run_all.py --full

clean:
	rm -rf $(STORE) out .pytest_cache .ruff_cache
