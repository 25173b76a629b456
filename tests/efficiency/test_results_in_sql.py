"""The result pages read rows, not objects (issue 16): the 亩均英雄榜 ranks in SQL (every accepted
figure by score, then enterprise name, overall and per park and chain) without loading the whole
list, the scores page reads the columns it shows, the analysis sums indicators in SQL."""

import re

from sqlalchemy import event

from hub.efficiency import collection, services
from hub.efficiency.models import Enterprise, Figure, Submission, SubmissionStatus
from hub.extensions import db
from hub.parks.models import Park
from tests.efficiency.conftest import cells

PARKS = ("田心高科园", "醴陵经开区", "茶陵经开区", "攸县工业园")
TAXES = ("120", "300", "300", "80", "450", "200", "300", "60", "510", "150", "90", "240")


def _world(make_enterprise, admin, rnd) -> list[Enterprise]:
    """26 enterprises in four parks (the fourth park's report is not accepted), three chains
    and none; equal figures make equal scores, so names break ties."""
    chains = services.chains()[:3]
    ents = [make_enterprise(PARKS[i % 4], name=f"企业{i:02d}",
                            chain=chains[i % 4] if i % 4 < 3 else None)
            for i in range(26)]
    by_park: dict[int, list[Enterprise]] = {}
    for e in ents:
        by_park.setdefault(e.park_id, []).append(e)
    for n, (park_id, group) in enumerate(by_park.items()):
        sub = collection.get_submission(rnd, park_id)
        sub.status = SubmissionStatus.FILLING
        data = {}
        for e in group:
            data.update(cells(e, tax=TAXES[int(e.name[2:]) % len(TAXES)]))
        collection.save_grid(admin, rnd, sub, group, collection.parse_grid(group, data))
        sub.status = SubmissionStatus.ACCEPTED if n < 3 else SubmissionStatus.SUBMITTED
    db.session.commit()
    return ents


def _expected(rnd) -> tuple[list[str], list[tuple[str, list[str]]], list[tuple[str, list[str]]]]:
    accepted = {p for p, in db.session.execute(db.select(Submission.park_id).where(
        Submission.round_id == rnd.id,
        Submission.status == SubmissionStatus.ACCEPTED))}
    rows = db.session.execute(
        db.select(Figure.score, Enterprise.name, Figure.id, Figure.park_id, Enterprise.chain_id)
        .join(Enterprise, Enterprise.id == Figure.enterprise_id)
        .where(Figure.round_id == rnd.id, Figure.score.is_not(None))).all()
    ranked = sorted((r for r in rows if r.park_id in accepted),
                    key=lambda r: (-r.score, r.name, r.id))
    parks = dict(db.session.execute(db.select(Park.id, Park.name)).all())
    chain_names = {c.id: c.name for c in services.chains(False)}
    by_park = [(parks[p], [r.name for r in ranked if r.park_id == p][:3])
               for p in sorted(accepted)]
    by_chain = [(c.name, [r.name for r in ranked if r.chain_id == c.id][:3])
                for c in services.chains(False) if any(r.chain_id == c.id for r in ranked)]
    assert chain_names and len(by_chain) == 3
    return [r.name for r in ranked[:10]], by_park, by_chain


def _tables(html: str, testid: str) -> list[list[str]]:
    """The enterprise names of each table with `testid`, in order."""
    tables = re.findall(rf'data-testid="{testid}">(.*?)</table>', html, re.S)
    return [re.findall(r"<tr><td>\d+</td><td>([^<]+)</td>", t) for t in tables]


