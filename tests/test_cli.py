"""Operator commands: create-admin and seed-demo."""

from pathlib import Path

import pytest

import hub
from hub.auth.models import Role, User
from hub.extensions import db
from hub.parks.models import Park, ParkKind


def users_named(username: str) -> list[User]:
    db.session.rollback()
    return list(db.session.execute(db.select(User).where(User.username == username)).scalars())


def test_create_admin_with_password(runner, client, login):
    result = runner.invoke(args=["hub", "create-admin", "Yangfan", "--password", "admin-pass-123"])
    assert result.exit_code == 0, result.output
    [user] = users_named("yangfan")
    assert user.role is Role.ADMIN
    assert user.park.kind is ParkKind.ZONE
    assert user.must_change_password is False
    assert login("yangfan", "admin-pass-123").status_code == 302
    assert client.get("/admin/parks/").status_code == 200


def test_create_admin_in_a_named_park(runner, make_park):
    park = make_park("醴陵经开区", short_name="醴陵")
    result = runner.invoke(args=["hub", "create-admin", "liu", "--password", "admin-pass-123",
                                 "--park", "醴陵"])
    assert result.exit_code == 0, result.output
    [user] = users_named("liu")
    assert (user.park_id, user.role) == (park.id, Role.ADMIN)


def test_create_admin_prompts_for_the_password(runner):
    result = runner.invoke(args=["hub", "create-admin", "zhou"],
                           input="prompted-pass-1\nprompted-pass-1\n")
    assert result.exit_code == 0, result.output
    assert "prompted-pass-1" not in result.output
    [user] = users_named("zhou")
    assert user.check_password("prompted-pass-1")


@pytest.mark.parametrize(
    "args",
    [["--password", "short"], ["--password", "admin-pass-123", "--park", "没有这个园区"]],
    ids=["short-password", "unknown-park"],
)
def test_create_admin_refuses_bad_input(runner, args):
    result = runner.invoke(args=["hub", "create-admin", "chen", *args])
    assert result.exit_code != 0
    assert users_named("chen") == []


def test_create_admin_refuses_an_existing_name(runner, make_user):
    make_user(username="taken", role="staff")
    result = runner.invoke(args=["hub", "create-admin", "Taken", "--password", "admin-pass-123"])
    assert result.exit_code != 0
    [user] = users_named("taken")
    assert user.role is Role.STAFF


def snapshot():
    db.session.rollback()
    parks = db.session.execute(db.select(Park.name, Park.short_name, Park.kind)
                               .order_by(Park.name)).all()
    users = db.session.execute(db.select(User.username, User.role, User.park_id, User.password_hash)
                               .order_by(User.username)).all()
    return parks, users


def test_seed_demo_is_idempotent_and_prints_the_accounts(runner, client, login):
    first = runner.invoke(args=["hub", "seed-demo"])
    assert first.exit_code == 0, first.output
    once = snapshot()
    second = runner.invoke(args=["hub", "seed-demo"])
    assert second.exit_code == 0, second.output
    assert snapshot() == once

    parks, users = once
    names = {p.name for p in parks}
    assert {"株洲市园区办", "株洲高新区", "田心高科园", "株洲经开区", "醴陵经开区",
            "茶陵经开区"} <= names
    assert [p.kind for p in parks].count(ParkKind.ZONE) == 1
    roles = [u.role for u in users]
    assert roles.count(Role.ADMIN) == 1
    assert roles.count(Role.PARK_ADMIN) == len(parks)
    assert roles.count(Role.STAFF) == 2 * len(parks)

    for output in (first.output, second.output):
        assert "username" in output
        for user in users:
            assert user.username in output
        assert "parkhub-demo" in output
    assert login("tianxin_staff1", "parkhub-demo").status_code == 302
    assert "田心高科园" in client.get("/").get_data(as_text=True)


def test_seed_demo_with_own_password_and_existing_accounts(runner, login):
    runner.invoke(args=["hub", "seed-demo", "--password", "another-demo-pw"])
    result = runner.invoke(args=["hub", "seed-demo"])
    assert result.exit_code == 0
    assert "parkhub-demo" not in result.output  # the accounts keep their password
    assert login("admin", "another-demo-pw").status_code == 302
    assert len(users_named("admin")) == 1


def test_seeded_account_can_be_edited_unchanged(runner, client, login):
    runner.invoke(args=["hub", "seed-demo"])
    login("admin", "parkhub-demo")
    [staff] = users_named("liling_staff1")
    resp = client.post(f"/admin/users/{staff.id}/edit", data={
        "display_name": staff.display_name, "email": staff.email, "park_id": staff.park_id,
        "role": "staff",
    })
    assert resp.status_code == 302


def test_generate_data_lives_outside_the_app_and_refuses_a_database_already_filled(
        runner, make_user):
    make_user(username="gen-admin", role="admin")
    result = runner.invoke(args=["hub", "generate-data", "--scale", "1"])
    assert result.exit_code != 0
    assert "use a fresh database" in result.output
    assert not (Path(hub.__file__).parent / "bench_data").exists()


def test_create_admin_is_in_the_audit_log_done_by_the_system(runner, client, login):
    result = runner.invoke(args=["hub", "create-admin", "Yangfan", "--password", "admin-pass-123"])
    assert result.exit_code == 0, result.output
    login("yangfan", "admin-pass-123")
    page = client.get("/admin/audit/").get_data(as_text=True)
    rows = page.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    created_user = [r for r in rows if "Yangfan" in r]
    created_park = [r for r in rows if "株洲市园区办" in r and "Yangfan" not in r]
    assert len(created_user) == 1 and len(created_park) == 1  # the zone office did not exist yet
    assert "系统" in created_user[0] and "系统" in created_park[0]
