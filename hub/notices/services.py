"""What notices do: list queries, create/edit/publish/withdraw/delete (visibility and audience:
hub.permissions.notices; reading and read receipts: hub.notices.reading).

Plain functions, no request globals. Callers check hub.permissions first; the audit entries are
added to the session and commit with the change they describe.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import defer

from hub import audit, events
from hub import permissions as perm
from hub.attachments import services as attachments
from hub.auth.models import User
from hub.concurrency import check_version
from hub.domain import DomainError
from hub.extensions import db
from hub.notices.models import Notice, NoticeCategory, NoticeStatus, NoticeUrgency
from hub.parks.models import Park
from hub.timeutil import local_day_start_utc, utcnow

OWNER_TYPE = "notice"
EDIT_FIELDS = ("park_id", "title", "category_id", "body", "all_parks", "effective_date",
               "expiry_date", "doc_number", "urgency")


class NoticeError(DomainError):
    """A refused step: `code` is 'not_draft' (publish), 'not_published' (withdraw) — the notice's
    state forbids it (409) — or 'category' (on the form's category field, 422)."""

    messages = {
        "not_draft": _l("This notice is already published."),
        "not_published": _l("Only a published notice can be withdrawn."),
        "category": _l("Choose an active category."),
        "doc_number": _l("Another notice already has this document number."),
    }
    CONFLICTS = frozenset({"not_draft", "not_published"})

    def __init__(self, code: str, field: str | None = None):
        super().__init__(code, field, status=409 if code in self.CONFLICTS else None)


@dataclass
class ListFilter:
    category_id: int | None = None
    park_id: int | None = None
    status: NoticeStatus | None = None
    date_from: date | None = None
    date_to: date | None = None
    deleted: bool = False  # admins only: the deleted notices instead of the live ones


# the notice list's order: newest first (drafts by creation), then by id (index ix_notice_listed)
LISTED_AT = db.func.coalesce(Notice.published_at, Notice.created_at)


def list_select(where):
    """The notices under `where` (see `list_conditions`) without their bodies (sorting whole
    rows spilled to disk on deep pages) and without eager loads: hub.notices.listing orders,
    pages and loads what the list shows."""
    return select(Notice).where(*where).options(defer(Notice.body))


def list_conditions(user, flt: ListFilter, *, per_row: bool = False) -> list:
    """The WHERE clauses of the notice list: what `user` sees and `flt` asks for (`per_row`:
    for walks that stop early, see permissions.addressed_to)."""
    where = [perm.notice_visible(user, per_row=per_row)]
    if flt.deleted and perm.can_list_deleted(user):
        where.append(Notice.deleted_at.is_not(None))
    else:
        where.append(Notice.deleted_at.is_(None))
    if flt.category_id:
        where.append(Notice.category_id == flt.category_id)
    if flt.park_id:
        where.append(Notice.park_id == flt.park_id)
    if flt.status is not None:
        where.append(Notice.status == flt.status)
    # the dates bound published_at; a notice with published_at has it as its LISTED_AT, so the
    # same bounds on LISTED_AT change no result but let the newest-first walk of
    # ix_notice_listed start and stop at the dates (January 2024 at scale 10: 18 → 0.5 ms)
    listed = LISTED_AT
    if flt.date_from:
        start = local_day_start_utc(flt.date_from)
        where += [Notice.published_at >= start, listed >= start]
    if flt.date_to:
        end = local_day_start_utc(flt.date_to + timedelta(1))
        where += [Notice.published_at < end, listed < end]
    return where


# --- lookups ------------------------------------------------------------------------------------
def audience_park_ids(notice: Notice) -> list[int]:
    """The active parks `notice` is addressed to (permissions.addressed_to), by id."""
    return list(db.session.execute(
        select(Park.id).join(Notice, Notice.id == notice.id)
        .where(Park.active.is_(True), perm.addressed_to(Park.id)).order_by(Park.id)).scalars())


def parks_by_ids(ids) -> list[Park]:
    ids = [i for i in (ids or []) if i]
    if not ids:
        return []
    return list(db.session.execute(
        select(Park).where(Park.id.in_(ids), Park.active.is_(True)).order_by(Park.id)).scalars())


# --- audit helpers ------------------------------------------------------------------------------
def state(notice: Notice) -> dict:
    """What the audit log compares: names instead of ids, the audience as a list of park names."""
    return {
        "title": notice.title,
        "body": notice.body,
        "category": notice.category.name if notice.category else None,
        "park": notice.park.name if notice.park else None,
        "all_parks": notice.all_parks,
        "audience": [] if notice.all_parks else [p.name for p in notice.audience],
        "effective_date": notice.effective_date,
        "expiry_date": notice.expiry_date,
        "doc_number": notice.doc_number,
        "urgency": notice.urgency,
    }


def _diff(before: dict, after: dict) -> dict:
    return {k: [before[k], after[k]] for k in after if before.get(k) != after[k]}


def _refresh_relations(notice: Notice) -> None:
    db.session.flush()
    db.session.refresh(notice, ["park", "category"])


def _apply(notice: Notice, data: dict, audience: list[Park]) -> None:
    for name in EDIT_FIELDS:
        if name in data:
            setattr(notice, name, data[name])
    notice.title = (notice.title or "").strip()
    notice.doc_number = " ".join((notice.doc_number or "").split()) or None
    notice.urgency = NoticeUrgency(notice.urgency or NoticeUrgency.NORMAL)
    notice.body = notice.body or ""
    notice.audience = [] if notice.all_parks else list(audience)


def _check_category(category_id: int, current_id: int | None = None) -> None:
    category = db.session.get(NoticeCategory, category_id)
    if category is None or (not category.active and category.id != current_id):
        raise NoticeError("category", "category_id")


def _check_doc_number(notice: Notice) -> None:
    """文号 are unique across the zone (deleted notices keep theirs: a restore must not clash)."""
    if notice.doc_number is None:
        return
    stmt = select(Notice.id).where(Notice.doc_number == notice.doc_number)
    if notice.id is not None:
        stmt = stmt.where(Notice.id != notice.id)
    if db.session.execute(stmt.limit(1)).first():
        raise NoticeError("doc_number", "doc_number")


# --- writing ------------------------------------------------------------------------------------
def create(actor: User, data: dict, audience: list[Park], uploads=()) -> Notice:
    """A new draft. Raises NoticeError or attachments.AttachmentRejected (nothing is kept)."""
    _check_category(data["category_id"])
    notice = Notice(author_id=actor.id, status=NoticeStatus.DRAFT)
    _apply(notice, data, audience)
    _check_doc_number(notice)
    db.session.add(notice)
    _refresh_relations(notice)
    saved = attachments.save_all(uploads, OWNER_TYPE, notice.id, actor)
    changes = _diff(dict.fromkeys(state(notice)), state(notice))
    if saved:
        changes["attachments"] = [[], [a.original_name for a in saved]]
    audit.record(actor, "create", notice, changes)
    return notice


def update(actor: User, notice: Notice, data: dict, audience: list[Park], *, version,
           uploads=(), remove_ids=()) -> dict:
    """Save an edit made on `version`; raises StaleEdit, NoticeError or AttachmentRejected."""
    check_version(notice, version)
    _check_category(data["category_id"], notice.category_id)
    before = state(notice)
    with db.session.no_autoflush:
        _apply(notice, data, audience)
        _check_doc_number(notice)
    _refresh_relations(notice)
    changes = _diff(before, state(notice))
    current = attachments.for_owner(OWNER_TYPE, notice.id)
    removed = [a for a in current if a.id in set(remove_ids or ())]
    saved = attachments.save_all(uploads, OWNER_TYPE, notice.id, actor)
    if saved or removed:
        changes["attachments"] = [
            [a.original_name for a in current],
            [a.original_name for a in current if a not in removed]
            + [a.original_name for a in saved]]
    for attachment in removed:
        attachments.delete(attachment)
    if changes:
        notice.updated_at = utcnow()  # bumps the version even when only the audience changed
        audit.record(actor, "update", notice, changes)
    return changes


def publish(actor: User, notice: Notice, *, all_parks: bool, audience: list[Park],
            version) -> None:
    check_version(notice, version)
    if notice.status is NoticeStatus.PUBLISHED:
        raise NoticeError("not_draft")
    before = state(notice)
    notice.all_parks = all_parks
    notice.audience = [] if all_parks else list(audience)
    changes = _diff(before, state(notice))
    changes["status"] = [notice.status, NoticeStatus.PUBLISHED]
    now = utcnow()
    changes["published_at"] = [notice.published_at, now]
    notice.status = NoticeStatus.PUBLISHED
    notice.published_at = now
    notice.published_by_id = actor.id
    notice.withdrawn_at = None
    audit.record(actor, "publish", notice, changes)
    events.emit("notice.published", notice=notice, by=actor)


def withdraw(actor: User, notice: Notice, *, version=None) -> None:
    if version is not None:
        check_version(notice, version)
    if notice.status is not NoticeStatus.PUBLISHED:
        raise NoticeError("not_published")
    now = utcnow()
    audit.record(actor, "withdraw", notice, {"status": [notice.status, NoticeStatus.WITHDRAWN],
                                             "withdrawn_at": [notice.withdrawn_at, now]})
    notice.status = NoticeStatus.WITHDRAWN
    notice.withdrawn_at = now


def delete(actor: User, notice: Notice) -> None:
    audit.soft_delete(actor, notice)


def restore(actor: User, notice: Notice) -> None:
    audit.restore(actor, notice)
