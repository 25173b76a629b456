"""The meetings tests' world (demo parks, admin, series factory) for the holiday tests."""

from datetime import UTC, datetime

import pytest
import time_machine

from tests.meetings.conftest import admin, make_series, parks  # noqa: F401 - fixtures

DECEMBER = datetime(2026, 12, 1, 2, 0, tzinfo=UTC)  # the horizon then reaches December 2027


@pytest.fixture
def december():
    with time_machine.travel(DECEMBER, tick=False):
        yield DECEMBER
