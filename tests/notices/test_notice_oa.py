"""Government-office conventions on notices (issue 13 item 10): 文号, 紧急程度, 签收 per park,
催阅/催签 of the lagging parks (rate-limited, recorded), the receipts workbook."""

import io
import re
from urllib.parse import quote

import pytest
from openpyxl import load_workbook

from hub.extensions import db
from hub.notices import services, signing
from hub.notices.models import Notice, NoticeReminder, NoticeSignoff, NoticeUrgency
from hub.notify.models import Channel, Delivery, Notification, ParkRobot
from hub.notify.render import render
from hub.parks.models import Park
from hub.timeutil import to_local
from tests.notices.notice_helpers import category, form_data

DOC = "株高新管发〔2026〕12号"


def _notice(author, *, audience, urgency=NoticeUrgency.NORMAL, doc_number=None,
            publisher=None, title="关于申报专项资金的通知") -> Notice:
    data = {"park_id": author.park_id, "title": title, "category_id": category().id,
            "body": "请各园区按时申报。", "all_parks": audience is None, "effective_date": None,
            "expiry_date": None, "urgency": urgency, "doc_number": doc_number}
    parks = [db.session.get(Park, p.id) for p in audience or []]
    notice = services.create(author, data, parks)
    db.session.commit()
    services.publish(publisher or author, notice, all_parks=audience is None, audience=parks,
                     version=notice.version)
    db.session.commit()
    return notice


def _titles(user) -> list[str]:
    db.session.expire_all()
    return list(db.session.execute(db.select(Notification.title).where(
        Notification.user_id == user.id).order_by(Notification.id)).scalars())


# --- 文号 and 紧急程度 on the form, the list, the page and search --------------------------------
def test_doc_number_and_urgency_are_saved_shown_and_searchable(client, login, world):
    login(world.admin_a)
    resp = client.post("/notices/new", data=form_data(
        title="关于开展安全生产检查的通知", doc_number=f"  {DOC} ", urgency="extra_urgent"))
    assert resp.status_code == 302
    notice = db.session.execute(db.select(Notice)).scalar_one()
    assert notice.doc_number == DOC and notice.urgency is NoticeUrgency.EXTRA_URGENT

    page = client.get(f"/notices/{notice.id}").text
    assert 'data-testid="notice-doc-number">' + DOC in page
    assert re.search(r'data-testid="notice-urgency">\s*特急', page)
    listing = client.get("/notices/").text
    assert 'data-testid="urgency">特急' in listing and DOC in listing

    found = client.get("/search", query_string={"q": "株高新管发〔2026〕12"}).text
    assert "关于开展安全生产检查的通知" in found
    found = client.get("/search", query_string={"q": "〔2026〕99号"}).text
    assert "关于开展安全生产检查的通知" not in found


def test_a_doc_number_in_use_is_refused_on_the_form_with_everything_kept(client, login, world):
    _notice(world.admin_a, audience=None, doc_number=DOC)
    login(world.admin_b)  # unique across the zone, not per issuing park
    resp = client.post("/notices/new", data=form_data(title="醴陵的通知", doc_number=DOC,
                                                      urgency="urgent"))
    assert resp.status_code == 422
    assert "该文号已被其他通知使用。" in resp.text and 'value="醴陵的通知"' in resp.text
    assert db.session.execute(db.select(db.func.count(Notice.id))).scalar_one() == 1
    # without a 文号 any number of notices
    assert client.post("/notices/new", data=form_data(title="甲")).status_code == 302
    assert client.post("/notices/new", data=form_data(title="乙")).status_code == 302


def test_urgent_notice_is_highlighted_on_the_dashboard(client, login, world):
    _notice(world.admin_a, audience=[world.b], urgency=NoticeUrgency.URGENT, title="加急的通知")
    _notice(world.admin_a, audience=[world.b], title="平常的通知")
    login(world.staff_b)
    page = client.get("/").text
    assert page.count('data-testid="dash-urgency"') == 1
    assert re.search(r'data-testid="dash-urgency">加急</span>\s*<a href="/notices/\d+">加急的通知',
                     page)


