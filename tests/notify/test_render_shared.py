"""A fan-out's message is rendered once per language in a send batch (hub.notify.render.compose,
shared=True) and the recipient's name put in afterwards: every recipient still reads exactly
the message rendered for them alone, in their language, with their name escaped in the HTML."""

from datetime import timedelta

from hub.extensions import db
from hub.notify import producers, render
from hub.notify.models import Channel, DeliveryState
from tests.notify.n2_world import MEETING_AT, at, deliveries


def test_a_shared_reminder_reads_as_if_rendered_for_each_recipient(
        app, world, make_meeting, monkeypatch):
    world.host_staff.display_name = '<张 & "三">'
    world.other_staff.locale = "en"
    world.third_staff.display_name = ""
    db.session.commit()
    make_meeting(offsets=(60,), people=[world.admin])
    when = MEETING_AT - timedelta(minutes=60)
    with at(when):
        producers.run_periodic(when)
        db.session.commit()
        rows = deliveries(kind="meeting.reminder", state=DeliveryState.PENDING)
        assert {r.channel for r in rows} == {Channel.EMAIL, Channel.INAPP}

        alone = {r.id: render.render(r) for r in rows}  # no batch: rendered one by one
        calls = []
        real = render._templates
        monkeypatch.setattr(render, "_templates",
                            lambda *a: calls.append(a[0]) or real(*a))
        with render.batch():
            together = {r.id: render.render(r) for r in rows}

    for row in rows:
        one, shared = alone[row.id], together[row.id]
        assert (shared.subject, shared.text, shared.html, shared.url) == (
            one.subject, one.text, one.html, one.url), row.user.username
        assert shared.ics == one.ics
        assert (shared.ics is None) is (row.channel is not Channel.EMAIL)  # only mails carry it
        assert bool(shared.html) is (row.channel is Channel.EMAIL)

    staff_mail = next(together[r.id] for r in rows
                      if r.user_id == world.host_staff.id and r.channel is Channel.EMAIL)
    assert '<张 & "三">' in staff_mail.text
    assert "&lt;张 &amp; &#34;三&#34;&gt;" in staff_mail.html
    english = next(together[r.id] for r in rows if r.user_id == world.other_staff.id)
    assert english.subject.startswith("[Park Hub]") and "Reminder" in english.subject
    # rendered once per language and per kind of part (mail with HTML, in-app text only)
    assert len(calls) == 4 < len(rows)
