"""The land-case picker of a decision (督办): every case the user may see, the open ones first,
the others marked with their status; a case already linked stays in the picker."""

import re
from datetime import UTC, datetime

from hub.actions.models import ActionItem
from hub.extensions import db
from hub.land.models import CaseStatus, LandCase


def _case(world, code, status=CaseStatus.REGISTERED, deleted=False) -> LandCase:
    c = LandCase(park_id=world.other.id, parcel_code=code, location="田心大道", area_mu=3,
                 status=status, deleted_at=datetime(2026, 1, 1, tzinfo=UTC) if deleted else None)
    db.session.add(c)
    db.session.commit()
    return c


def _options(html: str) -> list[tuple[str, str]]:
    select = re.search(r'<select[^>]*name="land_case_ids".*?</select>', html, re.S).group(0)
    return [(v, " ".join(t.split())) for v, t in
            re.findall(r'<option[^>]*value="(\d+)"[^>]*>(.*?)</option>', select, re.S)]


def test_picker_lists_every_visible_case_open_ones_first(client, world, as_user):
    done = _case(world, "TX-A-DONE", CaseStatus.DISPOSED)
    open_c = _case(world, "TX-C-OPEN", CaseStatus.VERIFYING)
    open_b = _case(world, "TX-B-OPEN")
    suspended = _case(world, "TX-D-SUSP", CaseStatus.SUSPENDED)
    _case(world, "TX-0-GONE", deleted=True)
    as_user(world.host_staff)
    options = _options(client.get(f"/meetings/{world.meeting.id}/minutes").get_data(as_text=True))
    assert [int(v) for v, _ in options] == [open_b.id, open_c.id, suspended.id, done.id]
    labels = dict(options)
    assert labels[str(done.id)].endswith("（已处置）") or labels[str(done.id)].endswith("(已处置)")
    assert "已处置" not in labels[str(open_b.id)] and "TX-B-OPEN" in labels[str(open_b.id)]

    # a disposed case can be linked, and stays linked in the edit form after it is deleted
    base = f"/meetings/{world.meeting.id}"
    assert client.post(f"{base}/minutes", data={"body": "纪要", "base_revision": "0"}
                       ).status_code == 302
    resp = client.post(f"{base}/decisions", data={
        "text": "复核已处置地块", "owner_park_id": world.other.id, "assignee_id": "0",
        "due_date": "", "land_case_ids": str(done.id)})
    assert resp.status_code == 302, resp.get_data(as_text=True)[:2000]
    item = db.session.execute(db.select(ActionItem)).scalar_one()
    assert [c.id for c in item.land_cases] == [done.id]
    done.deleted_at = datetime(2026, 2, 1, tzinfo=UTC)
    db.session.commit()
    html = client.get(f"{base}/decisions/{item.id}/edit").get_data(as_text=True)
    edit_options = _options(html)
    assert str(done.id) in dict(edit_options)
    assert re.search(rf'<option[^>]*selected[^>]*value="{done.id}"|'
                     rf'<option[^>]*value="{done.id}"[^>]*selected', html)
