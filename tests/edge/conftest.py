"""The demo world (`hub seed-demo`) for the fuzz and route-matrix tests, built once per run.

Park A is 田心高科园, park B 醴陵经开区. On top of the demo data, park A's staff submit an agenda
topic to meeting 20-ish (hosted by A, B takes no part) and draft minutes with one decision for
an earlier meeting A hosted. Each test module gets one app; `world.reset()` puts the database
file back to the built state (a file copy), so a test's writes never reach the next one.
"""

import re
import shutil
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from hub import create_app
from hub.extensions import db
from tests.conftest import PASSWORD, CsrfClient, base_config

# the roles of the matrix: (name, demo username or None)
ROLES = {
    "anonymous": None,
    "staff_a": "tianxin_staff1",
    "admin_a": "tianxin_admin",
    "staff_b": "liling_staff1",
    "zone_admin": "admin",
}


def _config(path: Path, folder: Path) -> dict:
    config = base_config(f"sqlite:///{path}", folder)
    config.update({"RATELIMIT_ENABLED": False, "PROPAGATE_EXCEPTIONS": False})
    return config


def _build_ids() -> dict:
    from hub.actions.models import ActionItem
    from hub.agenda.models import AgendaTopic
    from hub.attachments.models import Attachment
    from hub.auth.models import User
    from hub.efficiency.models import AllocationPolicy, Enterprise, EvalRound, RoundStatus
    from hub.land.models import LandCase
    from hub.meetings.models import Meeting, MeetingSeries, Minutes
    from hub.notices.models import Notice, NoticeCategory
    from hub.notify.models import Delivery, Notification
    from hub.parks.models import Park
    from hub.powers.models import PowerItem
    from hub.projects.models import Campaign, Project, Visit
    from hub.talent.models import TalentListing

    def one(stmt):
        return db.session.execute(stmt.limit(1)).scalar_one()

    a = one(db.select(Park.id).where(Park.short_name == "田心"))
    b = one(db.select(Park.id).where(Park.short_name == "醴陵"))
    users = {u.username: u.id for u in db.session.execute(db.select(User)).scalars()}
    return {
        "park_a": a, "park_b": b,
        "user_staff_a": users["tianxin_staff1"], "user_staff_a2": users["tianxin_staff2"],
        "case": one(db.select(LandCase.id).where(LandCase.park_id == a).order_by(LandCase.id)),
        "listing": one(db.select(TalentListing.id).where(TalentListing.park_id == a)
                       .order_by(TalentListing.id)),
        "notice": one(db.select(Notice.id).where(Notice.park_id == a).order_by(Notice.id)),
        "category": one(db.select(NoticeCategory.id).order_by(NoticeCategory.id)),
        "series": one(db.select(MeetingSeries.id).where(MeetingSeries.title.like("土地%"))),
        "meeting": one(db.select(AgendaTopic.meeting_id).where(AgendaTopic.park_id == a)
                       .order_by(AgendaTopic.id.desc())),
        "topic": one(db.select(AgendaTopic.id).where(AgendaTopic.park_id == a)
                     .order_by(AgendaTopic.id.desc())),
        "past": one(db.select(Minutes.meeting_id).join(Meeting, Meeting.id == Minutes.meeting_id)
                    .where(Meeting.host_park_id == a)),
        "decision": one(db.select(ActionItem.id).join(Meeting, Meeting.id == ActionItem.meeting_id)
                        .where(Meeting.host_park_id == a)),
        "item": one(db.select(ActionItem.id).where(ActionItem.owner_park_id == a)
                    .order_by(ActionItem.id)),
        "notification": one(db.select(Notification.id).join(User, User.id == Notification.user_id)
                            .where(User.username == "tianxin_staff1")),
        "delivery": one(db.select(Delivery.id).order_by(Delivery.id)),
        "attachment": one(db.select(Attachment.id).order_by(Attachment.id.desc())),
        "project": one(db.select(Project.id).where(Project.park_id == a).order_by(Project.id)),
        "campaign": one(db.select(Campaign.id).order_by(Campaign.id)),
        "visit": one(db.select(Visit.id).where(Visit.park_id == a).order_by(Visit.id)),
        "power_item": one(db.select(PowerItem.id).order_by(PowerItem.id)),
        "enterprise": one(db.select(Enterprise.id).where(Enterprise.park_id == a)
                          .order_by(Enterprise.id)),
        "round": one(db.select(EvalRound.id).where(EvalRound.status == RoundStatus.OPEN)),
        "policy": one(db.select(AllocationPolicy.id).order_by(AllocationPolicy.id)),
    }


