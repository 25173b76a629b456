"""Short terms without upper/lower case (digits, signs, one or two Chinese characters) in a
windowed search (only the latest rows tested), in a kind's own text and in the progress notes of
action items: matched as the text they are, LIKE's wildcards and escape character included."""

import pytest

from hub.actions.models import ActionUpdate
from hub.extensions import db


@pytest.mark.parametrize(("q", "hits", "misses"), [
    ("25", ["第25号文件", "2025年规划"], ["2 5 分开", "２５全角", "52号"]),
    ("龘", ["龘字测试"], ["龍字测试"]),
    ("5%", ["增长5%以上"], ["增长5以上", "增长55以上"]),
    ("%", ["比例100%"], ["比例100"]),
    ("_1", ["A_1地块"], ["A1地块", "A-1地块"]),
    ("\\", ["路径\\文件"], ["路径/文件"]),
    ("1\\", ["C1\\D"], ["C1D", "C1/D"]),
    ("督办", ["督办事项"], ["督查事项"]),
    ("25 补助", ["第25号补助"], ["第25号奖励", "第2号补助5"]),
])
def test_a_short_term_matches_as_written(q, hits, misses, make_notice, staff, found):
    found_ids = [make_notice(title).id for title in hits]
    for title in misses:
        make_notice(title)
    assert found(staff("A"), q, "notice") == sorted(found_ids)


def test_a_short_term_in_a_progress_note(item_with_note, staff, found):
    item = item_with_note()
    db.session.add(ActionUpdate(item_id=item.id, note="第25号文件已办结"))
    db.session.commit()
    other = item_with_note(text="另一项")
    db.session.add(ActionUpdate(item_id=other.id, note="第2号文件已办结"))
    db.session.commit()
    assert found(staff("C"), "25", "action") == [item.id]
