"""`make run PORT=5001` (python -m hub.serve --port 5001): links in mails point to that port
(issue 10, item 12). Mails are built by the scheduler outside any request, from HUB_BASE_URL."""

import pytest

from hub import serve
from hub.notify import render


@pytest.fixture
def served(monkeypatch, tmp_path):
    """serve.main(argv) without serving: returns the app it would serve (and schedule with)."""
    monkeypatch.setenv("SECRET_KEY", "test-secret-key")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'serve.sqlite3'}")
    monkeypatch.delenv("HUB_BASE_URL", raising=False)
    seen = {}
    monkeypatch.setattr(serve.scheduler, "start_embedded", lambda app: seen.setdefault("s", app))
    monkeypatch.setattr(serve, "run_simple",
                        lambda host, port, app, **kw: seen.update(host=host, port=port, app=app))

    def run(*argv):
        serve.main(list(argv))
        assert seen["s"] is seen["app"]  # the scheduler builds mails with the served app
        return seen["app"]

    return run


def mail_link(app) -> str:
    with app.app_context():
        return render.link("calendar.index")


def test_links_in_mails_point_to_the_served_port(served):
    app = served("--port", "5001")
    assert app.config["HUB_BASE_URL"] == "http://127.0.0.1:5001"
    assert mail_link(app) == "http://127.0.0.1:5001/calendar/"


def test_the_default_port_still_gives_5000(served):
    assert mail_link(served()) == "http://127.0.0.1:5000/calendar/"


@pytest.mark.parametrize(("host", "base"), [
    ("0.0.0.0", "http://127.0.0.1:5002"),  # noqa: S104 - a wildcard is no address to link to
    ("::", "http://127.0.0.1:5002"),
    ("::1", "http://[::1]:5002"),
    ("hub.local", "http://hub.local:5002"),
])
def test_the_served_host_names_the_links(served, host, base):
    assert served("--host", host, "--port", "5002").config["HUB_BASE_URL"] == base


def test_a_configured_base_url_wins(served, monkeypatch):
    monkeypatch.setenv("HUB_BASE_URL", "https://hub.zhuzhou.example")
    app = served("--port", "5001")
    assert mail_link(app) == "https://hub.zhuzhou.example/calendar/"


def test_outside_make_run_the_default_stays(app):
    # gunicorn, `flask hub scheduler`: nothing was served from here, the documented default
    assert app.config["HUB_BASE_URL"] == "http://127.0.0.1:5000"
