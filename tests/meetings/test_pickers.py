"""The participant pickers without a script: plain checkboxes with the old field names and values,
parks tagged with their kind, people grouped under their park; what is ticked is saved and shown
ticked again."""

import re

from hub.auth.models import Role
from hub.extensions import db
from hub.meetings.models import Meeting
from hub.parks.models import ParkKind


def _checkbox(html: str, name: str, value: int) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*value="{value}"[^>]*>', html)
    assert match, (name, value)
    return match.group(0)


def test_parks_and_people_are_checkboxes_grouped_by_kind_and_park(client, login, admin, parks,
                                                                  make_park, make_user):
    national = make_park("长株潭示范园", short_name="示范园", kind=ParkKind.NATIONAL)
    alice = make_user(park=parks["醴陵"], display_name="朱欣怡")
    bob = make_user(park=national, display_name="刘文博")
    login(admin)
    html = client.get("/meetings/new").get_data(as_text=True)

    assert '<select' not in html.split('data-testid="picker-parks"')[1].split("</fieldset>")[0]
    tag = _checkbox(html, "parks", national.id)
    assert 'type="checkbox"' in tag and 'data-group="national"' in tag
    assert 'data-group="provincial"' in _checkbox(html, "parks", parks["醴陵"].id)
    assert 'data-group="zone"' in _checkbox(html, "parks", parks["园区办"].id)
    # one button per kind present; the buttons wait for the script (hidden without it)
    tools = html.split('data-testid="picker-parks"')[1].split('class="picker-options')[0]
    assert re.search(r'class="picker-tools[^"]*"[^>]*hidden', tools)
    assert re.findall(r'data-pick-group="(\w+)"', tools) == ["zone", "national", "provincial"]
    assert ">国家级园区</button>" in tools and ">全选</button>" in tools

    people = html.split('data-testid="picker-people"')[1].split("</fieldset>\n</fieldset>")[0]
    liling = people.split("醴陵经开区</span>")[1].split("</fieldset>")[0]
    assert f'value="{alice.id}"' in liling and "朱欣怡" in liling
    assert f'value="{bob.id}"' not in liling
    assert f'data-group="park-{national.id}"' in _checkbox(html, "people", bob.id)


def test_ticked_boxes_are_saved_and_shown_ticked(client, login, admin, parks, make_user):
    guest = make_user(park=parks["茶陵"], role=Role.STAFF, display_name="陈佳琪")
    login(admin)
    response = client.post("/meetings/new", data={
        "title": "园区协同专题会", "description": "", "day": "2026-06-20", "start_time": "10:00",
        "duration_minutes": "60", "timezone": "Asia/Shanghai", "location": "",
        "online_url": "", "parks": [parks["醴陵"].id, parks["渌口"].id], "people": [guest.id],
        "host_park_id": "0", "reminders": ["60"], "agenda_cutoff_hours": "24"})
    assert response.status_code == 302
    meeting = db.session.execute(db.select(Meeting)).scalar_one()
    assert {p.short_name for p in meeting.parks} == {"醴陵", "渌口"}
    assert [u.id for u in meeting.people] == [guest.id]

    html = client.get(f"/meetings/{meeting.id}/edit").get_data(as_text=True)
    assert "checked" in _checkbox(html, "parks", parks["醴陵"].id)
    assert "checked" in _checkbox(html, "people", guest.id)
    assert "checked" not in _checkbox(html, "parks", parks["茶陵"].id)


def test_an_unknown_park_is_refused_on_the_form(client, login, admin, parks):
    login(admin)
    response = client.post("/meetings/new", data={
        "title": "专题会", "description": "", "day": "2026-06-20", "start_time": "10:00",
        "duration_minutes": "60", "timezone": "Asia/Shanghai", "location": "",
        "online_url": "", "parks": ["999999"], "host_park_id": "0", "reminders": ["60"],
        "agenda_cutoff_hours": "24"})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    picker = html.split('data-testid="picker-parks"')[1].split("</fieldset>")[0]
    assert 'class="invalid-feedback"' in picker and "专题会" in html
    assert db.session.execute(db.select(Meeting)).first() is None


def test_the_pickers_checkboxes_are_wtforms_own_markup(app):
    """hub.pickers draws its checkboxes itself (fast): the same bytes as WTForms' CheckboxInput,
    ticked or not, with values and groups that need escaping, and WTForms' own output for any
    other attributes."""
    from wtforms import Form
    from wtforms.widgets import CheckboxInput

    from hub.pickers import PeoplePickerField
    from hub.validators import choices

    class PickerForm(Form):
        people = PeoplePickerField(choices=choices([(1, "甲"), (2, 'a"<b>&'), ('x"<y>', "z")]))

    form = PickerForm(data={"people": [2]})
    plain = CheckboxInput()
    for option in form.people:
        for kwargs in ({"class_": "form-check-input", "data_group": "park-1"},
                       {"class_": 'form-check-input is-invalid"<x>', "data_group": 'p"<&>'},
                       {"class_": "c"}, {}, {"class_": "c", "disabled": True},
                       {"class_": "c", "data_group": "g", "title": "t"}):
            assert str(option(**kwargs)) == str(plain(option, **kwargs)), kwargs
    ticked = [str(option()) for option in form.people]
    assert [t.startswith("<input checked ") for t in ticked] == [False, True, False]
