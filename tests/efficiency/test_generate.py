"""`hub generate-data`'s efficiency part: enterprises, two scored rounds, reports."""

from bench.data import efficiency as gen
from bench.data.bulk import Bulk
from bench.data.generate import World
from hub.efficiency.models import Enterprise, EvalRound, Figure, Submission
from hub.extensions import db


def test_generated_enterprises_are_scored_in_two_rounds(app, make_park, monkeypatch):
    monkeypatch.setattr(gen, "ENTERPRISES_PER_SCALE", 12)
    parks = [make_park("云龙园"), make_park("荷塘园"), make_park("芦淞园")]
    world = World(scale=1, seed=2026, park_ids=[p.id for p in parks])
    gen.generate_efficiency(world, Bulk(verbose=False))
    db.session.commit()
    count = db.session.execute(db.select(db.func.count()).select_from(Enterprise)).scalar()
    assert count == 12
    rounds = {r.year: r for r in db.session.execute(db.select(EvalRound)).scalars()}
    assert rounds[2024].is_published and not rounds[2025].is_published
    for rnd in rounds.values():
        figs = db.session.execute(db.select(Figure).where(Figure.round_id == rnd.id)).scalars()
        grades = [f.grade for f in figs]
        assert len(grades) == 12 and set(grades) <= set("ABCD")
    subs = db.session.execute(db.select(db.func.count()).select_from(Submission)).scalar()
    assert subs == 6
