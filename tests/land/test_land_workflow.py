"""The case workflow 登记 → 核查 → 处置中 → 已处置, 搁置 (with a reason) and back: every allowed
step works, every other one is refused with a message and changes nothing."""

import pytest

from hub.audit.models import AuditEntry
from hub.extensions import db
from hub.land import services
from hub.land.models import CaseEvent, CaseStatus

from .conftest import reload

R, V, D, X, S = (CaseStatus.REGISTERED, CaseStatus.VERIFYING, CaseStatus.DISPOSING,
                 CaseStatus.DISPOSED, CaseStatus.SUSPENDED)

# (status, suspended_from) → target
ALLOWED = [
    ((R, None), V), ((V, None), D), ((D, None), X),
    ((R, None), S), ((V, None), S), ((D, None), S),
    ((S, R), R), ((S, V), V), ((S, D), D),
]
STATES = [(R, None), (V, None), (D, None), (X, None), (S, R), (S, V), (S, D)]
REFUSED = [(state, to) for state in STATES for to in CaseStatus if (state, to) not in ALLOWED]


def _ids(param):
    (status, origin), to = param
    return f"{status.value}{'<' + origin.value if origin else ''}->{to.value}"


def _counts(case_id):
    events = db.session.execute(
        db.select(db.func.count(CaseEvent.id)).where(CaseEvent.case_id == case_id)).scalar()
    audits = db.session.execute(
        db.select(db.func.count(AuditEntry.id)).where(AuditEntry.object_type == "land_case",
                                                      AuditEntry.object_id == case_id)).scalar()
    return events, audits


@pytest.mark.parametrize("param", ALLOWED, ids=_ids)
def test_allowed_transition_works(client, login, make_case, staff_a, param):
    (status, origin), to = param
    case = make_case(status=status, suspended_from=origin)
    events, audits = _counts(case.id)
    login(staff_a)
    resp = client.post(f"/cases/{case.id}/transition",
                       data={"to": to.value, "note": "现场核查完毕，情况属实"})
    assert resp.status_code == 302
    case = reload(case)
    assert case.status is to
    assert _counts(case.id) == (events + 1, audits + 1)
    event = db.session.execute(db.select(CaseEvent).where(CaseEvent.case_id == case.id)
                               .order_by(CaseEvent.id.desc())).scalars().first()
    assert (event.kind, event.from_status, event.to_status) == ("transition", status, to)
    assert event.actor_id == staff_a.id and event.note == "现场核查完毕，情况属实"
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "现场核查完毕，情况属实" in page


def _state_id(state):
    status, origin = state
    return f"{status.value}{'<' + origin.value if origin else ''}"


@pytest.mark.parametrize("state", STATES, ids=_state_id)
def test_other_transitions_refused(client, login, make_case, staff_a, state):
    """From each state, every target not in ALLOWED (and forged values) changes nothing."""
    status, origin = state
    case = make_case(status=status, suspended_from=origin)
    before = (case.status, case.suspended_from, case.version, _counts(case.id))
    refused = [to.value for (s, to) in REFUSED if s == state]
    forged = ["", "bogus", "VERIFYING", "verifying ", "0", "已处置"]
    login(staff_a)
    for to in refused + forged:
        resp = client.post(f"/cases/{case.id}/transition", data={"to": to, "note": "理由"})
        assert resp.status_code == 422, to
        assert 'data-testid="transition-error"' in resp.get_data(as_text=True)
        case = reload(case)
        assert (case.status, case.suspended_from, case.version, _counts(case.id)) == before, to


def test_only_allowed_buttons_shown(client, login, make_case, staff_a):
    case = make_case(status=V)
    login(staff_a)
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    shown = {s for s in CaseStatus if f'data-testid="to-{s.value}"' in page}
    assert shown == {D, S}
    done = make_case(status=X)
    page = client.get(f"/cases/{done.id}").get_data(as_text=True)
    assert not any(f'data-testid="to-{s.value}"' in page for s in CaseStatus)


def test_suspend_needs_reason_and_resume_returns(client, login, make_case, staff_a):
    case = make_case(status=D)
    login(staff_a)
    resp = client.post(f"/cases/{case.id}/transition", data={"to": "suspended", "note": "  "})
    assert resp.status_code == 422
    assert reload(case).status is D

    resp = client.post(f"/cases/{case.id}/transition",
                       data={"to": "suspended", "note": "企业涉及司法查封"})
    assert resp.status_code == 302
    case = reload(case)
    assert (case.status, case.suspended_from, case.suspend_reason) == (S, D, "企业涉及司法查封")
    page = client.get(f"/cases/{case.id}").get_data(as_text=True)
    assert "企业涉及司法查封" in page
    assert 'data-testid="to-disposing"' in page and 'data-testid="to-verifying"' not in page

    resp = client.post(f"/cases/{case.id}/transition", data={"to": "disposing", "note": ""})
    assert resp.status_code == 302
    case = reload(case)
    assert (case.status, case.suspended_from) == (D, None)


def test_service_is_the_single_gate(app, make_case, staff_a):
    case = make_case(status=X)
    with pytest.raises(services.InvalidTransition):
        services.transition(case, R, staff_a, "reopen")
    assert case.status is X
    assert services.allowed_transitions(case) == []
