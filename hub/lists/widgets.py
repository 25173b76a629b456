"""A select widget for the filter forms of list pages: WTForms' `Select` output, byte for byte,
written with one format string per option.

WTForms builds each option through `html_params` (a sorted dict, a key cleaner and a Markup
format per attribute): the notice list's four filter menus (~25 options) cost ~1 ms of its
~10 ms per request, ~0.15 ms this way (issue 16, bench/results/2026-12-06-perflists.md).
Options with their own `render_kw` are left to WTForms.
"""

from markupsafe import Markup, escape
from wtforms.widgets import Select
from wtforms.widgets.core import html_params


class FilterSelect(Select):
    def __call__(self, field, **kwargs):
        if self.multiple or field.has_groups():
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        flags = getattr(field, "flags", {})
        for name in self.validation_attrs:
            if name not in kwargs and getattr(flags, name, False):
                kwargs[name] = getattr(flags, name)
        html = [f"<select {html_params(name=field.name, **kwargs)}>"]
        for choice in field._iter_choices_normalized():
            if choice.render_kw:
                html.append(self.render_option(choice))
                continue
            value = choice.value
            if isinstance(value, bool):
                value = str(value)
            selected = "selected " if choice.selected else ""
            label = choice.label or choice.value
            html.append(f'<option {selected}value="{escape(value)}">{escape(label)}</option>')
        html.append("</select>")
        return Markup("".join(html))  # noqa: S704 - every value and label escaped above
