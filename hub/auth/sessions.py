"""Login sessions kept on the server (LoginSession rows), so that signing out really ends them.

Flask's session cookie and Flask-Login's remember-me cookie are signed, not stored: a copy of
either stays valid for as long as the server accepts what it says. Both carry
`<user id>:<token>`, and `hub.auth.models.load_user` accepts that only while the token's row
exists and has not expired. So:

- sign-out deletes the row: the cookie, every copy of it and the remember-me cookie end;
- "sign out everywhere", a password change (except the session that made it), an admin password
  reset and deactivation (of the account or its park) delete all rows of the user;
- a row expires: REMEMBER_COOKIE_DURATION after sign-in with "keep me signed in",
  HUB_SESSION_HOURS after sign-in without it (the server checks, whatever the cookie says);
- a row made under another password than the user's current one is refused even if it was not
  deleted (a password set from the command line, for example).

Plain functions, no request globals; callers commit.
"""

import secrets
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from hub.auth.models import LoginSession, User, token_hash
from hub.extensions import db
from hub.timeutil import utcnow


def lifetime(remember: bool) -> timedelta:
    if remember:
        duration = current_app.config["REMEMBER_COOKIE_DURATION"]
        return duration if isinstance(duration, timedelta) else timedelta(seconds=duration)
    return timedelta(hours=current_app.config["HUB_SESSION_HOURS"])


def start(user: User, *, remember: bool, now: datetime | None = None) -> LoginSession:
    """A new login session for `user`; `user.get_id()` then names it (for `login_user`)."""
    now = now or utcnow()
    db.session.execute(delete(LoginSession).where(LoginSession.expires_at <= now))
    token = secrets.token_urlsafe(32)
    row = LoginSession(user_id=user.id, token_hash=token_hash(token), remember=remember,
                       password_fingerprint=user.session_fingerprint,
                       created_at=now, expires_at=now + lifetime(remember))
    db.session.add(row)
    user.login_token = token
    return row


def end(user: User) -> None:
    """End the session `user` was loaded for (sign-out)."""
    if user.login_token:
        db.session.execute(delete(LoginSession).where(
            LoginSession.token_hash == token_hash(user.login_token)))
        user.login_token = None


def end_all(user: User) -> int:
    """End every session of `user`, on every device. Returns how many there were."""
    result = db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))
    user.login_token = None
    return result.rowcount


def end_all_of_park(park_id: int) -> None:
    users = select(User.id).where(User.park_id == park_id)
    db.session.execute(delete(LoginSession).where(LoginSession.user_id.in_(users)))


def active_count(user: User, now: datetime | None = None) -> int:
    now = now or utcnow()
    return db.session.execute(
        select(func.count(LoginSession.id))
        .where(LoginSession.user_id == user.id, LoginSession.expires_at > now)
    ).scalar_one()
