"""Creating and editing listings: validation, no lost updates, audit, attachments, soft delete."""

import io
from datetime import timedelta
from urllib.parse import quote

from hub.attachments.models import Attachment
from hub.audit.models import AuditEntry
from hub.extensions import db
from hub.talent.models import ListingStatus, TalentListing

from .helpers import PARK_A, PARK_B, form_data, list_table, today

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def listings() -> list[TalentListing]:
    db.session.expire_all()
    return list(db.session.execute(db.select(TalentListing)).scalars())


def audit_entries(listing_id: int) -> list[AuditEntry]:
    stmt = (db.select(AuditEntry)
            .where(AuditEntry.object_type == "talent_listing", AuditEntry.object_id == listing_id)
            .order_by(AuditEntry.id))
    return list(db.session.execute(stmt).scalars())


def test_no_contact_is_refused_with_the_input_kept(client, login, make_user):
    login(make_user(park=PARK_A))
    resp = client.post("/talent/new", data=form_data(title="没有联系方式的岗位",
                                                     contact_phone="", contact_email="",
                                                     description="保留我写的描述"))
    assert resp.status_code == 422
    page = resp.get_data(as_text=True)
    assert 'value="没有联系方式的岗位"' in page
    assert "保留我写的描述" in page
    assert "is-invalid" in page
    assert listings() == []


def test_headcount_zero_is_refused(client, login, make_user):
    login(make_user(park=PARK_A))
    resp = client.post("/talent/new", data=form_data(title="零人岗位", headcount="0"))
    assert resp.status_code == 422
    page = resp.get_data(as_text=True)
    assert 'value="零人岗位"' in page
    assert 'name="headcount"' in page and "is-invalid" in page
    assert listings() == []
    for bad in ("10000", "abc", ""):
        assert client.post("/talent/new", data=form_data(headcount=bad)).status_code == 422
    assert listings() == []


def test_expiry_in_the_past_is_refused_on_create(client, login, make_user):
    login(make_user(park=PARK_A))
    yesterday = (today() - timedelta(days=1)).isoformat()
    resp = client.post("/talent/new", data=form_data(expires_on=yesterday))
    assert resp.status_code == 422
    assert yesterday in resp.get_data(as_text=True)
    assert listings() == []
    assert client.post("/talent/new", data=form_data(
        expires_on=today().isoformat())).status_code == 302


def test_editing_an_expired_listing_may_keep_its_date(client, login, make_user, make_listing):
    old = today() - timedelta(days=5)
    listing = make_listing(park=PARK_A, expires_on=old)
    login(make_user(park=PARK_A))
    data = form_data(title="改了标题", expires_on=old.isoformat(), version=str(listing.version))
    assert client.post(f"/talent/{listing.id}/edit", data=data).status_code == 302
    assert listings()[0].title == "改了标题"


def test_stale_edit_is_refused_with_the_users_text_kept(client, login, make_user, make_listing):
    listing = make_listing(park=PARK_A, title="原标题")
    loaded_version = listing.version
    login(make_user(park=PARK_A))
    # someone else saves first
    first = form_data(title="别人先保存的标题", version=str(loaded_version))
    assert client.post(f"/talent/{listing.id}/edit", data=first).status_code == 302
    mine = form_data(title="我的标题", description="我写了很久的描述", version=str(loaded_version))
    resp = client.post(f"/talent/{listing.id}/edit", data=mine)
    assert resp.status_code == 409
    page = resp.get_data(as_text=True)
    assert "我写了很久的描述" in page
    assert 'value="我的标题"' in page
    assert "别人先保存的标题" in page  # the conflict table shows what was saved meanwhile
    assert listings()[0].title == "别人先保存的标题"
    # the refused form now carries the new version: saving again overwrites knowingly
    current = listings()[0].version
    assert f'value="{current}"' in page
    again = form_data(title="我的标题", version=str(current))
    assert client.post(f"/talent/{listing.id}/edit", data=again).status_code == 302
    assert listings()[0].title == "我的标题"


def test_audit_records_every_change(client, login, make_user):
    user = make_user(park=PARK_A, role="park_admin")
    login(user)
    assert client.post("/talent/new", data=form_data(title="审计岗位")).status_code == 302
    listing = listings()[0]
    data = form_data(title="审计岗位（修订）", headcount="8", version=str(listing.version))
    assert client.post(f"/talent/{listing.id}/edit", data=data).status_code == 302
    client.post(f"/talent/{listing.id}/status", data={"to": "filled"})
    client.post(f"/talent/{listing.id}/delete")
    entries = audit_entries(listing.id)
    assert [e.action for e in entries] == ["create", "update", "transition", "delete"]
    assert all(e.actor_id == user.id and e.park_id == user.park_id for e in entries)
    assert entries[0].changes["title"] == [None, "审计岗位"]
    assert entries[1].changes == {"title": ["审计岗位", "审计岗位（修订）"], "headcount": [5, 8]}
    assert entries[2].changes == {"status": ["open", "filled"]}
    assert entries[3].changes["deleted_at"][0] is None


