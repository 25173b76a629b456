"""hub.extensions.RouteLimiter: the limits written on routes hold, the per-request check is
skipped only while no default, application or blueprint limit exists (a limiter of its own on
a small app: the app's limiter is shared by every app of a test process)."""

from flask import Blueprint, Flask

from hub.extensions import RouteLimiter


def _app(blueprint_limit=None, **limits):
    app = Flask(__name__)
    limiter = RouteLimiter(key_func=lambda: "one client", storage_uri="memory://", **limits)
    bp = Blueprint("parts", __name__)

    @app.get("/plain")
    def plain():
        return "plain"

    @app.get("/limited")
    @limiter.limit("2 per minute")
    def limited():
        return "limited"

    @bp.get("/part")
    def part():
        return "part"

    if blueprint_limit:
        limiter.limit(blueprint_limit)(bp)
    app.register_blueprint(bp)
    limiter.init_app(app)
    return app, limiter, bp


def _statuses(client, path, times=3):
    return [client.get(path).status_code for _ in range(times)]


def test_a_route_limit_holds_without_any_default_limit():
    app, _, _ = _app()
    client = app.test_client()
    assert _statuses(client, "/limited") == [200, 200, 429]
    assert _statuses(client, "/plain", 5) == [200] * 5


def test_a_default_limit_still_counts_every_route():
    app, _, _ = _app(default_limits=["2 per minute"])
    client = app.test_client()
    assert _statuses(client, "/plain") == [200, 200, 429]


def test_an_application_limit_still_counts_every_route():
    app, _, _ = _app(application_limits=["3 per minute"])
    client = app.test_client()
    assert [*_statuses(client, "/plain", 2), *_statuses(client, "/part", 2)] == [200, 200, 200, 429]


def test_a_blueprint_limit_still_counts_its_routes():
    app, _, _ = _app(blueprint_limit="2 per minute")
    client = app.test_client()
    assert _statuses(client, "/part") == [200, 200, 429]
    assert _statuses(client, "/plain", 4) == [200] * 4
