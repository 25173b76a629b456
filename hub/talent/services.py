"""What the talent listings do. Plain functions; callers check hub.permissions first."""

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam
from sqlalchemy.orm import joinedload

from hub import audit
from hub.attachments import services as attachments
from hub.concurrency import check_version
from hub.domain import DomainError
from hub.extensions import db
from hub.lists import sorting, tally
from hub.talent.models import Education, ListingKind, ListingStatus, TalentListing, open_first
from hub.timeutil import local_today, utcnow

OWNER_TYPE = "talent_listing"
FIELDS = ("park_id", "kind", "title", "field", "education", "headcount", "enterprise",
          "contact_person", "contact_phone", "contact_email", "description", "expires_on")
TEXT_FIELDS = ("title", "field", "enterprise", "contact_person", "contact_phone",
               "contact_email", "description")

# status → the statuses it may move to
ALLOWED = {
    ListingStatus.OPEN: {ListingStatus.FILLED, ListingStatus.CLOSED},
    ListingStatus.FILLED: {ListingStatus.OPEN, ListingStatus.CLOSED},
    ListingStatus.CLOSED: {ListingStatus.OPEN},
}


class InvalidTransition(DomainError):
    """A status the listing cannot move to from its current one (or no status at all)."""

    messages = {"transition": _l("This status change is not possible.")}
    status = 409

    def __init__(self, current: ListingStatus, to):
        super().__init__("transition")
        self.current = current
        self.to = to


# --- listing ----------------------------------------------------------------------------------
def load(listing_id: int) -> TalentListing | None:
    """One listing with its park and author (for its pages), deleted or not."""
    return db.session.execute(
        db.select(TalentListing)
        .options(joinedload(TalentListing.park), joinedload(TalentListing.created_by))
        .where(TalentListing.id == listing_id)
    ).scalar_one_or_none()


@dataclass
class Filters:
    kind: str = ""
    park_id: int | None = None
    field: str = ""
    education: str = ""
    status: str = ""
    expired: str = ""  # "" hide expired, "include", "only"
    deleted: str = ""  # "" hide deleted, "include", "only" (admins only; callers enforce)


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def expired_clause(today: date):
    return TalentListing.expires_on < today


T = TalentListing
SORT = sorting.SortSpec({
    "created": sorting.key(T.created_at, first=sorting.DESC),
    "kind": sorting.key(T.kind), "title": sorting.key(T.title), "field": sorting.key(T.field),
    "education": sorting.key(T.education),
    "headcount": sorting.key(T.headcount, first=sorting.DESC),
    "park": sorting.key(T.park_id), "enterprise": sorting.key(T.enterprise),
    "expires": sorting.key(T.expires_on),
}, default="created", tiebreak=(T.id,))


# what a row of the list shows: columns, not entities (ListedListing; issue 16)
LISTED = (T.id, T.kind, T.status, T.title, T.field, T.education, T.headcount, T.park_id,
          T.enterprise, T.expires_on, T.deleted_at)


class ListedListing:
    """A row of the list: the LISTED columns and its park (from `parks`, by id); `row` may
    bring more columns after those (the page's total: hub.lists.rows)."""

    COLUMNS = tuple(c.key for c in LISTED)
    __slots__ = (*COLUMNS, "park")

    def __init__(self, row, parks: dict):
        for name, value in zip(self.COLUMNS, row, strict=False):
            setattr(self, name, value)
        self.park = parks.get(self.park_id)

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def is_expired(self, today: date) -> bool:
        return self.expires_on < today


def list_query(filters: Filters, *, today: date | None = None,
               sort: sorting.Sort | None = None, columns: tuple | None = None,
               bound: bool = False):
    """The filtered listings in the list's order: entities with their park, or the rows of
    `columns` (e.g. LISTED). With `bound`, every value of the filter is a bound parameter
    (`list_values`) and only which filters are set is read from `filters` (a statement built
    once for every request of that shape: hub.talent.listing)."""
    today = today or local_today()

    def value(name: str, given):
        return bindparam(name) if bound else given

    stmt = (db.select(*columns) if columns
            else db.select(TalentListing).options(joinedload(TalentListing.park)))
    if filters.deleted == "only":
        stmt = stmt.where(TalentListing.deleted_at.is_not(None))
    elif filters.deleted != "include":
        stmt = stmt.where(TalentListing.deleted_at.is_(None))
    if filters.expired == "only":
        stmt = stmt.where(expired_clause(value("today", today)))
    elif filters.expired != "include":
        stmt = stmt.where(~expired_clause(value("today", today)))
    if filters.kind:
        stmt = stmt.where(TalentListing.kind == value("kind", ListingKind(filters.kind)))
    if filters.park_id:
        stmt = stmt.where(TalentListing.park_id == value("park_id", filters.park_id))
    if filters.field.strip():
        pattern = value("field", f"%{_escape_like(filters.field.strip())}%")
        stmt = stmt.where(TalentListing.field.ilike(pattern, escape="\\"))
    if filters.education:
        stmt = stmt.where(TalentListing.education == value("education",
                                                            Education(filters.education)))
    if filters.status:
        stmt = stmt.where(TalentListing.status == value("status", ListingStatus(filters.status)))
    if sort is not None and not sort.is_default:
        return stmt.order_by(*sort.order_by())
    newest = (TalentListing.created_at.desc(), TalentListing.id.desc())
    if filters.status:
        # one status: "open first" orders nothing; left out, ix_talent_listing_status walks
        # that status newest first (ix_talent_listing_list would walk past every open listing
        # to reach the closed ones: 70 ms at scale 10)
        return stmt.order_by(*newest)
    return stmt.order_by(open_first(), *newest)


