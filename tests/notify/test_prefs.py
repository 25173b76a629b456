"""Email preferences: off for a kind → only the in-app notification."""

from datetime import timedelta

from hub.extensions import db
from hub.notify.models import Channel, NotificationPreference
from tests.notify.n2_world import (
    MEETING_AT,
    sent,
    tick_at,
    user_ids,
)


def test_email_off_for_reminders_leaves_only_in_app(app, client, login, world, make_meeting):
    login(world.other_staff)
    page = client.get("/notifications/preferences")
    assert page.status_code == 200 and 'name="email-meeting.reminder"' in page.text
    # every box ticked except the meeting reminders
    from hub.notify.prefs import KINDS

    data = {f"email-{k}": "y" for k, _label in KINDS if k != "meeting.reminder"}
    resp = client.post("/notifications/preferences", data=data)
    assert resp.status_code == 302
    pref = db.session.get(NotificationPreference, (world.other_staff.id, "meeting.reminder"))
    assert pref is not None and pref.email is False

    make_meeting(offsets=(60,))
    tick_at(MEETING_AT - timedelta(minutes=60))
    assert world.other_staff.id in user_ids(sent("meeting.reminder"))
    emailed = user_ids(sent("meeting.reminder", Channel.EMAIL))
    assert world.other_staff.id not in emailed
    assert world.third_staff.id in emailed  # the others keep their default (on)

    page = client.get("/notifications/preferences")
    assert 'id="email-meeting.reminder" checked' not in page.text
    assert 'id="email-meeting.cancelled" checked' in page.text


def test_preferences_need_a_login(client):
    assert client.get("/notifications/preferences").status_code == 302
