"""Shared fixtures: app (SQLite, and PostgreSQL when HUB_TEST_POSTGRES_URL is set), client,
runner, login helper and factories.

The schema comes from the migrations (`flask db upgrade`), never from `create_all`, so every
test also exercises them. SQLite: one migrated template file per run, copied per test.
PostgreSQL: migrated once per run, tables emptied after each test.
"""

import hashlib
import os
import shutil
from pathlib import Path

import pytest
from flask import g, request_started, request_tearing_down
from flask.testing import FlaskClient
from flask_migrate import upgrade
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import text

from hub import create_app
from hub.auth.models import Role, User
from hub.extensions import db, limiter
from hub.parks.models import Park, ParkKind

PASSWORD = "correct-horse-42"
POSTGRES_URL = os.environ.get("HUB_TEST_POSTGRES_URL", "")
BACKENDS = ["sqlite"] + (["postgresql"] if POSTGRES_URL else [])


def _fresh_request_globals(sender, **extra) -> None:
    """The `app` fixture keeps an app context open and Flask reuses it for every request, so `g`
    (Flask-Login's current user, Flask-Babel's locale, Flask-WTF's CSRF check) would leak from one
    request, and one client, to the next. A real request starts with an empty `g`."""
    vars(g).clear()


def _drop_uncommitted_work(sender, **extra) -> None:
    """As in production, what a request did not commit is lost; loaded objects reload."""
    db.session.rollback()


request_started.connect(_fresh_request_globals)
request_tearing_down.connect(_drop_uncommitted_work)


def base_config(database_uri: str, instance: Path) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_uri,
        "HUB_SCHEDULER": "off",
        "HUB_PASSWORD_METHOD": "pbkdf2:sha256:1000",  # fast; production uses scrypt
        "SERVER_NAME": None,
    }


class CsrfClient(FlaskClient):
    """A test client that sends the CSRF token as a browser's form would: every POST (PUT,
    PATCH, DELETE) without one carries the session's token, signed as Flask-WTF signs the token
    it renders into each form. CSRF protection stays on; `bare_client` sends no token."""

    UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})

    def open(self, *args, **kwargs):
        method = (kwargs.get("method") or "GET").upper()
        data = kwargs.get("data")
        has_field = isinstance(data, dict) and "csrf_token" in data
        if method in self.UNSAFE and not has_field:
            headers = dict(kwargs.get("headers") or {})
            headers.setdefault("X-CSRFToken", self.csrf_token())
            base_url = kwargs.get("base_url") or ""
            if base_url.startswith("https://"):  # Flask-WTF checks the referrer on https
                headers.setdefault("Referer", base_url.rstrip("/") + "/")
            kwargs["headers"] = headers
        return super().open(*args, **kwargs)

    def csrf_token(self) -> str:
        """The token a page of this session would render (Flask-WTF's generate_csrf)."""
        app = self.application
        with self.session_transaction() as session:
            raw = session.get("csrf_token")
            if raw is None:
                raw = session["csrf_token"] = hashlib.sha1(os.urandom(64)).hexdigest()  # noqa: S324
        secret = app.config.get("WTF_CSRF_SECRET_KEY") or app.secret_key
        return URLSafeTimedSerializer(secret, salt="wtf-csrf-token").dumps(raw)


def pg_uri(url: str) -> str:
    return "postgresql+psycopg://" + url.split("://", 1)[1]


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("template")
    path = folder / "template.sqlite3"
    app = create_app(base_config(f"sqlite:///{path}", folder))
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return path


@pytest.fixture(scope="session")
def postgres_migrated(tmp_path_factory):
    if not POSTGRES_URL:
        pytest.skip("HUB_TEST_POSTGRES_URL is not set")
    app = create_app(base_config(pg_uri(POSTGRES_URL), tmp_path_factory.mktemp("pg")))
    with app.app_context():
        upgrade()
        _PG_BASELINE.update(_max_ids())
        db.engine.dispose()
    return pg_uri(POSTGRES_URL)


# rows the migrations put in (e.g. the default notice categories) survive between tests
_PG_BASELINE: dict[str, int] = {}


def _max_ids() -> dict[str, int]:
    out = {}
    for table in db.metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key:
            out[table.name] = db.session.execute(
                text(f'SELECT COALESCE(MAX(id), 0) FROM "{table.name}"')
            ).scalar_one()
    db.session.commit()
    return out


def _empty_postgres() -> None:
    """Delete what the test added (DELETE is far faster than TRUNCATE on small tables)."""
    for table in reversed(db.metadata.sorted_tables):
        if table.name in _PG_BASELINE:
            db.session.execute(
                text(f'DELETE FROM "{table.name}" WHERE id > :baseline'),
                {"baseline": _PG_BASELINE[table.name]},
            )
        else:
            db.session.execute(text(f'DELETE FROM "{table.name}"'))
    db.session.commit()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def app_config() -> dict:
    """Override in a test module to change the configuration."""
    return {}


@pytest.fixture
def app(backend, request, tmp_path, app_config):
    if backend == "sqlite":
        path = tmp_path / "test.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        uri = f"sqlite:///{path}"
    else:
        uri = request.getfixturevalue("postgres_migrated")
    config = base_config(uri, tmp_path)
    config.update(app_config)
    app = create_app(config)
    app.test_client_class = CsrfClient
    app.instance_path = str(tmp_path / "instance")
    Path(app.instance_path).mkdir(exist_ok=True)
    with app.app_context():
        limiter.reset()
        yield app
        db.session.remove()
        if backend == "postgresql":
            _empty_postgres()
        db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def bare_client(app):
    """A client that sends no CSRF token (a forged cross-site POST)."""
    return FlaskClient(app, app.response_class, use_cookies=True)


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


# --- factories --------------------------------------------------------------------------------
@pytest.fixture
def make_park(app):
    counter = {"n": 0}

    def make(name: str | None = None, *, short_name: str | None = None,
             kind: ParkKind = ParkKind.PROVINCIAL, active: bool = True) -> Park:
        if name:
            existing = db.session.execute(db.select(Park).where(Park.name == name)).scalar()
            if existing:
                return existing
        counter["n"] += 1
        name = name or f"测试园区{counter['n']}"
        park = Park(name=name, short_name=short_name or name[:30], kind=kind, active=active)
        db.session.add(park)
        db.session.commit()
        return park

    return make


@pytest.fixture
def make_user(app, make_park):
    counter = {"n": 0}

    def make(*, park: str | Park | None = None, role: str | Role = Role.STAFF,
             username: str | None = None, password: str = PASSWORD, active: bool = True,
             must_change_password: bool = False, display_name: str | None = None) -> User:
        counter["n"] += 1
        if not isinstance(park, Park):
            park = make_park(park or "田心高科园")
        role = Role(role) if isinstance(role, str) else role
        user = User(
            username=username or f"user{counter['n']}",
            display_name=display_name or f"用户{counter['n']}",
            email=f"user{counter['n']}@example.test",
            park=park,
            role=role,
            active=active,
        )
        user.set_password(password, temporary=must_change_password)
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def login(client):
    """login(user) signs the test client in; returns the response of the login POST."""

    def do_login(user: User | str, password: str = PASSWORD, *, remember: bool = False,
                 use_client=None):
        username = user if isinstance(user, str) else user.username
        data = {"username": username, "password": password}
        if remember:
            data["remember"] = "y"
        return (use_client or client).post("/login", data=data)

    return do_login
