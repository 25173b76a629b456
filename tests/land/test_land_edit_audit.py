"""Editing without lost updates, the audit trail of every change, and files on timeline
entries (readable by every park, like the case)."""

import io

from hub.attachments.models import Attachment
from hub.audit.models import AuditEntry
from hub.extensions import db
from hub.land import services
from hub.land.models import CaseEvent, LandCase

from .conftest import reload
from .test_land_permissions import _form


def _audit(case_id, action):
    return db.session.execute(
        db.select(AuditEntry).where(AuditEntry.object_type == "land_case",
                                    AuditEntry.object_id == case_id,
                                    AuditEntry.action == action)
        .order_by(AuditEntry.id)).scalars().all()


def test_stale_edit_refused_and_text_kept(client, login, make_case, staff_a, make_user, park_a):
    case = make_case(location="石峰区田心大道北侧")
    loaded_version = case.version
    # a colleague saves first
    colleague = make_user(park=park_a)
    services.update_case(colleague, case, {**_form(case), "location": "同事改的位置"},
                         version=loaded_version)
    db.session.commit()
    login(staff_a)
    resp = client.post(f"/cases/{case.id}/edit", data=_form(
        case, location="我填写的新位置", description="我的补充说明", version=loaded_version))
    assert resp.status_code == 409
    html = resp.get_data(as_text=True)
    assert 'data-testid="edit-conflict"' in html
    assert "我填写的新位置" in html and "我的补充说明" in html  # kept in the form
    assert "同事改的位置" in html  # what was saved meanwhile
    case = reload(case)
    assert case.location == "同事改的位置" and case.description == ""
    # saving again from the refreshed form (it now carries the new version) goes through
    resp = client.post(f"/cases/{case.id}/edit", data=_form(
        case, location="我填写的新位置", version=case.version))
    assert resp.status_code == 302
    assert reload(case).location == "我填写的新位置"


def test_edit_without_version_is_refused(client, login, make_case, staff_a):
    case = make_case()
    login(staff_a)
    resp = client.post(f"/cases/{case.id}/edit", data=_form(case, location="新", version=""))
    assert resp.status_code == 409
    assert reload(case).location != "新"


def test_invalid_input_kept_with_422(client, login, make_case, staff_a):
    case = make_case()
    login(staff_a)
    resp = client.post(f"/cases/{case.id}/edit", data=_form(
        case, area_mu="很多", location="保留的位置"))
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    assert "保留的位置" in html and "is-invalid" in html


def test_audit_trail(client, login, staff_a, park_a, park_admin_a, admin):
    login(staff_a)
    resp = client.post("/cases/new", data={
        "parcel_code": "ZZGX-2022-017", "location": "天元区", "area_mu": "56.30",
        "holder": "株洲某某新材料有限公司", "problem_type": "idle", "disposal": "reclaim",
        "park_id": park_a.id, "assignee_id": 0})
    assert resp.status_code == 302
    case = db.session.execute(db.select(LandCase)).scalar_one()
    (created,) = _audit(case.id, "create")
    assert created.actor_id == staff_a.id
    assert created.changes["parcel_code"] == [None, "ZZGX-2022-017"]
    assert created.changes["area_mu"] == [None, "56.30"]
    assert created.changes["status"] == [None, "registered"]

    client.post(f"/cases/{case.id}/edit",
                data=_form(case, location="天元区黄河南路", problem_type="inefficient"))
    (updated,) = _audit(case.id, "update")
    assert updated.changes == {"location": ["天元区", "天元区黄河南路"],
                               "problem_type": ["idle", "inefficient"]}
    event = db.session.execute(db.select(CaseEvent).where(CaseEvent.kind == "edit")).scalar_one()
    assert event.changes["location"] == ["天元区", "天元区黄河南路"]

    client.post(f"/cases/{case.id}/transition", data={"to": "verifying", "note": "开始核查"})
    (moved,) = _audit(case.id, "transition")
    assert moved.changes["status"] == ["registered", "verifying"]

    login(park_admin_a)
    client.post(f"/cases/{case.id}/delete")
    (deleted,) = _audit(case.id, "delete")
    assert deleted.actor_id == park_admin_a.id and deleted.changes["deleted_at"][0] is None
    assert deleted.changes["deleted_by_id"] == [None, park_admin_a.id]

    login(admin)
    client.post(f"/cases/{case.id}/restore")
    (restored,) = _audit(case.id, "restore")
    assert restored.actor_id == admin.id and restored.changes["deleted_at"][1] is None


