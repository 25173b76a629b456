"""Every cell of the case export goes through one formula guard (issue 11, item 5): text that a
spreadsheet would read as a formula starts with an apostrophe, whichever field it is in."""

import csv
import io

import pytest

from hub.csvsafe import guard
from hub.extensions import db
from hub.land.models import CaseStatus

STARTS = ["=", "+", "-", "@", "\t", "\r"]


def _rows(resp) -> list[list[str]]:
    return list(csv.reader(io.StringIO(resp.get_data(as_text=True).lstrip("\ufeff"))))


@pytest.mark.parametrize("start", STARTS, ids=["eq", "plus", "minus", "at", "tab", "cr"])
def test_every_exported_text_field_is_guarded(client, login, make_park, make_user, make_case,
                                              staff_a, start):
    evil = f"{start}HYPERLINK(\"http://evil.example/\",\"点击\")"
    park = make_park(evil[:100], short_name=f"{start}园")
    assignee = make_user(park=park, display_name=evil[:64])
    case = make_case(park=park, by=assignee, assignee_id=assignee.id,
                     status=CaseStatus.SUSPENDED)
    # stored as is (the forms strip spaces; imports and old rows need not)
    case.parcel_code, case.location, case.holder = evil[:64], evil, evil
    case.suspend_reason = evil
    db.session.commit()
    login(staff_a)

    resp = client.get("/cases/export.csv")
    assert resp.status_code == 200
    header, *rows = _rows(resp)
    [row] = [r for r in rows if r[header.index("地块编号")].startswith("'")]
    for name in ("地块编号", "责任园区", "位置", "持有企业", "经办人", "搁置原因"):
        cell = row[header.index(name)]
        assert cell.startswith("'" + start), (name, cell)
    for cell in row:
        assert not cell.startswith(tuple(STARTS)), cell


def test_the_guard_itself():
    assert [guard(s + "1") for s in STARTS] == ["'" + s + "1" for s in STARTS]
    assert guard("株洲") == "株洲" and guard(None) == "" and guard(12) == "12"
