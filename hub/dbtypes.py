"""Column types shared by all features, and enum constants in SQL text."""

from datetime import UTC, datetime

from sqlalchemy import DateTime, literal_column
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator):
    """A point in time, stored as naive UTC and returned as an aware UTC datetime.

    SQLite keeps no time zone; storing naive UTC on every database keeps both alike.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect):
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def constant(member):
    """An enum member's stored value written into the SQL text when the statement is compiled:
    not a bound parameter (so PostgreSQL plans with the value, even in a generic plan of a
    prepared statement: partial indexes apply) and not `literal_execute` or an expanding IN,
    which SQLAlchemy renders anew on every execution (~0.1 ms CPU a statement; issue 16)."""
    value = member.value
    if not isinstance(value, str) or not value.replace("_", "").isalnum():
        raise ValueError(f"not a plain SQL constant: {value!r}")
    return literal_column(f"'{value}'")
