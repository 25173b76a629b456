"""Scheme changes are versioned and rescore; the result pages keep a fixed statement count."""

import pytest
from sqlalchemy import event

from hub.efficiency import collection, services
from hub.efficiency.models import Figure, SubmissionStatus
from hub.extensions import db
from tests.efficiency.conftest import cells


def _fill(actor, rnd, ents, accept=True):
    by_park = {}
    for e in ents:
        by_park.setdefault(e.park_id, []).append(e)
    for park_id, group in by_park.items():
        sub = collection.get_submission(rnd, park_id)
        sub.status = SubmissionStatus.FILLING
        data = {}
        for i, e in enumerate(group):
            data.update(cells(e, tax=str(300 + 50 * i)))
        collection.save_grid(actor, rnd, sub, group, collection.parse_grid(group, data))
        if accept:
            sub.status = SubmissionStatus.ACCEPTED
    db.session.commit()


def _scheme_form(**kw):
    data = {"threshold_A": "90", "threshold_B": "70", "threshold_C": "55", "cap": "1.2",
            "jump_factor": "3", "note": "C 类起评分调为 55"}
    for code, _unit, _higher, weight, bench in services.DEFAULT_INDICATORS:
        data[f"weight_{code}"] = weight
        data[f"benchmark_{code}"] = bench
        data[f"higher_{code}"] = "1"
    data.update(kw)
    return data


def test_scheme_change_after_figures_makes_a_new_version_and_rescores(
        client, login, make_enterprise, make_round, zone_admin):
    rnd = make_round(2025)
    ent = make_enterprise()
    _fill(zone_admin, rnd, [ent])
    fig = db.session.execute(db.select(Figure)).scalar_one()
    assert (str(fig.score), fig.grade, fig.scheme_version) == ("52.00", "C", 1)
    login(zone_admin)
    resp = client.post(f"/efficiency/rounds/{rnd.id}/scheme",
                       data=_scheme_form())
    assert resp.status_code == 302
    db.session.expire_all()
    fig = db.session.execute(db.select(Figure)).scalar_one()
    assert (fig.grade, fig.scheme_version) == ("D", 2)
    page = client.get(f"/efficiency/rounds/{rnd.id}")
    assert "第 2 版" in page.text and "C 类起评分调为 55" in page.text  # both versions listed
    assert [s.version for s in rnd.schemes] == [1, 2]
    assert rnd.schemes[0].thresholds["C"] == "50"  # the old version unchanged
    detail = client.get(f"/efficiency/rounds/{rnd.id}/enterprises/{ent.id}")
    assert "52.00" in detail.text and "亩均税收" in detail.text


def test_scheme_with_rising_thresholds_is_refused(client, login, make_round, zone_admin):
    rnd = make_round(2025)
    login(zone_admin)
    resp = client.post(f"/efficiency/rounds/{rnd.id}/scheme",
                       data=_scheme_form(threshold_B="95"))
    assert resp.status_code == 422 and "依次降低" in resp.text
    db.session.expire_all()
    assert rnd.scheme_version == 1


@pytest.fixture
def statements(app):
    seen = []

    def count(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    yield seen
    event.remove(db.engine, "before_cursor_execute", count)


PARKS = ("田心高科园", "醴陵经开区", "茶陵经开区")


def _add(make_enterprise, admin, rounds, n, start):
    chains = services.chains()
    ents = [make_enterprise(PARKS[i % 3], chain=chains[i % len(chains)],
                            county=("天元区", "醴陵市")[i % 2]) for i in range(start, start + n)]
    for rnd in rounds:
        _fill(admin, rnd, ents)


@pytest.mark.parametrize("path", ["scores", "heroes", "analysis", "", "parks/{park}"])
def test_result_pages_do_not_query_per_row(client, login, make_enterprise, make_round,
                                           zone_admin, statements, path):
    rounds = [make_round(2024), make_round(2025)]
    login(zone_admin)
    counts = []
    for n, start in ((3, 0), (12, 3)):
        _add(make_enterprise, zone_admin, rounds, n, start)
        park_id = db.session.execute(db.select(Figure.park_id)).scalars().first()
        url = f"/efficiency/rounds/{rounds[1].id}/{path.format(park=park_id)}".rstrip("/")
        statements.clear()
        resp = client.get(url)
        assert resp.status_code == 200, url
        counts.append(len(statements))
    assert counts[0] == counts[1], counts


def test_enterprise_list_does_not_query_per_row(client, login, make_enterprise, make_user,
                                                statements):
    login(make_user(park="田心高科园"))
    counts = []
    for n, start in ((3, 0), (12, 3)):
        chains = services.chains()
        for i in range(start, start + n):
            make_enterprise(PARKS[i % 3], chain=chains[i % len(chains)])
        statements.clear()
        assert client.get("/efficiency/enterprises/").status_code == 200
        counts.append(len(statements))
    assert counts[0] == counts[1], counts


def test_analysis_shows_grades_tax_per_mu_and_the_weakest_indicator(
        client, login, make_enterprise, make_round, zone_admin):
    rnd = make_round(2025)
    chain = services.chains()[0]
    a = make_enterprise("田心高科园", chain=chain, county="石峰区")
    b = make_enterprise("田心高科园", chain=chain, county="石峰区")
    c = make_enterprise("醴陵经开区", county="醴陵市")
    _fill(zone_admin, rnd, [a, b, c])  # tax 300 and 350 in 田心, 300 in 醴陵; land 50 each
    login(zone_admin)
    page = client.get(f"/efficiency/rounds/{rnd.id}/analysis")
    assert page.status_code == 200
    by_park = page.text[page.text.index('data-testid="by-park"'):]
    by_park = by_park[:by_park.index("</table>")]
    # 田心: (300 + 350) ÷ 100 = 6.50 万元/亩; 醴陵: 300 ÷ 50 = 6.00
    assert "6.50" in by_park and "6.00" in by_park
    assert "<svg" in page.text and "各园区分类情况" in page.text
    weakest = page.text[page.text.index('data-testid="weakest"'):]
    # ratios: labour productivity 0.3 is the lowest for every enterprise
    assert "全员劳动生产率" in weakest[:weakest.index("</table>")]
