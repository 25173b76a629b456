"""The efficiency blueprint and what several of its route modules share."""


from flask import Blueprint, Response
from flask_login import current_user

from hub import permissions as perm
from hub.efficiency import allocation, messages, services
from hub.efficiency.models import EvalRound
from hub.extensions import db
from hub.lists.xlsx import XLSX, attachment

bp = Blueprint("efficiency", __name__, url_prefix="/efficiency")



def domain_label(domain: str) -> str:
    return str(allocation.POLICY_DOMAINS.get(domain, domain))


@bp.context_processor
def labels():
    statuses = messages.status_labels()
    indicators = {k: str(v) for k, v in services.INDICATOR_LABELS.items()}
    grades = {k: str(v) for k, v in services.GRADE_LABELS.items()}
    return {"sub_status_label": lambda s: statuses.get(s, s),
            "sub_status_badge": lambda s: messages.STATUS_BADGES.get(s, "text-bg-light"),
            "indicator_label": lambda c: indicators.get(c, c),
            "grade_label": lambda g: grades.get(g, g or "—"),
            "FIGURE_LABELS": messages.figure_labels(),
            "can_manage": perm.can_manage_evaluation(current_user),
            "domain_label": domain_label}


def xlsx_response(body: bytes, ascii_name: str, chinese_name: str) -> Response:
    return attachment(body, XLSX, ascii_name, chinese_name)


def report_rows(report) -> list[tuple]:
    return [(row, column, messages.import_message(code)) for row, column, code in report.errors]


def get_round(round_id: int) -> EvalRound:
    return db.get_or_404(EvalRound, round_id)
