"""Shared fixtures: app (SQLite, and PostgreSQL when HUB_TEST_POSTGRES_URL is set), client,
runner, login helper and factories.

The schema comes from the migrations (`flask db upgrade`), never from `create_all`, so every
test also exercises them. SQLite: one migrated template file per run, copied per test (so ids
start afresh, as in a new database). PostgreSQL: migrated once per run, the rows a test added
deleted after it (sequences go on: ids are never reused). The app itself is made once per
backend and `app_config` and put back as create_app left it before each test (`_CachedApp`).
Under pytest-xdist each worker has its own PostgreSQL database (`worker_url`).
"""

import copy
import hashlib
import os
import shutil
import sqlite3
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from flask import g, request_started, request_tearing_down
from flask.testing import FlaskClient
from flask_migrate import upgrade
from itsdangerous import URLSafeTimedSerializer
from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from werkzeug.security import generate_password_hash

from hub import create_app
from hub.auth import services as auth_services
from hub.auth.models import Role, User
from hub.extensions import db, limiter
from hub.parks.models import Park, ParkKind

PASSWORD = "correct-horse-42"
# pytest-xdist (`make test` runs `pytest -n auto`): each worker (gw0, gw1, …) runs its tests on a
# database of its own, <name>_<worker> on the server of HUB_TEST_POSTGRES_URL, created when the
# worker starts and dropped when it ends (`_worker_postgres_database`).
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
SERVER_POSTGRES_URL = os.environ.get("HUB_TEST_POSTGRES_URL", "")


def worker_url(url: str, worker: str) -> str:
    """The database URL a worker uses: the given one with `_<worker>` after the database name."""
    if not (url and worker):
        return url
    parts = urlsplit(url)
    name = f"{parts.path.lstrip('/')[:55]}_{worker}"  # PostgreSQL names: at most 63 bytes
    return urlunsplit(parts._replace(path=f"/{name}"))


POSTGRES_URL = worker_url(SERVER_POSTGRES_URL, WORKER)
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