def test_attachment_on_timeline_shared_with_other_parks(client, login, make_case, staff_a,
                                                        staff_b, admin, park_admin_a):
    case = make_case()
    login(staff_a)
    resp = client.post(f"/cases/{case.id}/notes", data={
        "note": "上传现场核查报告",
        "attachments": [(io.BytesIO("核查结论：闲置两年".encode()), "现场核查报告.txt")],
    }, content_type="multipart/form-data")
    assert resp.status_code == 302
    event = db.session.execute(db.select(CaseEvent).where(CaseEvent.kind == "note")).scalar_one()
    attachment = db.session.execute(db.select(Attachment)).scalar_one()
    assert (attachment.owner_type, attachment.owner_id) == ("land_case_event", event.id)

    login(staff_b)
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "现场核查报告.txt" in page and f"/attachments/{attachment.id}" in page
    resp = client.get(f"/attachments/{attachment.id}")
    assert resp.status_code == 200
    assert resp.get_data().decode() == "核查结论：闲置两年"
    assert "filename*=UTF-8''%E7%8E%B0" in resp.headers["Content-Disposition"]

    # once the case is deleted only admins read its files
    login(park_admin_a)
    client.post(f"/cases/{case.id}/delete")
    login(staff_b)
    assert client.get(f"/attachments/{attachment.id}").status_code == 403
    login(admin)
    assert client.get(f"/attachments/{attachment.id}").status_code == 200


def test_transition_with_attachment(client, login, make_case, staff_a):
    case = make_case()
    login(staff_a)
    resp = client.post(f"/cases/{case.id}/transition", data={
        "to": "verifying", "note": "附核查通知",
        "attachments": [(io.BytesIO(b"%PDF-1.4\n..."), "核查通知.pdf")],
    }, content_type="multipart/form-data")
    assert resp.status_code == 302
    event = db.session.execute(
        db.select(CaseEvent).where(CaseEvent.kind == "transition")).scalar_one()
    assert db.session.execute(db.select(Attachment.owner_id)).scalar_one() == event.id


def test_wrong_attachment_type_refused(client, login, make_case, staff_a):
    case = make_case()
    login(staff_a)
    for name, content in (("报告.exe", b"MZ\x90\x00"), ("假报告.pdf", b"<html>not a pdf")):
        resp = client.post(f"/cases/{case.id}/notes", data={
            "note": "这段文字应保留", "attachments": [(io.BytesIO(content), name)],
        }, content_type="multipart/form-data")
        assert resp.status_code == 422
        assert "这段文字应保留" in resp.get_data(as_text=True)
    resp = client.post(f"/cases/{case.id}/transition", data={
        "to": "verifying", "note": "x", "attachments": [(io.BytesIO(b"MZ"), "a.exe")],
    }, content_type="multipart/form-data")
    assert resp.status_code == 422
    case = reload(case)
    assert case.status.value == "registered"
    assert db.session.execute(db.select(Attachment)).first() is None
    kinds = db.session.execute(db.select(CaseEvent.kind)).scalars().all()
    assert kinds == ["create"]


def test_empty_note_refused(client, login, make_case, staff_a):
    case = make_case()
    login(staff_a)
    assert client.post(f"/cases/{case.id}/notes", data={"note": "  "}).status_code == 422
    assert len(reload(case).events) == 1
