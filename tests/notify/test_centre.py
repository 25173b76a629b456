"""The notification centre: my list, mark one / all read, the unread count in the bell."""

from datetime import timedelta

from hub.extensions import db
from hub.notify.models import Notification
from tests.notify.n2_world import (
    MEETING_AT,
    notifications_of,
    tick_at,
)


def _bell_count(client) -> str | None:
    """The badge of the bell partial, rendered on the centre's own page."""
    text = client.get("/notifications/").text
    marker = 'data-testid="bell-count">'
    if marker not in text:
        return None
    return text.split(marker, 1)[1].split("<", 1)[0]


def test_list_mark_one_and_all_read(app, client, login, world, make_meeting):
    meeting = make_meeting(offsets=(1440, 60))
    tick_at(MEETING_AT - timedelta(minutes=1440))
    tick_at(MEETING_AT - timedelta(minutes=60))
    notes = notifications_of(world.other_staff)
    assert len(notes) == 2

    login(world.other_staff)
    page = client.get("/notifications/")
    assert page.status_code == 200
    assert page.text.count('data-unread="yes"') == 2
    # newest first
    assert page.text.index(f'data-notification-id="{notes[1].id}"') < page.text.index(
        f'data-notification-id="{notes[0].id}"')

    resp = client.post(f"/notifications/{notes[0].id}/read")
    assert resp.status_code == 302 and resp.location.endswith(f"/meetings/{meeting.id}")
    assert client.get("/notifications/").text.count('data-unread="yes"') == 1

    assert client.post("/notifications/read-all").status_code == 302
    db.session.expire_all()
    assert all(n.read_at is not None for n in notifications_of(world.other_staff))


def test_someone_elses_notification_is_404(app, client, login, world, make_meeting):
    make_meeting(offsets=(60,))
    tick_at(MEETING_AT - timedelta(minutes=60))
    theirs = notifications_of(world.third_staff)[0]
    login(world.other_staff)
    assert client.post(f"/notifications/{theirs.id}/read").status_code == 404
    db.session.expire_all()
    assert db.session.get(Notification, theirs.id).read_at is None
    client.post("/notifications/read-all")
    db.session.expire_all()
    assert db.session.get(Notification, theirs.id).read_at is None


def test_unread_count(app, client, login, world):
    for i in range(3):
        db.session.add(Notification(user_id=world.other_staff.id, kind="notice.published",
                                    title=f"通知 {i}", url="/notices/"))
    db.session.add(Notification(user_id=world.third_staff.id, kind="notice.published",
                                title="别人的", url="/notices/"))
    db.session.commit()
    from hub.notify import centre

    assert centre.unread_count(world.other_staff) == 3
    login(world.other_staff)
    assert _bell_count(client) in (None, "3")  # None until base.html includes the bell


def test_only_relative_targets_are_followed(app, client, login, world):
    note = Notification(user_id=world.other_staff.id, kind="notice.published", title="x",
                        url="https://evil.example/")
    db.session.add(note)
    db.session.commit()
    login(world.other_staff)
    resp = client.post(f"/notifications/{note.id}/read")
    assert resp.location.endswith("/notifications/")
