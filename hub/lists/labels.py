"""Label maps ({enum: lazy label}) translated once per language and process.

A lazy label is translated again each time it is printed (~15 µs through Flask-Babel), and list
pages print the same few on every row; translating the map per request still cost the case list
~15 translations (~0.25 ms) a request (issue 16). The catalogs do not change while a process
runs, so the translated map is kept per (map, language)."""

from flask_babel import get_locale
from markupsafe import escape
from wtforms.fields.choices import SelectChoice

_translated: dict[tuple[int, str], dict] = {}


def translated(labels: dict) -> dict:
    """`labels` with each label translated into the request's language (a module-level map:
    it is known by its identity)."""
    key = (id(labels), str(get_locale()))
    found = _translated.get(key)
    if found is None:
        found = _translated[key] = {k: str(label) for k, label in labels.items()}
    return found


def translated_choices(options: list) -> list:
    """`options` (a module-level list of SelectChoice, e.g. a filter menu's fixed choices)
    with each label translated into the request's language, once per language and process:
    a lazy label is translated again each time the menu prints it (twice an option)."""
    key = (id(options), str(get_locale()))
    found = _translated_choices.get(key)
    if found is None:
        found = _translated_choices[key] = [
            SelectChoice(c.value, _shown(c.label), c.render_kw, c.optgroup) for c in options]
    return found


_translated_choices: dict[tuple[int, str], list] = {}


def _shown(label):
    """The label as the menu prints it: a lazy label's text goes into the page as its
    __html__ gives it (Flask-Babel: the text, not escaped), so the same Markup here."""
    return escape(label) if hasattr(label, "__html__") else str(label)
