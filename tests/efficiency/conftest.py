from decimal import Decimal

import pytest

from hub.auth.models import Role
from hub.efficiency import creditcode, services
from hub.efficiency.models import Enterprise
from hub.extensions import db
from hub.parks.models import ParkKind


def code_for(n: int) -> str:
    first17 = f"914302{n:011d}"
    return first17 + creditcode.check_character(first17)


@pytest.fixture
def zone_admin(make_park, make_user):
    zone = make_park("株洲市园区办", kind=ParkKind.ZONE)
    return make_user(park=zone, role=Role.ADMIN)


@pytest.fixture
def make_enterprise(app, make_park):
    counter = {"n": 0}

    def make(park="田心高科园", *, name=None, land="50", above_size=True, chain=None,
             county="天元区") -> Enterprise:
        counter["n"] += 1
        park = make_park(park) if isinstance(park, str) else park
        ent = Enterprise(park_id=park.id, name=name or f"企业{counter['n']}",
                         credit_code=code_for(counter["n"]), land_mu=Decimal(land),
                         above_size=above_size, county=county,
                         chain_id=chain.id if chain else None)
        db.session.add(ent)
        db.session.commit()
        return ent

    return make


@pytest.fixture
def make_round(app):
    def make(year=2025, actor=None):
        rnd = services.open_round(actor, year, None)
        db.session.commit()
        return rnd

    return make


GOOD = {"tax": "300", "revenue": "6000", "energy": "1200", "emission": "12", "rd": "180",
        "employees": "200", "land_mu": "50"}


def cells(ent, **override) -> dict:
    values = {**GOOD, **override}
    return {f"c-{ent.id}-{k}": v for k, v in values.items()}