def _extras(app) -> None:
    """Objects of park A the demo lacks: a topic, draft minutes with a decision, a file."""
    from hub.meetings.models import Meeting
    from hub.parks.models import Park
    from hub.timeutil import utcnow

    now = utcnow()
    a = db.session.execute(db.select(Park.id).where(Park.short_name == "田心")).scalar_one()
    hosted = db.session.execute(db.select(Meeting).where(Meeting.host_park_id == a)
                                .order_by(Meeting.starts_at)).scalars().all()
    upcoming = next(m for m in hosted if m.agenda_cutoff and m.agenda_cutoff > now
                    + timedelta(hours=1) and not any(p.short_name == "醴陵" for p in m.parks))
    past = next(m for m in hosted if m.starts_at < now
                and not any(p.short_name == "醴陵" for p in m.parks))
    client = app.test_client()
    client.post("/login", data={"username": "tianxin_staff1", "password": PASSWORD})
    resp = client.post(f"/meetings/{upcoming.id}/agenda/topics", data={
        "title": "田心园区闲置厂房盘活", "summary": "议题说明", "presenter": "王芳",
        "minutes_requested": "15"})
    assert resp.status_code == 302, resp.get_data(as_text=True)[:2000]
    resp = client.post(f"/meetings/{past.id}/minutes",
                       data={"body": "会议纪要草稿", "base_revision": "0"})
    assert resp.status_code == 302, resp.get_data(as_text=True)[:2000]
    resp = client.post(f"/meetings/{past.id}/decisions", data={
        "text": "田心园区完成地块清查", "owner_park_id": a, "assignee_id": "0", "due_date": ""})
    assert resp.status_code == 302, resp.get_data(as_text=True)[:2000]
    from hub.auth.models import User
    from hub.notify.models import Notification

    staff = db.session.execute(
        db.select(User).where(User.username == "tianxin_staff1")).scalar_one()
    db.session.add(Notification(user_id=staff.id, kind="test", title="会议提醒",
                                url=f"/meetings/{upcoming.id}"))
    db.session.commit()
    case = db.session.execute(db.text("SELECT id FROM land_case WHERE park_id = :a ORDER BY id"),
                              {"a": a}).scalar()
    resp = client.post(f"/cases/{case}/notes", data={"note": "现场核查", "attachments": [
        (_pdf(), "核查报告.pdf")]}, content_type="multipart/form-data")
    assert resp.status_code == 302, resp.get_data(as_text=True)[:2000]


def _pdf():
    import io

    return io.BytesIO(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


@pytest.fixture(scope="session")
def world_template(sqlite_template, tmp_path_factory) -> tuple[Path, dict]:
    from hub.seed import seed_demo

    folder = tmp_path_factory.mktemp("world")
    path = folder / "world.sqlite3"
    shutil.copy(sqlite_template, path)
    app = create_app(_config(path, folder))
    app.test_client_class = CsrfClient
    app.instance_path = str(folder / "instance")
    Path(app.instance_path).mkdir(exist_ok=True)
    with app.app_context():
        seed_demo(PASSWORD)
        _extras(app)
        ids = _build_ids()
        db.session.remove()
        db.engine.dispose()
    return path, ids, Path(app.instance_path)


@dataclass
class World:
    app: object
    path: Path
    template: Path
    ids: dict
    clients: dict = field(default_factory=dict)

    def reset(self) -> None:
        """The database as built (signed-in sessions survive: they live in the cookies)."""
        db.session.remove()
        db.engine.dispose()
        shutil.copyfile(self.template, self.path)

    def client(self, role: str) -> FlaskClient:
        """A client signed in as `role` (one per role, reused)."""
        if role not in self.clients:
            client = self.app.test_client()
            if ROLES[role]:
                resp = client.post("/login", data={"username": ROLES[role], "password": PASSWORD})
                assert resp.status_code == 302, (role, resp.status_code)
            self.clients[role] = client
        return self.clients[role]

    def fill(self, rule: str) -> str:
        """A route's URL with every `<…>` argument replaced by the world's object of park A."""
        return re.sub(r"<(?:[^:>]+:)?([^>]+)>", lambda m: str(self.value(rule, m.group(1))),
                      rule)

    def value(self, rule: str, name: str):
        minutes_route = "/minutes" in rule or "/decisions" in rule
        return {
            "case_id": self.ids["case"], "listing_id": self.ids["listing"],
            "notice_id": self.ids["notice"], "category_id": self.ids["category"],
            "series_id": self.ids["series"],
            "meeting_id": self.ids["past" if minutes_route else "meeting"],
            "topic_id": self.ids["topic"], "number": 1,
            "item_id": self.ids["power_item" if rule.startswith("/powers") else
                                "decision" if minutes_route else "item"],
            "project_id": self.ids["project"], "campaign_id": self.ids["campaign"],
            "visit_id": self.ids["visit"],
            "ent_id": self.ids["enterprise"], "round_id": self.ids["round"],
            "policy_id": self.ids["policy"],
            "notification_id": self.ids["notification"], "delivery_id": self.ids["delivery"],
            "park_id": self.ids["park_a"], "user_id": self.ids["user_staff_a2"],
            "attachment_id": self.ids["attachment"], "action": "deactivate",
            "token": "unknown-token", "name": "unknown.eml", "filename": "agenda.css", "year": 2027,
        }[name]


@pytest.fixture(scope="module")
def world(world_template, tmp_path_factory):
    template, ids, instance = world_template
    folder = tmp_path_factory.mktemp("world-run")
    path = folder / "world.sqlite3"
    shutil.copyfile(template, path)
    app = create_app(_config(path, folder))
    app.test_client_class = CsrfClient
    app.instance_path = str(instance)
    with app.app_context():
        yield World(app, path, template, ids)
        db.session.remove()
        db.engine.dispose()
