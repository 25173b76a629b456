"""A park fills, submits; the zone office returns; the park fixes; the zone office accepts."""

import pytest

from hub.efficiency.models import Figure, Submission, SubmissionStatus
from hub.extensions import db
from tests.efficiency.conftest import cells


def _url(rnd, park_id):
    return f"/efficiency/rounds/{rnd.id}/parks/{park_id}"


def _status(rnd, park_id):
    return db.session.execute(db.select(Submission.status).where(
        Submission.round_id == rnd.id, Submission.park_id == park_id)).scalar()


def test_fill_submit_return_fix_accept(client, login, make_user, make_enterprise, make_round,
                                       zone_admin):
    rnd = make_round(2025)
    ent = make_enterprise("田心高科园", name="时代电气")
    staff = make_user(park="田心高科园")
    login(staff)
    page = client.get(_url(rnd, ent.park_id))
    assert page.status_code == 200
    assert "时代电气" in page.text and "未填报" in page.text

    resp = client.post(_url(rnd, ent.park_id), data={**cells(ent), "action": "save"})
    assert resp.status_code == 302
    assert _status(rnd, ent.park_id) is SubmissionStatus.FILLING
    page = client.get(_url(rnd, ent.park_id))
    assert "填报中" in page.text and 'value="6000' in page.text

    resp = client.post(_url(rnd, ent.park_id), data={**cells(ent), "action": "submit"})
    assert resp.status_code == 302
    assert _status(rnd, ent.park_id) is SubmissionStatus.SUBMITTED
    fig = db.session.execute(db.select(Figure)).scalar_one()
    # 6/15×40 + 120/300×20 + 5/10×10 + 500/500×10 + 3/3×10 + 30/100×10 = 16+8+5+10+10+3 = 52
    assert str(fig.score) == "52.00" and fig.grade == "C"

    # submitted: the park can no longer change it
    resp = client.post(_url(rnd, ent.park_id), data={**cells(ent, tax="1"), "action": "save"})
    assert resp.status_code == 422
    assert "不能修改" in resp.text or "cannot be changed" in resp.text

    client.post("/logout")
    login(zone_admin)
    resp = client.post(_url(rnd, ent.park_id) + "/review", data={"decision": "return"})
    assert resp.status_code == 422  # a return needs a comment
    assert _status(rnd, ent.park_id) is SubmissionStatus.SUBMITTED
    resp = client.post(_url(rnd, ent.park_id) + "/review",
                       data={"decision": "return", "comment": "税收数据请核对"})
    assert resp.status_code == 302
    assert _status(rnd, ent.park_id) is SubmissionStatus.RETURNED

    client.post("/logout")
    login(staff)
    page = client.get(_url(rnd, ent.park_id))
    assert "税收数据请核对" in page.text and "已退回" in page.text
    resp = client.post(_url(rnd, ent.park_id), data={**cells(ent, tax="450"),
                                                      "action": "submit"})
    assert resp.status_code == 302
    assert _status(rnd, ent.park_id) is SubmissionStatus.SUBMITTED

    client.post("/logout")
    login(zone_admin)
    resp = client.post(_url(rnd, ent.park_id) + "/review", data={"decision": "accept"})
    assert resp.status_code == 302
    assert _status(rnd, ent.park_id) is SubmissionStatus.ACCEPTED
    assert "已审核" in client.get(f"/efficiency/rounds/{rnd.id}").text
    heroes = client.get(f"/efficiency/rounds/{rnd.id}/heroes")
    assert heroes.status_code == 200 and "时代电气" in heroes.text


def test_refused_save_keeps_what_was_typed_and_saves_nothing(client, login, make_user,
                                                             make_enterprise, make_round):
    rnd = make_round(2025)
    a = make_enterprise("田心高科园", name="甲公司")
    b = make_enterprise("田心高科园", name="乙公司")
    login(make_user(park="田心高科园"))
    data = {**cells(a, tax="12o"), **cells(b, revenue="-5", land_mu="667000", employees="3.5"),
            "action": "save"}
    resp = client.post(_url(rnd, a.park_id), data=data)
    assert resp.status_code == 422
    assert "不是数字" in resp.text  # 12o
    assert "不能为负数" in resp.text
    assert "平方米" in resp.text  # 667000 亩: square metres?
    assert 'value="12o"' in resp.text and 'value="-5"' in resp.text
    assert "未保存" in resp.text
    assert db.session.execute(db.select(Figure)).first() is None


