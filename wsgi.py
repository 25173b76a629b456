"""WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi …`."""

import gc

from hub import create_app

app = create_app()

# What the app has built by now (modules, models, compiled templates: ~210,000 objects) lives as
# long as the process: frozen, a full collection no longer walks it. Each such collection cost
# ~110 ms of CPU, inside whichever request triggered it: one within the first ~30 search pages,
# then one every several hundred (bench/results/2026-12-06-s6-srch.md, round 2).
gc.collect()
gc.freeze()
