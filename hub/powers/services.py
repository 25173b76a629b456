"""赋权事项: the catalogue, the handover workflow, the matrix, import and export.

Workflow of one park's handover of one item (the date of each step is kept):
  待交接 (pending) → 已签交接书/协议书 (signed: a date and the signed document attached)
                  → 已承接运行 (running: a date, not before signing, and the first case handled)
  待交接 or 已签 → 暂缓 (deferred: a date and the reason); 暂缓 → 待交接 (resumed).
"""

from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, type_coerce

from hub import audit
from hub.attachments import services as attachments
from hub.concurrency import check_version
from hub.domain import InvalidFields
from hub.extensions import db
from hub.parks.models import Park
from hub.parks.queries import reporting_parks
from hub.powers.models import HandoverStatus, PowerHandover, PowerItem, PowerMode
from hub.timeutil import local_today

OWNER_TYPE = "power_handover"
S = HandoverStatus
ALLOWED = {S.PENDING: {S.SIGNED, S.DEFERRED}, S.SIGNED: {S.RUNNING, S.DEFERRED},
           S.DEFERRED: {S.PENDING, S.SIGNED}, S.RUNNING: set()}


class HandoverInvalid(InvalidFields):
    """`errors`: {form field: code}."""

    messages = {
        "transition": _l("This status change is not possible from the current status."),
        "date_required": _l("Enter the date of this step."),
        "future": _l("The date must not be in the future."),
        "document_required": _l("Attach the signed handover document or agreement "
                                "(交接书/协议书)."),
        "first_case_required": _l("Describe the first case handled under the item."),
        "before_signed": _l("The date is before the handover was signed."),
        "reason_required": _l("Give the reason for deferring."),
        "taken": _l("This item already exists for this department."),
    }


def handover_of(item: PowerItem, park_id: int) -> PowerHandover:
    row = db.session.execute(db.select(PowerHandover).where(
        PowerHandover.item_id == item.id, PowerHandover.park_id == park_id)).scalar()
    return row or PowerHandover(item=item, park_id=park_id, status=S.PENDING)


def transition(actor, handover: PowerHandover, to: HandoverStatus, *, on: date | None,
               first_case: str = "", reason: str = "", uploads=(), version=None,
               today: date | None = None) -> None:
    """Move `handover` to `to`; raises HandoverInvalid or AttachmentRejected (on the form's
    `document` field)."""
    today = today or local_today()
    if handover.id is not None and version is not None:
        check_version(handover, version)
    errors: dict[str, str] = {}
    if to not in ALLOWED[handover.status]:
        raise HandoverInvalid({"to": "transition"})
    if on is None:
        errors["on"] = "date_required"
    elif on > today:
        errors["on"] = "future"
    uploads = [u for u in uploads or () if u and u.filename]
    if to is S.SIGNED and not uploads and not (
            handover.id and attachments.for_owner(OWNER_TYPE, handover.id)):
        errors["document"] = "document_required"
    if to is S.RUNNING:
        if not first_case.strip():
            errors["first_case"] = "first_case_required"
        if on and handover.signed_on and on < handover.signed_on:
            errors["on"] = "before_signed"
    if to is S.DEFERRED and not reason.strip():
        errors["reason"] = "reason_required"
    if errors:
        raise HandoverInvalid(errors)
    before = {"status": handover.status, "signed_on": handover.signed_on,
              "running_on": handover.running_on, "first_case": handover.first_case,
              "deferred_on": handover.deferred_on, "reason": handover.reason}
    if handover.id is None:
        db.session.add(handover)
        db.session.flush()
    handover.status = to
    if to is S.SIGNED:
        handover.signed_on = on
    elif to is S.RUNNING:
        handover.running_on, handover.first_case = on, first_case.strip()
    elif to is S.DEFERRED:
        handover.deferred_on, handover.reason = on, reason.strip()
    try:
        saved = attachments.save_all(uploads, OWNER_TYPE, handover.id, actor)
    except attachments.AttachmentRejected as error:
        error.field = "document"
        raise
    changes = audit.diff(before, handover)
    if saved:
        changes["attachments"] = [[], [a.original_name for a in saved]]
    audit.record(actor, "transition", handover, changes)


# --- the matrix -------------------------------------------------------------------------------
def items_query(*, mode: str = "", department: str = "", q: str = ""):
    stmt = db.select(PowerItem).order_by(PowerItem.department, PowerItem.id)
    if mode in {m.value for m in PowerMode}:
        stmt = stmt.where(PowerItem.mode == PowerMode(mode))
    if department:
        stmt = stmt.where(PowerItem.department == department)
    if q:
        stmt = stmt.where(PowerItem.name.ilike(f"%{q}%"))
    return stmt


