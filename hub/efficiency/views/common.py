"""The efficiency blueprint and what several of its route modules share."""

from collections.abc import Mapping

from flask import Blueprint, Response
from flask_login import current_user

from hub import permissions as perm
from hub.efficiency import allocation, messages, services
from hub.efficiency.models import EvalRound
from hub.extensions import db
from hub.lists.labels import translated
from hub.lists.xlsx import XLSX, attachment

bp = Blueprint("efficiency", __name__, url_prefix="/efficiency")


def domain_label(domain: str) -> str:
    return str(allocation.POLICY_DOMAINS.get(domain, domain))


class _Labels:
    """The translated label tables, each built on its first use in a request (most pages show
    none of them, and each label is a gettext call)."""

    def __init__(self):
        self._tables: dict = {}

    def table(self, name: str) -> dict:
        if name not in self._tables:
            self._tables[name] = _TABLES[name]()
        return self._tables[name]


# the fixed maps translated once per language and process (hub.lists.labels): each lazy label
# translated per request cost ~100 Python calls (issue 16)
_TABLES = {
    "status": lambda: translated(messages.SUBMISSION_STATUS_LABELS),
    "indicator": lambda: translated(services.INDICATOR_LABELS),
    "grade": lambda: translated(services.GRADE_LABELS),
    "figure": messages.figure_labels,
    "domain": lambda: translated(allocation.POLICY_DOMAINS),
}


class _LazyDict(Mapping):
    """A label table as a read-only mapping, built when first read (FIGURE_LABELS)."""

    def __init__(self, labels: _Labels, name: str):
        self._labels, self._name = labels, name

    def __getitem__(self, key):
        return self._labels.table(self._name)[key]

    def __iter__(self):
        return iter(self._labels.table(self._name))

    def __len__(self):
        return len(self._labels.table(self._name))


@bp.context_processor
def labels():
    tables = _Labels()
    return {"sub_status_label": lambda s: tables.table("status").get(s, s),
            "sub_status_badge": lambda s: messages.STATUS_BADGES.get(s, "text-bg-light"),
            "indicator_label": lambda c: tables.table("indicator").get(c, c),
            "grade_label": lambda g: tables.table("grade").get(g, g or "—"),
            "FIGURE_LABELS": _LazyDict(tables, "figure"),
            "can_manage": perm.can_manage_evaluation(current_user),
            # once per domain, not per line: the allocation list shows ~6,000 (scale 10)
            "domain_label": lambda d: tables.table("domain").get(d, d)}


def xlsx_response(body: bytes, ascii_name: str, chinese_name: str) -> Response:
    return attachment(body, XLSX, ascii_name, chinese_name)


def report_rows(report) -> list[tuple]:
    return [(row, column, messages.import_message(code)) for row, column, code in report.errors]


def get_round(round_id: int) -> EvalRound:
    return db.get_or_404(EvalRound, round_id)
