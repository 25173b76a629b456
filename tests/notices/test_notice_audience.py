"""Audience filtering in list and detail, unread marks, reads and read receipts (已读回执)."""

import re

from hub.extensions import db
from hub.notices.models import NoticeRead


def _rows(html: str) -> list[str]:
    return re.findall(r'<a href="/notices/\d+">([^<]+)</a>', html)


def test_list_and_detail_follow_the_audience(client, login, world, make_notice):
    to_b = make_notice(world.staff_a, title="发给醴陵", audience=[world.b], published=True,
                       publisher=world.admin_a)
    to_all = make_notice(world.staff_a, title="发给全部", published=True, publisher=world.admin_a)
    draft = make_notice(world.staff_a, title="田心草稿")
    withdrawn = make_notice(world.staff_a, title="已撤回", published=True,
                            publisher=world.admin_a)
    from hub.notices import services
    services.withdraw(world.admin_a, withdrawn)
    db.session.commit()

    login(world.staff_c)
    titles = _rows(client.get("/notices/").get_data(as_text=True))
    assert titles == ["发给全部"]
    assert client.get(f"/notices/{to_b.id}").status_code == 404
    assert client.get(f"/notices/{draft.id}").status_code == 404
    assert client.get(f"/notices/{withdrawn.id}").status_code == 404
    assert client.get(f"/notices/{to_all.id}").status_code == 200

    client.post("/logout")
    login(world.staff_b)
    assert sorted(_rows(client.get("/notices/").get_data(as_text=True))) == ["发给全部", "发给醴陵"]
    assert client.get(f"/notices/{to_b.id}").status_code == 200

    client.post("/logout")
    login(world.staff_a2)  # the issuing park sees everything of its own
    assert sorted(_rows(client.get("/notices/").get_data(as_text=True))) == [
        "发给全部", "发给醴陵", "已撤回", "田心草稿"]

    client.post("/logout")
    login(world.admin)
    assert len(_rows(client.get("/notices/").get_data(as_text=True))) == 4


def test_list_filters(client, login, world, make_notice):
    make_notice(world.staff_a, title="资金通知", published=True, publisher=world.admin_a)
    make_notice(world.staff_b, title="环保通知", category_name="环保", published=True,
                publisher=world.admin_b)
    make_notice(world.staff_a, title="草稿通知")
    login(world.admin)
    from tests.notices.notice_helpers import category
    html = client.get(f"/notices/?category={category('环保').id}").get_data(as_text=True)
    assert _rows(html) == ["环保通知"]
    html = client.get(f"/notices/?park={world.b.id}").get_data(as_text=True)
    assert _rows(html) == ["环保通知"]
    html = client.get("/notices/?status=draft").get_data(as_text=True)
    assert _rows(html) == ["草稿通知"]
    html = client.get("/notices/?date_from=2000-01-01&date_to=2000-12-31").get_data(as_text=True)
    assert _rows(html) == []
    assert client.get("/notices/?date_from=bad&category=x").status_code == 200


def test_list_paginates(client, login, world, make_notice):
    for n in range(23):
        make_notice(world.staff_a, title=f"通知{n:02d}")
    login(world.staff_a)
    assert len(_rows(client.get("/notices/").get_data(as_text=True))) == 20
    assert len(_rows(client.get("/notices/?page=2").get_data(as_text=True))) == 3


def test_unread_mark_and_idempotent_read(client, login, world, make_notice):
    notice = make_notice(world.staff_a, title="请阅读", published=True, publisher=world.admin_a)
    login(world.staff_b)
    html = client.get("/notices/").get_data(as_text=True)
    assert 'data-testid="unread"' in html
    assert client.get(f"/notices/{notice.id}").status_code == 200
    assert client.get(f"/notices/{notice.id}").status_code == 200
    reads = db.session.execute(db.select(NoticeRead)).scalars().all()
    assert [(r.user_id, r.park_id) for r in reads] == [(world.staff_b.id, world.b.id)]
    html = client.get("/notices/").get_data(as_text=True)
    assert 'data-testid="unread"' not in html
    assert "请阅读" in html