def items(*, mode: str = "", department: str = "", q: str = "") -> list[PowerItem]:
    return list(db.session.execute(items_query(mode=mode, department=department, q=q)).scalars())


def item_rows(*, mode: str = "", department: str = "", q: str = "") -> list:
    """`items` as rows of what the matrix and its export show (id, name, department, mode,
    legal basis, handover due), not entities."""
    return list(db.session.execute(items_query(mode=mode, department=department, q=q)
                                   .with_only_columns(*(getattr(PowerItem, f) for f in ROW))))


ROW = ("id", "name", "department", "mode", "legal_basis", "handover_due")


def statuses(item_ids: list[int], park_ids: list[int] | None = None) -> dict:
    """{(item id, park id): PowerHandover} for the given items (one query)."""
    if not item_ids:
        return {}
    stmt = db.select(PowerHandover).where(PowerHandover.item_id.in_(item_ids))
    if park_ids is not None:
        stmt = stmt.where(PowerHandover.park_id.in_(park_ids))
    return {(h.item_id, h.park_id): h for h in db.session.execute(stmt).scalars()}


def status_table(item_ids: list[int]) -> dict[tuple[int, int], HandoverStatus]:
    """{(item id, park id): status} of the given items, one query of rows (the matrix and its
    export: the ~1,300 handovers of 120 items at scale 10 as entities were a third of the
    matrix's time, bench/results/2026-12-06-s10-profile.md). No row: not yet handed over."""
    if not item_ids:
        return {}
    # the status as its stored text, mapped here: 8,900 → 6,400 Python calls for the matrix's
    # 1,300 rows (bench/results/2026-12-07-s13-summary.md)
    rows = db.session.execute(
        db.select(PowerHandover.item_id, PowerHandover.park_id,
                  type_coerce(PowerHandover.status, String))
        .where(PowerHandover.item_id.in_(item_ids)))
    return {(item_id, park_id): STATUS_BY_VALUE[status]
            for item_id, park_id, status in rows.tuples()}


STATUS_BY_VALUE = {s.value: s for s in HandoverStatus}


def status_at(table: dict, item_id: int, park_id: int) -> HandoverStatus:
    row = table.get((item_id, park_id))
    return row.status if row else S.PENDING


def departments() -> list[str]:
    return list(db.session.execute(
        db.select(PowerItem.department).distinct().order_by(PowerItem.department)).scalars())


def counts(park_list: list[Park]) -> dict:
    """{park id: {status: n}} over the whole catalogue (pending = items without a row)."""
    total = db.session.execute(db.select(db.func.count(PowerItem.id))).scalar_one()
    rows = db.session.execute(
        db.select(PowerHandover.park_id, PowerHandover.status, db.func.count())
        .group_by(PowerHandover.park_id, PowerHandover.status)).all()
    out = {p.id: dict.fromkeys(HandoverStatus, 0) for p in park_list}
    for park_id, status, n in rows:
        if park_id in out:
            out[park_id][status] = n
    for park_counts in out.values():
        park_counts[S.PENDING] += total - sum(park_counts.values())
    return out


def overdue(today: date) -> list[tuple[PowerItem, int]]:
    """(item, park id) of every handover past the item's 交接期限 and not yet signed."""
    items = list(db.session.execute(db.select(PowerItem).where(
        PowerItem.handover_due < today)).scalars())
    if not items:
        return []
    table = statuses([i.id for i in items])
    return [(item, park.id) for item in items for park in reporting_parks()
            if status_at(table, item.id, park.id) is S.PENDING]


# --- catalogue edits --------------------------------------------------------------------------
FIELDS = ("name", "department", "mode", "legal_basis", "handover_due")


def save_item(actor, data: dict, item: PowerItem | None = None) -> PowerItem:
    clash = db.session.execute(db.select(PowerItem.id).where(
        PowerItem.name == data["name"], PowerItem.department == data["department"],
        PowerItem.id != (item.id if item else -1))).first()
    if clash:
        raise HandoverInvalid({"name": "taken"})
    if item is None:
        item = PowerItem(**{f: data[f] for f in FIELDS})
        db.session.add(item)
        audit.record(actor, "create", item, {f: [None, data[f]] for f in FIELDS})
        return item
    audit.update(actor, item, data, FIELDS)
    return item
