"""The 督办 item list's tab counts and page total read from the tally table (hub.actions.queries
counts_by_status / list_total) equal counting the items the list itself selects, for every
filter the list offers; a filter the tabs do not answer counts its items."""

from itertools import product

import pytest
import time_machine

from hub.actions import queries
from hub.actions.listing import ItemFilter, list_query
from hub.actions.models import ActionStatus
from hub.extensions import db
from tests.actions.test_ledger_groups import TODAY, items  # noqa: F401 - the fixture


def _live(flt: ItemFilter) -> int:
    return len(db.session.execute(list_query(flt, TODAY)).unique().scalars().all())


@pytest.mark.usefixtures("items")
def test_tabs_and_totals_equal_the_items_the_list_selects(app, world):
    with time_machine.travel("2026-05-10T02:00:00Z", tick=False):
        answered = 0
        for park, status, open_only, overdue in product(
                (None, world.other.id, world.third.id, world.host.id),
                (None, *ActionStatus), (False, True), (False, True)):
            if status is not None and open_only:
                continue  # one menu: "not done" or a status
            flt = ItemFilter(park_id=park, status=status, open_only=open_only, overdue=overdue)
            counts = queries.counts_by_status(park, TODAY)
            live = {"open": _live(ItemFilter(park_id=park, open_only=True)),
                    "overdue": _live(ItemFilter(park_id=park, overdue=True)),
                    "done": _live(ItemFilter(park_id=park, status=ActionStatus.DONE))}
            assert counts == live, (park, status, open_only, overdue)
            total = queries.list_total(flt, counts)
            if total is not None:
                answered += 1
                assert total == _live(flt), (park, status, open_only, overdue)
        assert answered == 4 * 5  # per park: all, not done, done, overdue, not done and overdue
        # the series and review lists count their items
        assert queries.list_total(ItemFilter(series_id=1), counts) is None
        assert queries.list_total(ItemFilter(review_by=world.admin), counts) is None
