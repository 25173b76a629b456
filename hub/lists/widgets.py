"""A select widget for the filter forms of list pages: WTForms' `Select` output, byte for byte,
written with one format string per option.

WTForms builds each option through `html_params` (a sorted dict, a key cleaner and a Markup
format per attribute): the notice list's four filter menus (~25 options) cost ~1 ms of its
~10 ms per request, ~0.15 ms this way (issue 16, bench/results/2026-12-06-perflists.md).
Options with their own `render_kw` are left to WTForms.
"""

from markupsafe import Markup, escape
from wtforms.fields.choices import Choice, SelectChoice
from wtforms.widgets import Select
from wtforms.widgets.core import html_params


class FilterSelect(Select):
    def __call__(self, field, **kwargs):
        choices = field.choices
        if (self.multiple or not isinstance(choices, list)
                or any(type(c) is not SelectChoice or c.optgroup is not None for c in choices)):
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        flags = getattr(field, "flags", {})
        for name in self.validation_attrs:
            if name not in kwargs and getattr(flags, name, False):
                kwargs[name] = getattr(flags, name)
        keys = kwargs.keys()
        if keys <= {"class", "id"} or keys <= {"class_", "id"}:  # as html_params writes them
            cls = kwargs.get("class", kwargs.get("class_"))
            head = "" if cls is None or cls is False else f'class="{escape(cls)}" '
            html = [f'<select {head}id="{escape(kwargs["id"])}" name="{escape(field.name)}">']
        else:
            html = [f"<select {html_params(name=field.name, **kwargs)}>"]
        # SelectField.iter_choices' rule for "selected", without its Choice objects
        coerce, data = field.coerce, field.data
        for choice in choices:
            value = choice.value
            selected = coerce(value) == data
            if choice.render_kw:
                html.append(self.render_option(
                    Choice(value=value, label=choice.label, selected=selected,
                           render_kw=choice.render_kw)))
                continue
            if isinstance(value, bool):
                value = str(value)
            label = choice.label or choice.value
            html.append(f'<option {"selected " if selected else ""}value="{escape(value)}">'
                        f'{escape(label)}</option>')
        html.append("</select>")
        return Markup("".join(html))  # noqa: S704 - every value and label escaped above


def filter_field(field, class_: str = "") -> Markup:
    """The `field` macro of _forms.html for the fields of a list's filter form (selects, text,
    date and check boxes), written in Python: the macro's call and its WTForms label cost the
    notice list's filter ~0.6 ms a page (issue 16). Same markup, whitespace aside."""
    invalid = " is-invalid" if field.errors else ""
    errors = "".join(f'<div class="invalid-feedback">{escape(e)}</div>' for e in field.errors)
    label = escape(field.label.text)
    if field.type == "BooleanField":
        return Markup(  # noqa: S704 - label and errors escaped above, the input by WTForms
            f'<div class="form-check mb-3 {escape(class_)}">'
            f'{field(class_="form-check-input" + invalid)}'
            f'<label class="form-check-label" for="{escape(field.id)}">{label}</label>'
            f'{errors}</div>')
    required = " required" if field.flags.required else ""
    kind = "form-select" if field.type in ("SelectField", "SelectMultipleField") else "form-control"
    help_text = (f'<div class="form-text">{escape(field.description)}</div>'
                 if field.description else "")
    return Markup(  # noqa: S704 - label, errors and help escaped above, the input by WTForms
        f'<div class="mb-3 {escape(class_)}">'
        f'<label class="form-label{required}" for="{escape(field.id)}">{label}</label>'
        f'{field(class_=kind + invalid)}{errors}{help_text}</div>')
