"""Action items are tested in the same world as the minutes they come from."""

from tests.minutes.conftest import as_user, world

__all__ = ["as_user", "world"]
