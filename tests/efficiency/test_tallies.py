"""The analysis reads tallies kept with the figures (issue 16): after every kind of write — a
saved grid, a changed scheme (every figure scored again), an enterprise moved to another county
or chain, a report accepted — its numbers equal the ones recomputed from the figures themselves,
and the migration's backfill writes the same tallies as the writes do."""

import importlib.util
import threading
import time
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from sqlalchemy import event, text, true

from hub.efficiency import collection, grouped, results, services, tallies
from hub.efficiency.models import (
    Enterprise,
    Figure,
    RatioTally,
    Submission,
    SubmissionStatus,
    Tally,
)
from hub.extensions import db
from tests.efficiency.conftest import cells

PARKS = ("田心高科园", "醴陵经开区", "攸县工业园")
COUNTIES = ("天元区", "石峰区", "醴陵市")
MIGRATION = Path(__file__).resolve().parents[2] / "migrations/versions/k1_eff_tallies.py"


def _fill(admin, rnd, ents, factor=1):
    by_park: dict[int, list[Enterprise]] = defaultdict(list)
    for e in ents:
        by_park[e.park_id].append(e)
    for park_id, group in by_park.items():
        sub = collection.get_submission(rnd, park_id)
        if sub.status is SubmissionStatus.ACCEPTED:
            sub.status = SubmissionStatus.FILLING
        data = {}
        for e in group:
            n = int(e.name[2:])
            data.update(cells(e, tax=str((40 + 37 * n % 500) * factor), land_mu=str(20 + n % 7),
                              energy=str(300 + 211 * n % 1700), employees=str(50 + 13 * n)))
        collection.save_grid(admin, rnd, sub, group, collection.parse_grid(group, data))
        sub.status = SubmissionStatus.ACCEPTED
    db.session.commit()


def _world(make_enterprise, admin, rnd) -> list[Enterprise]:
    chains = services.chains()[:3]
    ents = [make_enterprise(PARKS[i % 3], name=f"企业{i:02d}", county=COUNTIES[i % 3 - i % 2],
                            chain=chains[i % 4] if i % 4 < 3 else None)
            for i in range(24)]
    _fill(admin, rnd, ents)
    return ents


def _recomputed(rnd):
    """(by park, by county, by chain, weakest) from the accepted figures, in Python."""
    accepted = set(db.session.execute(db.select(Submission.park_id).where(
        Submission.round_id == rnd.id,
        Submission.status == SubmissionStatus.ACCEPTED)).scalars())
    figures = [f for f in db.session.execute(
        db.select(Figure).where(Figure.round_id == rnd.id)).scalars() if f.park_id in accepted]
    groups = {"park": defaultdict(list), "county": defaultdict(list), "chain": defaultdict(list)}
    for f in figures:
        ent = db.session.get(Enterprise, f.enterprise_id)
        groups["park"][f.park_id].append(f)
        groups["county"][ent.county].append(f)
        groups["chain"][ent.chain_id].append(f)

    def sums(figs):
        return ({g: sum(1 for f in figs if f.grade == g) for g in results.GRADES}, len(figs),
                sum((f.tax for f in figs), Decimal(0)), sum((f.land_mu for f in figs), Decimal(0)))

    out = {dim: {k: sums(v) for k, v in g.items()} for dim, g in groups.items()}
    weakest = {}
    for park_id, figs in groups["park"].items():
        ratios = defaultdict(list)
        for f in figs:
            for part in f.breakdown:
                ratios[part["code"]].append(Decimal(part["ratio"]))
        code, values = min(ratios.items(), key=lambda kv: (sum(kv[1]) / len(kv[1]), kv[0]))
        weakest[park_id] = (code, (sum(values) / len(values)).quantize(Decimal("0.01"),
                                                                        ROUND_HALF_UP))
    return out, weakest


def _shown(rnd):
    def rows(rs):
        return {r.key: (r.grades, r.count, r.tax, r.land) for r in rs}

    return ({"park": rows(grouped.by_park(rnd)), "county": rows(grouped.by_county(rnd)),
             "chain": rows(grouped.by_chain(rnd, "—"))}, grouped.weakest_indicators(rnd))


def _assert_current(rnd):
    expected, weakest = _recomputed(rnd)
    shown, shown_weakest = _shown(rnd)
    assert shown == expected
    assert shown_weakest == weakest


def test_the_analysis_equals_the_figures_after_every_kind_of_write(
        make_enterprise, make_round, zone_admin):
    rnd = make_round(2025)
    ents = _world(make_enterprise, zone_admin, rnd)
    expected, _ = _recomputed(rnd)
    assert len({g for row in expected["park"].values() for g, n in row[0].items() if n}) >= 2
    _assert_current(rnd)

    _fill(zone_admin, rnd, ents[:9], factor=3)  # figures saved again: taxes, grades change
    _assert_current(rnd)

    data = services.default_scheme_data()
    data["indicators"][0]["benchmark"] = "60"  # every figure scored again
    services.change_scheme(zone_admin, rnd, data, "")
    db.session.commit()
    _assert_current(rnd)

    moved = ents[4]  # another county and chain: its figures count there now
    services.update_enterprise(zone_admin, moved, {
        "name": moved.name, "credit_code": moved.credit_code, "land_mu": moved.land_mu,
        "county": "攸县", "chain_id": services.chains()[3].id, "above_size": True})
    db.session.commit()
    _assert_current(rnd)
    assert "攸县" in _shown(rnd)[0]["county"]

    ents[5].chain = services.chains()[0] if ents[5].chain_id != services.chains()[0].id \
        else services.chains()[1]  # through the relationship
    db.session.commit()
    _assert_current(rnd)

    sub = collection.get_submission(rnd, ents[1].park_id)  # no longer accepted: not counted
    sub.status = SubmissionStatus.SUBMITTED
    db.session.commit()
    _assert_current(rnd)
    assert ents[1].park_id not in _shown(rnd)[0]["park"]


