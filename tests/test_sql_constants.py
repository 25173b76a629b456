"""hub.dbtypes.constant: an enum member's stored value in the SQL text itself (no bound
parameter, nothing rendered per execution), and only for plain values."""

import enum

import pytest
from sqlalchemy import select

from hub.actions.models import ActionItem, ActionStatus
from hub.dbtypes import constant


def test_the_stored_value_is_in_the_sql_text():
    stmt = select(ActionItem.id).where(ActionItem.status != constant(ActionStatus.DONE))
    compiled = stmt.compile()
    assert "action_item.status != 'done'" in str(compiled)
    assert not compiled.params


def test_only_plain_values():
    class Odd(enum.Enum):
        QUOTE = "it's"
        NUMBER = 3

    for member in Odd:
        with pytest.raises(ValueError):
            constant(member)
