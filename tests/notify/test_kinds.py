"""Notification kinds agree with each other: every kind a feature declares is complete (label,
renderer, both templates) and renders in both languages; every emitted event has a subscriber;
every kind a producer can make is declared; the preferences page lists exactly the declared
kinds with a preference."""

import ast
import re
from datetime import date, time, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _

from hub import events
from hub.actions.models import ActionItem, ActionStatus
from hub.extensions import db
from hub.features import installed
from hub.land.models import CaseStatus, LandCase
from hub.meetings.models import MeetingSeries, MeetingStatus, Minutes, MinutesStatus
from hub.notices.models import Notice, NoticeCategory, NoticeStatus
from hub.notify import kinds, producers
from hub.notify.models import Channel, Delivery
from hub.notify.render import meeting_key
from tests.notify.n2_world import MEETING_AT, NOW, at

HUB = Path(__file__).resolve().parents[2] / "hub"

# kinds whose sample needs a whole feature world: rendered by these feature tests instead
RENDERED_ELSEWHERE = {
    "project.behind": "tests/projects/test_reminders.py",
    "efficiency.late": "tests/efficiency/test_reminders.py",
}


def _declared(app) -> list[kinds.NotificationKind]:
    return kinds.declared(app)


def test_every_declared_kind_is_complete_and_registered(app):
    declared = _declared(app)
    names = [k.name for k in declared]
    assert len(names) == len(set(names)), "a kind is declared by two features"
    assert {"notice.published", "meeting.reminder", "efficiency.late"} <= set(names)
    for kind in declared:
        assert kinds.get(kind.name) is kind
        assert callable(kind.render), kind.name
        for locale in ("zh_CN", "en"):
            with app.test_request_context(), force_locale(locale):
                assert str(kind.label).strip(), (kind.name, locale)
        for template in kind.templates:
            assert app.jinja_env.get_template(template) is not None
    with app.test_request_context(), force_locale("zh_CN"):  # labels are translated
        assert str(kinds.get("meeting.reminder").label) != "Meeting reminder"


# --- every kind renders in both languages -------------------------------------------------------
def _delivery(kind: str, obj_type: str, obj_id: int, user, **extra) -> Delivery:
    return Delivery(kind=kind, channel=extra.pop("channel", Channel.EMAIL), user=user,
                    user_id=user.id if user is not None else None, object_type=obj_type,
                    object_id=obj_id, due_at=NOW, occurrence_key=extra.pop("key", ""),
                    payload=extra.pop("payload", None), **extra)


