"""What every page template can use: navigation, labels, small filters."""

import hashlib
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote_plus

from flask import current_app, has_request_context, request, send_from_directory, url_for
from flask_login import current_user
from werkzeug.urls import _urlencode

from hub import permissions as perm
from hub.actions.models import ActionStatus
from hub.admin.forms import PARK_KIND_LABELS, ROLE_LABELS
from hub.agenda.models import TopicStatus
from hub.audit import labels as audit_labels
from hub.audit import values as audit_values
from hub.efficiency.models import SubmissionStatus
from hub.i18n import request_translations
from hub.land.models import CaseStatus
from hub.lists.labels import translated
from hub.meetings.models import ConfirmationStatus, MinutesStatus
from hub.notices.models import NoticeStatus
from hub.notify.models import DeliveryState


def N_(message: str) -> str:
    """Marks a message for the catalogs (Babel's N_ keyword); translated where it is shown."""
    return message


# (endpoint, label, who sees it); entries of features not yet built are skipped
NAV = [
    ("dashboard.index", N_("Home"), lambda u: True),
    ("notices.index", N_("Policy notices"), lambda u: True),
    ("cases.index", N_("Land disposal"), lambda u: True),
    ("talent.index", N_("Talent"), lambda u: True),
    ("meetings.index", N_("Joint meetings"), lambda u: True),
    ("actions.index", N_("Action items"), lambda u: True),
    ("efficiency.index", N_("Per-mu evaluation"), lambda u: True),  # 亩均评价
    ("projects.index", N_("Projects"), lambda u: True),
    ("powers.matrix", N_("Empowered items"), lambda u: True),
    ("admin.index", N_("Administration"), perm.can_enter_admin_area),
]


# the states templates compare against (`minutes.status == MinutesStatus.PUBLISHED`), never
# their strings; who may do what is asked of `perm`
STATES = {e.__name__: e for e in (ActionStatus, CaseStatus, ConfirmationStatus, DeliveryState,
                                  MinutesStatus, NoticeStatus, SubmissionStatus, TopicStatus)}


def nav_items():
    """(URL, label, section) of the sections `current_user` sees, labels in this request's
    language (looked up in the request's translations: a lazy string per label cost about
    10 µs, bench/results/2026-12-06-s6-floor.md); the section is the endpoint's blueprint, which
    the layout compares with the page's once per item (URL and section worked out here: ~0.1 ms
    of every page in Jinja, issue 16)."""
    translations = request_translations()
    user = current_user._get_current_object()
    views = current_app.view_functions
    return [
        (page_url_for(endpoint), translations.ugettext(label), endpoint.split(".")[0])
        for endpoint, label, visible in NAV
        if endpoint in views and visible(user)
    ]


_URLS: dict[tuple, str] = {}


def page_url_for(endpoint: str, **values) -> str:
    """Templates' `url_for`. The URL of an endpoint without arguments, or of a static file, is
    the same for every request under one script root (the URL map does not change after the
    app starts): built once. The layout alone asks for about 25 of these per page, 0.25 ms of
    CPU when built each time. With query values only (an endpoint whose one rule takes no
    arguments: a list's page and sort links), that URL and the values encoded as Werkzeug
    does (`_query`: ~13 instead of ~17 µs a link). Anything else — path arguments, `_external`,
    `_anchor`, a relative endpoint (".x"), no request — goes to Flask's url_for."""
    if not has_request_context() or endpoint.startswith("."):
        return url_for(endpoint, **values)
    if values and endpoint != "static":
        if any(k.startswith("_") for k in values) or not _plain(endpoint):
            return url_for(endpoint, **values)
        query = _query(values)
        base = page_url_for(endpoint)
        return f"{base}?{query}" if query else base
    if any(k.startswith("_") for k in values):
        return url_for(endpoint, **values)
    key = (request.script_root, endpoint, *sorted(values.items()))
    url = _URLS.get(key)
    if url is None:
        url = _URLS[key] = url_for(endpoint, **values)
    return url


_MARK = 9_182_736_450  # an id that stands for any in a URL built once (url_around)
_AROUND: dict[tuple, tuple[str, str]] = {}


def url_around(endpoint: str, arg: str, **fixed) -> tuple[str, str]:
    """The URL of `endpoint` around its integer argument `arg`: (before, after) such that
    url_for(endpoint, **fixed, **{arg: n}) == before + str(n) + after for every n >= 0; `fixed`:
    the endpoint's other path arguments (a round's id, say). Built once per endpoint, values and
    script root (the URL map does not change after the app starts, as for page_url_for), for
    pages that link each of many rows to its own page: the lists' rows, the dashboard's, the
    month view's, search hits, the 亩均 scores. ValueError for an argument that is not one of
    the endpoint's path (it would go into the query string)."""
    key = (request.script_root, endpoint, arg, *sorted(fixed.items()))
    parts = _AROUND.get(key)
    if parts is None:
        pieces = url_for(endpoint, **fixed, **{arg: _MARK}).split(str(_MARK))
        if len(pieces) != 2 or "?" in pieces[0]:  # not once, or not in the path
            raise ValueError(f"{endpoint}: {arg} is not an argument of its path")
        if len(_AROUND) >= 1024:  # fixed values vary (rounds): keep the cache bounded
            _AROUND.clear()
        parts = _AROUND[key] = (pieces[0], pieces[1])
    return parts


