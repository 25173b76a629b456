"""In-app notifications (the bell): written in the same transaction as the event that causes
them, shown in the reader's current language, read when the reader opens their object.

- `write_now(ids, now)`: the producers (hub.notify.producers.deliver) call it with the outbox
  rows they just inserted. Every in-app row among them that is due now gets its Notification
  at once, rendered as the sender renders it, and is settled (sent) in the same transaction —
  the bell shows it on the next page load, not at the next scheduler tick. The scheduler never
  takes these rows (they are not pending when the transaction commits) and
  notification.delivery_id stays unique, so it is still exactly one notification per
  delivery. A renderer that says Skip settles the row skipped; one that fails leaves it pending
  for the scheduler (which retries with backoff). Rows due later (reminders) and mail and robot
  rows stay with the scheduler.
- Languages: a notification stores its message in every site language (`texts`,
  {locale: [title, body]}), rendered when it is made. Re-rendering at display time was the
  alternative, but a message is about the moment it was made ("明天 09:30", "已取消", the
  meeting's place before a move): rendered again later it would say something else, or
  nothing (a renderer skips a meeting that has since started). Two renders instead of one per
  notification; rows made before this have only the language they were made in.
- `read_object`: opening a notice, meeting, minutes, action item or land case page marks the
  reader's notifications about it read.
"""

import logging
from collections.abc import Iterable
from datetime import datetime

from flask import current_app, g
from flask_babel import force_locale
from sqlalchemy import insert, or_, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import selectinload

from hub.extensions import db
from hub.notify.models import Channel, Delivery, DeliveryState, Notification
from hub.timeutil import utcnow

log = logging.getLogger(__name__)

CHUNK = 500  # ids per IN (…) list


def note_row(delivery: Delivery, rendered, now: datetime) -> dict:
    """The notification of an in-app delivery, as a row for an INSERT (no ORM object)."""
    return {"user_id": delivery.user_id, "delivery_id": delivery.id, "kind": delivery.kind,
            "title": title_of(rendered), "body": rendered.text or "",
            "url": (rendered.url or "")[:500], "texts": texts(delivery, rendered),
            "created_at": now, "read_at": None}


def title_of(rendered) -> str:
    """A notification's title: the mail subject without the platform's prefix."""
    return (getattr(rendered, "title", "") or rendered.subject or "")[:255]


def texts(delivery: Delivery, rendered) -> dict:
    """{locale: [title, body]} for every site language; `rendered` is the recipient's one."""
    from hub.notify import render

    own = render.locale_of(delivery)
    out = {own: [title_of(rendered), rendered.text or ""]}
    renderer = render.renderer_of(delivery.kind)
    for locale in current_app.config["HUB_LOCALES"]:
        if locale in out or renderer is None:
            continue
        try:
            with force_locale(locale):
                other = renderer(delivery)
        except SQLAlchemyError:
            raise
        except Exception:  # the recipient's language is there anyway
            log.exception("delivery %s: rendering in %s failed", delivery.id, locale)
            continue
        out[locale] = [title_of(other), other.text or ""]
    return out


def write_now(ids: Iterable[int], now: datetime) -> int:
    """Notifications for the in-app deliveries among `ids` that are pending and due at `now`,
    and those deliveries settled, in the caller's transaction (no commit). Returns how many
    notifications were written."""
    from hub.notify import render

    ids = list(ids)
    written = 0
    with render.batch():
        for start in range(0, len(ids), CHUNK):
            deliveries = db.session.execute(
                db.select(Delivery)
                .where(Delivery.id.in_(ids[start:start + CHUNK]),
                       Delivery.channel == Channel.INAPP,
                       Delivery.state == DeliveryState.PENDING, Delivery.due_at <= now,
                       Delivery.user_id.is_not(None))
                .order_by(Delivery.id).options(selectinload(Delivery.user))).scalars().all()
            notes, sent, skipped = [], [], {}
            for delivery in deliveries:
                try:
                    rendered = render.render(delivery)
                except render.Skip as reason:
                    skipped[delivery.id] = reason.reason
                    continue
                except SQLAlchemyError:
                    raise
                except Exception:  # left pending: the scheduler retries it
                    log.exception("delivery %s: rendering failed, left to the scheduler",
                                  delivery.id)
                    continue
                notes.append(note_row(delivery, rendered, now))
                sent.append(delivery.id)
            if sent:
                db.session.execute(
                    update(Delivery).where(Delivery.id.in_(sent))
                    .values(state=DeliveryState.SENT, sent_at=now, attempts=1)
                    .execution_options(synchronize_session=False))
                db.session.execute(insert(Notification.__table__), notes)
            for delivery_id, reason in skipped.items():
                db.session.execute(
                    update(Delivery).where(Delivery.id == delivery_id)
                    .values(state=DeliveryState.SKIPPED, last_error=reason[:2000], attempts=1)
                    .execution_options(synchronize_session=False))
            for delivery in deliveries:  # the ORM objects held are stale now
                db.session.expire(delivery)
            written += len(sent)
    return written


# --- showing ----------------------------------------------------------------------------------
def shown(note: Notification) -> tuple[str, str]:
    """(title, body) of `note` in the current language; the stored ones when it has none."""
    from hub.i18n import locale_code  # the configured code (zh_CN / en), as `texts` keys

    stored = (note.texts or {}).get(locale_code())
    if stored and len(stored) == 2:
        return stored[0], stored[1]
    return note.title, note.body


# --- reading ----------------------------------------------------------------------------------
def read_object(user, object_type: str, object_id: int, url: str = "",
                now: datetime | None = None) -> int:
    """Opening an object's page reads its notifications: the user's unread ones about the
    object (their delivery's object) or linking to `url` (the page's path). Call it before the
    page is rendered (the bell then counts without them) and commit when it returns > 0. A
    SELECT first: most page views have nothing to mark and write nothing. It starts from the
    bell's unread count (which the page's header asks for anyway, once per request): with
    nothing unread it costs no statement of its own. No commit."""
    from hub.notify import centre

    unread = centre.cached_unread_count(user)
    if not unread:
        return 0
    about = db.select(Delivery.id).where(Delivery.user_id == user.id,
                                         Delivery.object_type == object_type,
                                         Delivery.object_id == object_id)
    match = Notification.delivery_id.in_(about)
    if url:
        match = or_(match, Notification.url == url)
    ids = list(db.session.execute(
        db.select(Notification.id).where(Notification.user_id == user.id,
                                          Notification.read_at.is_(None), match)).scalars())
    if not ids:
        return 0
    db.session.execute(
        update(Notification).where(Notification.id.in_(ids), Notification.read_at.is_(None))
        .values(read_at=now or utcnow()).execution_options(synchronize_session=False))
    g.notify_unread = max(0, unread - len(ids))  # the bell's count (hub.notify.centre)
    return len(ids)
