"""Signing in, passwords and sessions. Plain functions; no request globals."""

import secrets
import string
from urllib.parse import urlsplit

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete
from werkzeug.security import check_password_hash, generate_password_hash

from hub import audit
from hub.auth import sessions
from hub.auth.models import User
from hub.domain import DomainError
from hub.extensions import db
from hub.meetings.models import CalendarFeed
from hub.timeutil import utcnow

MIN_PASSWORD_LENGTH = 10
# compared against when the username is unknown, so both paths take the same time
_DUMMY_HASH = generate_password_hash("not-a-real-password")


class LoginRefused(DomainError):
    """`reason` is 'invalid' (unknown user or wrong password, shown on the password field) or
    'inactive' (shown on the username)."""

    messages = {
        "invalid": _l("Wrong username or password."),
        "inactive": _l("This account has been deactivated."),
    }
    FIELDS = {"invalid": "password", "inactive": "username"}

    def __init__(self, reason: str):
        super().__init__(reason, self.FIELDS[reason])
        self.reason = reason


class PasswordError(DomainError):
    """'current' (the current password is wrong), 'short' or 'same' (the new one)."""

    messages = {
        "current": _l("The current password is wrong."),
        "short": _l("Use at least %(min)d characters.", min=MIN_PASSWORD_LENGTH),
        "same": _l("The new password must differ from the current one."),
    }

    def __init__(self, code: str):
        super().__init__(code, "current_password" if code == "current" else "new_password")


def normalize_username(username: str) -> str:
    return (username or "").strip().lower()


def find_user(username: str) -> User | None:
    name = normalize_username(username)
    if not name:
        return None
    return db.session.execute(db.select(User).where(User.username == name)).scalar_one_or_none()


def authenticate(username: str, password: str) -> User:
    user = find_user(username)
    if user is None:
        check_password_hash(_DUMMY_HASH, password or "")
        raise LoginRefused("invalid")
    if not user.check_password(password or ""):
        raise LoginRefused("invalid")
    if not user.is_active:
        raise LoginRefused("inactive")
    user.last_login_at = utcnow()
    return user


def sign_in(username: str, password: str, *, remember: bool) -> User:
    """Authenticate and start a login session (LoginRefused when refused)."""
    user = authenticate(username, password)
    sessions.start(user, remember=remember)
    return user


def set_locale(user: User, locale: str) -> None:
    user.locale = locale


def change_password(user: User, current: str, new: str) -> None:
    if not user.check_password(current):
        raise PasswordError("current")
    if len(new) < MIN_PASSWORD_LENGTH:
        raise PasswordError("short")
    if new == current:
        raise PasswordError("same")
    user.set_password(new)
    sessions.end_all(user)  # the caller starts a new session for the one that changed it
    audit.record(user, "change_password", user, {"password": [None, None]})


def temporary_password(length: int = 12) -> str:
    # no look-alike characters: the password is read off a screen and typed by hand
    alphabet = "".join(c for c in string.ascii_letters + string.digits if c not in "Il1O0o")
    return "".join(secrets.choice(alphabet) for _ in range(length))


def reset_password(actor: User, target: User) -> str:
    """Give `target` a one-time password that must be changed at the next login.

    Ends all of the target's sessions and drops their calendar feed address (a new one is
    made when they next open their calendar page): whoever knew the old password may have
    copied either."""
    password = temporary_password()
    target.set_password(password, temporary=True)
    sessions.end_all(target)
    db.session.execute(delete(CalendarFeed).where(CalendarFeed.user_id == target.id))
    audit.record(actor, "reset_password", target, {"password": [None, None]})
    return password


def is_safe_next(target: str | None) -> bool:
    """Only a path on this site: no scheme, no host, no protocol-relative or backslash tricks."""
    if not target:
        return False
    if any(ch in target for ch in "\\\r\n\t") or not target.startswith("/"):
        return False
    if target.startswith("//"):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc
