"""What every page template can use: navigation, labels, small filters."""

from flask import current_app, send_from_directory
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from hub import permissions as perm
from hub.actions.models import ActionStatus
from hub.admin.forms import PARK_KIND_LABELS, ROLE_LABELS
from hub.agenda.models import TopicStatus
from hub.audit import labels as audit_labels
from hub.audit import values as audit_values
from hub.efficiency.models import SubmissionStatus
from hub.land.models import CaseStatus
from hub.meetings.models import ConfirmationStatus, MinutesStatus
from hub.notices.models import NoticeStatus
from hub.notify.models import DeliveryState

# (endpoint, label, who sees it); entries of features not yet built are skipped
NAV = [
    ("dashboard.index", _l("Home"), lambda u: True),
    ("notices.index", _l("Policy notices"), lambda u: True),
    ("cases.index", _l("Land disposal"), lambda u: True),
    ("talent.index", _l("Talent"), lambda u: True),
    ("meetings.index", _l("Joint meetings"), lambda u: True),
    ("actions.index", _l("Action items"), lambda u: True),
    ("efficiency.index", _l("Per-mu evaluation"), lambda u: True),  # 亩均评价
    ("projects.index", _l("Projects"), lambda u: True),
    ("powers.matrix", _l("Empowered items"), lambda u: True),
    ("admin.index", _l("Administration"), perm.can_enter_admin_area),
]


# the states templates compare against (`minutes.status == MinutesStatus.PUBLISHED`), never
# their strings; who may do what is asked of `perm`
STATES = {e.__name__: e for e in (ActionStatus, CaseStatus, ConfirmationStatus, DeliveryState,
                                  MinutesStatus, NoticeStatus, SubmissionStatus, TopicStatus)}


def nav_items():
    return [
        (endpoint, label)
        for endpoint, label, visible in NAV
        if endpoint in current_app.view_functions and visible(current_user)
    ]


def reject_key(mapping: dict, key: str) -> dict:
    return {k: v for k, v in mapping.items() if k != key}


def favicon():
    """/favicon.ico, which browsers and bookmark tools ask for whatever the page links."""
    return send_from_directory(current_app.static_folder, "favicon.ico",
                               mimetype="image/vnd.microsoft.icon", max_age=7 * 24 * 3600)


def init_app(app) -> None:
    app.add_url_rule("/favicon.ico", "favicon", favicon)
    app.jinja_env.globals.update(
        nav_items=nav_items,
        role_label=lambda role: ROLE_LABELS.get(role, role),
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
