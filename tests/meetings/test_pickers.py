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


def test_the_pickers_checkboxes_are_wtforms_own_markup(app, monkeypatch):
    """hub.pickers draws its checkboxes itself (fast): the same bytes as WTForms' CheckboxInput,
    ticked or not, with values and groups that need escaping, and WTForms' own output for any
    other attributes. The fast way is the one taken when the template draws an option (the
    field hands the widget cleaned keys: "class", "data-group"): WTForms' html_params is not
    called for it."""
    from wtforms import Form
    from wtforms.widgets import CheckboxInput, core

    from hub.pickers import PeoplePickerField
    from hub.validators import choices

    class PickerForm(Form):
        people = PeoplePickerField(choices=choices([(1, "甲"), (2, 'a"<b>&'), ('x"<y>', "z")]))

    form = PickerForm(data={"people": [2]})
    plain = CheckboxInput()
    calls = []
    monkeypatch.setattr(core.Input, "html_params", staticmethod(
        lambda **kw: calls.append(kw) or core.html_params(**kw)))
    for option in form.people:
        calls.clear()
        drawn = str(option(class_="form-check-input", data_group="park-1"))  # as _pickers.html
        drawn_direct = str(option.widget(option, class_="form-check-input", data_group="park-1"))
        assert calls == []  # the fast way, both spellings of the keys
        assert drawn == drawn_direct == str(plain(option, class_="form-check-input",
                                                  data_group="park-1"))
        for kwargs in ({"class_": "form-check-input", "data_group": "park-1"},
                       {"class_": 'form-check-input is-invalid"<x>', "data_group": 'p"<&>'},
                       {"class_": "c"}, {}, {"class_": "c", "disabled": True},
                       {"class_": "c", "data_group": "g", "title": "t"}):
            assert str(option(**kwargs)) == str(plain(option, **kwargs)), kwargs
    ticked = [str(option()) for option in form.people]
    assert [t.startswith("<input checked ") for t in ticked] == [False, True, False]


# the people picker's checkbox as _pickers.html's `_check` macro drew it before hub.pickers
# wrote the groups itself
OLD_CHECK = ('{% for option, name in options %}\n  <div class="form-check form-check-inline '
             'picker-option">\n    {{ option(class_="form-check-input" ~ invalid, '
             'data_group=group) }}\n    <label class="form-check-label" for="{{ option.id }}">'
             '{{ name }}</label>\n  </div>\n{% endfor %}')


def test_the_people_groups_are_the_macros_markup(app, parks, make_user):
    """PeoplePickerField.groups writes each park's checkboxes as the macro did, ticked, invalid
    or not, names that need escaping, a person added after the offered rows (a series' inactive
    member) looked up; with attributes of its own an option goes through WTForms."""
    from jinja2 import Environment
    from wtforms import Form
    from wtforms.validators import InputRequired

    from hub.auth.models import User
    from hub.auth.queries import picker_people
    from hub.edge import coerce_id
    from hub.pickers import PeoplePickerField
    from hub.validators import choices

    a = make_user(park=parks["醴陵"], display_name='李<b>"四"')
    make_user(park=parks["茶陵"], display_name="王五")  # a second park
    gone = make_user(park=parks["醴陵"], display_name="赵六", active=False)

    class PickerForm(Form):
        people = PeoplePickerField(coerce=coerce_id)
        needed = PeoplePickerField(coerce=coerce_id, validators=[InputRequired()])

    env = Environment(autoescape=True)
    old = env.from_string(OLD_CHECK)
    for field_name in ("people", "needed"):
        for invalid in ("", " is-invalid"):
            form = PickerForm(data={field_name: [a.id, gone.id]})
            field = form[field_name]
            field.offer(picker_people())
            field.choices += choices([(gone.id, "赵六 · 醴陵")])
            groups = field.groups(invalid)
            park_of = {u.id: f"park-{u.park_id}" for u in db.session.execute(
                db.select(User)).scalars()}
            shown = {u.id: u.display_name for u in db.session.execute(
                db.select(User)).scalars()}
            assert sum(len(g.html.split('type="checkbox"')) - 1 for g in groups) == len(
                list(field))
            for group in groups:
                options = [(o, shown[o.data]) for o in field
                           if park_of[o.data] == group.key]
                assert str(group.html) == old.render(options=options, invalid=invalid,
                                                     group=group.key), (field_name, invalid)
            html = "".join(str(g.html) for g in groups)
            assert "<b>" not in html and "李&lt;b&gt;&#34;四&#34;" in html
            ticked = re.findall(r'<input checked [^>]*value="(\d+)"', html)
            assert sorted(int(v) for v in ticked) == sorted([a.id, gone.id])
            assert "赵六" in html  # looked up: not among the offered (active) rows
