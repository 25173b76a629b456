"""Email preferences per notification kind (in-app is always on). The kinds and their labels
are those the features declare (hub.notify.kinds) with preference=True, in the page's order.

Preferences are checked when a delivery is ENQUEUED (hub.notify.producers): a user with email off
for a kind gets only the in-app notification; turning email back on affects what is produced from
then on. A preference row exists only when the user changed it; no row means the default, on.
"""

from collections.abc import Iterator, Mapping, Sequence

from hub.extensions import db
from hub.notify import kinds as registry
from hub.notify.models import NotificationPreference


class _Listed(Sequence):
    """(kind, label) of every kind on the preferences page, in its order, read from the kinds
    registry (hub.notify.kinds) each time: the features declare them."""

    def _items(self) -> list[tuple[str, object]]:
        return [(kind.name, kind.label) for kind in registry.listed()]

    def __getitem__(self, index):
        return self._items()[index]

    def __len__(self) -> int:
        return len(self._items())

    def __iter__(self) -> Iterator[tuple[str, object]]:
        return iter(self._items())


class _Labels(Mapping):
    """{kind: label} of the kinds on the preferences page (hub.notify.kinds)."""

    def _items(self) -> dict[str, object]:
        return dict(KINDS)

    def __getitem__(self, kind: str):
        return self._items()[kind]

    def __len__(self) -> int:
        return len(self._items())

    def __iter__(self) -> Iterator[str]:
        return iter(self._items())


# every kind a user may turn email off for, in the order of the preferences page
KINDS: Sequence[tuple[str, object]] = _Listed()
KIND_LABELS: Mapping[str, object] = _Labels()


def kind_label(kind: str):
    """The label of any registered kind (the centre, the outbox); unknown: its name."""
    return registry.label(kind)


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
