"""The audit log: what admin changes write, that no password ever lands there or in a log, and
the admin's audit browser (filters and pages)."""

import logging
import re
from datetime import UTC, datetime

import pytest

from hub import audit
from hub.audit.models import AuditEntry
from hub.extensions import db
from hub.parks.models import ParkKind


@pytest.fixture
def admin(make_park, make_user):
    zone = make_park("株洲市园区办", short_name="园区办", kind=ParkKind.ZONE)
    return make_user(park=zone, role="admin", username="admin")


def entries(**where) -> list[AuditEntry]:
    db.session.rollback()
    stmt = db.select(AuditEntry).filter_by(**where).order_by(AuditEntry.id)
    return list(db.session.execute(stmt).scalars())


def test_park_create_and_update_are_audited_with_changed_fields(client, login, admin):
    login(admin)
    client.post("/admin/parks/new", data={
        "name": "渌口经开区", "short_name": "渌口", "kind": "provincial", "contact_person": "周伟",
    })
    [created] = entries(object_type="park", action="create")
    assert created.actor_id == admin.id
    assert created.park_id == created.object_id
    assert created.changes["name"] == [None, "渌口经开区"]
    assert created.changes["kind"] == [None, "provincial"]
    assert created.ip == "127.0.0.1"

    client.post(f"/admin/parks/{created.object_id}/edit", data={
        "name": "渌口经济开发区", "short_name": "渌口", "kind": "provincial",
        "contact_person": "周伟",
    })
    [updated] = entries(object_type="park", action="update")
    assert updated.changes == {"name": ["渌口经开区", "渌口经济开发区"]}

    client.post(f"/admin/parks/{created.object_id}/active", data={"active": "0"})
    [deactivated] = entries(object_type="park", action="deactivate")
    assert deactivated.changes == {"active": [True, False]}


def test_saving_an_unchanged_park_writes_nothing(client, login, admin, make_park):
    park = make_park("茶陵经开区", short_name="茶陵", kind=ParkKind.PROVINCIAL)
    login(admin)
    client.post(f"/admin/parks/{park.id}/edit",
                data={"name": "茶陵经开区", "short_name": "茶陵", "kind": "provincial"})
    assert entries(object_type="park") == []


def test_account_changes_are_audited_and_no_password_is_written(
    client, login, admin, make_park, caplog
):
    caplog.set_level(logging.DEBUG)
    park = make_park("株洲经开区")
    other = make_park("株洲高新区")
    login(admin)
    resp = client.post("/admin/users/new", data={
        "username": "jkq_new", "display_name": "赵强", "park_id": park.id, "role": "staff",
    })
    first_password = re.search(r'one-time-password">([^<]+)<', resp.get_data(as_text=True))[1]
    [created] = entries(object_type="user_account", action="create")
    user_id = created.object_id
    assert created.park_id == park.id
    assert created.changes["username"] == [None, "jkq_new"]
    assert created.changes["role"] == [None, "staff"]
    assert created.changes["park_id"] == [None, park.id]

    client.post(f"/admin/users/{user_id}/edit", data={
        "display_name": "赵强", "park_id": other.id, "role": "park_admin",
    })
    [updated] = entries(object_type="user_account", action="update")
    assert updated.changes == {"park_id": [park.id, other.id], "role": ["staff", "park_admin"]}

    resp = client.post(f"/admin/users/{user_id}/reset-password")
    second_password = re.search(r'one-time-password">([^<]+)<', resp.get_data(as_text=True))[1]
    [reset] = entries(object_type="user_account", action="reset_password")
    assert reset.object_id == user_id
    assert set(reset.changes) == {"password"}

    client.post(f"/admin/users/{user_id}/active", data={"active": "0"})
    [deactivated] = entries(object_type="user_account", action="deactivate")
    assert deactivated.changes == {"active": [True, False]}

    written = " ".join(
        f"{e.summary} {e.changes}" for e in entries()
    ) + client.get("/admin/audit/").get_data(as_text=True)
    logged = " ".join(r.getMessage() for r in caplog.records) + caplog.text
    for secret in (first_password, second_password):
        assert secret not in written
        assert secret not in logged
    hashes = [u.password_hash for u in [db.session.get(type(admin), user_id)]]
    assert all(h not in written and h not in logged for h in hashes)