def test_an_urgent_notice_goes_to_the_group_robots_at_once_marked_urgent(app, world):
    db.session.add(ParkRobot(park_id=world.b.id, webhook_url="https://qyapi.weixin.qq.com/x"))
    db.session.commit()
    notice = _notice(world.admin_a, audience=[world.b, world.c],
                     urgency=NoticeUrgency.EXTRA_URGENT, doc_number=DOC)
    [robot] = db.session.execute(db.select(Delivery).where(
        Delivery.channel == Channel.ROBOT, Delivery.object_id == notice.id)).scalars()
    assert robot.park_id == world.b.id and robot.kind == "notice.published"
    message = render(robot)
    assert message.subject.endswith("【特急】新通知：关于申报专项资金的通知")
    assert DOC in message.text
    # the users' bell has it already, marked too
    assert _titles(world.staff_c)[0].endswith("【特急】新通知：关于申报专项资金的通知")


# --- 签收 --------------------------------------------------------------------------------------
def test_sign_once_per_park_who_and_when(client, login, world):
    notice = _notice(world.admin_a, audience=[world.b, world.c])
    login(world.staff_b)
    page = client.get(f"/notices/{notice.id}").text
    assert 'data-testid="sign-notice"' in page
    resp = client.post(f"/notices/{notice.id}/sign", data={"park_id": world.b.id},
                       follow_redirects=True)
    assert "已代表醴陵经开区签收。" in resp.text
    assert re.search(r'data-testid="my-signoff">醴陵经开区已于 .* 签收（刘洋）', resp.text)
    assert 'data-testid="sign-notice"' not in resp.text

    client.post("/logout")
    login(world.admin_b)  # a colleague: the park has signed already
    assert 'data-testid="sign-notice"' not in client.get(f"/notices/{notice.id}").text
    resp = client.post(f"/notices/{notice.id}/sign", follow_redirects=True)
    assert "本园区已签收该通知。" in resp.text
    [row] = db.session.execute(db.select(NoticeSignoff)).scalars()
    assert (row.park_id, row.user_id) == (world.b.id, world.staff_b.id)

    client.post("/logout")
    login(world.admin_a)  # the publisher sees who signed and who did not
    page = client.get(f"/notices/{notice.id}").text
    assert re.findall(r'data-testid="park-unsigned">([^<]+)<', page) == ["茶陵经开区"]
    assert "刘洋 · " in page


def test_signing_is_distinct_from_reading(client, login, world):
    notice = _notice(world.admin_a, audience=[world.b])
    login(world.staff_b)
    client.get(f"/notices/{notice.id}")  # read, not signed
    assert signing.laggards(notice, to_sign=False) == []
    assert [p.id for p in signing.laggards(notice, to_sign=True)] == [world.b.id]


def test_a_forged_park_or_a_park_outside_the_audience_cannot_sign(client, login, world):
    notice = _notice(world.admin_a, audience=[world.b])
    login(world.staff_b)
    for forged in (world.c.id, "abc"):
        assert client.post(f"/notices/{notice.id}/sign",
                           data={"park_id": forged}).status_code == 403
    client.post("/logout")
    login(world.staff_c)  # not addressed: the notice does not exist for park C
    assert client.post(f"/notices/{notice.id}/sign").status_code == 404
    client.post("/logout")
    login(world.staff_a2)  # the issuing park sees it but is not in the audience
    assert client.post(f"/notices/{notice.id}/sign").status_code == 403
    assert db.session.execute(db.select(db.func.count(NoticeSignoff.id))).scalar_one() == 0
    with pytest.raises(signing.SignError):
        signing.sign(world.staff_b, notice, park_id=world.c.id)


# --- 催阅 / 催签 ---------------------------------------------------------------------------------
def test_remind_reaches_only_the_laggards_and_once_a_day(client, login, world):
    notice = _notice(world.admin_a, audience=[world.b, world.c], title="请报送材料")
    login(world.staff_b)
    client.get(f"/notices/{notice.id}")  # park B read it; park C did not
    client.post("/logout")

    login(world.admin_a)
    resp = client.post(f"/notices/{notice.id}/remind", data={"what": "read"},
                       follow_redirects=True)
    assert "已催办 1 个园区：茶陵经开区" in resp.text
    assert _titles(world.staff_c)[-1].endswith("请阅读通知：请报送材料")
    assert not any("请阅读" in t for t in _titles(world.staff_b))
    mails = db.session.execute(db.select(Delivery).where(
        Delivery.kind == "notice.reminded", Delivery.channel == Channel.EMAIL)).scalars().all()
    assert {m.user_id for m in mails} <= {world.staff_c.id} and mails

    # again today: nobody left to remind
    resp = client.post(f"/notices/{notice.id}/remind", data={"what": "read"},
                       follow_redirects=True)
    assert "没有需要催办的园区" in resp.text
    assert sum(t.endswith("请阅读通知：请报送材料") for t in _titles(world.staff_c)) == 1
    # 催签: both parks lag, but park C was reminded today already
    resp = client.post(f"/notices/{notice.id}/remind", data={"what": "sign"},
                       follow_redirects=True)
    assert "已催办 1 个园区：醴陵经开区" in resp.text
    assert "今天已催办过，未重复发送：茶陵经开区" in resp.text
    assert _titles(world.staff_b)[-1].endswith("请签收通知：请报送材料")
    rows = db.session.execute(db.select(NoticeReminder).order_by(NoticeReminder.id)).scalars()
    assert [(r.park_id, r.to_sign, r.by_id) for r in rows] == [
        (world.c.id, False, world.admin_a.id), (world.b.id, True, world.admin_a.id)]
    page = client.get(f"/notices/{notice.id}").text
    assert page.count('data-testid="reminder-row"') == 2


