# Two commands for a fresh Debian/Ubuntu machine with Python 3.11+:
#   make run    install everything and open Curator on the built-in demo review
#   make test   install everything and run the whole test suite
# Also: make bench (benchmarks, not part of `make test`), make screenshot, make lint,
#   make package       the self-contained application in dist/ (PyInstaller) and its .tar.gz
#   make package-test  build it and run the packaged app (minutes; not part of `make test`)
#   make robustness    the import fuzzer (every format, mutations, bombs: 30 s / 1 GB per input),
#                      the kill -9 harness and the concurrency harness (tests/robustness/;
#                      about 20 minutes; a fast slice runs in `make test`)
#
# make bench runs every benchmark in tests/benchmarks (long: the 100,000-record runs
# dominate; figures and what each measures: docs/benchmarks.md): first the pytest ones
# (test_*.py and bench_*.py, which pytest's default pattern would leave out), then the
# scripts with the arguments docs/benchmarks.md quotes. bib-dedupe and ASReview, compared
# against, run from their own virtualenvs (BIBDEDUPE_PYTHON, ASREVIEW): without bib-dedupe
# the dedup scripts give Curator's figures only; without ASReview the side-by-side is
# skipped, saying so.
# Not benchmarks themselves: large_review.py, dedup_data.py, bibdedupe_runner.py (helpers).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
DEMO ?= demo.curator
PYTEST_ARGS ?=
SHARED ?= $(abspath ../shared)
ASREVIEW ?= /work/asreview-venv/bin/asreview
BIBDEDUPE_PYTHON ?= /work/bibdedupe-venv/bin/python
BENCH := CURATOR_SHARED=$(SHARED) PYTHONPATH=$(CURDIR) QT_QPA_PLATFORM=offscreen nice $(PY)

.PHONY: run test test-deps bench robustness screenshot lint system-deps install clean package package-test

system-deps:
	bash packaging/install-system-deps.sh

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,dev]'
	touch $@

install: system-deps $(VENV)/.installed

run: install
	$(VENV)/bin/curator demo --open $(DEMO)

test-deps:
	bash packaging/install-system-deps.sh --test

test: install test-deps
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest $(PYTEST_ARGS)

bench: install
	$(BENCH) -m pytest tests/benchmarks -s -q -p no:cacheprovider --override-ini addopts= \
		-o python_files="test_*.py bench_*.py"
	$(BENCH) -m tests.benchmarks.import_floor 100000
	$(BENCH) -m tests.benchmarks.import_ab 100000 .
	$(BENCH) -m tests.benchmarks.import_end_to_end 50000 2
	$(BENCH) -m tests.benchmarks.reader_rule 3
	$(BENCH) -m tests.benchmarks.first_retrain 20000 2000
	$(BENCH) -m tests.benchmarks.tfidf_vs_hashing
	$(BENCH) tests/benchmarks/dedup_queue_load.py
	BIBDEDUPE_PYTHON=$(BIBDEDUPE_PYTHON) $(BENCH) tests/benchmarks/dedup_speed.py
	BIBDEDUPE_PYTHON=$(BIBDEDUPE_PYTHON) $(BENCH) tests/benchmarks/dedup_accuracy.py
	@if [ -x "$(ASREVIEW)" ]; then \
		$(BENCH) tests/benchmarks/asreview_side_by_side.py --no-write --asreview $(ASREVIEW); \
	else echo "skipped asreview_side_by_side.py: no ASReview at $(ASREVIEW)"; fi

robustness: install
	status=0; \
	$(PY) -m tests.robustness.fuzz || status=1; \
	$(PY) -m tests.robustness.kill || status=1; \
	$(PY) -m tests.robustness.concurrency || status=1; \
	exit $$status

screenshot: install
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshot.py

$(VENV)/.package: $(VENV)/.installed
	$(PY) -m pip install --quiet -e '.[test,dev,package]'
	touch $@

package: install $(VENV)/.package
	PY=$(PY) bash packaging/package.sh

package-test: install $(VENV)/.package
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest tests/packaging/test_packaged_app.py -p no:cacheprovider --override-ini addopts="-ra --strict-markers"

lint: install
	$(VENV)/bin/ruff check curator tests scripts

clean:
	rm -rf $(VENV) build dist .pytest_cache
