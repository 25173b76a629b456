"""Managing parks and accounts. Callers check permissions (hub.permissions) first."""

from datetime import date, timedelta

from flask_babel import lazy_gettext as _l

from hub import audit
from hub.audit.models import AuditEntry
from hub.auth import sessions
from hub.auth.models import Role, User
from hub.auth.services import normalize_username, temporary_password
from hub.domain import DomainError
from hub.extensions import db
from hub.lists import sorting
from hub.parks import queries as parks
from hub.parks.models import Park, ParkKind
from hub.search.matching import LIKE_ESCAPE, like_pattern
from hub.timeutil import local_day_start_utc

PARK_FIELDS = ("name", "short_name", "kind", "contact_person", "contact_phone",
               "contact_email", "address")
ACCOUNT_FIELDS = ("display_name", "email", "phone", "park_id", "role")


class AdminError(DomainError):
    """A refused change; `field` names the form field it belongs to, if any."""

    messages = {
        "duplicate": _l("This value is already in use."),
        "own_park": _l("You cannot deactivate your own park."),
        "own_role": _l("You cannot change your own role."),
        "own_account": _l("You cannot deactivate your own account."),
    }


# --- parks ------------------------------------------------------------------------------------
def _check_park_unique(name: str, short_name: str, exclude_id: int | None = None) -> None:
    for field, value in (("name", name), ("short_name", short_name)):
        stmt = db.select(Park.id).where(getattr(Park, field) == value)
        if exclude_id is not None:
            stmt = stmt.where(Park.id != exclude_id)
        if db.session.execute(stmt).first():
            raise AdminError("duplicate", field)


def create_park(actor: User, data: dict) -> Park:
    data = {**data, "kind": ParkKind(data["kind"])}
    _check_park_unique(data["name"], data["short_name"])
    park = Park(**{f: data[f] for f in PARK_FIELDS})
    db.session.add(park)
    audit.record(actor, "create", park, {f: [None, getattr(park, f)] for f in PARK_FIELDS})
    return park


ZONE_OFFICE = {"name": "株洲市园区办", "short_name": "园区办", "kind": ParkKind.ZONE.value,
               "contact_person": "", "contact_phone": "", "contact_email": "", "address": ""}


def home_park_of_new_admin(actor: User | None, short_name: str | None) -> Park:
    """The park a new platform admin belongs to: the park with `short_name`, else the zone
    office, registered (and audited) now when the database has none yet."""
    if short_name:
        park = parks.by_short_name(short_name)
        if park is None:
            raise AdminError("unknown_park", "park")
        return park
    return (parks.zone_office() or parks.by_short_name(ZONE_OFFICE["short_name"])
            or create_park(actor, ZONE_OFFICE))


def update_park(actor: User, park: Park, data: dict) -> dict:
    data = {**data, "kind": ParkKind(data["kind"])}
    _check_park_unique(data["name"], data["short_name"], exclude_id=park.id)
    return audit.update(actor, park, data, PARK_FIELDS)


def set_park_active(actor: User, park: Park, active: bool) -> None:
    if not active and park.id == actor.park_id:
        raise AdminError("own_park")
    if park.active != active:
        audit.record(actor, "activate" if active else "deactivate", park,
                     {"active": [park.active, active]})
        park.active = active
        if not active:  # its users' sessions end for good, also if it is activated again
            sessions.end_all_of_park(park.id)


# --- accounts ---------------------------------------------------------------------------------
def username_taken(username: str) -> bool:
    stmt = db.select(User.id).where(User.username == normalize_username(username))
    return db.session.execute(stmt).first() is not None


def create_account(actor: User | None, data: dict, password: str | None = None
                   ) -> tuple[User, str]:
    """Create an account with a one-time password (returned) that must be changed at first login,
    or with `password` (kept). `actor` None: an operator on the command line."""
    if username_taken(data["username"]):
        raise AdminError("duplicate", "username")
    user = User(
        username=normalize_username(data["username"]),
        display_name=data["display_name"].strip(),
        email=(data.get("email") or "").strip(),
        phone=(data.get("phone") or "").strip() or None,
        park_id=data["park_id"],
        role=Role(data["role"]),
    )
    temporary = password is None
    password = password or temporary_password()
    user.set_password(password, temporary=temporary)
    db.session.add(user)
    fields = ("username", "display_name", "email", "phone", "park_id", "role")
    audit.record(actor, "create", user, {f: [None, getattr(user, f)] for f in fields})
    return user, password


def update_account(actor: User, user: User, data: dict) -> dict:
    data = {**data, "role": Role(data["role"])}
    data["phone"] = (data.get("phone") or "").strip() or None
    data["email"] = (data.get("email") or "").strip()
    if user.id == actor.id and data["role"] is not user.role:
        raise AdminError("own_role", "role")
    before = audit.snapshot(user, ACCOUNT_FIELDS)
    for field in ACCOUNT_FIELDS:
        setattr(user, field, data[field])
    changes = audit.diff(before, user)
    if changes:
        audit.record(actor, "update", user, changes)
    return changes


def set_account_active(actor: User, user: User, active: bool) -> None:
    if user.id == actor.id and not active:
        raise AdminError("own_account")
    if user.active != active:
        audit.record(actor, "activate" if active else "deactivate", user,
                     {"active": [user.active, active]})
        user.active = active
        if not active:
            sessions.end_all(user)


