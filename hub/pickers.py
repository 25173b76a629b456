"""Checkbox pickers of parks and people, in place of Ctrl-click multi-selects.

The fields are SelectMultipleFields: same name, same values (ids), same validation against the
choices the view sets (hub.validators.choices). Only the drawing differs: `field()` in
_forms.html hands them to the `picker` macro (_pickers.html), which groups the checkboxes with
what these fields
look up in one query — each park's kind, each person's park. app.js adds the "select all /
none / by park type / this park" buttons; without it they are plain checkboxes.
"""

from dataclasses import dataclass

from markupsafe import Markup, escape
from wtforms import SelectMultipleField, widgets

from hub.auth.models import User
from hub.extensions import db
from hub.parks.models import Park, ParkKind
from hub.validators import choice_labels


@dataclass
class Group:
    key: str  # what data-group carries: a park kind's value, or "park-<id>"
    label: str
    options: list  # [(WTForms option subfield, shown name)]


class _Checkbox(widgets.CheckboxInput):
    """WTForms' CheckboxInput, the same markup byte for byte, written in one f-string for the
    options as _pickers.html draws them (a class and a data-group): the people picker draws a
    checkbox per active user (6,000 at scale 10), and WTForms' attribute machinery
    (html_params: sorted keys, Markup.format per attribute) was 40 % of the meeting form's
    time (bench/results/2026-12-06-s10-profile.md). Anything else goes to WTForms."""

    def __call__(self, field, **kwargs):
        flags = getattr(field, "flags", None)
        if (kwargs.keys() - {"class_", "data_group"}
                or any(isinstance(v, bool) for v in kwargs.values())
                or any(getattr(flags, name, False) for name in self.validation_attrs)):
            return super().__call__(field, **kwargs)
        # html_params' order (sorted keys): checked, class, data-group, id, name, type, value
        parts = ["checked"] if getattr(field, "checked", field.data) else []
        if "class_" in kwargs:
            parts.append(f'class="{escape(kwargs["class_"])}"')
        if "data_group" in kwargs:
            parts.append(f'data-group="{escape(kwargs["data_group"])}"')
        parts += [f'id="{escape(field.id)}"', f'name="{escape(field.name)}"', 'type="checkbox"',
                  f'value="{escape(field._value())}"']
        return Markup(f"<input {' '.join(parts)}>")  # noqa: S704 - every value escaped above


class _CheckboxListField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = _Checkbox()

    def _ids(self) -> list[int]:
        return [value for value in choice_labels(self.choices) if isinstance(value, int)]


class ParkPickerField(_CheckboxListField):
    """Parks as checkboxes; the buttons pick all parks of a kind (national, provincial, ...)."""

    def kinds(self) -> dict[int, ParkKind]:
        ids = self._ids()
        if not ids:
            return {}
        rows = db.session.execute(db.select(Park.id, Park.kind).where(Park.id.in_(ids)))
        return dict(rows.all())  # (id, kind) rows

    def options(self) -> list[tuple]:
        """[(option subfield, kind value)] in the order of the choices."""
        kinds = self.kinds()
        return [(option, kinds[option.data].value if option.data in kinds else "")
                for option in self]

    def kinds_present(self) -> list[ParkKind]:
        present = set(self.kinds().values())
        return [kind for kind in ParkKind if kind in present]


class PeoplePickerField(_CheckboxListField):
    """People as checkboxes grouped by their park; a button per park picks all its people."""

    def groups(self) -> list[Group]:
        ids = self._ids()
        people = {}
        if ids:
            rows = db.session.execute(
                db.select(User.id, User.display_name, Park.id, Park.name)
                .join(Park, User.park_id == Park.id).where(User.id.in_(ids)))
            people = {uid: (name, park_id, park_name)
                      for uid, name, park_id, park_name in rows}
        groups: dict[str, Group] = {}
        for option in self:
            name, park_id, park_name = people.get(option.data, (option.label.text, 0, ""))
            key = f"park-{park_id}"
            if key not in groups:
                groups[key] = Group(key, park_name, [])
            groups[key].options.append((option, name))
        return list(groups.values())