def test_record_hides_secret_fields_whatever_their_name(app, admin):
    entry = audit.record(admin, "update", admin, {
        "password": ["old-secret-1", "new-secret-2"], "api_token": ["t1", "t2"],
        "display_name": ["甲", "乙"],
    })
    assert entry.changes["display_name"] == ["甲", "乙"]
    assert "old-secret-1" not in str(entry.changes)
    assert "t2" not in str(entry.changes["api_token"])


# --- the audit browser ----------------------------------------------------------------------------
@pytest.fixture
def logbook(admin, make_park, make_user):
    """Entries with known summaries, parks, actors, types and times."""
    tianxin, liling = make_park("田心高科园"), make_park("醴陵经开区")
    clerk = make_user(park=liling, username="liling_admin", role="park_admin")

    def add(summary, actor, obj, when):
        entry = audit.record(actor, "update", obj, {"name": ["a", "b"]}, summary=summary)
        entry.created_at = when
        return entry

    add("entry-jan-park", admin, tianxin, datetime(2024, 1, 10, 4, 0, tzinfo=UTC))
    add("entry-jan-user", clerk, clerk, datetime(2024, 1, 20, 4, 0, tzinfo=UTC))
    # 17:00 UTC on 31 January is already 1 February in Asia/Shanghai
    add("entry-feb-late", clerk, liling, datetime(2024, 1, 31, 17, 0, tzinfo=UTC))
    add("entry-mar-user", admin, admin, datetime(2024, 3, 5, 4, 0, tzinfo=UTC))
    db.session.commit()
    return {"tianxin": tianxin, "liling": liling, "clerk": clerk, "admin": admin}


def shown(client, **query) -> set[str]:
    resp = client.get("/admin/audit/", query_string=query)
    assert resp.status_code == 200
    return set(re.findall(r"entry-[a-z-]+", resp.get_data(as_text=True)))


ALL = {"entry-jan-park", "entry-jan-user", "entry-feb-late", "entry-mar-user"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({}, ALL),
        ({"park": "{liling}"}, {"entry-jan-user", "entry-feb-late"}),
        ({"user": "{clerk}"}, {"entry-jan-user", "entry-feb-late"}),
        ({"object_type": "user_account"}, {"entry-jan-user", "entry-mar-user"}),
        ({"object_type": "park"}, {"entry-jan-park", "entry-feb-late"}),
        ({"date_from": "2024-01-01", "date_to": "2024-01-31"},
         {"entry-jan-park", "entry-jan-user"}),
        ({"date_from": "2024-02-01"}, {"entry-feb-late", "entry-mar-user"}),
        ({"date_to": "2024-01-15"}, {"entry-jan-park"}),
        ({"park": "{liling}", "user": "{clerk}", "object_type": "park"}, {"entry-feb-late"}),
        ({"user": "{admin}", "date_from": "2024-03-01", "date_to": "2024-03-31"},
         {"entry-mar-user"}),
    ],
)
def test_audit_browser_filters(client, login, logbook, query, expected):
    ids = {k: v.id for k, v in logbook.items()}
    login(logbook["admin"])
    assert shown(client, **{k: v.format(**ids) for k, v in query.items()}) == expected


def test_audit_browser_paginates(client, login, admin, make_park):
    park = make_park()
    for n in range(55):
        audit.record(admin, "update", park, {"name": [str(n), str(n + 1)]}, summary=f"row-{n:02d}")
    db.session.commit()
    login(admin)
    first = client.get("/admin/audit/").get_data(as_text=True)
    second = client.get("/admin/audit/?page=2").get_data(as_text=True)
    on_first = set(re.findall(r"row-\d\d", first))
    on_second = set(re.findall(r"row-\d\d", second))
    assert len(on_first) == 50
    assert len(on_second) == 5
    assert on_first.isdisjoint(on_second)
    assert "row-54" in on_first  # newest first
    assert "page=2" in first
    assert client.get("/admin/audit/?page=9").status_code == 404
