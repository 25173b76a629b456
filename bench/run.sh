#!/bin/sh
# bench/run.sh [--db sqlite|postgres] [--scale N] [--duration S] — see bench/README.md
cd "$(dirname "$0")/.." || exit 1
[ -x .venv/bin/python ] || make .venv/.run-deps >/dev/null || exit 1
exec .venv/bin/python bench/run.py "$@"
