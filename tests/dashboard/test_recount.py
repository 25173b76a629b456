"""hub.dashboard.recount: the tally table recounted from the source tables equals what the
triggers kept, topic by topic; it repairs a table that drifted; and on PostgreSQL it counts rows
written with row triggers off (as `hub generate-data` loads them)."""

from datetime import timedelta

import pytest
from sqlalchemy import delete, select, text, update

from hub.dashboard import recount as recount_module
from hub.dashboard.models import NO_DAY, Tally
from hub.extensions import db
from hub.land import services as land_services
from hub.notices.models import NoticeRead
from hub.talent import services as talent
from tests.dashboard import test_tally
from tests.dashboard.conftest import NOW, TODAY, action, case, notice
from tests.lists import test_list_tally

EVERY_TOPIC = {"action_month", "action_day", "case", "case_due_month", "case_due_day",
               "notice_to", "notice_read", "talent_month", "talent_day",
               "nlist_park", "nlist_to", "nlist_self", "nlist_park_m", "nlist_to_m",
               "nlist_self_m", "action_status", "resource"}


def tally_rows() -> dict:
    """The tally table without its zero rows (the triggers leave a key at 0, a recount drops
    it)."""
    rows = db.session.execute(select(Tally.topic, Tally.day, Tally.park_id, Tally.status,
                                     Tally.n, Tally.hundredths))
    return {tuple(r[:4]): (r.n, r.hundredths) for r in rows if r.n or r.hundredths}


def more_rows(world) -> None:
    """Rows of every kind the tally counts, written through the services and helpers."""
    for k, (park, day) in enumerate([(world.a, TODAY), (world.b, TODAY + timedelta(days=40)),
                                     (world.a, TODAY - timedelta(days=3))]):
        talent.create(world.admin, test_list_tally.listing_data(park, day, f"岗位{k}"))
    land_services.create_case(world.admin, {
        "park_id": world.c.id, "parcel_code": "JKQ-9", "area_mu": "3.25", "problem_type": "idle",
        "disposal": "other", "deadline": TODAY + timedelta(days=5)})
    case(world.b, "LL-009", deadline=TODAY - timedelta(days=9), area="1.5")
    n = notice("补充通知", world.zone, world.admin, audience=[world.a, world.c])
    action(world.m_past, world.c, "经开区新事项", due=TODAY + timedelta(days=2))
    db.session.flush()
    db.session.add(NoticeRead(notice_id=n.id, user_id=world.staff_c.id, park_id=world.c.id,
                              read_at=NOW))
    db.session.flush()


def test_recount_gives_what_the_triggers_kept_on_every_topic(world):
    more_rows(world)
    db.session.commit()
    kept = tally_rows()
    assert {key[0] for key in kept} == EVERY_TOPIC  # the world exercises every rule

    result = recount_module.recount()
    db.session.commit()

    assert tally_rows() == kept
    assert (result.keys, result.changed) == (len(kept), 0)


def test_recount_repairs_a_table_that_drifted(world, runner):
    kept = tally_rows()
    db.session.execute(delete(Tally).where(Tally.topic == "notice_to"))
    db.session.execute(update(Tally).where(Tally.topic == "case").values(n=Tally.n + 7))
    db.session.add(Tally(topic="action_day", park_id=world.b.id, day=NO_DAY, status="open",
                         n=5, hundredths=0))
    db.session.commit()
    wrong = sum(1 for k in kept if k[0] in ("notice_to", "case")) + 1
    assert tally_rows() != kept

    result = runner.invoke(args=["hub", "recount-tallies"])

    assert result.exit_code == 0, result.output
    assert f"{len(kept)} keys, {wrong} corrected" in result.output
    db.session.expire_all()
    assert tally_rows() == kept


def test_rows_written_with_triggers_off_are_counted_by_the_recount(world, backend):
    if backend != "postgresql":
        pytest.skip("row triggers are switched off on PostgreSQL only")
    before = tally_rows()
    db.session.execute(text("SET LOCAL session_replication_role = replica"))
    more_rows(world)
    assert tally_rows() == before  # the triggers did not see these rows

    recount_module.recount()
    db.session.commit()

    db.session.expire_all()
    assert test_tally.stored() == test_tally.recounted()
    assert test_list_tally.stored() == test_list_tally.recounted()
