# Park Hub (园区协同平台) — `make run` and `make test` do all the set-up themselves.
PORT ?= 5000
VENV ?= .venv
PY := $(VENV)/bin/python
FLASK := $(PY) -m flask --app wsgi
PYTEST_ARGS ?=
# test processes (pytest-xdist): auto = one per CPU; 0 runs the tests in the make process itself
PYTEST_WORKERS ?= auto

.PHONY: run test lint translations extract-messages clean-venv

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

$(VENV)/.run-deps: requirements.txt | $(PY)
	$(PY) -m pip install -q -r requirements.txt
	touch $@

$(VENV)/.dev-deps: requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.run-deps

# hub/translations/zh links to zh_CN: Babel resolves zh_CN to zh_Hans_CN, which gettext finds as "zh"
translations: $(VENV)/.run-deps
	$(PY) -m babel.messages.frontend compile -d hub/translations -l zh_CN
	$(PY) -m babel.messages.frontend compile -d hub/translations -l en

run: $(VENV)/.run-deps translations
	$(FLASK) db upgrade
	$(FLASK) hub seed-demo
	@echo "Park Hub: http://127.0.0.1:$(PORT)/  (reminder scheduler embedded; Ctrl-C stops both)"
	$(PY) -m hub.serve --host 127.0.0.1 --port $(PORT)

test: $(VENV)/.dev-deps translations
	$(PY) -m pytest -n $(PYTEST_WORKERS) --dist loadgroup $(PYTEST_ARGS)

lint: $(VENV)/.dev-deps
	$(VENV)/bin/ruff check .

# after changing UI strings: extract, merge into both catalogs, then translate the new entries
extract-messages: $(VENV)/.run-deps
	$(PY) -m babel.messages.frontend extract -F babel.cfg -k _l -c TRANSLATORS: -o hub/translations/messages.pot .
	$(PY) -m babel.messages.frontend update -i hub/translations/messages.pot -d hub/translations -l zh_CN
	$(PY) -m babel.messages.frontend update -i hub/translations/messages.pot -d hub/translations -l en
	$(PY) scripts/i18n_fill.py en
	-$(PY) scripts/i18n_fill.py --missing zh_CN

clean-venv:
	rm -rf $(VENV)
