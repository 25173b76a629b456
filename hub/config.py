"""Configuration: defaults in code → optional instance/config.py → environment → test mapping."""

import os
import secrets
import time
from pathlib import Path

MIB = 1024 * 1024
DEFAULT_BASE_URL = "http://127.0.0.1:5000"


class Defaults:
    SQLALCHEMY_DATABASE_URI = None  # filled in with SQLite in the instance folder
    # no pool_pre_ping: hub.dbpool pings only connections that sat idle longer than this
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    HUB_DB_PING_IDLE = 10.0  # seconds
    SECRET_KEY = None
    HUB_TIMEZONE = "Asia/Shanghai"
    HUB_SCHEDULER = "embedded"
    BABEL_DEFAULT_LOCALE = "zh_CN"
    BABEL_DEFAULT_TIMEZONE = "Asia/Shanghai"
    HUB_LOCALES = ("zh_CN", "en")
    MAX_CONTENT_LENGTH = 20 * MIB
    WTF_CSRF_TIME_LIMIT = None  # a form left open over lunch still saves
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    SESSION_COOKIE_NAME = "parkhub_session"
    REMEMBER_COOKIE_NAME = "parkhub_remember"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = False
    REMEMBER_COOKIE_DURATION = 14 * 24 * 3600
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_HEADERS_ENABLED = False
    HUB_LOGIN_LIMIT = "5 per minute"  # failed sign-ins per username and client address
    HUB_LOGIN_LIMIT_PER_CLIENT = "30 per 10 minutes"  # failed sign-ins per address, any username
    HUB_SESSION_HOURS = 24  # a sign-in without "keep me signed in" ends this long after it
    MAIL_SERVER = None
    MAIL_PORT = 25
    MAIL_USERNAME = None
    MAIL_PASSWORD = None
    MAIL_USE_TLS = False
    MAIL_DEFAULT_SENDER = "parkhub@localhost"
    HUB_PAGE_SIZE = 20
    # a scheduler's claim on a batch (renewed while it sends); a dead scheduler's rows are
    # taken over when it runs out (hub.notify.lease)
    HUB_LEASE_SECONDS = 30
    # sending threads of a scheduler tick on PostgreSQL, each with its own SMTP connection
    # (hub.notify.parallel); a process killed mid-send repeats at most one mail per sender
    HUB_SENDERS = 2
    HUB_PROXY_HOPS = 0  # proxies (nginx) in front that set X-Forwarded-For/-Proto/-Host
    # absolute links in mails and robot messages (the scheduler runs outside requests); unset:
    # the address `python -m hub.serve` (`make run`) serves on, else DEFAULT_BASE_URL
    HUB_BASE_URL = None
    # hosts robot webhooks may call besides the providers' own (hub.notify.outbound)
    HUB_ROBOT_HOSTS = ""
    HUB_PASSWORD_METHOD = "scrypt"  # noqa: S105 - a hash method, not a password


def _bool(value: str) -> bool:
    return value.strip().lower() in {"1", "true", "yes", "on"}


# env variable → (config key, converter)
ENV_MAP = {
    "DATABASE_URL": ("SQLALCHEMY_DATABASE_URI", str),
    "SECRET_KEY": ("SECRET_KEY", str),
    "MAIL_SERVER": ("MAIL_SERVER", str),
    "MAIL_PORT": ("MAIL_PORT", int),
    "MAIL_USERNAME": ("MAIL_USERNAME", str),
    "MAIL_PASSWORD": ("MAIL_PASSWORD", str),
    "MAIL_USE_TLS": ("MAIL_USE_TLS", _bool),
    "MAIL_DEFAULT_SENDER": ("MAIL_DEFAULT_SENDER", str),
    "HUB_TIMEZONE": ("HUB_TIMEZONE", str),
    "HUB_SCHEDULER": ("HUB_SCHEDULER", str),
    "HUB_BASE_URL": ("HUB_BASE_URL", str),
    "RATELIMIT_STORAGE_URI": ("RATELIMIT_STORAGE_URI", str),
    "HUB_LOGIN_LIMIT": ("HUB_LOGIN_LIMIT", str),
    "HUB_LOGIN_LIMIT_PER_CLIENT": ("HUB_LOGIN_LIMIT_PER_CLIENT", str),
    "HUB_SESSION_HOURS": ("HUB_SESSION_HOURS", int),
    "HUB_SECURE_COOKIES": ("SESSION_COOKIE_SECURE", _bool),
    "HUB_PROXY_HOPS": ("HUB_PROXY_HOPS", int),
    "HUB_ROBOT_HOSTS": ("HUB_ROBOT_HOSTS", str),
    "HUB_LEASE_SECONDS": ("HUB_LEASE_SECONDS", float),
    "HUB_SENDERS": ("HUB_SENDERS", int),
    "HUB_DB_PING_IDLE": ("HUB_DB_PING_IDLE", float),
    "HUB_MAX_UPLOAD_MB": ("MAX_CONTENT_LENGTH", lambda v: int(v) * MIB),
}


def load(app, test_config: dict | None) -> None:
    app.config.from_object(Defaults)
    app.config.from_pyfile("config.py", silent=True)
    for env_name, (key, convert) in ENV_MAP.items():
        raw = os.environ.get(env_name)
        if raw not in (None, ""):
            app.config[key] = convert(raw)
    if test_config:
        app.config.update(test_config)

    if app.config["SESSION_COOKIE_SECURE"]:
        app.config["REMEMBER_COOKIE_SECURE"] = True
    app.config["BABEL_DEFAULT_TIMEZONE"] = app.config["HUB_TIMEZONE"]
    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + str(
            Path(app.instance_path) / "parkhub.sqlite3"
        )
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    if uri.startswith("postgres://") or uri.startswith("postgresql://"):
        # one driver everywhere: psycopg 3
        app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql+psycopg://" + uri.split("://", 1)[1]
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        # JIT compilation pays off for long analytic queries, not for a web page's: on the
        # notice list (scale 10) it spent 285 of 523 ms compiling (EXPLAIN ANALYZE, issue 6).
        # psycopg prepares a statement run 5 times; PostgreSQL may then plan it once for any
        # parameters (a generic plan): search planned for one term ran 270 ms for another, and
        # the parks' lists differ as much. Custom plans: each execution planned for its values
        # (search runs its statements with generic plans, the values that pick a plan written
        # into their SQL: hub.search.services._planned_once).
        options = dict(app.config["SQLALCHEMY_ENGINE_OPTIONS"])
        connect_args = dict(options.get("connect_args", {}))
        connect_args.setdefault("options", "-c jit=off -c plan_cache_mode=force_custom_plan")
        # the most recently returned connection first: the busy ones stay warm, the rest sit
        # idle and are checked before their next use (hub.dbpool pings only those)
        options.setdefault("pool_use_lifo", True)
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {**options, "connect_args": connect_args}
    if not app.config["HUB_BASE_URL"]:
        app.config["HUB_BASE_URL"] = app.config.get("HUB_SERVED_URL") or DEFAULT_BASE_URL
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = instance_secret_key(Path(app.instance_path))


def instance_secret_key(instance: Path) -> str:
    """Read the generated key from instance/secret_key, creating it (mode 600) the first time."""
    path = instance / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process won the race; use its key
        for _ in range(50):
            existing = path.read_text().strip()
            if existing:
                return existing
            time.sleep(0.1)
        raise
    with os.fdopen(fd, "w") as fh:
        fh.write(key + "\n")
    return key
