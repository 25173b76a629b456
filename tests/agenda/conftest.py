"""Fixtures shared by the agenda and calendar tests (see tests/agenda/factories.py)."""

from tests.agenda.factories import clock, login, make_one_off, make_series, world  # noqa: F401
