"""Fixtures for the land case tests: parks A and B with their people, and a case factory."""

from datetime import timedelta
from decimal import Decimal

import pytest

from hub.extensions import db
from hub.land import services
from hub.land.models import CaseStatus, LandCase
from hub.parks.models import ParkKind
from hub.timeutil import local_today


@pytest.fixture
def login(client, login):
    """As the shared `login`, but signs out first, so a test can switch users."""

    def switch(user, *args, **kwargs):
        client.post("/logout")
        return login(user, *args, **kwargs)

    return switch


@pytest.fixture
def park_a(make_park):
    return make_park("田心高科园", short_name="田心")


@pytest.fixture
def park_b(make_park):
    return make_park("醴陵经开区", short_name="醴陵")


@pytest.fixture
def staff_a(make_user, park_a):
    return make_user(park=park_a, role="staff", username="tianxin_staff1", display_name="王建国")


@pytest.fixture
def staff_b(make_user, park_b):
    return make_user(park=park_b, role="staff", username="liling_staff1", display_name="刘丽华")


@pytest.fixture
def park_admin_a(make_user, park_a):
    return make_user(park=park_a, role="park_admin", username="tianxin_admin")


@pytest.fixture
def park_admin_b(make_user, park_b):
    return make_user(park=park_b, role="park_admin", username="liling_admin")


@pytest.fixture
def admin(make_park, make_user):
    zone = make_park("株洲市园区办", short_name="园区办", kind=ParkKind.ZONE)
    return make_user(park=zone, role="admin", username="admin")


@pytest.fixture
def today(app):
    return local_today()


@pytest.fixture
def make_case(app, park_a, staff_a):
    counter = {"n": 0}

    def make(*, park=None, by=None, status: CaseStatus = CaseStatus.REGISTERED,
             suspended_from: CaseStatus | None = None, deadline_days: int | None = 30,
             **fields) -> LandCase:
        counter["n"] += 1
        park = park or park_a
        by = by or staff_a
        data = {
            "park_id": park.id,
            "parcel_code": f"ZZGX-2022-{counter['n']:03d}",
            "location": "石峰区田心大道北侧",
            "area_mu": Decimal("12.50"),
            "holder": "株洲某某新材料有限公司",
            "problem_type": "idle",
            "disposal": "reclaim",
            "assignee_id": None,
            "deadline": local_today() + timedelta(days=deadline_days)
            if deadline_days is not None else None,
            "description": "",
        }
        data.update(fields)
        case = services.create_case(by, data)
        case.status = status
        if status is CaseStatus.SUSPENDED:
            case.suspended_from = suspended_from or CaseStatus.REGISTERED
            case.suspend_reason = "等待法院裁定"
        db.session.commit()
        return case

    return make


def reload(case: LandCase) -> LandCase:
    db.session.expire_all()
    return db.session.get(LandCase, case.id)