def test_only_the_publishers_admins_may_remind(client, login, world):
    notice = _notice(world.admin_a, audience=[world.b])
    for user in (world.staff_a, world.admin_b):
        login(user)
        assert "remind-form" not in client.get(f"/notices/{notice.id}").text
        assert client.post(f"/notices/{notice.id}/remind",
                           data={"what": "read"}).status_code == 403
        client.post("/logout")
    login(world.admin)  # (park B has read it meanwhile: its park admin opened it above)
    assert client.post(f"/notices/{notice.id}/remind", data={"what": "nonsense"}).status_code \
        == 422
    assert client.post(f"/notices/{notice.id}/remind", data={"what": "sign"}).status_code == 302
    assert db.session.execute(db.select(db.func.count(NoticeReminder.id))).scalar_one() == 1


# --- the workbook --------------------------------------------------------------------------------
def test_receipts_export_opens_with_read_and_signed_per_park(client, login, world):
    hostile = "=cmd|' /C calc'!A0 关于申报的通知"
    notice = _notice(world.admin_a, audience=[world.b, world.c], doc_number=DOC, title=hostile)
    login(world.staff_b)
    client.get(f"/notices/{notice.id}")
    client.post(f"/notices/{notice.id}/sign")
    client.post("/logout")
    login(world.admin_a)
    resp = client.get(f"/notices/{notice.id}/receipts.xlsx")
    assert resp.status_code == 200 and resp.mimetype.endswith("spreadsheetml.sheet")
    assert "attachment" in resp.headers["Content-Disposition"]
    # the saved file's name is Chinese like the page: 已读回执-<文号>.xlsx
    assert quote(f"已读回执-{DOC}.xlsx") in resp.headers["Content-Disposition"]
    book = load_workbook(io.BytesIO(resp.data))
    assert book.sheetnames == ["按园区", "阅读人", "通知"]
    rows = list(book["按园区"].iter_rows(values_only=True))
    assert rows[0] == ("园区", "已读", "阅读人", "首次阅读时间（北京时间）", "已签收", "签收人",
                       "签收时间（北京时间）", "催办次数")
    by_park = {r[0]: r for r in rows[1:]}
    assert by_park["醴陵经开区"][1:3] == ("是", 1) and by_park["醴陵经开区"][4:6] == ("是", "刘洋")
    signoff = db.session.execute(db.select(NoticeSignoff)).scalar_one()
    local = to_local(signoff.signed_at).replace(tzinfo=None, microsecond=0)
    assert by_park["醴陵经开区"][6] == local  # 北京时间
    assert by_park["茶陵经开区"][1:3] == ("否", 0) and by_park["茶陵经开区"][4:6] == ("否", None)
    readers = list(book["阅读人"].iter_rows(values_only=True))[1:]
    assert [r[:2] for r in readers] == [("醴陵经开区", "刘洋")]
    [header, info] = list(book["通知"].iter_rows(values_only=True))
    assert dict(zip(header, info, strict=True))["文号"] == DOC
    assert info[0] == hostile and book["通知"]["A2"].data_type == "s"  # text, not a formula
    assert book["按园区"]["A3"].fill.fgColor.rgb.endswith("FFF3CD")  # 茶陵 has not read: tinted
    client.post("/logout")
    login(world.staff_b)  # an audience park does not see the others' receipts
    assert client.get(f"/notices/{notice.id}/receipts.xlsx").status_code == 403