def _samples(world, make_meeting) -> dict[str, Delivery]:
    """One delivery of each kind that is still relevant at NOW, for world.other_staff."""
    user = world.other_staff
    meeting = make_meeting(offsets=(60,))
    later = make_meeting(MEETING_AT + timedelta(days=20), offsets=(), title="议题征集中的会议")
    cancelled = make_meeting(title="取消的会议", status=MeetingStatus.CANCELLED,
                             cancel_reason="台风预警")
    past = make_meeting(MEETING_AT - timedelta(days=30), title="上月例会")
    series = MeetingSeries(title="月度例会", rrule="FREQ=MONTHLY", start_date=date(2026, 6, 3),
                           start_time=time(9, 30), parks=[world.host, world.other])
    consulting = Minutes(meeting=past, status=MinutesStatus.CONSULTING, revision=1, body="纪要")
    published = Minutes(meeting=meeting, status=MinutesStatus.PUBLISHED, revision=1,
                        body="纪要")
    item = ActionItem(meeting=past, text="完成闲置土地核查并报送处置方案",
                      owner_park=world.other, assignee=user, due_date=date(2026, 6, 3))
    late_item = ActionItem(meeting=past, text="报送季度招商台账", owner_park=world.other,
                           assignee=user, due_date=date(2026, 5, 25))
    pending = ActionItem(meeting=past, text="报送闲置厂房清单", owner_park=world.other,
                         assignee=user, due_date=date(2026, 6, 10),
                         status=ActionStatus.PENDING_REVIEW, extension_due=date(2026, 6, 30))
    category = db.session.execute(db.select(NoticeCategory).limit(1)).scalar_one()
    notice = Notice(park=world.host, category=category, title="关于资金补助申报的通知",
                    body="请各园区于6月30日前报送。", author=world.host_admin,
                    status=NoticeStatus.PUBLISHED, published_at=NOW - timedelta(hours=1))
    case = LandCase(park_id=world.other.id, parcel_code="TXGK-2022-004", area_mu=Decimal(35),
                    assignee_id=user.id, deadline=date(2026, 5, 20),
                    status=CaseStatus.DISPOSING)
    db.session.add_all([series, consulting, published, item, late_item, pending, notice,
                        case])
    db.session.commit()
    from hub.agenda.services import cutoff_of

    added = {"id": 0, "start": (MEETING_AT + timedelta(days=30)).isoformat(),
             "parks": [world.other.id]}
    return {
        "meeting.created": _delivery("meeting.created", "meeting", meeting.id, user),
        "meeting.reminder": _delivery("meeting.reminder", "meeting", meeting.id, user,
                                      key=meeting_key(meeting), offset_minutes=60),
        "meeting.changed": _delivery(
            "meeting.changed", "meeting", meeting.id, user,
            payload={"sequence": meeting.sequence or 0,
                     "changes": {"location": ["二楼会议室", "管委会三楼会议室"]}}),
        "meeting.cancelled": _delivery("meeting.cancelled", "meeting", cancelled.id, user,
                                       payload={"reason": "台风预警"}),
        "meeting.series_changed": _delivery(
            "meeting.series_changed", "meeting_series", series.id, user,
            channel=Channel.INAPP, payload={"reason": "created", "added": [added]}),
        "agenda.call": _delivery("agenda.call", "meeting", later.id, user),
        "agenda.last_call": _delivery("agenda.last_call", "meeting", later.id, user,
                                      key=cutoff_of(later).isoformat()),
        "minutes.sent": _delivery("minutes.sent", "minutes", consulting.id, user, key="r1"),
        "minutes.published": _delivery("minutes.published", "minutes", published.id, user),
        "action.assigned": _delivery("action.assigned", "action_item", item.id, user),
        "action.due_soon": _delivery("action.due_soon", "action_item", item.id, user,
                                     key="2026-06-03", payload={"due": "2026-06-03"}),
        "action.overdue": _delivery("action.overdue", "action_item", late_item.id, user,
                                    key="2026-06-01", payload={"days": 7, "escalated": True}),
        "action.review_requested": _delivery("action.review_requested", "action_item",
                                             pending.id, user, key="completion-1",
                                             payload={"what": "completion", "note": "已报送"}),
        "action.reviewed": _delivery("action.reviewed", "action_item", item.id, user,
                                     key="returned-2",
                                     payload={"outcome": "returned", "note": "缺少附件"}),
        "action.reminded": _delivery("action.reminded", "action_item", item.id, user,
                                     key="2026-06-01", payload={"note": "请尽快报送"}),
        "notice.published": _delivery("notice.published", "notice", notice.id, user),
        "notice.reminded": _delivery("notice.reminded", "notice", notice.id, user,
                                     key="sign:2026-06-01", payload={"to_sign": True}),
        "case.overdue": _delivery("case.overdue", "land_case", case.id, user, key="2026-06-01",
                                  payload={"days": 12}),
        "power.overdue": _delivery("power.overdue", "park", world.other.id, user,
                                   key="2026-W23", payload={"count": 2}),
        "robot.test": _delivery("robot.test", "park", world.other.id, None,
                                channel=Channel.ROBOT, park=world.other,
                                park_id=world.other.id),
    }


def test_every_declared_kind_renders_in_chinese_and_english(app, world, make_meeting):
    declared = {k.name: k for k in _declared(app)}
    samples = _samples(world, make_meeting)
    # a new kind gets a sample here, or names the feature test that renders it
    assert set(samples) | set(RENDERED_ELSEWHERE) == set(declared)
    with at(NOW):
        for name, delivery in samples.items():
            texts = {}
            for locale in ("zh_CN", "en"):
                with force_locale(locale):
                    rendered = declared[name].render(delivery)
                    prefix = _("[Park Hub]")
                assert rendered.subject.startswith(prefix), (name, locale)
                assert rendered.text.strip() and rendered.url.startswith("/"), (name, locale)
                if delivery.channel is Channel.EMAIL:
                    assert "<" in rendered.html, (name, locale)
                texts[locale] = rendered.text
            assert texts["zh_CN"] != texts["en"], f"{name}: the text is not translated"


# --- events and producers agree with the declarations --------------------------------------------
def _sources():
    for path in sorted(HUB.rglob("*.py")):
        yield path, path.read_text(encoding="utf-8")


def test_every_emitted_event_has_a_declared_subscriber(app):
    emitted = {}
    for path, text in _sources():
        for kind in re.findall(r"events\.emit\(\s*\"([^\"]+)\"", text):
            emitted.setdefault(kind, path.relative_to(HUB.parent))
    assert {"notice.published", "series.changed", "action.assigned"} <= set(emitted)
    subscribed = {event for feature in installed(app) for event in feature.subscriptions}
    for kind, where in emitted.items():
        assert kind in events.KINDS, f"{where} emits {kind!r}, not in hub.events.KINDS"
        assert kind in subscribed, f"nobody subscribes to {kind!r} (emitted in {where})"
    assert set(events.KINDS) <= set(emitted), "an event kind nothing emits"


MAKERS = {"deliver", "deliver_robots", "enqueue", "skip_pending", "existing"}


def _kind_strings(node, constants: dict) -> list[str]:
    """The kind names an argument stands for: a literal, a module constant, a tuple of them."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Name) and node.id in constants:
        return _kind_strings(constants[node.id], constants)
    if isinstance(node, (ast.Tuple, ast.List)):
        return [k for elt in node.elts for k in _kind_strings(elt, constants)]
    return []


def _made_kinds() -> dict[str, list[tuple[str, str]]]:
    """{call name: [(kind, module)]} of every producer call in hub/ whose kind is written in
    the code (deliver("x", ...), deliver_robots(KIND, ...), skip_pending(..., ("x", "y"), ...))."""
    found: dict[str, list[tuple[str, str]]] = {}
    for path, text in _sources():
        tree = ast.parse(text)
        constants = {t.id: node.value for node in tree.body if isinstance(node, ast.Assign)
                     for t in node.targets if isinstance(t, ast.Name)}
        for call in ast.walk(tree):
            if not isinstance(call, ast.Call):
                continue
            name = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
            if name not in MAKERS or not call.args:
                continue
            arg = call.args[2] if name == "skip_pending" and len(call.args) > 2 else call.args[0]
            for kind in _kind_strings(arg, constants):
                found.setdefault(name, []).append((kind, str(path.relative_to(HUB.parent))))
    return found


def test_every_kind_a_producer_can_make_is_declared(app):
    declared = {k.name: k for k in _declared(app)}
    made = _made_kinds()
    every = {kind for calls in made.values() for kind, _where in calls}
    # the scan sees the producers of every feature (literals, constants and tuples)
    assert {"notice.published", "efficiency.late", "agenda.last_call", "meeting.reminder",
            "power.overdue", "case.overdue"} <= every
    for calls in made.values():
        for kind, where in calls:
            assert kind in declared, f"{where} makes {kind!r}, which no feature declares"
    for kind, where in made.get("deliver_robots", []):
        assert declared[kind].robot, f"{where} sends {kind!r} to robots; declare robot=True"


def test_a_delivery_of_an_undeclared_kind_is_refused(app, world):
    with pytest.raises(kinds.UnknownKind):
        producers.deliver("notice.publishd", [world.other_staff], object_type="notice",
                          object_id=1, due_at=NOW)
    with pytest.raises(kinds.UnknownKind):  # declared, but not for the robots
        producers.deliver_robots("case.overdue", [world.other.id], object_type="land_case",
                                 object_id=1, due_at=NOW)
    db.session.rollback()
    assert db.session.execute(db.select(Delivery)).first() is None


# --- the preferences page -----------------------------------------------------------------------
def test_the_preferences_page_lists_exactly_the_kinds_with_a_preference(app, client, login,
                                                                          world):
    login(world.other_staff)
    page = client.get("/notifications/preferences").text
    shown = re.findall(r'name="email-([^"]+)"', page)
    assert shown == [k.name for k in kinds.listed()]
    assert set(shown) == {k.name for k in _declared(app) if k.preference}
    assert "robot.test" not in shown
    assert shown[:2] == ["meeting.created", "meeting.reminder"]  # the page's order
    with app.test_request_context(), force_locale("zh_CN"):
        labels = [str(k.label) for k in kinds.listed()]
    assert all(label in page for label in labels)


def test_an_incomplete_or_doubly_declared_kind_stops_the_start(app, monkeypatch):
    from hub.features import Feature, FeatureError

    taken = kinds.NotificationKind("notice.published", "x", lambda d: None)
    with pytest.raises(FeatureError):  # a second declaration under a taken name
        kinds.register(taken, feature="elsewhere")
    assert kinds.get("notice.published") is not taken

    orphan = kinds.NotificationKind("test.orphan", "Orphan", lambda d: None, preference=False)
    monkeypatch.setitem(app.extensions, "hub.features",
                        (*installed(app), Feature("orphans", notification_kinds=[orphan])))
    with pytest.raises(FeatureError, match=r"email/test\.orphan\.txt"):  # no templates
        kinds.check(app)
