"""`flask --app wsgi hub generate-data --scale N`: deterministic synthetic load data.

Scale 1 ≈ 10 parks, 200 accounts, 10,000 notices with read receipts, 5,000 land cases with
timelines, 10,000 talent listings, 5 meeting series over 5 years with agenda, attendance and
minutes, and 20,000 action items; scale N is N times that (the parks grow slowly, up to 20).

Same seed and scale → same rows. Every time is relative to BASE (a fixed instant), never to the
clock. Rows go in through chunked Core INSERTs with precomputed ids (see bench.data.bulk).
Generated accounts are named `gen-…`; the generator refuses to run when any exists.

On PostgreSQL, connected as a superuser, the rows go in with row triggers off for the one
transaction (`SET LOCAL session_replication_role = replica`: the tally triggers would fire once
per row — scale 10 took 25 min with them, under 4 without), and the tally table is recounted
once before the commit (hub.dashboard.recount). That setting also skips foreign-key checks: the
generator's rows are consistent by construction. Otherwise (SQLite, or no superuser) the
triggers run as for any write.
"""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from flask import current_app
from sqlalchemy import select, text
from werkzeug.security import generate_password_hash

from bench.data import text as tx
from bench.data.bulk import Bulk
from hub.auth.models import Role, User
from hub.extensions import db
from hub.land.models import CaseEvent, CaseStatus, Disposal, LandCase, ProblemType
from hub.notices.models import Notice, NoticeCategory, NoticeRead, NoticeStatus, notice_audience
from hub.parks.models import Park, ParkKind
from hub.talent.models import Education, ListingKind, ListingStatus, TalentListing

BASE = datetime(2026, 6, 30, 4, 0, tzinfo=UTC)  # 12:00 in Asia/Shanghai
BASE_DATE = date(2026, 6, 30)
SPAN_DAYS = 5 * 365
USERNAME_PREFIX = "gen-"
DEFAULT_PASSWORD = "parkhub-bench-2026"
ADMIN_USERNAME = "gen-admin"


class AlreadyGenerated(Exception):
    pass


@dataclass
class World:
    """What later steps need of earlier ones: ids only, never ORM objects."""

    scale: int
    seed: int
    zone_id: int = 0
    park_ids: list[int] = field(default_factory=list)  # generated parks (not the zone)
    park_names: dict[int, str] = field(default_factory=dict)
    users_by_park: dict[int, list[int]] = field(default_factory=dict)
    admin_id: int = 0
    case_ids_by_park: dict[int, list[int]] = field(default_factory=dict)
    accounts: list[tuple[str, str, str]] = field(default_factory=list)  # username, park, role

    def rng(self, section: str) -> random.Random:
        return random.Random(f"{self.seed}:{self.scale}:{section}")

    def user_of(self, rng: random.Random, park_id: int) -> int:
        return rng.choice(self.users_by_park[park_id])

    @property
    def all_park_ids(self) -> list[int]:
        return [self.zone_id, *self.park_ids]


def past(rng: random.Random, days: int = SPAN_DAYS) -> datetime:
    """A random instant in the `days` before BASE."""
    return BASE - timedelta(seconds=rng.randrange(days * 86400))


def creation_times(rng: random.Random, count: int) -> list[datetime]:
    """`count` instants of past(), oldest first: rows are given ids (and so their place in the
    table) in the order they were created, as in a database filled over the years. (With random
    order, every newest-first index walk read a different table page per row: a worst case no
    real database has; PostgreSQL's pg_stats correlation of updated_at was ~0.)"""
    return sorted(past(rng) for _ in range(count))


def already_generated() -> bool:
    return db.session.execute(
        select(User.id).where(User.username.like(USERNAME_PREFIX + "%")).limit(1)
    ).first() is not None


def generate(scale: int = 1, seed: int = 2026, password: str = DEFAULT_PASSWORD,
             verbose: bool = True) -> World:
    """Insert the data set and commit. Raises AlreadyGenerated when `gen-` accounts exist."""
    from bench.data.efficiency import generate_efficiency
    from bench.data.meetings import generate_meetings
    from bench.data.projects import generate_projects

    if already_generated():
        raise AlreadyGenerated("generated data is present already (accounts named gen-…)")
    world = World(scale=scale, seed=seed)
    bulk = Bulk(verbose=verbose)
    triggers_off = _row_triggers_off()
    parks(world, bulk)
    users(world, bulk, password)
    notices(world, bulk)
    land_cases(world, bulk)
    talent(world, bulk)
    generate_meetings(world, bulk)
    generate_projects(world, bulk)
    generate_efficiency(world, bulk)
    bulk.fix_sequences()
    if triggers_off:
        from hub.dashboard.recount import recount

        result = recount()
        bulk.note(f"tally recounted ({result.keys:,} keys)")
    db.session.commit()
    bulk.analyze()
    return world