def test_the_analysis_page_reads_no_figures(client, login, make_enterprise, make_round,
                                            zone_admin):
    rnd = make_round(2025)
    _world(make_enterprise, zone_admin, rnd)
    login(zone_admin)
    seen = []

    def record(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        assert client.get(f"/efficiency/rounds/{rnd.id}/analysis").status_code == 200
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    assert seen and not [s for s in seen if "eff_figure" in s]


def _tally_rows():
    return (sorted(db.session.execute(
        db.select(Tally.round_id, Tally.park_id, Tally.dim, Tally.county, Tally.chain_id,
                  Tally.grade, Tally.figures, Tally.tax, Tally.land)).tuples(), key=str),
            sorted(db.session.execute(
                db.select(RatioTally.round_id, RatioTally.park_id, RatioTally.code,
                          RatioTally.units, RatioTally.figures)).tuples()))


def test_the_migrations_backfill_writes_what_the_writes_keep(make_enterprise, make_round,
                                                             zone_admin):
    rnd = make_round(2025)
    ents = _world(make_enterprise, zone_admin, rnd)
    _fill(zone_admin, rnd, ents[::2], factor=2)
    kept = _tally_rows()
    assert kept[0] and kept[1]

    spec = importlib.util.spec_from_file_location("k1_eff_tallies", MIGRATION)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    dialect = db.session.get_bind().dialect.name
    db.session.execute(db.delete(Tally))
    db.session.execute(db.delete(RatioTally))
    for statement in migration.backfill_statements(dialect):
        db.session.execute(text(statement))
    db.session.commit()
    assert _tally_rows() == kept


def test_the_score_lists_count_equals_its_rows(make_enterprise, make_round, zone_admin):
    """The score list's pager counts from the tallies: the same number as the list's rows, for
    every filter, a park's own view and after an enterprise changed chain."""
    rnd = make_round(2025)
    ents = _world(make_enterprise, zone_admin, rnd)
    chain_ids = [c.id for c in services.chains()[:4]]
    park_ids = sorted({e.park_id for e in ents})

    def check():
        for own in (None, park_ids[1]):
            visible = (Figure.park_id == own) if own else true()
            tally_visible = (Tally.park_id == own) if own else true()
            for filters in ({}, {"park_id": park_ids[0]}, {"park_id": park_ids[1]},
                            {"grade": "C"}, {"grade": "D"}, {"chain_id": chain_ids[0]},
                            {"chain_id": chain_ids[3], "grade": "C"},
                            {"park_id": park_ids[2], "chain_id": chain_ids[1]}):
                rows = db.session.execute(
                    results.score_rows_select(rnd, visible, **filters)).all()
                assert results.score_count(rnd, tally_visible, **filters) == len(rows)
                # the page's statement, built once per filters used and visibility: the same
                # rows in pages of 3, the same total
                paged = [results.score_page(rnd, visible, tally_visible, page=n, per_page=3,
                                            **filters) for n in (1, 2, 3, 4)]
                assert {p.total for p in paged} == {len(rows)}
                assert [tuple(r)[:6] for p in paged for r in p.items] == \
                    [tuple(r) for r in rows[:12]]

    check()
    services.update_enterprise(zone_admin, ents[0], {
        "name": ents[0].name, "credit_code": ents[0].credit_code, "land_mu": ents[0].land_mu,
        "county": ents[0].county, "chain_id": chain_ids[3], "above_size": True})
    db.session.commit()
    check()


def test_two_refreshes_of_one_park_take_turns(app, backend, make_enterprise, make_round,
                                              zone_admin):
    """PostgreSQL: a second transaction refreshing the same (round, park) waits for the first
    and replaces its rows (without the lock both transactions' rows stayed: counted twice)."""
    if backend != "postgresql":
        pytest.skip("SQLite has one writer at a time")
    rnd = make_round(2025)
    ents = _world(make_enterprise, zone_admin, rnd)
    pair = (rnd.id, ents[0].park_id)
    before = _tally_rows()
    first_done, second_started = threading.Event(), threading.Event()
    errors = []

    def first():
        with app.app_context():
            try:
                tallies.refresh(db.session.connection(), {pair})
                first_done.set()
                second_started.wait(timeout=10)
                time.sleep(0.3)  # the second is waiting on the lock now
                db.session.commit()
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
            finally:
                db.session.remove()

    def second():
        with app.app_context():
            try:
                first_done.wait(timeout=10)
                second_started.set()
                tallies.refresh(db.session.connection(), {pair})
                db.session.commit()
            except Exception as exc:  # noqa: BLE001 - reported below
                errors.append(exc)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert not errors, errors
    db.session.expire_all()
    assert _tally_rows() == before