@event.listens_for(Engine, "connect")
def _commit_without_fsync(dbapi_connection, connection_record) -> None:
    """The tests' databases are thrown away: a commit need not wait for the disk. SQLite:
    PRAGMA synchronous=OFF (journal, locking and isolation stay as they are); PostgreSQL:
    synchronous_commit off for the session (a commit is visible to every other session at once,
    as before; only a server crash could lose it). On a busy disk each commit's fsync costs
    milliseconds to tens of milliseconds, and the tests commit many thousand times. Processes
    the tests start (schedulers, servers) keep the defaults."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute("PRAGMA synchronous = OFF")
    elif type(dbapi_connection).__module__.startswith("psycopg"):
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True
        dbapi_connection.execute("SET synchronous_commit = off")
        dbapi_connection.autocommit = autocommit


TEST_PASSWORD_METHOD = "pbkdf2:sha256:1000"  # fast; production uses scrypt


def base_config(database_uri: str, instance: Path) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_uri,
        "HUB_SCHEDULER": "off",
        "HUB_PASSWORD_METHOD": TEST_PASSWORD_METHOD,
        "SERVER_NAME": None,
        # explicit: Flask-Limiter's init_app defaults it to the previous app's value
        "RATELIMIT_ENABLED": True,
    }


# An unknown username is checked against a dummy hash, so that both paths cost the same: made
# with production's method (scrypt, ~0.2 s a check) at import. The tests' accounts use the fast
# method, so the dummy hash does too. tests/auth/test_password_method.py checks the real ones.
PRODUCTION_DUMMY_HASH = auth_services._DUMMY_HASH
auth_services._DUMMY_HASH = generate_password_hash("not-a-real-password",
                                                   method=TEST_PASSWORD_METHOD)


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


@pytest.fixture(scope="session", autouse=True)
def _worker_postgres_database():
    """Under pytest-xdist with HUB_TEST_POSTGRES_URL: this worker's own database, made empty."""
    if not (WORKER and POSTGRES_URL):
        yield
        return
    import psycopg

    name = urlsplit(POSTGRES_URL).path.lstrip("/")
    with psycopg.connect(SERVER_POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield
    finally:
        with psycopg.connect(SERVER_POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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
    """Delete what the test added (DELETE is far faster than TRUNCATE on small tables), children
    first, in one round trip (a DO block)."""
    statements = []
    for table in reversed(db.metadata.sorted_tables):
        baseline = _PG_BASELINE.get(table.name)
        where = f" WHERE id > {int(baseline)}" if baseline is not None else ""
        statements.append(f'DELETE FROM "{table.name}"{where};')
    db.session.execute(text("DO $reset$ BEGIN " + " ".join(statements) + " END $reset$"))
    db.session.commit()


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def app_config() -> dict:
    """Override in a test module to change the configuration."""
    return {}


class _CachedApp:
    """One app per backend and `app_config`, made once per run: create_app costs about 0.1 s
    (werkzeug compiles every URL rule), far more than most tests. Before each test the app is
    put back as create_app left it: its configuration and extensions, an instance folder of the
    test's own, and the database (SQLite: a fresh copy of the migrated template; PostgreSQL:
    emptied after each test)."""

    def __init__(self, app, db_path: Path | None):
        self.app = app
        self.db_path = db_path
        self.config = dict(app.config)
        self.extensions = set(app.extensions)

    def fresh(self, template: Path | None, instance: Path) -> None:
        app = self.app
        try:
            config = copy.deepcopy(self.config)
        except Exception:  # noqa: BLE001 - an uncopyable value: the values themselves
            config = dict(self.config)
        app.config.clear()
        app.config.update(config)
        for name in set(app.extensions) - self.extensions:  # e.g. "hub_scheduler_checked"
            del app.extensions[name]
        app._got_first_request = False
        app.instance_path = str(instance)
        instance.mkdir(exist_ok=True)
        if self.db_path is not None:
            with app.app_context():
                db.engine.dispose()
            # a new file (new inode): a connection a test left open keeps its own old file
            staging = self.db_path.with_suffix(".copy")
            shutil.copyfile(template, staging)
            os.replace(staging, self.db_path)


class _AppCache:
    SIZE = 8  # app_config values that differ per test (a port, a folder) must not pile up

    def __init__(self, folder: Path):
        self.folder = folder
        self.apps: dict[tuple, _CachedApp] = {}
        self.made = 0

    def get(self, backend: str, app_config: dict, database_uri) -> _CachedApp:
        key = (backend, repr(sorted(app_config.items())))
        entry = self.apps.pop(key, None)
        if entry is None:
            self.made += 1
            db_path = None
            if backend == "sqlite":
                db_path = self.folder / f"app{self.made}.sqlite3"
                uri = f"sqlite:///{db_path}"
            else:
                uri = database_uri()
            config = base_config(uri, self.folder)
            config.update(app_config)
            app = create_app(config)
            app.test_client_class = CsrfClient
            entry = _CachedApp(app, db_path)
            while len(self.apps) >= self.SIZE:
                self.close(self.apps.pop(next(iter(self.apps))))
        self.apps[key] = entry  # the most recently used last
        return entry

    @staticmethod
    def close(entry: _CachedApp) -> None:
        with entry.app.app_context():
            db.session.remove()
            db.engine.dispose()

    def close_all(self) -> None:
        for entry in self.apps.values():
            self.close(entry)
        self.apps.clear()


@pytest.fixture(scope="session")
def _app_cache(tmp_path_factory):
    cache = _AppCache(tmp_path_factory.mktemp("apps"))
    yield cache
    cache.close_all()


@pytest.fixture
def app(backend, request, tmp_path, app_config, _app_cache):
    if backend == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        entry = _app_cache.get(backend, app_config, None)
    else:
        template = None
        entry = _app_cache.get(backend, app_config,
                               lambda: request.getfixturevalue("postgres_migrated"))
        request.getfixturevalue("postgres_migrated")
    entry.fresh(template, tmp_path / "instance")
    app = entry.app
    with app.app_context():
        # one Limiter serves every cached app: this app's own setting, and no earlier hits
        limiter.enabled = app.config["RATELIMIT_ENABLED"]
        limiter.reset()
        try:
            yield app
        finally:
            db.session.remove()
            if backend == "postgresql":
                _empty_postgres()
                db.session.remove()


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


# --- pytest-xdist ---------------------------------------------------------------------------
# With `--dist loadgroup` (`make test`) the tests of one group run on one worker, one after
# another: the tests that start scheduler or server processes of their own never overlap each
# other. (The browser tests are not grouped: each worker starts its own Chromium once, and the
# browser tests, the slowest there are, spread over the workers.)
XDIST_GROUPS = {
    "tests/notify/test_multi_scheduler_pg.py": "processes",
    "tests/notify/test_scheduler_process.py": "processes",
}


def pytest_collection_modifyitems(config, items):
    if not config.pluginmanager.hasplugin("xdist"):
        return
    root = Path(str(config.rootpath))
    for item in items:
        path = Path(str(item.path)).relative_to(root).as_posix()
        for prefix, group in XDIST_GROUPS.items():
            if path.startswith(prefix):
                item.add_marker(pytest.mark.xdist_group(group))
                break
