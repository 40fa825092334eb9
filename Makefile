# The two commands a new user types: `make run` and `make test`. Everything else is set-up they call.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
# make test's pytest workers: one per core (2 on the reference machine); TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: install install-app system-deps run serve test lint geodata bench load arrival soak fuzz audit clean \
  plotly-bundle constants zh-hant extract profile

# The page's packages only (pyproject's dependencies), not the project itself: the app runs from this folder. No pip
# upgrade and no byte-compiling of the thousands of files the page never imports: `make run` serves sooner.
$(VENV)/.page-installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PYTHON) scripts/requirements.py page > $(VENV)/requirements-page.txt
	$(PY) -m pip install --quiet --no-compile --disable-pip-version-check -r $(VENV)/requirements-page.txt
	touch $@

# A server's runtime: the page, figures and lessons (kaleido, shapely, numpy, pikepdf) and gunicorn.
$(VENV)/.app-installed: $(VENV)/.page-installed
	$(PYTHON) scripts/requirements.py figures serve > $(VENV)/requirements-figures.txt
	$(PY) -m pip install --quiet --no-compile --disable-pip-version-check -r $(VENV)/requirements-figures.txt
	touch $@

# Everything the app, the layer build and the tests need.
$(VENV)/.all-installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[figures,serve,geo,test]' --config-settings editable_mode=compat
	touch $(VENV)/.page-installed $(VENV)/.app-installed $@

install-app: $(VENV)/.app-installed
install: $(VENV)/.all-installed

# Debian packages: Chromium for browser tests and figure export (never a downloaded browser),
# Noto CJK fonts so Japanese/Chinese/Cyrillic render offline, poppler-utils to check exported PDFs,
# librsvg2-bin (rsvg-convert) to turn an exported SVG into a vector PDF with CID fonts and into a PNG,
# ffmpeg to encode lesson videos (and ffprobe, tesseract to check them), nginx with Brotli for the reference
# deployment (deploy/, tests/deploy).
DEBIAN_PACKAGES := chromium fonts-noto-cjk fonts-noto-core poppler-utils librsvg2-bin ffmpeg tesseract-ocr tesseract-ocr-eng \
  nginx libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static libpangocairo-1.0-0
system-deps:
	@missing=$$(for p in $(DEBIAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

# The first page as soon as the page's packages are in; the figure tools install meanwhile (install-figures.log):
# a Download before they are in answers "try again in a minute".
run: $(VENV)/.page-installed
	@[ -f $(VENV)/.app-installed ] || { echo "make run: installing the figure tools in the background"\
	  "($(VENV)/install-figures.log)"; $(MAKE) --no-print-directory $(VENV)/.app-installed \
	  > $(VENV)/install-figures.log 2>&1 & }
	$(PY) -m app.run

# The 25 slowest tests are printed at the end: where the 15-minute budget on two cores goes.
test: install system-deps
	$(PY) -m ruff check .
	$(PY) -m pytest -n $(TEST_WORKERS) --durations=25

# Production: gunicorn, workers x threads sized for the machine (gunicorn.conf.py, docs/deploy.md).
serve: install-app
	$(VENV)/bin/gunicorn -c gunicorn.conf.py app.wsgi:server

# Bounded load on loopback (200 users, 90 s by default; one class: LOAD_ARGS="--users 30 --duration 45s").
load: install system-deps
	$(PY) tests/load/run_load.py $(LOAD_ARGS)

# A class, then a school, arriving at once: 30 and 200 page loads (cold cache) within 10 s; goal p95 <= 100 ms.
arrival: install system-deps
	$(PY) tests/load/run_load.py --arrival --users 30
	$(PY) tests/load/run_load.py --arrival --users 200

# Ten minutes at 200 users, worker recycling off, to measure memory growth.
soak: install system-deps
	ATLAS_MAX_REQUESTS=100000000 $(PY) tests/load/run_load.py --soak

# The thorough fuzzing profile (>= 10,000 cases); `make test` runs the quick one.
fuzz: install
	HYPOTHESIS_PROFILE=thorough $(PY) -m pytest -q -s -p no:logging tests/unit/test_fuzz_url_state.py \
	  tests/unit/test_fuzz_api.py tests/unit/test_fuzz_callbacks.py tests/unit/test_fuzz_export.py

lint: install
	$(PY) -m ruff check .

# assets/constants.js: the ids, date range and state values the browser's scripts read, written from app/ids.py and
# app/mapstate.py (tests/unit/test_jsconst.py fails when the committed file is stale).
constants: install-app
	$(PY) -m app.jsconst

# translations/zh_Hant: the Traditional Chinese catalogue, converted from the Simplified one with OpenCC and the
# reviewed terms in translations/zh_Hant/terms.yaml (app/hant.py; tests/unit/test_hant.py fails when it is stale).
zh-hant: install-app
	$(PY) -m app.hant

# The catalogues from what is marked: the interface's strings (babel.cfg, domain messages) and the words of the
# sources' citations in the timeline files (babel_sources.cfg, domain sources: app/source_words.py); ja, ru and zh
# updated (a new message arrives empty, and tests/unit/test_i18n_catalogues.py or test_source_words.py fails until
# it is translated), zh-Hant written from zh.
PYBABEL := $(VENV)/bin/pybabel
extract: install-app
	$(PYBABEL) extract -F babel.cfg -k t -k translate --no-location -o translations/messages.pot .
	$(PYBABEL) extract -F babel_sources.cfg --no-location -o translations/sources.pot .
	for domain in messages sources; do for lang in ja ru zh; do \
	  $(PYBABEL) update -D $$domain -l $$lang -i translations/$$domain.pot -d translations --no-fuzzy-matching \
	    || exit 1; done; done
	$(PY) -m app.hant

# Rebuild the committed layers from GSHHG (build-time input; running and testing use the committed files).
geodata: install
	$(PY) -m geodata.build.build_layers

# Known vulnerabilities in the installed, pinned set (needs the PyPI JSON API or osv.dev: not reachable
# from the development VM, where it stops with a connection error instead of reporting).
audit: install
	$(PY) -m pip_audit --strict --progress-spinner off --skip-editable

bench: install system-deps
	$(PY) scripts/bench_state.py
	$(PY) scripts/bench_classroom.py
	$(PY) scripts/bench_slider.py
	$(PY) scripts/bench_export.py
	$(PY) scripts/bench_lessons.py

# Where a keyboard step's time goes at 4x CPU (Chrome trace + V8 samples): phases, our files, Plotly, forced layouts,
# the top functions, and the Dash work after the frame. Not part of test or bench (about two minutes).
profile: install system-deps
	$(PY) scripts/profile_step.py $(PROFILE_ARGS)

# Rebuild the committed plotly.js partial bundle (bundles/plotly/) from the npm registry at the locked versions.
plotly-bundle:
	cd bundles/plotly && npm ci --no-audit --no-fund && node build.mjs

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
