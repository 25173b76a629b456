"""GET /healthz: 200 JSON with the database status, no login needed."""

from hub import create_app
from tests.conftest import base_config


def test_healthz_reports_database_ok(client):
    resp = client.get("/healthz")
    assert resp.status_code == 200
    assert resp.is_json
    body = resp.get_json()
    assert body["database"] == "ok"
    assert body["status"] == "ok"
    assert body["scheduler"]["mode"] == "off"


def test_healthz_reports_an_unreachable_database(tmp_path):
    uri = f"sqlite:///{tmp_path}/missing-dir/nowhere.sqlite3"
    app = create_app(base_config(uri, tmp_path))
    resp = app.test_client().get("/healthz")
    assert resp.status_code == 503
    assert resp.get_json()["database"] == "error"


def test_unknown_health_path_answers_json(client):
    resp = client.get("/healthz/nothing")
    assert resp.status_code == 404
    assert resp.is_json
