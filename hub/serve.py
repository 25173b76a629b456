"""`python -m hub.serve [--host H] [--port P]`: the app with its embedded scheduler (`make run`).

Creates the app, starts the embedded scheduler (HUB_SCHEDULER=embedded, the default; at most one
per host, see hub.notify.scheduler) and serves with werkzeug's run_simple, threaded and without
the reloader, so exactly one process runs the scheduler. For production use gunicorn and
`flask --app wsgi hub scheduler` instead.
"""

import argparse

from werkzeug.serving import run_simple

from hub import create_app
from hub.notify import scheduler


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m hub.serve", description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5000)
    args = parser.parse_args(argv)
    app = create_app()
    scheduler.start_embedded(app)
    run_simple(args.host, args.port, app, threaded=True, use_reloader=False, use_debugger=False)


if __name__ == "__main__":
    main()
