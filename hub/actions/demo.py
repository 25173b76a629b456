"""Demo progress on the demo meeting's action items (`hub seed-demo`, after hub.minutes.demo):
one in progress and overdue, one in progress, one done. Idempotent: items that already have a
timeline are left alone."""

from datetime import datetime, timedelta

from hub.actions import services
from hub.actions.models import ActionItem, ActionStatus
from hub.extensions import db
from hub.minutes.demo import _park_user, demo_meeting
from hub.minutes.services import is_locked
from hub.timeutil import utcnow

# position of the decision → [(status, note)] in order
PROGRESS = {
    1: [(ActionStatus.IN_PROGRESS,
         "已收集高新区、田心、经开区政策文件，醴陵、茶陵、渌口尚未报送。")],
    2: [(ActionStatus.IN_PROGRESS, "已下发闲置土地认定书，企业已签收；正在开展地价评估。")],
    3: [(ActionStatus.IN_PROGRESS, "已梳理省级以上荣誉7项。"),
        (ActionStatus.DONE, "荣誉清单已报园区办汇总。")],
}


def seed(now: datetime | None = None) -> None:
    now = now or utcnow()
    meeting = demo_meeting(now)
    if meeting is None or not is_locked(meeting):
        return
    items = db.session.execute(
        db.select(ActionItem).where(ActionItem.meeting_id == meeting.id)
        .order_by(ActionItem.position)).scalars().all()
    for item in items:
        steps = PROGRESS.get(item.position)
        if not steps or item.updates:
            continue
        user = _park_user(item.owner_park)
        if user is None:
            continue
        for n, (status, note) in enumerate(steps):
            at = now - timedelta(hours=6 * (len(steps) - n))
            db.session.flush()
            services.update_progress(item, to=status, note=note, version=item.version, by=user,
                                     now=at)
    db.session.commit()
