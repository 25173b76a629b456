"""Flask extensions, created unbound; `create_app` binds them."""

import enum

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import Enum as SAEnum
from sqlalchemy import Integer, MetaData
from sqlalchemy.orm import DeclarativeBase, registry

# Every constraint gets a predictable name, so migrations can drop and alter them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def never_reuse_ids(table) -> None:
    """SQLite AUTOINCREMENT on every table keyed by one integer `id`.

    Without it SQLite hands the id of the newest deleted row to the next insert, and ids end up
    in outbox keys, links in mails and notifications, and calendar feeds: a new meeting would
    take over a deleted one's reminders and links. PostgreSQL's sequences never reuse a value.
    The tables that existed before were rebuilt by migration g4_ids_never_reused; a new table
    gets it from its migration's `sqlite_autoincrement=True` (tests/test_ids.py checks all)."""
    if table is None or len(table.primary_key.columns) != 1:
        return
    (column,) = table.primary_key.columns
    if column.name == "id" and isinstance(column.type, Integer):
        table.dialect_options["sqlite"]["autoincrement"] = True


class NeverReuseIds:
    """Mixed into the declarative base: every mapped table passes through never_reuse_ids.
    (A mixin, because Flask-SQLAlchemy rebuilds the base class from its body.)"""

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)  # maps the class: __table__ exists afterwards
        never_reuse_ids(cls.__dict__.get("__table__"))


class Base(NeverReuseIds, DeclarativeBase):
    registry = registry(
        metadata=MetaData(naming_convention=NAMING_CONVENTION),
        # Python enums are stored as their (lower-case) values in a VARCHAR column.
        type_annotation_map={
            enum.Enum: SAEnum(
                enum.Enum,
                native_enum=False,
                length=32,
                values_callable=lambda members: [m.value for m in members],
                validate_strings=True,
            ),
        },
    )


db = SQLAlchemy(model_class=Base)
migrate = Migrate(render_as_batch=True, compare_type=True)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()


class RouteLimiter(Limiter):
    """Flask-Limiter with the limits written on routes only (login, Markdown preview and import,
    calendar feeds): no default or application-wide limits exist, so the check the extension
    runs before every request found nothing to count, yet cost ~0.1 ms of CPU on every request
    (bench/results/2026-12-06-s7-floor.md). The decorated routes still check their limits
    themselves (the decorator calls this method with ``in_middleware=False``); with a default,
    application, blueprint or meta limit configured the check before every request runs again.
    Flask-Limiter's own method is private: requirements.txt pins the version, and
    tests/test_rate_limits.py checks both ways."""

    def _check_request_limit(self, callable_name=None, in_middleware=True):
        manager = self.limit_manager
        if in_middleware and not (manager._default_limits or manager._application_limits
                                  or manager._blueprint_limits or self._meta_limits):
            return None
        return super()._check_request_limit(callable_name, in_middleware)


limiter = RouteLimiter(key_func=get_remote_address, default_limits=[])