def test_submit_needs_every_cell_and_confirmation_of_flags(client, login, make_user,
                                                           make_enterprise, make_round):
    rnd = make_round(2025)
    ent = make_enterprise("田心高科园")
    login(make_user(park="田心高科园"))
    resp = client.post(_url(rnd, ent.park_id), data={**cells(ent, rd=""), "action": "submit"})
    assert resp.status_code == 422 and "提交前必须填写" in resp.text
    assert _status(rnd, ent.park_id) is not SubmissionStatus.SUBMITTED

    resp = client.post(_url(rnd, ent.park_id), data={**cells(ent, tax="7000"),
                                                      "action": "submit"})
    assert resp.status_code == 422
    assert "税收高于营业收入" in resp.text
    assert _status(rnd, ent.park_id) is SubmissionStatus.FILLING  # saved as a draft
    resp = client.post(_url(rnd, ent.park_id), data={**cells(ent, tax="7000"),
                                                      "action": "submit", "confirm_flags": "y"})
    assert resp.status_code == 302
    assert _status(rnd, ent.park_id) is SubmissionStatus.SUBMITTED


def test_hero_list_becomes_a_notice_with_the_xlsx_attached(client, login, make_user,
                                                           make_enterprise, make_round,
                                                           zone_admin):
    from hub.attachments.models import Attachment
    from hub.efficiency import collection, services
    from hub.notices.models import Notice, NoticeStatus

    rnd = make_round(2025)
    ent = make_enterprise("田心高科园", name="时代电气")
    sub = collection.get_submission(rnd, ent.park_id)
    collection.save_grid(zone_admin, rnd, sub, [ent], collection.parse_grid([ent], cells(ent)))
    sub.status = SubmissionStatus.ACCEPTED
    db.session.commit()
    login(zone_admin)
    url = f"/efficiency/rounds/{rnd.id}/heroes/notice"
    assert client.post(url).status_code == 302  # refused: results not published yet
    assert db.session.execute(db.select(Notice)).first() is None
    services.publish_round(zone_admin, rnd)
    db.session.commit()
    resp = client.post(url)
    notice = db.session.execute(db.select(Notice)).scalar_one()
    assert resp.headers["Location"].endswith(f"/notices/{notice.id}")
    assert notice.status is NoticeStatus.DRAFT and notice.title == "2025年度亩均英雄榜"
    assert "时代电气" in notice.body
    files = db.session.execute(db.select(Attachment).where(
        Attachment.owner_type == "notice", Attachment.owner_id == notice.id)).scalars().all()
    assert [f.original_name for f in files] == ["2025年度亩均效益评价结果.xlsx"]
    page = client.get(f"/notices/{notice.id}")
    assert page.status_code == 200 and "时代电气" in page.text
    client.post(url)  # a second press opens the same notice
    assert db.session.execute(db.select(db.func.count()).select_from(Notice)).scalar() == 1


def test_the_grid_in_english(client, login, make_user, make_enterprise, make_round):
    rnd = make_round(2025)
    ent = make_enterprise("田心高科园")
    staff = make_user(park="田心高科园")
    staff.locale = "en"
    db.session.commit()
    login(staff)
    resp = client.post(_url(rnd, ent.park_id), data={**cells(ent, tax="abc"), "action": "save"})
    assert resp.status_code == 422
    assert "Not a number." in resp.text and "Tax (10k yuan)" in resp.text
    assert "Not reported" in resp.text and "Per-mu evaluation" in resp.text


@pytest.mark.parametrize("race", ["updated", "inserted"])
def test_a_concurrent_save_is_a_409_with_the_input_kept(client, login, make_user,
                                                        make_enterprise, make_round,
                                                        monkeypatch, race):
    from sqlalchemy.exc import IntegrityError
    from sqlalchemy.orm.exc import StaleDataError

    from hub.efficiency import collection

    rnd = make_round(2025)
    ent = make_enterprise("田心高科园")
    login(make_user(park="田心高科园"))

    def raced(*args, **kwargs):
        if race == "updated":
            raise StaleDataError("the report was updated meanwhile")
        raise IntegrityError("INSERT INTO figure", {}, Exception("unique: saved meanwhile"))

    monkeypatch.setattr(collection, "save_grid", raced)
    resp = client.post(_url(rnd, ent.park_id), data={**cells(ent, tax="321"), "action": "save"})
    assert resp.status_code == 409
    assert "他人已在此期间保存或审核" in resp.text and 'value="321"' in resp.text
    assert db.session.execute(db.select(Figure)).first() is None
