"""Behind nginx (HUB_PROXY_HOPS=1) the audit log keeps the real client address."""

import pytest

from hub.audit.models import AuditEntry
from hub.extensions import db
from tests.conftest import PASSWORD, CsrfClient


@pytest.mark.parametrize(("hops", "expected"), [(0, "127.0.0.1"), (1, "203.0.113.7")])
def test_audit_ip_follows_the_proxy_setting(app, client, make_user, hops, expected):
    from hub import create_app

    config = {k: app.config[k] for k in ("TESTING", "SECRET_KEY", "SQLALCHEMY_DATABASE_URI",
                                         "WTF_CSRF_ENABLED", "HUB_SCHEDULER",
                                         "HUB_PASSWORD_METHOD")}
    proxied = create_app({**config, "HUB_PROXY_HOPS": hops})
    proxied.test_client_class = CsrfClient
    user = make_user(park="醴陵经开区")
    with proxied.test_client() as c:
        # a browser sends the referrer that Flask-WTF checks on https
        headers = {"X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https",
                   "Referer": "https://localhost/account/password"}
        c.post("/login", data={"username": user.username, "password": PASSWORD},
               headers=headers, environ_base={"REMOTE_ADDR": "127.0.0.1"})
        resp = c.post("/account/password", headers=headers,
                      environ_base={"REMOTE_ADDR": "127.0.0.1"},
                      data={"current_password": PASSWORD, "new_password": "another-secret-9",
                            "confirm_password": "another-secret-9"})
        assert resp.status_code == 302
    db.session.remove()
    entry = db.session.execute(
        db.select(AuditEntry).where(AuditEntry.action == "change_password")
    ).scalar_one()
    assert entry.ip == expected
