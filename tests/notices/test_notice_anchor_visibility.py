"""The notice list's `?before=<id>` / `?after=<id>` take only anchors the user may see (issue 11,
item 6): a hidden notice's id answers exactly as an id that does not exist."""

import pytest
from sqlalchemy import func

from hub.extensions import db
from hub.notices.models import Notice
from tests.notices.test_notice_pages import _ids, _publish_many


@pytest.mark.parametrize("arg", ["before", "after"])
def test_an_invisible_anchor_answers_as_an_unknown_one(client, login, world, arg):
    _publish_many(world, 40)  # 40 notices of B to all parks, and 30 drafts of C
    drafts = db.session.execute(
        db.select(Notice.id).where(Notice.park_id == world.c.id).order_by(Notice.id)
    ).scalars().all()
    unknown = db.session.scalar(db.select(func.max(Notice.id))) + 1000
    login(world.staff_a)

    answers = {}
    for label, anchor in [("unknown", unknown)] + [(f"draft{n}", d) for n, d in
                                                    enumerate(drafts[::7])]:
        resp = client.get(f"/notices/?{arg}={anchor}")
        assert resp.status_code == 200
        answers[label] = _ids(resp.get_data(as_text=True))
    assert all(ids == answers["unknown"] for ids in answers.values()), answers