def account_choices(user_id: int | None) -> list[tuple[int, str]]:
    """[(id, "name (username)")] of account `user_id`, [] when there is none: the one choice of
    the audit log's `user=` (a menu of every account took ~30 of the page's ~70 ms)."""
    if not user_id:
        return []
    stmt = db.select(User.id, User.display_name, User.username).where(User.id == user_id)
    return [(found, f"{name} ({username})") for found, name, username in db.session.execute(stmt)]


ACCOUNT_SORT = sorting.SortSpec({
    "park": sorting.key(User.park_id, User.role, User.username),  # the default
    "username": sorting.key(User.username), "name": sorting.key(User.display_name),
    "role": sorting.key(User.role), "email": sorting.key(User.email),
    "last_login": sorting.key(User.last_login_at, first=sorting.DESC, nullable=True),
    "status": sorting.key(User.active, first=sorting.DESC),
}, default="park", tiebreak=(User.id,))


def accounts_query(park_id: int | None = None, sort: sorting.Sort | None = None):
    sort = sort or sorting.Sort.default_of(ACCOUNT_SORT)
    stmt = db.select(User).order_by(*sort.order_by())
    if park_id:
        stmt = stmt.where(User.park_id == park_id)
    return stmt


# --- audit log --------------------------------------------------------------------------------
# "user" orders by the actor's name: the statement of the page's ids joins the actor for it
# (a subquery per entry made PostgreSQL run one for each of 290,000 entries: 3 s at scale 10)
AUDIT_SORT = sorting.SortSpec({
    "time": sorting.key(AuditEntry.created_at, first=sorting.DESC),
    "user": sorting.key(User.display_name, nullable=True),
    "park": sorting.key(AuditEntry.park_id, nullable=True),
    "action": sorting.key(AuditEntry.action),
    "object": sorting.key(AuditEntry.object_type, AuditEntry.object_id),
}, default="time", tiebreak=(AuditEntry.id,))


def actors_named(who: str):
    """The ids of the accounts whose name or username holds `who`, in any case; `%` and `_` in
    it are themselves (escaped as in search)."""
    pattern = like_pattern(who)
    return db.select(User.id).where(db.or_(User.display_name.ilike(pattern, escape=LIKE_ESCAPE),
                                           User.username.ilike(pattern, escape=LIKE_ESCAPE)))


def audit_ids(*, park_id=None, user_id=None, who: str | None = None, object_type=None,
              date_from: date | None = None, date_to: date | None = None,
              sort: sorting.Sort | None = None):
    """The ids of the entries the filters select, in the sort's order: a page of the log is
    found by its ids first (hub.lists.rows.paginate_deferred), then `audit_rows` reads those.
    `who`: part of the actor's name or username (`actors_named`)."""
    sort = sort or sorting.Sort.default_of(AUDIT_SORT)
    stmt = db.select(AuditEntry.id).order_by(*sort.order_by())
    if sort.key == "user":
        stmt = stmt.outerjoin(User, User.id == AuditEntry.actor_id)
    if park_id:
        stmt = stmt.where(AuditEntry.park_id == park_id)
    if user_id:
        stmt = stmt.where(AuditEntry.actor_id == user_id)
    if who:
        stmt = stmt.where(AuditEntry.actor_id.in_(actors_named(who)))
    if object_type:
        stmt = stmt.where(AuditEntry.object_type == object_type)
    if date_from:
        stmt = stmt.where(AuditEntry.created_at >= local_day_start_utc(date_from))
    if date_to:
        stmt = stmt.where(AuditEntry.created_at < local_day_start_utc(date_to + timedelta(days=1)))
    return stmt


def audit_rows(ids) -> list:
    """The entries `ids` as rows of what the log shows: the entry's columns, the actor's name
    (`actor_name`) and the park's short name (`park_name`), in any order."""
    stmt = (db.select(AuditEntry.id, AuditEntry.created_at, AuditEntry.actor_id,
                      User.display_name.label("actor_name"), AuditEntry.park_id,
                      Park.short_name.label("park_name"), AuditEntry.action,
                      AuditEntry.object_type, AuditEntry.object_id, AuditEntry.summary,
                      AuditEntry.changes, AuditEntry.ip)
            .outerjoin(User, User.id == AuditEntry.actor_id)
            .outerjoin(Park, Park.id == AuditEntry.park_id)
            .where(AuditEntry.id.in_(list(ids))))
    return list(db.session.execute(stmt))


def audit_object_types() -> list[str]:
    """The object types in the log, in order. A loose index scan of ix_audit_entry_object (each
    type the least one after the last): SELECT DISTINCT read every entry of the index (78–124
    ms for 290,000 entries at scale 10), this one entry per type."""
    entry = db.aliased(AuditEntry)
    first = db.select(db.func.min(AuditEntry.object_type).label("object_type"))
    found = first.cte("object_types", recursive=True)
    following = (db.select(db.func.min(entry.object_type))
                 .where(entry.object_type > found.c.object_type).scalar_subquery())
    found = found.union_all(db.select(following).where(found.c.object_type.is_not(None)))
    stmt = (db.select(found.c.object_type).where(found.c.object_type.is_not(None))
            .order_by(found.c.object_type))
    return list(db.session.execute(stmt).scalars())
