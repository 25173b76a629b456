"""Fixtures and helpers of the talent tests. tests/talent is a package (like tests/browser), so
this conftest does not shadow the root `conftest` module other test files import from."""

from datetime import timedelta

import pytest

from hub.extensions import db
from hub.talent.models import Education, ListingKind, ListingStatus, TalentListing

from .helpers import PARK_A, today


@pytest.fixture
def make_listing(app, make_park):
    counter = {"n": 0}

    def make(*, park: str = PARK_A, title: str | None = None, **values) -> TalentListing:
        counter["n"] += 1
        listing = TalentListing(
            park=make_park(park),
            kind=values.pop("kind", ListingKind.DEMAND),
            title=title or f"电气工程师{counter['n']}",
            field=values.pop("field", "轨道交通装备"),
            education=values.pop("education", Education.BACHELOR),
            headcount=values.pop("headcount", 2),
            enterprise=values.pop("enterprise", "某轨道交通装备有限公司"),
            contact_person=values.pop("contact_person", "李明"),
            contact_phone=values.pop("contact_phone", "0731-28680011"),
            contact_email=values.pop("contact_email", ""),
            description=values.pop("description", "负责牵引变流器电气设计。"),
            expires_on=values.pop("expires_on", today() + timedelta(days=30)),
            status=values.pop("status", ListingStatus.OPEN),
            **values,
        )
        db.session.add(listing)
        db.session.commit()
        return listing

    return make

