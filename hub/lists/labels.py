"""Label maps ({enum: lazy label}) translated once per language and process.

A lazy label is translated again each time it is printed (~15 µs through Flask-Babel), and list
pages print the same few on every row; translating the map per request still cost the case list
~15 translations (~0.25 ms) a request (issue 16). The catalogs do not change while a process
runs, so the translated map is kept per (map, language)."""

from flask_babel import get_locale

_translated: dict[tuple[int, str], dict] = {}


def translated(labels: dict) -> dict:
    """`labels` with each label translated into the request's language (a module-level map:
    it is known by its identity)."""
    key = (id(labels), str(get_locale()))
    found = _translated.get(key)
    if found is None:
        found = _translated[key] = {k: str(label) for k, label in labels.items()}
    return found