def test_status_transitions(client, login, make_user, make_listing):
    listing = make_listing(park=PARK_A)
    login(make_user(park=PARK_A))
    url = f"/talent/{listing.id}/status"

    def status():
        return listings()[0].status

    client.post(url, data={"to": "filled"})
    assert status() is ListingStatus.FILLED
    client.post(url, data={"to": "open"})
    assert status() is ListingStatus.OPEN
    client.post(url, data={"to": "closed"})
    assert status() is ListingStatus.CLOSED
    client.post(url, data={"to": "filled"})  # closed → filled is not a step
    assert status() is ListingStatus.CLOSED
    assert client.post(url, data={"to": "bogus"}).status_code == 302
    assert status() is ListingStatus.CLOSED
    client.post(url, data={"to": "open"})
    assert status() is ListingStatus.OPEN


def test_refused_status_change_says_so(client, login, make_user, make_listing):
    listing = make_listing(park=PARK_A, status=ListingStatus.CLOSED)
    login(make_user(park=PARK_A))
    url = f"/talent/{listing.id}/status"
    for to in ("filled", "bogus"):
        page = client.post(url, data={"to": to}, follow_redirects=True).get_data(as_text=True)
        assert "无法进行此项状态变更。" in page, to
        assert listings()[0].status is ListingStatus.CLOSED
    page = client.post(url, data={"to": "open"}, follow_redirects=True).get_data(as_text=True)
    assert "无法进行此项状态变更。" not in page and listings()[0].status is ListingStatus.OPEN


def test_attachment_upload_and_download(client, login, make_user):
    login(make_user(park=PARK_A))
    data = form_data(title="带附件的岗位")
    data["attachments"] = [(io.BytesIO(PDF), "岗位说明书.pdf")]
    resp = client.post("/talent/new", data=data, content_type="multipart/form-data")
    assert resp.status_code == 302
    listing = listings()[0]
    attachment = db.session.execute(db.select(Attachment)).scalar_one()
    assert (attachment.owner_type, attachment.owner_id) == ("talent_listing", listing.id)
    assert "岗位说明书.pdf" in client.get(f"/talent/{listing.id}").get_data(as_text=True)
    assert audit_entries(listing.id)[0].changes["attachments"] == [[], ["岗位说明书.pdf"]]

    client.post("/logout")
    login(make_user(park=PARK_B))  # every park reads listings and their files
    resp = client.get(f"/attachments/{attachment.id}")
    assert resp.status_code == 200
    assert resp.data == PDF
    assert quote("岗位说明书.pdf") in resp.headers["Content-Disposition"]


def test_attachment_of_deleted_listing_is_for_admins_only(client, login, make_user):
    login(make_user(park=PARK_A, role="park_admin"))
    data = form_data(title="将被删除")
    data["attachments"] = [(io.BytesIO(PDF), "说明.pdf")]
    client.post("/talent/new", data=data, content_type="multipart/form-data")
    listing = listings()[0]
    attachment = db.session.execute(db.select(Attachment)).scalar_one()
    client.post(f"/talent/{listing.id}/delete")
    assert client.get(f"/attachments/{attachment.id}").status_code == 403
    client.post("/logout")
    login(make_user(park="株洲市园区办", role="admin"))
    assert client.get(f"/attachments/{attachment.id}").status_code == 200


def test_bad_attachment_is_refused_and_nothing_saved(client, login, make_user):
    login(make_user(park=PARK_A))
    data = form_data(title="伪装的附件")
    data["attachments"] = [(io.BytesIO(b"MZ\x90\x00 not a pdf"), "病毒.pdf")]
    resp = client.post("/talent/new", data=data, content_type="multipart/form-data")
    assert resp.status_code == 422
    assert 'value="伪装的附件"' in resp.get_data(as_text=True)
    assert listings() == []
    assert db.session.execute(db.select(Attachment)).first() is None


def test_attachment_removed_on_edit(client, login, make_user):
    login(make_user(park=PARK_A))
    data = form_data(title="去掉附件")
    data["attachments"] = [(io.BytesIO(PDF), "旧文件.pdf")]
    client.post("/talent/new", data=data, content_type="multipart/form-data")
    listing = listings()[0]
    attachment = db.session.execute(db.select(Attachment)).scalar_one()
    edit = form_data(title="去掉附件", version=str(listing.version),
                     remove_attachment=str(attachment.id))
    assert client.post(f"/talent/{listing.id}/edit", data=edit).status_code == 302
    assert db.session.execute(db.select(Attachment)).first() is None
    assert audit_entries(listing.id)[-1].changes == {"attachments": [["旧文件.pdf"], []]}


def test_soft_delete_and_restore(client, login, make_user, make_listing):
    listing = make_listing(park=PARK_A, title="软删除的岗位")
    login(make_user(park="株洲市园区办", role="admin"))
    assert client.post(f"/talent/{listing.id}/delete").status_code == 302
    assert listings()[0].deleted_at is not None
    assert "软删除的岗位" not in list_table(client.get("/talent/").get_data(as_text=True))
    assert client.post(f"/talent/{listing.id}/restore").status_code == 302
    assert listings()[0].deleted_at is None
    assert "软删除的岗位" in list_table(client.get("/talent/").get_data(as_text=True))
    assert [e.action for e in audit_entries(listing.id)] == ["delete", "restore"]


def test_detail_renders_markdown_safely(client, login, make_user, make_listing):
    listing = make_listing(description="**重点要求**\n\n<script>alert(1)</script>")
    login(make_user(park=PARK_B))
    page = client.get(f"/talent/{listing.id}").get_data(as_text=True)
    assert "<strong>重点要求</strong>" in page
    assert "<script>alert(1)</script>" not in page