def test_the_hero_list_ranks_overall_per_park_and_per_chain(
        client, login, make_enterprise, make_round, zone_admin):
    rnd = make_round(2025)
    _world(make_enterprise, zone_admin, rnd)
    overall, by_park, by_chain = _expected(rnd)
    login(zone_admin)
    page = client.get(f"/efficiency/rounds/{rnd.id}/heroes").text

    assert _tables(page, "heroes-overall") == [overall]
    assert "攸县工业园" not in page  # its report is not accepted: not ranked
    assert re.findall(r'<h3 class="h6">([^<]+)</h3>', page) == \
        [name for name, _ in by_park] + [name for name, _ in by_chain]
    assert _tables(page, "heroes-park") == [names for _, names in by_park]
    assert _tables(page, "heroes-chain") == [names for _, names in by_chain]

    top3 = client.get(f"/efficiency/rounds/{rnd.id}/heroes?top=3").text
    assert _tables(top3, "heroes-overall") == [overall[:3]]


def _loaded_objects(client, url: str) -> list:
    loaded = []

    def on_load(target, context):
        loaded.append(target)

    event.listen(Figure, "load", on_load)
    event.listen(Enterprise, "load", on_load)
    try:
        assert client.get(url).status_code == 200
    finally:
        event.remove(Figure, "load", on_load)
        event.remove(Enterprise, "load", on_load)
    return loaded


def test_the_hero_list_loads_no_figure_objects(client, login, make_enterprise, make_round,
                                               zone_admin):
    """The whole list used to be loaded as Figure objects with their enterprises and ranked in
    Python (4,000 figures at scale 10); only the rows shown come from the database now."""
    rnd = make_round(2025)
    _world(make_enterprise, zone_admin, rnd)
    login(zone_admin)
    assert _loaded_objects(client, f"/efficiency/rounds/{rnd.id}/heroes") == []


def test_the_scores_page_shows_rows_in_score_order(client, login, make_enterprise, make_round,
                                                   zone_admin):
    rnd = make_round(2025)
    _world(make_enterprise, zone_admin, rnd)
    login(zone_admin)
    assert _loaded_objects(client, f"/efficiency/rounds/{rnd.id}/scores") == []
    page = client.get(f"/efficiency/rounds/{rnd.id}/scores").text
    rows = re.findall(r'<tr><td>(\d+)</td>\s*<td><a href="/efficiency/rounds/\d+/enterprises/'
                      r'(\d+)">([^<]+)</a></td>\s*<td>([^<]+)</td><td>([^<]+)</td>', page)
    figures = db.session.execute(
        db.select(Figure.enterprise_id, Enterprise.name, Park.short_name, Enterprise.chain_id,
                  Figure.score, Figure.id)
        .join(Enterprise, Enterprise.id == Figure.enterprise_id)
        .join(Park, Park.id == Figure.park_id).where(Figure.round_id == rnd.id)).all()
    chains = {c.id: c.name for c in services.chains(False)}
    expected = sorted(figures, key=lambda f: (-f.score, f.name, f.id))
    assert [(int(n), int(e), name, park, chain) for n, e, name, park, chain in rows] == [
        (i, f.enterprise_id, f.name, f.short_name, chains.get(f.chain_id, "—"))
        for i, f in enumerate(expected, start=1)]
    graded = client.get(f"/efficiency/rounds/{rnd.id}/scores?grade=C").text
    assert "企业" in graded and graded.count("/enterprises/") == sum(
        1 for f in figures
        if db.session.get(Figure, f.id).grade == "C")


def test_the_analysis_averages_indicators_in_sql(client, login, make_enterprise, make_round,
                                                 zone_admin):
    """The weakest indicator per park is summed in SQL: no figure's breakdown JSON is read."""
    rnd = make_round(2025)
    _world(make_enterprise, zone_admin, rnd)
    login(zone_admin)
    seen = []

    def count(conn, cursor, statement, *args):
        seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        page = client.get(f"/efficiency/rounds/{rnd.id}/analysis").text
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    weakest = page[page.index('data-testid="weakest"'):]
    assert weakest[:weakest.index("</table>")].count("全员劳动生产率") == 3
    assert not [s for s in seen if re.search(r"SELECT[^;]*eff_figure\.breakdown[^;]*FROM", s)
                and "json_" not in s]
