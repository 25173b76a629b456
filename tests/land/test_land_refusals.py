"""A refused change tells the user why, in their language, and keeps what they typed."""


from hub.extensions import db
from hub.land import services
from hub.land.models import CaseStatus, LandCase

from .conftest import reload
from .test_land_permissions import _form


def _cases() -> int:
    return db.session.execute(db.select(db.func.count(LandCase.id))).scalar()


def _new_case_data(case, **overrides):
    data = _form(case, location="我填写的位置", **overrides)
    data.pop("version")
    return data


def test_duplicate_parcel_code_on_the_field(client, login, make_case, staff_a):
    case = make_case()
    login(staff_a)
    resp = client.post("/cases/new", data=_new_case_data(case))
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    assert "该地块编号在本园区已登记。" in html and "我填写的位置" in html
    assert _cases() == 1


def test_duplicate_only_the_database_sees_reads_the_same(client, login, make_case, staff_a,
                                                         monkeypatch):
    """Two saves at once: the check passes for both, the unique constraint refuses the second."""
    case = make_case()
    monkeypatch.setattr(services, "_validate", lambda values, exclude_id=None: None)
    login(staff_a)
    resp = client.post("/cases/new", data=_new_case_data(case))
    assert resp.status_code == 422
    html = resp.get_data(as_text=True)
    assert "该地块编号在本园区已登记。" in html and "我填写的位置" in html
    assert _cases() == 1


def test_refused_step_names_both_statuses(client, login, make_case, staff_a):
    case = make_case(status=CaseStatus.DISPOSED)
    login(staff_a)
    resp = client.post(f"/cases/{case.id}/transition", data={"to": "registered", "note": "x"})
    assert resp.status_code == 422
    assert "不允许此步骤：已处置 → 登记。" in resp.get_data(as_text=True)
    assert reload(case).status is CaseStatus.DISPOSED


def test_suspending_without_reason_asks_for_it(client, login, make_case, staff_a):
    case = make_case(status=CaseStatus.VERIFYING)
    login(staff_a)
    resp = client.post(f"/cases/{case.id}/transition", data={"to": "suspended", "note": " "})
    assert resp.status_code == 422
    assert "请填写搁置该案件的原因。" in resp.get_data(as_text=True)
    assert reload(case).status is CaseStatus.VERIFYING


def test_empty_note_asks_for_text_or_file(client, login, make_case, staff_a):
    case = make_case()
    login(staff_a)
    resp = client.post(f"/cases/{case.id}/notes", data={"note": "  "})
    assert resp.status_code == 422
    assert "请填写说明或上传附件。" in resp.get_data(as_text=True)


def test_restoring_a_live_case_changes_nothing(app, make_case, admin):
    """One soft-delete behaviour for every feature (hub.models_base.SoftDeleteMixin): restoring
    a row that is not deleted changes nothing and writes no audit entry."""
    from hub.audit.models import AuditEntry


    case = make_case()
    before = db.session.execute(db.select(db.func.count()).select_from(AuditEntry)).scalar_one()
    services.restore_case(case, admin)
    db.session.commit()
    assert case.deleted_at is None
    assert db.session.execute(
        db.select(db.func.count()).select_from(AuditEntry)).scalar_one() == before
