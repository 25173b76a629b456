"""The event kinds a user hears about, and their email preferences (in-app is always on).

Preferences are checked when a delivery is ENQUEUED (hub.notify.producers): a user with email off
for a kind gets only the in-app notification; turning email back on affects what is produced from
then on. A preference row exists only when the user changed it; no row means the default, on.
"""

from flask_babel import lazy_gettext as _l

from hub.extensions import db
from hub.notify.models import NotificationPreference

# every kind a user may receive, in the order of the preferences page
KINDS: list[tuple[str, object]] = [
    ("meeting.created", _l("Meeting invitation")),
    ("meeting.reminder", _l("Meeting reminder")),
    ("meeting.changed", _l("Meeting moved or changed")),
    ("meeting.cancelled", _l("Meeting cancelled")),
    ("meeting.series_changed", _l("Meeting series changed or ended")),
    ("agenda.call", _l("Call for agenda topics")),
    ("agenda.last_call", _l("Last call for agenda topics")),
    ("minutes.sent", _l("Minutes sent for confirmation")),
    ("minutes.published", _l("Minutes published")),
    ("action.assigned", _l("Action item assigned")),
    ("action.due_soon", _l("Action item due soon")),
    ("action.overdue", _l("Action item overdue")),
    ("notice.published", _l("Notice published to my park")),
    ("case.overdue", _l("Land case overdue")),
]
KIND_LABELS = dict(KINDS)


def kind_label(kind: str):
    return KIND_LABELS.get(kind, kind)


def email_settings(user) -> dict[str, bool]:
    """{kind: email on?} for every kind, defaults filled in."""
    rows = db.session.execute(
        db.select(NotificationPreference.kind, NotificationPreference.email)
        .where(NotificationPreference.user_id == user.id)).all()
    stored = dict(rows)
    return {kind: stored.get(kind, True) for kind, _label in KINDS}


def email_off_users(kind: str, user_ids) -> set[int]:
    """Of `user_ids`, those who turned email off for `kind` (one query)."""
    ids = list(user_ids)
    if not ids:
        return set()
    return set(db.session.execute(
        db.select(NotificationPreference.user_id)
        .where(NotificationPreference.kind == kind, NotificationPreference.email.is_(False),
               NotificationPreference.user_id.in_(ids))).scalars())


def save(user, wanted: dict[str, bool]) -> dict:
    """Store the email choices; returns {kind: [old, new]} of what changed. Caller commits."""
    current = email_settings(user)
    rows = {p.kind: p for p in db.session.execute(
        db.select(NotificationPreference)
        .where(NotificationPreference.user_id == user.id)).scalars()}
    changes = {}
    for kind, _label in KINDS:
        new = bool(wanted.get(kind, False))
        if new == current[kind]:
            continue
        changes[kind] = [current[kind], new]
        row = rows.get(kind)
        if row is None:
            db.session.add(NotificationPreference(user_id=user.id, kind=kind, email=new))
        else:
            row.email = new
    return changes