def _row_triggers_off() -> bool:
    """PostgreSQL as a superuser: no row triggers until this transaction ends; True if so."""
    if db.session.get_bind().dialect.name != "postgresql":
        return False
    if db.session.execute(text("SELECT current_setting('is_superuser')")).scalar() != "on":
        return False
    db.session.execute(text("SET LOCAL session_replication_role = replica"))
    return True


# --- parks and accounts ----------------------------------------------------------------------
def parks(world: World, bulk: Bulk) -> None:
    from hub.seed import ensure_park

    world.zone_id = ensure_park("株洲市园区办", "园区办", ParkKind.ZONE).id
    world.park_names[world.zone_id] = "园区办"
    rng = world.rng("parks")
    count = min(len(tx.PARKS), 9 + world.scale // 2)
    taken = set(db.session.execute(select(Park.short_name)).scalars())
    wanted = [p for p in tx.PARKS if p[1] not in taken][:count]
    ids = bulk.ids(Park.__table__, len(wanted))
    rows = []
    for pid, (name, short) in zip(ids, wanted, strict=True):
        rows.append({
            "id": pid, "name": name, "short_name": short,
            "kind": rng.choice([ParkKind.NATIONAL, ParkKind.PROVINCIAL, ParkKind.PROVINCIAL]),
            "contact_person": tx.person(rng), "contact_phone": f"0731-2{rng.randrange(10**7):07d}",
            "contact_email": f"park{pid}@parks.example.test",
            "address": f"株洲市{rng.choice(tx.ROADS)}{rng.randint(1, 999)}号", "active": True,
            "created_at": BASE - timedelta(days=SPAN_DAYS), "updated_at": BASE,
        })
        world.park_ids.append(pid)
        world.park_names[pid] = short
    bulk.insert(Park.__table__, rows)


def users(world: World, bulk: Bulk, password: str) -> None:
    rng = world.rng("users")
    method = current_app.config.get("HUB_PASSWORD_METHOD", "scrypt")
    password_hash = generate_password_hash(password, method=method)  # one hash for everyone
    total = 200 * world.scale
    ids = bulk.ids(User.__table__, total)
    rows = []
    parks_cycle = world.all_park_ids
    for n, uid in enumerate(ids):
        if n == 0:
            park_id, role, username = world.zone_id, Role.ADMIN, ADMIN_USERNAME
        else:
            park_id = parks_cycle[n % len(parks_cycle)]
            first_in_park = n < len(parks_cycle) + 1
            role = Role.PARK_ADMIN if first_in_park else Role.STAFF
            username = f"{USERNAME_PREFIX}{park_id:03d}-{n:05d}"
        world.users_by_park.setdefault(park_id, []).append(uid)
        if len(world.accounts) < 6 or role is Role.ADMIN:
            world.accounts.append((username, world.park_names[park_id], role.value))
        rows.append({
            "id": uid, "username": username, "display_name": tx.person(rng),
            "email": f"{username}@parkhub.example.test", "phone": tx.phone(rng),
            "park_id": park_id, "role": role, "active": True, "locale": None,
            "password_hash": password_hash, "must_change_password": False,
            "password_changed_at": BASE - timedelta(days=SPAN_DAYS), "last_login_at": past(rng, 30),
            "created_at": BASE - timedelta(days=SPAN_DAYS),
        })
    world.admin_id = ids[0]
    bulk.insert(User.__table__, rows)
    # a staff account to log in with (benchmarks, demos): the last one of the first park
    staff = f"{USERNAME_PREFIX}{world.park_ids[0]:03d}-"
    world.accounts.append((next(r["username"] for r in reversed(rows)
                                if r["username"].startswith(staff)), world.park_names[
                                    world.park_ids[0]], Role.STAFF.value))


# --- policy notices --------------------------------------------------------------------------
def categories() -> list[int]:
    existing = dict(db.session.execute(select(NoticeCategory.name, NoticeCategory.id)).all())
    for position, name in enumerate(tx.CATEGORIES):
        if name not in existing:
            category = NoticeCategory(name=name, position=position)
            db.session.add(category)
            db.session.flush()
            existing[name] = category.id
    return [existing[name] for name in tx.CATEGORIES]


def notices(world: World, bulk: Bulk) -> None:
    rng = world.rng("notices")
    category_ids = categories()
    total = 10_000 * world.scale
    ids = bulk.ids(Notice.__table__, total)
    rows, audience, readers = [], [], []
    for nid, created in zip(ids, creation_times(rng, total), strict=True):
        park_id = rng.choice(world.all_park_ids * 3 + [world.zone_id] * 6)  # the office writes most
        author = world.user_of(rng, park_id)
        roll = rng.random()
        status = (NoticeStatus.PUBLISHED if roll < 0.86 else
                  NoticeStatus.DRAFT if roll < 0.95 else NoticeStatus.WITHDRAWN)
        all_parks = rng.random() < 0.7
        published = created + timedelta(hours=rng.randint(1, 72))
        if published > BASE:
            published = BASE
        deleted = rng.random() < 0.01
        effective = (published + timedelta(days=rng.randint(0, 10))).date()
        rows.append({
            "id": nid, "park_id": park_id, "category_id": rng.choice(category_ids),
            "title": tx.notice_title(rng, created.year), "body": tx.notice_body(rng),
            "status": status, "all_parks": all_parks, "author_id": author,
            "published_at": published if status is not NoticeStatus.DRAFT else None,
            "published_by_id": author if status is not NoticeStatus.DRAFT else None,
            "withdrawn_at": (published + timedelta(days=rng.randint(1, 30))
                             if status is NoticeStatus.WITHDRAWN else None),
            "effective_date": effective if rng.random() < 0.5 else None,
            "expiry_date": effective + timedelta(days=rng.choice([90, 180, 365]))
            if rng.random() < 0.3 else None,
            "created_at": created, "updated_at": published,
            "deleted_at": BASE - timedelta(days=rng.randint(1, 300)) if deleted else None,
            "deleted_by_id": world.admin_id if deleted else None, "version": 1,
        })
        addressed = world.all_park_ids
        if not all_parks:
            addressed = rng.sample(world.park_ids, rng.randint(1, 4))
            audience += [{"notice_id": nid, "park_id": p} for p in addressed]
        if status is NoticeStatus.PUBLISHED:
            readers.append((nid, published, addressed, rng.randint(0, 16)))
    bulk.insert(Notice.__table__, rows)
    del rows
    bulk.insert(notice_audience, audience)
    bulk.insert(NoticeRead.__table__, _reads(world, bulk, readers))


def _reads(world: World, bulk: Bulk, readers):
    rng = world.rng("reads")
    total = sum(r[3] for r in readers)
    ids = iter(bulk.ids(NoticeRead.__table__, total))
    for nid, published, addressed, count in readers:
        pool = [(u, p) for p in addressed for u in world.users_by_park[p]]
        for user_id, park_id in rng.sample(pool, min(count, len(pool))):
            yield {"id": next(ids), "notice_id": nid, "user_id": user_id, "park_id": park_id,
                   "read_at": min(BASE, published + timedelta(minutes=rng.randint(1, 20000)))}


# --- land disposal cases ---------------------------------------------------------------------
PATH = [CaseStatus.REGISTERED, CaseStatus.VERIFYING, CaseStatus.DISPOSING, CaseStatus.DISPOSED]


def land_cases(world: World, bulk: Bulk) -> None:
    rng = world.rng("cases")
    total = 5_000 * world.scale
    ids = bulk.ids(LandCase.__table__, total)
    rows, events = [], []
    for n, (cid, created) in enumerate(zip(ids, creation_times(rng, total), strict=True)):
        park_id = world.park_ids[n % len(world.park_ids)]
        steps = rng.choices([0, 1, 2, 3], weights=[2, 2, 3, 4])[0]
        status = PATH[steps]
        suspended_from = None
        if status is not CaseStatus.DISPOSED and rng.random() < 0.08:
            suspended_from, status = status, CaseStatus.SUSPENDED
        creator = world.user_of(rng, park_id)
        deleted = rng.random() < 0.01
        rows.append({
            "id": cid, "park_id": park_id,
            "parcel_code": f"ZZ{created.year}-{park_id:02d}-{n:06d}",
            "location": f"{world.park_names[park_id]}{rng.choice(tx.ROADS)}"
                        f"{rng.choice('东南西北')}侧{rng.randint(1, 60)}号地块",
            "area_mu": Decimal(rng.randint(300, 30000)) / 100,
            "holder": tx.enterprise(rng),
            "problem_type": rng.choice(list(ProblemType)), "disposal": rng.choice(list(Disposal)),
            "assignee_id": world.user_of(rng, park_id) if rng.random() < 0.8 else None,
            "deadline": (created + timedelta(days=rng.randint(60, 720))).date()
            if rng.random() < 0.85 else None,
            "status": status, "suspended_from": suspended_from,
            "suspend_reason": "企业涉诉，待司法程序结束" if suspended_from else "",
            "description": tx.case_description(rng), "created_by_id": creator,
            "created_at": created, "updated_at": created,
            "deleted_at": BASE - timedelta(days=rng.randint(1, 300)) if deleted else None,
            "deleted_by_id": world.admin_id if deleted else None, "version": 1 + steps,
        })
        world.case_ids_by_park.setdefault(park_id, []).append(cid)
        when = created
        events.append((cid, creator, when, "create", None, CaseStatus.REGISTERED, "登记"))
        for step in range(steps):
            when = min(BASE, when + timedelta(days=rng.randint(3, 90)))
            if rng.random() < 0.6:
                events.append((cid, world.user_of(rng, park_id), when, "note", None, None,
                               rng.choice(tx.PROBLEM_NOTES)))
            events.append((cid, world.user_of(rng, park_id), when, "transition", PATH[step],
                           PATH[step + 1], rng.choice(tx.PROBLEM_NOTES)))
        if suspended_from:
            events.append((cid, creator, min(BASE, when + timedelta(days=5)), "transition",
                           suspended_from, CaseStatus.SUSPENDED, "企业涉诉，待司法程序结束"))
        rows[-1]["updated_at"] = events[-1][2]
    bulk.insert(LandCase.__table__, rows)
    event_ids = bulk.ids(CaseEvent.__table__, len(events))
    bulk.insert(CaseEvent.__table__, (
        {"id": eid, "case_id": c, "actor_id": a, "created_at": w, "kind": k, "from_status": f,
         "to_status": t, "note": note, "changes": {"status": [f.value, t.value]} if f else {}}
        for eid, (c, a, w, k, f, t, note) in zip(event_ids, events, strict=True)
    ))


# --- talent listings -------------------------------------------------------------------------
def talent(world: World, bulk: Bulk) -> None:
    rng = world.rng("talent")
    total = 10_000 * world.scale
    ids = bulk.ids(TalentListing.__table__, total)
    rows = []
    for n, (lid, created) in enumerate(zip(ids, creation_times(rng, total), strict=True)):
        park_id = world.park_ids[n % len(world.park_ids)]
        kind = ListingKind.DEMAND if rng.random() < 0.7 else ListingKind.OFFER
        industry = rng.choice(tx.INDUSTRIES)
        title = (f"{industry}{rng.choice(tx.POSITIONS)}" if kind is ListingKind.DEMAND
                 else rng.choice(tx.OFFER_TITLES).format(field=industry))
        deleted = rng.random() < 0.01
        rows.append({
            "id": lid, "park_id": park_id, "kind": kind, "title": title, "field": industry,
            "education": rng.choice(list(Education)), "headcount": rng.randint(1, 20),
            "enterprise": tx.enterprise(rng), "contact_person": tx.person(rng),
            "contact_phone": tx.phone(rng), "contact_email": f"hr{lid}@example.test",
            "description": tx.talent_description(rng, industry),
            "expires_on": (created + timedelta(days=rng.randint(30, 540))).date(),
            "status": rng.choices(list(ListingStatus), weights=[6, 2, 2])[0],
            "created_by_id": world.user_of(rng, park_id),
            "created_at": created, "updated_at": created,
            "deleted_at": BASE - timedelta(days=rng.randint(1, 300)) if deleted else None,
            "deleted_by_id": world.admin_id if deleted else None, "version": 1,
        })
    bulk.insert(TalentListing.__table__, rows)