def link_around(endpoint: str, arg: str, **values) -> tuple[str, str] | None:
    """url_for(endpoint, **{arg: n}, **values) as (before, after) such that the URL is
    before + str(n) + after for every integer n >= 0, `arg` a path or a query argument: a
    pager's links, one url_for per page instead of one per link (~90 Python calls each for an
    endpoint with path arguments, issue 16). Built on each call (the values are the request's);
    None when the marker is in the URL other than once (a value that contains it)."""
    pieces = url_for(endpoint, **{arg: _MARK}, **values).split(str(_MARK))
    return (pieces[0], pieces[1]) if len(pieces) == 2 else None


_SAFE = "!$'()*,/:;?@"  # werkzeug.urls._urlencode's


@lru_cache(maxsize=4096)
def _quoted(text: str) -> str:
    return quote_plus(text, safe=_SAFE)


def _query(values: dict) -> str:
    """werkzeug.urls._urlencode(values), the same string: None dropped, a list, tuple or set
    one pair an item, keys and values quoted as urlencode does (str(), quote_plus). The
    quoting of each key and value is kept (a list's links repeat the same few: ~80 Python
    calls fewer a link, issue 16)."""
    pairs = []
    for key, value in values.items():
        for item in value if isinstance(value, (list, tuple, set)) else (value,):
            if item is None:
                continue
            if isinstance(key, bytes) or isinstance(item, bytes):
                return _urlencode(values)
            pairs.append(f"{_quoted(str(key))}={_quoted(str(item))}")
    return "&".join(pairs)


_PLAIN: dict[str, bool] = {}


def _plain(endpoint: str) -> bool:
    """Whether Werkzeug builds `endpoint`'s URLs as its one fixed path plus the values as the
    query: a single rule without arguments or defaults, no URL defaults injected, parameters
    not sorted."""
    plain = _PLAIN.get(endpoint)
    if plain is None:
        app = current_app
        rules = app.url_map._rules_by_endpoint.get(endpoint, [])
        plain = _PLAIN[endpoint] = (
            len(rules) == 1 and not rules[0].arguments and not rules[0].defaults
            and not any(app.url_default_functions.values())
            and not app.url_map.sort_parameters)
    return plain


def reject_key(mapping: dict, key: str) -> dict:
    return {k: v for k, v in mapping.items() if k != key}


def favicon():
    """/favicon.ico, which browsers and bookmark tools ask for whatever the page links."""
    return send_from_directory(current_app.static_folder, "favicon.ico",
                               mimetype="image/vnd.microsoft.icon", max_age=7 * 24 * 3600)


def static_version(endpoint: str, values: dict) -> None:
    """url_for("static", filename=F) is /static/F?v=<the start of F's SHA-256>. nginx lets
    browsers keep static files for 30 days (deploy/nginx-parkhub.conf): after a release that
    changed app.js or a style sheet, the new URL makes them fetch it, instead of running the
    new pages with the old script. Worked out once per file and process (a release restarts the
    workers); templates build each static URL once anyway (`page_url_for`)."""
    if endpoint == "static" and "v" not in values and values.get("filename"):
        version = _file_version(current_app.static_folder, values["filename"])
        if version:
            values["v"] = version


@lru_cache(maxsize=256)
def _file_version(folder: str, filename: str) -> str | None:
    path = Path(folder, filename).resolve()
    if not path.is_relative_to(Path(folder).resolve()) or not path.is_file():
        return None  # not a static file: Flask answers 404 as it would without the version
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]


def init_app(app) -> None:
    app.add_url_rule("/favicon.ico", "favicon", favicon)
    app.url_defaults(static_version)
    app.jinja_env.globals.update(
        url_for=page_url_for,
        url_around=url_around,
        link_around=link_around,
        nav_items=nav_items,
        # the layout prints the user's role on every page: translated once per language
        role_label=lambda role: translated(ROLE_LABELS).get(role, role),
        park_kind_label=lambda kind: PARK_KIND_LABELS.get(kind, kind),
        audit_object_label=audit_labels.object_label,
        audit_action_label=audit_labels.action_label,
        audit_field_label=audit_values.field_text,
        audit_value=audit_values.show_value,
        object_ref=audit_values.object_ref,
        error_summary=audit_values.error_summary,
        perm=perm,
        **STATES,
    )
    app.jinja_env.filters["reject_key"] = reject_key
