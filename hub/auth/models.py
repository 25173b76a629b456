"""Accounts. Every account belongs to exactly one park."""

import enum
import hashlib
import hmac
import secrets
from datetime import datetime

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
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
        """Changes whenever the password does, which ends every session built on the old one."""
        key = current_app.config["SECRET_KEY"].encode()
        return hmac.new(key, self.password_hash.encode(), hashlib.sha256).hexdigest()[:16]

    def get_id(self) -> str:
        return f"{self.id}:{self.session_fingerprint}"

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


def load_user(session_id: str) -> User | None:
    """Flask-Login's loader: the stored id must carry the current password fingerprint."""
    user_id, _, fingerprint = session_id.partition(":")
    if not user_id.isdigit() or not fingerprint:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.is_active:
        return None
    if not secrets.compare_digest(fingerprint, user.session_fingerprint):
        return None
    return user
