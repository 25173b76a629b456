"""The page header (base.html: brand, sections, search box, bell, account menu, language switch),
drawn from its template once per *kind* of header and reused.

A kind of header is what the template shows besides the request's own values (`_key`): the
language, the script root, the sections menu (URLs, labels and which ones the user's role sees),
the section marked active, signed in or not, and whether the bell shows a count. The request's
own values — the user's name, park and role, the CSRF token, the path the language switch
returns to, the search text, the unread count — go into the marked places ("slots") of the
stored copy, escaped as Jinja escapes them (`markupsafe.escape`).

Why: drawing the header in Jinja cost every signed-in page ~1,650 Python calls (~0.8 ms of CPU
on a 2-core VM, a tenth of a list page's own work; issue 16,
bench/results/2026-12-06-s10-header.md).
Stored copies are few (languages × sections × menus: tens) and hold no user's data, so that
nothing one user sees can reach another: the template is drawn with a stand-in for each slot,
and with `request`, `session`, `g`, `current_user`, `csrf_token` and `notify_unread_count`
shadowed by `_Forbidden`, which fails when a template uses it — a change to the template that
reads per-request data without a slot fails (tests/test_header.py) instead of storing one
request's value for all. While templates reload (debug), the header is drawn afresh every time.
"""

import re

from flask import current_app, request
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape

from hub.i18n import locale_code
from hub.notify.centre import cached_unread_count

TEMPLATE = "_site_header.html"
SLOTS = ("name", "park_short", "park_name", "role", "csrf", "next", "q", "unread")
_MARK = re.compile("\x00([a-z_]+)\x00")
_STORED: dict[tuple, tuple[str, ...]] = {}
MAX_STORED = 512  # kinds of header, far fewer in practice: cleared when full


class _Forbidden:
    """Stands for the request's objects while a stored header is drawn: any use fails."""

    def _fail(self, *args, **kwargs):
        raise RuntimeError(f"{TEMPLATE} must take per-request values from `slot` (hub.header)")

    __getattr__ = __call__ = __str__ = __html__ = __iter__ = __bool__ = _fail


_SHADOWED = dict.fromkeys(("request", "session", "g", "current_user", "csrf_token",
                           "notify_unread_count"), _Forbidden())


def site_header(section=None) -> Markup:
    """The header of this request's page. `section`: the template's `nav_section` (the
    blueprint whose menu entry is marked active), else the endpoint's blueprint."""
    from hub.ui import nav_items  # (hub.ui registers this function: imported when first used)

    user = current_user._get_current_object()
    signed_in = bool(getattr(user, "is_authenticated", False))
    unread = cached_unread_count(user) if signed_in else 0
    key = (request.script_root, locale_code(), section or (request.endpoint or "").split(".")[0],
           tuple(nav_items()) if signed_in else (), signed_in, bool(unread))
    values = _slot_values(user if signed_in else None, unread)
    if current_app.jinja_env.auto_reload:  # templates may change under a running process
        return draw(key, values)
    pieces = _STORED.get(key)
    if pieces is None:
        if len(_STORED) >= MAX_STORED:
            _STORED.clear()
        pieces = _STORED[key] = tuple(_MARK.split(draw(key, {s: f"\x00{s}\x00" for s in SLOTS})))
    out = [pieces[0]]
    for i in range(1, len(pieces), 2):  # pieces: text, slot name, text, slot name, …, text
        out.append(escape(values[pieces[i]]))
        out.append(pieces[i + 1])
    return Markup("".join(out))  # noqa: S704 - our template's output, the slots escaped above


def draw(key: tuple, slot: dict) -> Markup:
    """The header of kind `key` (see `_key` in the module docstring) with `slot`'s values, drawn
    by the template (Jinja escapes them)."""
    _root, locale, section, nav, signed_in, has_unread = key
    template = current_app.jinja_env.get_template(TEMPLATE)
    return Markup(template.render(  # noqa: S704 - a template of our own, autoescaped
        _SHADOWED, slot=slot, page_section=section, nav=nav, signed_in=signed_in,
        has_unread=has_unread, current_locale=locale))


def _slot_values(user, unread: int) -> dict:
    from hub.ui import role_label

    park = user.park if user is not None else None
    return {
        "name": user.display_name if user is not None else "",
        "park_short": park.short_name if park is not None else "",
        "park_name": park.name if park is not None else "",
        "role": role_label(user.role) if user is not None else "",
        "csrf": generate_csrf(),
        "next": request.full_path if request.method == "GET" else "",
        "q": request.args.get("q", "") if request.endpoint == "search.index" else "",
        "unread": unread if unread < 100 else "99+",
    }