def list_values(filters: Filters, today: date) -> dict:
    """The parameters of `list_query(filters, bound=True)` (those it does not use are ignored)."""
    return {"today": today, "kind": ListingKind(filters.kind) if filters.kind else None,
            "park_id": filters.park_id,
            "field": f"%{_escape_like(filters.field.strip())}%",
            "education": Education(filters.education) if filters.education else None,
            "status": ListingStatus(filters.status) if filters.status else None}


def counts_from_tally(filters: Filters) -> bool:
    """Whether the tallies count `list_query(filters)`: the live listings (not deleted, not
    expired) of a park and a status, or of all."""
    return not (filters.kind or filters.field.strip() or filters.education or filters.expired
                or filters.deleted)


def tallied_count_stmt(filters: Filters, today: date):
    """A select of how many listings `list_query(filters)` lists, read from the running
    tallies (hub.lists.tally: a few dozen rows per status, however many listings), when the
    filters are the live listings (not deleted, not expired) of a park and a status or of all;
    None for other filters (count them with the list's query)."""
    if not counts_from_tally(filters):
        return None
    return tally.live_listings_stmt(
        today, filters.park_id, ListingStatus(filters.status).value if filters.status else None)


def tallied_count(filters: Filters, today: date) -> int | None:
    """The value of `tallied_count_stmt` (None where it is None)."""
    stmt = tallied_count_stmt(filters, today)
    return None if stmt is None else db.session.execute(stmt).scalar_one()


# --- changes ----------------------------------------------------------------------------------
def _clean(data: dict) -> dict:
    values = {f: data[f] for f in FIELDS if f in data}
    for f in TEXT_FIELDS:
        if f in values:
            values[f] = (values[f] or "").strip()
    values["kind"] = ListingKind(values["kind"])
    values["education"] = Education(values["education"])
    return values


def _attach(actor, listing: TalentListing, uploads) -> list[str]:
    return [a.original_name for a in attachments.save_all(uploads or [], OWNER_TYPE, listing.id,
                                                          actor)]


def create(actor, data: dict, uploads=None) -> TalentListing:
    """Raises attachments.AttachmentRejected (nothing is kept then: the caller rolls back)."""
    values = _clean(data)
    listing = TalentListing(**values, status=ListingStatus.OPEN, created_by_id=actor.id)
    db.session.add(listing)
    db.session.flush()
    changes = {f: [None, getattr(listing, f)] for f in FIELDS}
    changes["status"] = [None, listing.status]
    added = _attach(actor, listing, uploads)
    if added:
        changes["attachments"] = [[], added]
    audit.record(actor, "create", listing, changes)
    return listing


def update(actor, listing: TalentListing, data: dict, *, version, uploads=None,
           remove_attachment_ids=()) -> dict:
    """Apply an edit made on `version`; raises StaleEdit if someone saved meanwhile."""
    check_version(listing, version)
    values = _clean(data)
    before = audit.snapshot(listing, FIELDS)
    for field, value in values.items():
        setattr(listing, field, value)
    changes = audit.diff(before, listing)
    current = attachments.for_owner(OWNER_TYPE, listing.id)
    old_names = [a.original_name for a in current]
    removed = [a for a in current if a.id in set(remove_attachment_ids)]
    for attachment in removed:
        attachments.delete(attachment)
    added = _attach(actor, listing, uploads)
    if removed or added:
        changes["attachments"] = [old_names,
                                  [a.original_name for a in current if a not in removed] + added]
        if not audit.diff(before, listing):
            listing.updated_at = utcnow()  # bump the version: the record did change
    if changes:
        audit.record(actor, "update", listing, changes)
    return changes


def transition(actor, listing: TalentListing, to) -> None:
    """Move the listing to status `to` (a ListingStatus or its value); raises InvalidTransition."""
    try:
        to = ListingStatus(to)
    except ValueError:
        raise InvalidTransition(listing.status, to) from None
    if to not in ALLOWED[listing.status]:
        raise InvalidTransition(listing.status, to)
    audit.record(actor, "transition", listing, {"status": [listing.status, to]})
    listing.status = to


def delete(actor, listing: TalentListing) -> None:
    audit.soft_delete(actor, listing)


def restore(actor, listing: TalentListing) -> None:
    audit.restore(actor, listing)
