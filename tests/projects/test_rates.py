"""The four rates of 履约监管 on hand-worked examples, per project and per park."""

from datetime import date
from decimal import Decimal as D

from hub.projects import supervision
from hub.projects.models import Project

TODAY = date(2026, 12, 1)


def project(**kw) -> Project:
    base = {"signed_on": date(2026, 1, 5), "contracted_capital": D("0"), "paid_in_capital": D("0"),
            "committed_tax": D("0"), "committed_output": D("0"), "actual_tax": D("0"),
            "actual_output": D("0")}
    return Project(**{**base, **kw})


def test_before_the_deadline_only_capital_and_entry_are_measured():
    p = project(contracted_capital=D("8000"), paid_in_capital=D("2000"),
                production_deadline=date(2027, 6, 30))
    r = supervision.rates(p, TODAY)
    assert r.capital_rate == D("0.25")  # 2000 / 8000
    assert r.entry_rate == D("0")  # not started
    assert r.production_rate is None and r.performance_rate is None
    assert not r.is_behind


def test_past_deadline_not_producing_and_capital_short():
    p = project(started_on=date(2026, 3, 1), contracted_capital=D("10000"),
                paid_in_capital=D("6000"), production_deadline=date(2026, 10, 31),
                committed_tax=D("300"))
    r = supervision.rates(p, TODAY)
    # due: production (missed), capital (6000 < 10000: missed), tax (0 < 300: missed)
    assert (r.met, r.due) == (0, 3)
    assert r.performance_rate == D("0")
    assert r.capital_rate == D("0.6")
    assert r.production_rate == D("0") and r.entry_rate == D("1")
    assert r.behind == ["production", "capital", "tax"]


def test_producing_on_time_with_commitments_partly_met():
    p = project(started_on=date(2026, 2, 1), completed_on=date(2026, 7, 1),
                producing_on=date(2026, 8, 1), production_deadline=date(2026, 9, 30),
                contracted_capital=D("5000"), paid_in_capital=D("5000"),
                committed_tax=D("200"), actual_tax=D("250"),
                committed_output=D("30000"), actual_output=D("24000"))
    r = supervision.rates(p, TODAY)
    # production ok, capital ok, tax ok, output 24000 < 30000: 3 of 4
    assert (r.met, r.due) == (3, 4)
    assert r.performance_rate == D("0.75")
    assert r.production_rate == D("1") and r.capital_rate == D("1")
    assert r.behind == ["output"]


def test_late_production_counts_as_a_missed_commitment():
    p = project(started_on=date(2026, 2, 1), completed_on=date(2026, 7, 1),
                producing_on=date(2026, 11, 1), production_deadline=date(2026, 9, 30))
    r = supervision.rates(p, TODAY)
    assert (r.met, r.due) == (0, 1) and r.production_rate == D("1")


def test_park_totals_sum_the_counts_not_the_percentages():
    a = supervision.rates(project(contracted_capital=D("10000"), paid_in_capital=D("6000"),
                               started_on=date(2026, 3, 1),
                               production_deadline=date(2026, 10, 31)), TODAY)
    b = supervision.rates(project(contracted_capital=D("5000"), paid_in_capital=D("5000"),
                               started_on=date(2026, 2, 1), completed_on=date(2026, 7, 1),
                               producing_on=date(2026, 8, 1),
                               production_deadline=date(2026, 9, 30)), TODAY)
    c = supervision.rates(project(production_deadline=date(2027, 3, 1)), TODAY)
    total = supervision.Rates()
    for r in (a, b, c):
        total += r
    assert total.capital_rate == D("0.7333")  # 11000 / 15000
    assert total.entry_rate == D("0.6667")  # 2 started of 3
    assert total.production_rate == D("0.5")  # 1 producing of 2 due (c not yet due)
    assert total.performance_rate == D("0.5")  # a: 0/2, b: 2/2 → 2 of 4
