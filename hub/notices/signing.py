"""Government-office conventions on a published notice: 签收 (an explicit acknowledgement for
one's whole park, distinct from "someone opened it") and 催阅/催签 (the publisher reminding the
audience parks that have not read / not signed, at most once per park and local day).

Plain functions, no request globals; callers check hub.permissions (can_sign_notice,
can_remind_notice) first. The audit entries commit with the change they describe.
"""

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from hub import audit, events
from hub.auth.models import User
from hub.domain import DomainError
from hub.extensions import db
from hub.notices import services
from hub.notices.models import Notice, NoticeRead, NoticeReminder, NoticeSignoff
from hub.parks.models import Park
from hub.timeutil import local_today, utcnow


class SignError(DomainError):
    """'signed': the park has signed already (409); 'park': a park other than the user's own,
    or one the notice is not addressed to (403)."""

    messages = {
        "signed": _l("Your park has already signed for this notice."),
        "park": _l("You can sign only for your own park, when the notice is addressed to it."),
    }

    def __init__(self, code: str):
        super().__init__(code, None, status=409 if code == "signed" else 403)


class RemindError(DomainError):
    """'nobody': no audience park lags behind, or all of them were reminded today (409)."""

    messages = {
        "nobody": _l("No park to remind: every park has done it, or was reminded today."),
    }

    def __init__(self, code: str):
        super().__init__(code, None, status=409)


# --- 签收 --------------------------------------------------------------------------------------
def signoffs(notice: Notice) -> dict[int, NoticeSignoff]:
    """{park id: its 签收} of `notice`, with the signer loaded (not the signer's park: the page
    shows the signoff's own park)."""
    rows = db.session.execute(
        select(NoticeSignoff).where(NoticeSignoff.notice_id == notice.id)
        .options(joinedload(NoticeSignoff.user).lazyload(User.park))).scalars()
    return {row.park_id: row for row in rows}


def sign(user: User, notice: Notice, park_id: int | None = None) -> NoticeSignoff:
    """签收 `notice` for `user`'s park. `park_id` (what the form sent) must be that park: a
    forged one is refused. Raises SignError ('park', 'signed')."""
    if park_id is not None and park_id != user.park_id:
        raise SignError("park")
    if user.park_id not in services.audience_park_ids(notice):
        raise SignError("park")
    if db.session.execute(select(NoticeSignoff.id).where(
            NoticeSignoff.notice_id == notice.id,
            NoticeSignoff.park_id == user.park_id)).first():
        raise SignError("signed")
    row = NoticeSignoff(notice_id=notice.id, park_id=user.park_id, user_id=user.id,
                        signed_at=utcnow())
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:  # a colleague of the same park signed at the same moment
        raise SignError("signed") from None
    audit.record(user, "sign", notice, {"signed_for": [None, user.park.name]})
    return row


# --- 催阅 / 催签 ---------------------------------------------------------------------------------
@dataclass
class Reminded:
    parks: list[Park]  # reminded now
    skipped: list[Park]  # laggards already reminded today (the rate limit)


def laggards(notice: Notice, *, to_sign: bool) -> list[Park]:
    """The active audience parks without a 签收 (`to_sign`) / without any reader."""
    ids = services.audience_park_ids(notice)
    if to_sign:
        done = select(NoticeSignoff.park_id).where(NoticeSignoff.notice_id == notice.id)
    else:
        done = select(NoticeRead.park_id).where(NoticeRead.notice_id == notice.id)
    done_ids = set(db.session.execute(done).scalars())
    return services.parks_by_ids([i for i in ids if i not in done_ids])


def reminded_today(notice: Notice) -> set[int]:
    today = local_today()
    return set(db.session.execute(select(NoticeReminder.park_id).where(
        NoticeReminder.notice_id == notice.id, NoticeReminder.day == today)).scalars())


def reminders(notice: Notice) -> list[NoticeReminder]:
    """The record of 催阅/催签 of `notice`, newest first."""
    return list(db.session.execute(
        select(NoticeReminder).where(NoticeReminder.notice_id == notice.id)
        .options(joinedload(NoticeReminder.park), joinedload(NoticeReminder.by))
        .order_by(NoticeReminder.sent_at.desc(), NoticeReminder.id.desc())).scalars())


def remind(actor: User, notice: Notice, *, to_sign: bool) -> Reminded:
    """催阅 (`to_sign` False) or 催签 the laggard parks not reminded today; each gets a record and
    its users an in-app + mail notification (event notice.reminded). Raises RemindError when
    there is nobody left to remind."""
    today = local_today()
    lagging = laggards(notice, to_sign=to_sign)
    done_today = reminded_today(notice)
    parks = [p for p in lagging if p.id not in done_today]
    skipped = [p for p in lagging if p.id in done_today]
    if not parks:
        raise RemindError("nobody")
    now = utcnow()
    for park in parks:
        db.session.add(NoticeReminder(notice_id=notice.id, park_id=park.id, by_id=actor.id,
                                      to_sign=to_sign, day=today, sent_at=now))
    db.session.flush()  # the unique (notice, park, day) key: a second click loses here
    audit.record(actor, "remind_sign" if to_sign else "remind_read", notice,
                 {"reminded": [None, [p.name for p in parks]]})
    events.emit("notice.reminded", notice=notice, park_ids=[p.id for p in parks],
                to_sign=to_sign, day=today, by=actor)
    return Reminded(parks, skipped)
