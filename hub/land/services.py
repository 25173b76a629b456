"""What a land case can go through: create, edit, the workflow, notes, delete, restore.

Plain functions, no request globals. Callers check hub.permissions first and commit after.
"""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hub import audit
from hub.attachments import services as attachments
from hub.audit.services import clean_changes
from hub.auth.models import User
from hub.concurrency import check_version
from hub.domain import DomainError
from hub.extensions import db
from hub.land.models import (
    STATUS_LABELS,
    CaseEvent,
    CaseStatus,
    Disposal,
    LandCase,
    ProblemType,
)
from hub.parks.models import Park
from hub.timeutil import utcnow

EVENT_OWNER = "land_case_event"  # attachments of timeline entries
FIELDS = ("park_id", "parcel_code", "location", "area_mu", "holder", "problem_type", "disposal",
          "assignee_id", "deadline", "description")

# The workflow 登记 → 核查 → 处置中 → 已处置; 搁置 from any open state and back (resume).
FORWARD = {
    CaseStatus.REGISTERED: CaseStatus.VERIFYING,
    CaseStatus.VERIFYING: CaseStatus.DISPOSING,
    CaseStatus.DISPOSING: CaseStatus.DISPOSED,
}
OPEN_STATES = (CaseStatus.REGISTERED, CaseStatus.VERIFYING, CaseStatus.DISPOSING)


class CaseError(DomainError):
    """A refused change. `code` says why; `field` names the form field it belongs to."""

    messages = {
        "park": _l("Choose a park."),
        "assignee": _l("The assignee must be a user of the responsible park."),
        "duplicate": _l("This parcel code is already registered for this park."),
        "empty_note": _l("Write a note or attach a file."),
        "reason": _l("Give the reason for suspending the case."),
        "deleted": _l("This case is already deleted."),
        "not_deleted": _l("This case is not deleted."),
    }
    CONFLICTS = frozenset({"deleted", "not_deleted"})  # the case's state forbids it: 409

    def __init__(self, code: str, field: str | None = None):
        super().__init__(code, field, status=409 if code in self.CONFLICTS else None)


class InvalidTransition(CaseError):
    """A workflow step not allowed from `current` (409), or a suspension without its reason
    (code "reason", on the note field: 422)."""

    def __init__(self, current: CaseStatus, to, code: str = "transition"):
        super().__init__(code, "note" if code == "reason" else None)
        self.current = current
        self.to = to
        if code != "reason":
            self.status = 409

    @property
    def message(self) -> str:
        if self.code == "reason":
            return super().message
        target = parse_status(self.to)
        return _("This step is not allowed: %(current)s → %(target)s.",
                 current=STATUS_LABELS[self.current],
                 target=STATUS_LABELS[target] if target else str(self.to)[:40])


def allowed_transitions(case: LandCase) -> list[CaseStatus]:
    """The steps possible from the case's status now, in the order buttons show them."""
    if case.status is CaseStatus.SUSPENDED:
        return [case.suspended_from] if case.suspended_from in OPEN_STATES else []
    if case.status in FORWARD:
        return [FORWARD[case.status], CaseStatus.SUSPENDED]
    return []


def parse_status(value) -> CaseStatus | None:
    if isinstance(value, CaseStatus):
        return value
    try:
        return CaseStatus(value)
    except ValueError:
        return None


def _event(case: LandCase, by: User | None, kind: str, note: str = "", changes=None,
           from_status=None, to_status=None) -> CaseEvent:
    event = CaseEvent(actor_id=getattr(by, "id", None), kind=kind, note=(note or "").strip(),
                      changes=changes or {}, from_status=from_status, to_status=to_status,
                      created_at=utcnow())
    case.events.append(event)
    return event


def _attach(event: CaseEvent, uploads, by) -> None:
    if uploads:
        db.session.flush([event])
        attachments.save_all(uploads, EVENT_OWNER, event.id, by)


def _readable(changes: dict) -> dict:
    """Timeline copy of the changes: park and assignee by name, everything as plain values."""
    out = {}
    for field, (old, new) in changes.items():
        if field == "park_id":
            old, new = (_name(Park, old), _name(Park, new))
        elif field == "assignee_id":
            old, new = (_name(User, old), _name(User, new))
        out[field] = [old, new]
    return clean_changes(out)


def _name(model, pk):
    obj = db.session.get(model, pk) if pk else None
    return str(obj) if obj is not None else None


