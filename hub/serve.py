"""`python -m hub.serve [--host H] [--port P]`: the app with its embedded scheduler (`make run`).

Creates the app, starts the embedded scheduler (HUB_SCHEDULER=embedded, the default; at most one
per host, see hub.notify.scheduler) and serves with werkzeug's run_simple, threaded and without
the reloader, so exactly one process runs the scheduler. For production use gunicorn and
`flask --app wsgi hub scheduler` instead.
"""

import argparse
import ipaddress

from werkzeug.serving import run_simple

from hub import create_app
from hub.notify import scheduler


def served_url(host: str, port: int) -> str:
    """The address people reach this server at, for links in mails: a wildcard host (0.0.0.0,
    ::) is no address to link to, so links name this machine's loopback address instead."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:  # a host name
        return f"http://{host}:{port}"
    if ip.is_unspecified:
        return f"http://127.0.0.1:{port}"
    return f"http://[{host}]:{port}" if ip.version == 6 else f"http://{host}:{port}"


def build_app(host: str, port: int):
    """The app for this server. Links in mails (built by the embedded scheduler, outside any
    request) point to HUB_BASE_URL, and when that is not configured, to the served host and port:
    `make run PORT=5001` mails links to port 5001."""
    return create_app({"HUB_SERVED_URL": served_url(host, port)})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m hub.serve", description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    args = parser.parse_args(argv)
    app = build_app(args.host, args.port)
    scheduler.start_embedded(app)
    run_simple(args.host, args.port, app, threaded=True, use_reloader=False, use_debugger=False)


if __name__ == "__main__":
    main()
