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
from wtforms.widgets.core import clean_key

from hub.auth.models import User
from hub.extensions import db
from hub.parks.models import Park, ParkKind
from hub.validators import choice_labels, choices


@dataclass
class Group:
    key: str  # what data-group carries: a park kind's value, or "park-<id>"
    label: str
    html: Markup  # the group's checkboxes with their labels


def checkbox(checked: bool, class_: str | None, group: str | None, id_: str, name: str,
             value: str) -> str:
    """A checkbox as WTForms' CheckboxInput writes it (html_params' order: sorted keys), every
    value escaped; `class_` / `group` None: no such attribute."""
    parts = ["checked"] if checked else []
    if class_ is not None:
        parts.append(f'class="{escape(class_)}"')
    if group is not None:
        parts.append(f'data-group="{escape(group)}"')
    parts += [f'id="{escape(id_)}"', f'name="{escape(name)}"', 'type="checkbox"',
              f'value="{escape(value)}"']
    return f"<input {' '.join(parts)}>"


class _Checkbox(widgets.CheckboxInput):
    """WTForms' CheckboxInput, the same markup byte for byte, written by `checkbox` for the
    options as _pickers.html draws them (a class and a data-group): WTForms' attribute machinery
    (html_params: sorted keys, Markup.format per attribute) was 40 % of the meeting form's
    time (bench/results/2026-12-06-s10-profile.md). Anything else goes to WTForms."""

    def __call__(self, field, **kwargs):
        # a field's render_field hands the widget cleaned keys ("class", "data-group"); the
        # spellings with "_" come from calling the widget directly
        given = {clean_key(key): value for key, value in kwargs.items()}
        flags = getattr(field, "flags", None)
        if (given.keys() - {"class", "data-group"}
                or any(isinstance(v, bool) for v in given.values())
                or any(getattr(flags, name, False) for name in self.validation_attrs)):
            return super().__call__(field, **kwargs)
        return Markup(checkbox(  # noqa: S704 - `checkbox` escapes every value
            getattr(field, "checked", field.data), given.get("class"), given.get("data-group"),
            field.id, field.name, field._value()))


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
    """People as checkboxes grouped by their park; a button per park picks all its people.

    The view offers the active users as rows (`offer`, from hub.auth.queries.picker_people),
    which also tell each one's park; people added to the choices afterwards (a series' inactive
    members) are looked up. `groups` writes each group's checkboxes itself (Group.html, the
    markup of _pickers.html's `_check` macro): the zone office's picker holds every active user,
    and a WTForms option field and a macro call per person were most of the meeting form's CPU
    (bench/results/2026-12-07-s11-picker.md)."""

    def offer(self, rows) -> None:
        self.choices = choices([(r.id, f"{r.display_name} · {r.short_name}") for r in rows])
        self._people = {r.id: (r.display_name, r.park_id, r.park_name) for r in rows}

    def _lookup(self) -> dict[int, tuple]:
        """{id: (display name, park id, park name)} of the people among the choices."""
        people = dict(getattr(self, "_people", {}))
        missing = [i for i in self._ids() if i not in people]
        if missing:
            rows = db.session.execute(
                db.select(User.id, User.display_name, Park.id, Park.name)
                .join(Park, User.park_id == Park.id).where(User.id.in_(missing)))
            people.update({uid: (name, park_id, park_name)
                           for uid, name, park_id, park_name in rows})
        return people

    def _plain(self) -> bool:
        """Whether every option is a plain checkbox (no attributes of its own or the field's,
        no validation attributes): then `checkbox` writes it, else WTForms."""
        return (not self.render_kw and not any(c.render_kw for c in self.choices or ())
                and not any(getattr(self.flags, name, False)
                            for name in self.option_widget.validation_attrs))

    def groups(self, invalid: str = "") -> list[Group]:
        """The options by park, in the choices' order; `invalid`: the checkboxes' extra class."""
        people = self._lookup()
        class_ = "form-check-input" + invalid
        if self._plain():  # what WTForms' option fields would write (`checkbox`), without them
            field_id, field_name, cls = escape(self.id), escape(self.name), escape(class_)
            options = [(f"{field_id}-{i}", c.value, c.label or c.value,
                        # values are ids (ints: nothing to escape), groups "park-<int>"
                        lambda key, i=i, c=c: (
                            f'<input {"checked " if c.selected else ""}class="{cls}" '
                            f'data-group="{key}" id="{field_id}-{i}" name="{field_name}" '
                            f'type="checkbox" value="{c.value}">')
                        if isinstance(c.value, int)
                        else checkbox(c.selected, class_, key, f"{self.id}-{i}", self.name,
                                      str(c.value)))
                       for i, c in enumerate(self.iter_choices())]
        else:
            options = [(escape(o.id), o.data, o.label.text,
                        lambda key, o=o: str(o(class_=class_, data_group=key))) for o in self]
        groups: dict[str, tuple[Group, list[str]]] = {}
        for id_, value, label, draw in options:  # id_ escaped above
            name, park_id, park_name = people.get(value, (label, 0, ""))
            key = f"park-{int(park_id)}"
            if key not in groups:
                groups[key] = (Group(key, park_name, Markup()), [])
            groups[key][1].append(
                f'\n  <div class="form-check form-check-inline picker-option">\n    {draw(key)}\n'
                f'    <label class="form-check-label" for="{id_}">{escape(name)}'
                f'</label>\n  </div>\n')
        for group, parts in groups.values():
            group.html = Markup("".join(parts))  # noqa: S704 - every value escaped above
        return [group for group, _ in groups.values()]
