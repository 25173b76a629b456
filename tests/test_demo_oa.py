"""`hub seed-demo` shows the government-office conventions (issue 13, item 10): notices
with a 文号 and 特急 / 加急, signed for (签收) by some audience parks and not by others; a 督办
item 办结待审 and one with a 延期申请 awaiting a decision. Running it again changes nothing."""

from hub.actions.models import ActionItem, ActionStatus, ActionUpdate
from hub.audit.models import AuditEntry
from hub.extensions import db
from hub.notices import signing
from hub.notices.models import Notice, NoticeSignoff, NoticeUrgency
from hub.notify.models import Delivery
from hub.seed import seed_demo

PASSWORD = "demo-oa-pass-1"


def _counts() -> dict:
    def count(model):
        return db.session.execute(db.select(db.func.count()).select_from(model)).scalar_one()

    items = db.session.execute(db.select(ActionItem.id, ActionItem.status,
                                         ActionItem.extension_due, ActionItem.version)
                               .order_by(ActionItem.id)).all()
    notices = db.session.execute(db.select(Notice.id, Notice.doc_number, Notice.urgency,
                                           Notice.version).order_by(Notice.id)).all()
    return {"items": items, "notices": notices,
            **{m.__name__: count(m) for m in (NoticeSignoff, ActionUpdate, AuditEntry,
                                                Delivery)}}


def test_demo_notices_and_action_items_show_the_oa_features(app, client, login):
    seed_demo(PASSWORD)
    once = _counts()
    seed_demo(PASSWORD)
    assert _counts() == once  # idempotent

    notices = db.session.execute(db.select(Notice).where(Notice.doc_number.is_not(None))
                                 ).scalars().all()
    assert len(notices) >= 3 and all("〔" in n.doc_number for n in notices)
    urgencies = {n.urgency for n in notices}
    assert {NoticeUrgency.EXTRA_URGENT, NoticeUrgency.URGENT} <= urgencies
    subsidy = next(n for n in notices if n.urgency is NoticeUrgency.URGENT)
    signed = signing.signoffs(subsidy)
    assert len(signed) >= 2
    assert signing.laggards(subsidy, to_sign=True)  # some parks have not signed: 催签 has work

    items = db.session.execute(db.select(ActionItem)).scalars().all()
    pending = [i for i in items if i.status is ActionStatus.PENDING_REVIEW]
    asked = [i for i in items if i.extension_due is not None]
    assert len(pending) == 1 and len(asked) == 1
    assert asked[0].extension_due > asked[0].due_date

    assert login("admin", PASSWORD).status_code == 302
    html = client.get(f"/notices/{subsidy.id}").get_data(as_text=True)
    assert subsidy.doc_number in html and "加急" in html
    html = client.get(f"/meetings/actions/{pending[0].id}").get_data(as_text=True)
    assert "办结待审" in html
    html = client.get(f"/meetings/actions/{asked[0].id}").get_data(as_text=True)
    assert "延期" in html
