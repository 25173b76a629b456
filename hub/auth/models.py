"""Accounts. Every account belongs to exactly one park."""

import enum
import hashlib
import hmac
import secrets
from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String, bindparam
from sqlalchemy.orm import Mapped, joinedload, load_only, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from hub.dbtypes import UTCDateTime
from hub.extensions import db
from hub.parks.models import Park
from hub.timeutil import utcnow


class Role(enum.Enum):
    ADMIN = "admin"  # 平台管理员: the zone's coordination office
    PARK_ADMIN = "park_admin"  # 园区管理员
    STAFF = "staff"  # 园区工作人员


class User(UserMixin, db.Model):
    __tablename__ = "user_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    email: Mapped[str] = mapped_column(String(255), default="")
    phone: Mapped[str | None] = mapped_column(String(32))
    park_id: Mapped[int] = mapped_column(ForeignKey("park.id"), index=True)
    role: Mapped[Role] = mapped_column(default=Role.STAFF)
    active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str | None] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(255))
    must_change_password: Mapped[bool] = mapped_column(default=False)
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    park: Mapped[Park] = relationship(lazy="joined", innerjoin=True)

    def __str__(self) -> str:
        return self.display_name or self.username

    # --- password -------------------------------------------------------------------------
    def set_password(self, password: str, *, temporary: bool = False) -> None:
        method = current_app.config.get("HUB_PASSWORD_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)
        self.password_changed_at = utcnow()
        self.must_change_password = temporary

    def check_password(self, password: str) -> bool:
        return bool(self.password_hash) and check_password_hash(self.password_hash, password)

    # --- sessions -------------------------------------------------------------------------
    @property
    def session_fingerprint(self) -> str:
        """Changes whenever the password does; a login session made under another one is void."""
        key = current_app.config["SECRET_KEY"].encode()
        return hmac.new(key, self.password_hash.encode(), hashlib.sha256).hexdigest()[:16]

    # the token of the sign-in this object was loaded for (hub.auth.sessions sets it)
    login_token = None

    def get_id(self) -> str:
        """What Flask-Login stores in the session and remember-me cookies: the user and the
        token of one LoginSession row. Without the row neither cookie signs anybody in."""
        if not self.login_token:
            raise RuntimeError("no login session: call hub.auth.sessions.start first")
        return f"{self.id}:{self.login_token}"

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active and self.park.active

    # --- roles ----------------------------------------------------------------------------
    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN

    @property
    def is_park_admin(self) -> bool:
        return self.role is Role.PARK_ADMIN


class LoginSession(db.Model):
    """One sign-in. The session cookie, every copy of it and the remember-me cookie carry its
    token; deleting the row (sign-out, password change or reset, deactivation) ends them all.
    Only a hash of the token is stored."""

    __tablename__ = "login_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    remember: Mapped[bool] = mapped_column(default=False)
    # User.session_fingerprint when it was made: a password changed by any path voids it
    password_fingerprint: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


_SESSION_USER = None
# What every request reads of the session's user and park: the layout, permissions, the
# language, the password check. The rest (e-mail, phone, times; the park's contacts and
# address) is loaded where a page uses it. Fewer columns, less work on every request
# (bench/results/2026-12-06-s9-floor.md).
SESSION_USER_COLUMNS = ("id", "username", "display_name", "park_id", "role", "active", "locale",
                        "password_hash", "must_change_password")
SESSION_PARK_COLUMNS = ("id", "name", "short_name", "kind", "active")


def _session_user_statement():
    """Built once: a select with its bind parameters (building it per request was a quarter of
    the signed-in floor's Python time; bench/results/2026-12-06-floor.md)."""
    global _SESSION_USER
    if _SESSION_USER is None:
        _SESSION_USER = (
            db.select(User, LoginSession.password_fingerprint, LoginSession.expires_at)
            .join(LoginSession, LoginSession.user_id == User.id)
            .where(LoginSession.token_hash == bindparam("token_hash"),
                   User.id == bindparam("user_id"))
            .options(load_only(*(getattr(User, c) for c in SESSION_USER_COLUMNS)),
                     joinedload(User.park).load_only(
                         *(getattr(Park, c) for c in SESSION_PARK_COLUMNS)))
        )
    return _SESSION_USER


def load_user(session_id: str) -> User | None:
    """Flask-Login's loader: `<user id>:<token>` of a login session that exists, has not
    expired, was made under the current password, and whose user and park are active."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token or len(token) > 128:
        return None
    row = db.session.execute(
        _session_user_statement(), {"token_hash": token_hash(token), "user_id": int(user_id)}
    ).first()
    if row is None:
        return None
    user, fingerprint, expires_at = row
    if expires_at <= utcnow() or not user.is_active:
        return None
    if not secrets.compare_digest(fingerprint, user.session_fingerprint):
        return None
    user.login_token = token
    return user
