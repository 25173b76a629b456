"""gunicorn settings for a Park Hub web host (deploy/parkhub-web.service).

Threads in each worker, workers by cores; override with GUNICORN_WORKERS / GUNICORN_THREADS /
GUNICORN_BIND in /etc/parkhub/env."""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
keepalive = 5
timeout = 60  # uploads are at most 20 MB and nginx buffers them
graceful_timeout = 30
max_requests = 5000  # recycle workers now and then
max_requests_jitter = 500
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"  # journald
errorlog = "-"
loglevel = "info"
