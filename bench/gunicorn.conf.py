"""gunicorn settings for bench/run.py: threads, and workers by cores (override with env)."""

import multiprocessing
import os

workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = os.environ.get("GUNICORN_CLASS", "gthread")  # or "sync" (one request a worker)
threads = int(os.environ.get("GUNICORN_THREADS", 2))
keepalive = 5
timeout = 60
accesslog = None  # a log line per request would measure the disk
errorlog = "-"
loglevel = "warning"
