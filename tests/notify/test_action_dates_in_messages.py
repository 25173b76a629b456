"""督办 messages say their dates with the weekday (2026年6月3日 星期三), never an ISO date: the
due-soon reminder (subject and text), the assignment and the 延期申请 to review."""

import re
from datetime import date, timedelta

from flask_babel import force_locale

from hub.actions.models import ActionItem, ActionStatus
from hub.extensions import db
from hub.meetings.models import Minutes, MinutesStatus
from hub.notify import kinds
from hub.notify.models import Channel, Delivery
from tests.notify.n2_world import MEETING_AT, NOW, at

ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def _delivery(kind, item, user, **extra):
    return Delivery(kind=kind, channel=Channel.EMAIL, user=user, user_id=user.id,
                    object_type="action_item", object_id=item.id, due_at=NOW,
                    occurrence_key=extra.pop("key", ""), payload=extra.pop("payload", None))


def test_action_messages_say_dates_in_words(app, world, make_meeting):
    user = world.other_staff
    past = make_meeting(MEETING_AT - timedelta(days=30), title="上月例会")
    db.session.add(Minutes(meeting=past, status=MinutesStatus.PUBLISHED, revision=1, body="纪要"))
    item = ActionItem(meeting=past, text="完成闲置土地核查并报送处置方案", owner_park=world.other,
                      assignee=user, due_date=date(2026, 6, 3),
                      status=ActionStatus.IN_PROGRESS, extension_due=date(2026, 6, 30))
    db.session.add(item)
    db.session.commit()
    samples = [
        _delivery("action.due_soon", item, user, key="2026-06-03", payload={"due": "2026-06-03"}),
        _delivery("action.assigned", item, user),
        _delivery("action.review_requested", item, user, key="extension-1",
                  payload={"what": "extension", "note": "资金未到位"}),
    ]
    with at(NOW), force_locale("zh_CN"):
        for delivery in samples:
            rendered = kinds.get(delivery.kind).render(delivery)
            for part in (rendered.subject, rendered.text, rendered.html):
                assert not ISO.search(part), (delivery.kind, ISO.search(part).group(0))
            assert "2026年6月3日 星期三" in rendered.text, delivery.kind
        assert "2026年6月30日 星期二" in rendered.text
