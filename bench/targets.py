"""Print, as JSON, the URLs bench/run.py drives, picked from the generated data in DATABASE_URL.

Run by run.py with the venv's python: `python bench/targets.py`."""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import func, select

from bench.data.generate import BASE_DATE, USERNAME_PREFIX
from hub import create_app
from hub.auth.models import Role, User
from hub.efficiency.models import EvalRound, RoundStatus
from hub.extensions import db
from hub.meetings.models import Meeting, Minutes, MinutesStatus, meeting_park
from hub.notices.models import Notice, NoticeStatus

TERM3 = "新能源"  # in notice titles and bodies, case descriptions and talent listings
TERM2 = "补助"


def main() -> None:
    app = create_app()
    with app.app_context():
        staff = db.session.execute(
            select(User).where(User.username.like(USERNAME_PREFIX + "%"), User.role == Role.STAFF)
            .order_by(User.id.desc()).limit(1)).scalar_one()
        published = (Notice.status == NoticeStatus.PUBLISHED, Notice.deleted_at.is_(None))
        notice_id = db.session.execute(
            select(Notice.id).where(*published, Notice.all_parks.is_(True))
            .order_by(Notice.published_at.desc()).limit(1)).scalar_one()
        visible = db.session.execute(select(func.count(Notice.id)).where(*published)).scalar_one()
        deep_page = max(1, visible // 20 // 2)
        meeting_id = db.session.execute(
            select(Meeting.id).join(Minutes, Minutes.meeting_id == Meeting.id)
            .join(meeting_park, meeting_park.c.meeting_id == Meeting.id)
            .where(Minutes.status == MinutesStatus.PUBLISHED,
                   meeting_park.c.park_id == staff.park_id)
            .order_by(Meeting.starts_at.desc()).limit(1)).scalar_one()
        # 亩均效益评价: the latest published round (2024 in generated data), which a staff
        # account may see whole (before publication only the zone office does)
        round_id = db.session.execute(
            select(EvalRound.id).where(EvalRound.status == RoundStatus.PUBLISHED)
            .order_by(EvalRound.year.desc()).limit(1)).scalar_one()
        routes = [
            ("trivial route (/ping, anonymous, no database)", "/ping"),
            ("dashboard", "/"),
            ("notice list, page 1", "/notices/"),
            (f"notice list, page {deep_page}", f"/notices/?page={deep_page}"),
            ("one notice", f"/notices/{notice_id}"),
            ("case list, filtered", f"/cases/?park={staff.park_id}&status=disposing"),
            ("talent list", "/talent/"),
            ("meetings month view", f"/meetings/month?y={BASE_DATE.year}&m={BASE_DATE.month}"),
            ("meeting with minutes", f"/meetings/{meeting_id}"),
            (f"search, 3 characters ({TERM3})", f"/search?q={TERM3}"),
            (f"search, 2 characters ({TERM2})", f"/search?q={TERM2}"),
            ("efficiency analysis (published round)", f"/efficiency/rounds/{round_id}/analysis"),
            ("efficiency hero list (top 10)", f"/efficiency/rounds/{round_id}/heroes"),
            ("efficiency scores, page 1", f"/efficiency/rounds/{round_id}/scores"),
            # pages users wait on that the first route set missed (session 10 found the ledger
            # at 2.3 s of CPU): 督办 items and their ledger, the 赋权事项 matrix, 履约监管
            ("督办 item list", "/meetings/actions/"),
            ("督办台账 (ledger)", "/meetings/actions/ledger"),
            ("赋权事项 matrix", "/powers/"),
            ("履约监管 (project supervision)", "/projects/supervision"),
        ]
        print(json.dumps({"username": staff.username, "routes": routes}, ensure_ascii=False))


if __name__ == "__main__":
    main()
