"""Meeting series over five years: occurrences, participant parks, agenda topics, attendance,
minutes with revisions and confirmations, and the action items decided in them."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.rrule import rrulestr

from bench.data import text as tx
from bench.data.bulk import Bulk
from bench.data.generate import BASE, SPAN_DAYS, World
from hub.actions.models import ActionItem, ActionStatus, ActionUpdate, action_land_case
from hub.agenda.models import AgendaTopic, Attendance, AttendanceStatus, TopicStatus
from hub.meetings.models import (
    ConfirmationStatus,
    HolidayPolicy,
    Meeting,
    MeetingSeries,
    MeetingStatus,
    Minutes,
    MinutesConfirmation,
    MinutesRevision,
    MinutesStatus,
    SeriesHost,
    meeting_park,
    series_park,
)

TZ = "Asia/Shanghai"
AHEAD_DAYS = 90
RULES = [  # (rrule, local start time)
    ("FREQ=MONTHLY;BYDAY=2TU", time(9, 30)),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", time(14, 30)),
    ("FREQ=MONTHLY;BYDAY=-1FR", time(15, 0)),
    ("FREQ=WEEKLY;BYDAY=WE", time(9, 0)),
    ("FREQ=MONTHLY;INTERVAL=3;BYDAY=1MO", time(10, 0)),
]


def generate_meetings(world: World, bulk: Bulk) -> None:
    rng = world.rng("meetings")
    zone = ZoneInfo(TZ)
    first_day = (BASE - timedelta(days=SPAN_DAYS)).astimezone(zone).date()
    until = (BASE + timedelta(days=AHEAD_DAYS)).astimezone(zone).replace(tzinfo=None)
    n_series = 5 * world.scale
    series_ids = bulk.ids(MeetingSeries.__table__, n_series)
    series_rows, sp_rows, host_rows, occurrences = [], [], [], []
    for n, sid in enumerate(series_ids):
        rule, start_time = RULES[n % len(RULES)]
        title = tx.SERIES_TITLES[n % len(tx.SERIES_TITLES)]
        if n >= len(tx.SERIES_TITLES):
            title += f"（{n // len(tx.SERIES_TITLES) + 1}组）"
        parks = (world.all_park_ids if n % 3 == 0
                 else [world.zone_id, *rng.sample(world.park_ids, rng.randint(3, 6))])
        hosts = [p for p in parks if p != world.zone_id]
        series_rows.append({
            "id": sid, "title": title, "description": tx.sentence(rng, tx.PARAGRAPH_PHRASES, 3),
            "rrule": rule, "start_date": first_day, "start_time": start_time, "timezone": TZ,
            "duration_minutes": 120, "location": f"园区办{rng.randint(1, 9)}楼会议室",
            "online_url": "", "holiday_policy": HolidayPolicy.KEEP,
            "reminder_offsets": [1440, 60], "agenda_cutoff_hours": 72,
            "horizon_until": until.date(), "active": True, "created_by_id": world.admin_id,
            "created_at": BASE - timedelta(days=SPAN_DAYS), "updated_at": BASE, "version": 1,
        })
        sp_rows += [{"series_id": sid, "park_id": p} for p in parks]
        host_rows += [{"series_id": sid, "position": i, "park_id": p} for i, p in enumerate(hosts)]
        start = datetime.combine(first_day, start_time)
        for k, local in enumerate(rrulestr(rule, dtstart=start).between(start, until, inc=True)):
            occurrences.append((sid, title, local.replace(tzinfo=zone).astimezone(UTC),
                                hosts[k % len(hosts)], parks, series_rows[-1]["location"]))
    bulk.insert(MeetingSeries.__table__, series_rows)
    bulk.insert(series_park, sp_rows)
    bulk.insert(SeriesHost.__table__, host_rows)

    meeting_ids = bulk.ids(Meeting.__table__, len(occurrences))
    rows, mp_rows, held = [], [], []
    for mid, (sid, title, starts, host, parks, location) in zip(meeting_ids, occurrences,
                                                                 strict=True):
        cancelled = rng.random() < 0.02
        rows.append({
            "id": mid, "series_id": sid, "original_start": starts,
            "title": f"{title}（{starts.astimezone(zone):%Y年%m月%d日}）", "description": "",
            "starts_at": starts, "ends_at": starts + timedelta(minutes=120), "timezone": TZ,
            "location": location, "online_url": "",
            "status": MeetingStatus.CANCELLED if cancelled else MeetingStatus.SCHEDULED,
            "cancel_reason": "与市委专题会冲突" if cancelled else "", "moved": False,
            "holiday_note": "", "holiday_provisional": False, "host_park_id": host,
            "host_overridden": False, "agenda_cutoff": starts - timedelta(hours=72),
            "reminder_offsets": [1440, 60], "sequence": 0, "created_by_id": world.admin_id,
            "created_at": BASE - timedelta(days=SPAN_DAYS), "updated_at": BASE, "version": 1,
        })
        mp_rows += [{"meeting_id": mid, "park_id": p} for p in parks]
        if not cancelled:
            held.append((mid, rows[-1]["title"], starts, host, parks))
    bulk.insert(Meeting.__table__, rows)
    bulk.insert(meeting_park, mp_rows)
    _before(world, bulk, rng, held)
    minuted = _minutes(world, bulk, rng, [h for h in held if h[2] < BASE])
    _actions(world, bulk, rng, minuted, {r["id"]: r["series_id"] for r in rows})


def _before(world: World, bulk: Bulk, rng, held) -> None:
    """Agenda topics and attendance replies (all past meetings; the next few upcoming ones)."""
    topics, attendance = [], []
    for mid, _title, starts, host, parks in held:
        done = starts < BASE
        for position in range(rng.randint(3, 6) if done else rng.randint(0, 3)):
            park = rng.choice(parks)
            topics.append({
                "meeting_id": mid, "park_id": park,
                "submitted_by_id": world.user_of(rng, park),
                "title": rng.choice(tx.TOPIC_TITLES).format(
                    park=world.park_names[park], topic=rng.choice(tx.NOTICE_TOPICS)),
                "summary": tx.sentence(rng, tx.PARAGRAPH_PHRASES, 3),
                "presenter": tx.person(rng), "minutes_requested": rng.choice([5, 10, 15, 20]),
                "status": TopicStatus.ACCEPTED if done else TopicStatus.SUBMITTED,
                "position": position, "deferred_from_id": None,
                "created_at": starts - timedelta(days=rng.randint(4, 20)), "updated_at": starts,
            })
        for park in parks if done or starts < BASE + timedelta(days=14) else []:
            going = rng.random() < 0.9
            replied = starts - timedelta(hours=rng.randint(24, 240))
            attendance.append({
                "meeting_id": mid, "park_id": park,
                "status": AttendanceStatus.ATTENDING if going else AttendanceStatus.DECLINED,
                "attendees": f"{tx.person(rng)}\n{tx.person(rng)}" if going else "",
                "decline_reason": "" if going else "与上级检查冲突",
                "replied_by_id": world.user_of(rng, park), "replied_at": replied,
                "present": going if done else None,
                "actual_attendees": tx.person(rng) if done and going else "",
                "recorded_by_id": world.user_of(rng, host) if done else None,
                "recorded_at": starts + timedelta(hours=3) if done else None,
            })
    ids = bulk.ids(AgendaTopic.__table__, len(topics))
    bulk.insert(AgendaTopic.__table__, ({"id": i, **r} for i, r in zip(ids, topics, strict=True)))
    ids = bulk.ids(Attendance.__table__, len(attendance))
    bulk.insert(Attendance.__table__,
                ({"id": i, **r} for i, r in zip(ids, attendance, strict=True)))


def _minutes(world: World, bulk: Bulk, rng, past_meetings) -> list[tuple]:
    """Minutes for every past meeting: published, except the last weeks' (draft / consulting)."""
    minutes_ids = bulk.ids(Minutes.__table__, len(past_meetings))
    rows, revisions, confirmations, minuted = [], [], [], []
    for min_id, (mid, title, starts, host, parks) in zip(minutes_ids, past_meetings, strict=True):
        age = BASE - starts
        status = (MinutesStatus.PUBLISHED if age > timedelta(days=21) else
                  MinutesStatus.CONSULTING if age > timedelta(days=7) else MinutesStatus.DRAFT)
        topics = [rng.choice(tx.NOTICE_TOPICS) for _ in range(rng.randint(2, 4))]
        body = tx.minutes_body(rng, title, [world.park_names[p] for p in parks], topics)
        count = rng.randint(1, 3)
        author = world.user_of(rng, host)
        for number in range(1, count + 1):
            revisions.append({
                "minutes_id": min_id, "number": number, "author_id": author,
                "body": body if number == count else body[: len(body) * number // (count + 1)],
                "created_at": starts + timedelta(days=number),
            })
        signed = status is MinutesStatus.PUBLISHED
        rows.append({
            "id": min_id, "meeting_id": mid, "body": body, "revision": count, "status": status,
            "sent_for_comment_at": starts + timedelta(days=count) if status
            is not MinutesStatus.DRAFT else None,
            "signed_by_id": world.admin_id if signed else None,
            "published_at": starts + timedelta(days=count + 5) if signed else None,
            "created_at": starts + timedelta(days=1), "updated_at": starts + timedelta(days=count),
        })
        if status is not MinutesStatus.DRAFT:
            for park in parks:
                confirmations.append({
                    "minutes_id": min_id, "park_id": park, "status": ConfirmationStatus.CONFIRMED,
                    "comment": "", "revision": count, "by_id": world.user_of(rng, park),
                    "at": starts + timedelta(days=count + 2),
                })
        minuted.append((mid, starts, parks))
    bulk.insert(Minutes.__table__, rows)
    ids = bulk.ids(MinutesRevision.__table__, len(revisions))
    bulk.insert(MinutesRevision.__table__,
                ({"id": i, **r} for i, r in zip(ids, revisions, strict=True)))
    ids = bulk.ids(MinutesConfirmation.__table__, len(confirmations))
    bulk.insert(MinutesConfirmation.__table__,
                ({"id": i, **r} for i, r in zip(ids, confirmations, strict=True)))
    return minuted


def _actions(world: World, bulk: Bulk, rng, minuted, series_of: dict[int, int]) -> None:
    """20,000 × scale action items, spread over the meetings that have minutes. Each carries
    its meeting's series (`series_of`): the database's trigger copies it on insert, but the
    load runs with row triggers off on PostgreSQL (generate.py)."""
    total = 20_000 * world.scale
    ids = bulk.ids(ActionItem.__table__, total)
    items, updates, links = [], [], []
    for n, aid in enumerate(ids):
        mid, starts, parks = minuted[n % len(minuted)]
        owner = rng.choice([p for p in parks if p != world.zone_id] or parks)
        due = (starts + timedelta(days=rng.randint(14, 120))).date()
        # not started, in progress, pending review (none generated), done: one weight each
        # (three weights for four statuses raised ValueError and rolled the whole run back)
        status = rng.choices(list(ActionStatus), weights=[1, 2, 0, 6] if due < BASE.date()
                             else [4, 4, 0, 1])[0]
        created = starts + timedelta(days=2)
        completed = min(BASE, created + timedelta(days=rng.randint(5, 100)))
        items.append({
            "id": aid, "meeting_id": mid, "series_id": series_of[mid],
            "position": n // len(minuted),
            "text": rng.choice(tx.DECISIONS).format(park=world.park_names[owner],
                                                   month=rng.randint(1, 12),
                                                   topic=rng.choice(tx.NOTICE_TOPICS)),
            "owner_park_id": owner,
            "assignee_id": world.user_of(rng, owner) if rng.random() < 0.8 else None,
            "due_date": due, "status": status,
            "completed_at": completed if status is ActionStatus.DONE else None,
            "created_by_id": world.admin_id, "created_at": created,
            "updated_at": completed if status is not ActionStatus.NOT_STARTED else created,
            "version": 1,
        })
        before = ActionStatus.NOT_STARTED
        for step in ([ActionStatus.IN_PROGRESS] if status is not ActionStatus.NOT_STARTED else []) \
                + ([ActionStatus.DONE] if status is ActionStatus.DONE else []):
            updates.append({
                "item_id": aid, "actor_id": world.user_of(rng, owner),
                "created_at": min(BASE, created + timedelta(days=rng.randint(1, 60))),
                "from_status": before, "to_status": step, "note": rng.choice(tx.UPDATE_NOTES),
            })
            before = step
        cases = world.case_ids_by_park.get(owner)
        if cases and rng.random() < 0.1:
            links.append({"action_item_id": aid, "land_case_id": rng.choice(cases)})
    bulk.insert(ActionItem.__table__, items)
    ids = bulk.ids(ActionUpdate.__table__, len(updates))
    bulk.insert(ActionUpdate.__table__, ({"id": i, **r} for i, r in zip(ids, updates, strict=True)))
    bulk.insert(action_land_case, links)