# --- create and edit --------------------------------------------------------------------------
def normalize(data: dict) -> dict:
    """Form data → model values (enums, 2-decimal area, None for no assignee)."""
    area = data.get("area_mu")
    return {
        "park_id": int(data["park_id"]),
        "parcel_code": (data.get("parcel_code") or "").strip(),
        "location": (data.get("location") or "").strip(),
        "area_mu": Decimal(area).quantize(Decimal("0.01"), ROUND_HALF_UP) if area is not None
        else None,
        "holder": (data.get("holder") or "").strip(),
        "problem_type": ProblemType(data["problem_type"]),
        "disposal": Disposal(data["disposal"]),
        "assignee_id": int(data["assignee_id"]) if data.get("assignee_id") else None,
        "deadline": _date(data.get("deadline")),
        "description": (data.get("description") or "").strip(),
    }


def _date(value) -> date | None:
    if not value:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _validate(values: dict, exclude_id: int | None = None) -> None:
    park = db.session.get(Park, values["park_id"])
    if park is None:
        raise CaseError("park", "park_id")
    if values["assignee_id"] is not None:
        assignee = db.session.get(User, values["assignee_id"])
        if assignee is None or assignee.park_id != values["park_id"]:
            raise CaseError("assignee", "assignee_id")
    stmt = db.select(LandCase.id).where(LandCase.park_id == values["park_id"],
                                        LandCase.parcel_code == values["parcel_code"])
    if exclude_id is not None:
        stmt = stmt.where(LandCase.id != exclude_id)
    if db.session.execute(stmt).first():
        raise CaseError("duplicate", "parcel_code")


def create_case(by: User, data: dict, *, note: str = "", uploads=()) -> LandCase:
    values = normalize(data)
    _validate(values)
    case = LandCase(**values, status=CaseStatus.REGISTERED, created_by_id=by.id)
    db.session.add(case)
    changes = {f: [None, getattr(case, f)] for f in FIELDS}
    audit.record(by, "create", case, {**changes, "status": [None, case.status]})
    event = _event(case, by, "create", note, _readable(changes), to_status=case.status)
    _attach(event, uploads, by)
    return case


def update_case(by: User, case: LandCase, data: dict, *, version, note: str = "",
                uploads=()) -> dict:
    """Save an edit made on `version`; raises StaleEdit when someone saved meanwhile."""
    check_version(case, version)
    values = normalize(data)
    _validate(values, exclude_id=case.id)
    before = audit.snapshot(case, FIELDS)
    for field, value in values.items():
        setattr(case, field, value)
    changes = audit.diff(before, case)
    if changes or note.strip() or any(u and u.filename for u in uploads or ()):
        if changes:
            audit.record(by, "update", case, changes)
        event = _event(case, by, "edit", note, _readable(changes))
        _attach(event, uploads, by)
        if not changes:
            case.updated_at = utcnow()
    return changes


# --- the workflow -----------------------------------------------------------------------------
def transition(case: LandCase, to, by: User, note: str = "", uploads=()) -> CaseEvent:
    """The one place the workflow is enforced. Suspending needs a reason (the note)."""
    current = case.status
    target = parse_status(to)
    if target is None or target not in allowed_transitions(case):
        raise InvalidTransition(current, target or to)
    note = (note or "").strip()
    if target is CaseStatus.SUSPENDED and not note:
        raise InvalidTransition(current, target, "reason")
    changes = {"status": [current, target]}
    if target is CaseStatus.SUSPENDED:
        changes["suspended_from"] = [case.suspended_from, current]
        changes["suspend_reason"] = [case.suspend_reason, note]
        case.suspended_from = current
        case.suspend_reason = note
    elif current is CaseStatus.SUSPENDED:
        changes["suspended_from"] = [case.suspended_from, None]
        case.suspended_from = None
    case.status = target
    audit.record(by, "transition", case, changes)
    event = _event(case, by, "transition", note, from_status=current, to_status=target)
    _attach(event, uploads, by)
    return event


def add_note(case: LandCase, by: User, note: str, uploads=()) -> CaseEvent:
    note = (note or "").strip()
    if not note and not any(u and u.filename for u in uploads or ()):
        raise CaseError("empty_note", "note")
    event = _event(case, by, "note", note)
    _attach(event, uploads, by)
    case.updated_at = utcnow()
    return event


# --- delete and restore -----------------------------------------------------------------------
def delete_case(case: LandCase, by: User) -> None:
    audit.soft_delete(by, case)


def restore_case(case: LandCase, by: User) -> None:
    audit.restore(by, case)


# --- extension point for meetings -------------------------------------------------------------
# Each provider takes a case and returns items with `title`, optional `url` and `status`
# (e.g. meeting action items 议定事项 linked to the case). Features declare theirs
# (hub.features.Feature.linked_items).
LINKED_ITEM_PROVIDERS: list = []


def register_linked_items(provider) -> None:
    if provider not in LINKED_ITEM_PROVIDERS:
        LINKED_ITEM_PROVIDERS.append(provider)


def linked_items(case: LandCase) -> list:
    items: list = []
    for provider in LINKED_ITEM_PROVIDERS:
        items.extend(provider(case))
    return items