def test_opening_a_draft_records_no_read(client, login, world, make_notice):
    notice = make_notice(world.staff_a, title="草稿")
    login(world.staff_a2)
    assert client.get(f"/notices/{notice.id}").status_code == 200
    assert db.session.execute(db.select(NoticeRead)).first() is None


def test_read_receipts_show_who_when_and_parks_without_reader(app, client, login, world,
                                                              make_notice):
    notice = make_notice(world.staff_a, title="回执测试", audience=[world.b, world.c],
                         published=True, publisher=world.admin_a)
    reader = app.test_client()
    login(world.staff_b, use_client=reader)
    assert reader.get(f"/notices/{notice.id}").status_code == 200
    html = reader.get(f"/notices/{notice.id}").get_data(as_text=True)
    assert 'data-testid="receipts"' not in html  # other parks' staff see no receipts

    login(world.staff_a2)
    html = client.get(f"/notices/{notice.id}").get_data(as_text=True)
    receipts = html.split('data-testid="receipts"', 1)[1]
    assert "刘洋" in receipts  # staff_b read it
    read = db.session.execute(db.select(NoticeRead).where(
        NoticeRead.user_id == world.staff_b.id)).scalar_one()
    local = read.read_at.astimezone(__import__("zoneinfo").ZoneInfo("Asia/Shanghai"))
    assert local.strftime("%Y-%m-%d %H:%M") in receipts
    missing = receipts.split('data-testid="parks-without-reader"', 1)[1].split("</div>", 1)[0]
    assert "茶陵经开区" in missing
    assert "醴陵经开区" not in missing
    assert "陈静" not in receipts


def test_receipts_for_all_parks_list_every_active_park(client, login, world, make_notice,
                                                       make_park):
    make_park("停用园区", active=False)
    notice = make_notice(world.staff_a, title="全部回执", published=True, publisher=world.admin_a)
    login(world.admin)
    html = client.get(f"/notices/{notice.id}").get_data(as_text=True)
    missing = html.split('data-testid="parks-without-reader"', 1)[1].split("</div>", 1)[0]
    for name in ("田心高科园", "醴陵经开区", "茶陵经开区"):
        assert name in missing
    assert "停用园区" not in missing
    assert "株洲市园区办" not in missing  # the admin's own read counts for the zone office


def test_parks_sent_with_all_parks_ticked_are_ignored(client, login, world, make_notice):
    """Without the script that disables the park checkboxes, a browser sends both "all parks"
    and the ticked parks: the notice goes to all parks and keeps no chosen parks."""
    from hub.notices.models import Notice
    from tests.notices.notice_helpers import form_data

    login(world.staff_a)
    both = {"all_parks": "y", "audience": [str(world.b.id), str(world.c.id)]}
    assert client.post("/notices/new", data=form_data(title="全部园区", **both)).status_code == 302
    notice = db.session.execute(db.select(Notice).where(Notice.title == "全部园区")).scalar_one()
    assert notice.all_parks and list(notice.audience) == []
    html = client.get(f"/notices/{notice.id}").get_data(as_text=True)
    assert re.search(r'data-testid="notice-audience">\s*全部园区', html)

    draft = make_notice(world.staff_a, title="待发布", audience=[world.b])
    client.post("/logout")
    login(world.admin_a)
    resp = client.post(f"/notices/{draft.id}/publish",
                       data={**both, "audience": [str(world.b.id)], "version": str(draft.version)})
    assert resp.status_code == 302
    db.session.expire_all()
    published = db.session.get(Notice, draft.id)
    assert published.all_parks and list(published.audience) == []
    login(world.staff_c)
    assert client.get(f"/notices/{draft.id}").status_code == 200  # C was never ticked
