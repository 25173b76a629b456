"""The user's words for the codes the grid and the imports report (translated when shown); the
sentences of a refused change are EfficiencyError's (hub.efficiency.services)."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from hub.efficiency.models import RoundStatus, SubmissionStatus
from hub.efficiency.services import EfficiencyError


def cell_message(code: str) -> str:
    return {
        "not_number": _("Not a number."),
        "negative": _("Must not be negative."),
        "not_whole": _("A whole number of people."),
        "too_large": _("Too large."),
        "land_unit": _("More than 100,000 mu: was it entered in square metres?"),
        "amount_unit": _("Too large for 10,000 yuan: was it entered in yuan?"),
        "decimals": _("At most two decimals."),
        "required": _("Required to submit."),
    }.get(code, _("Check this value."))


def flag_message(code: str, factor=None) -> str:
    return {
        "negative": _("Negative figure."),
        "zero_land": _("Land area is zero: per-mu indicators cannot be computed."),
        "tax_gt_revenue": _("Tax is higher than revenue."),
        "jump": _("Over %(factor)s times, or under 1/%(factor)s of, last year's figure.",
                  factor=factor),
    }.get(code, code)


SUBMISSION_STATUS_LABELS = {
    SubmissionStatus.NOT_STARTED: _l("Not reported"),  # 未填报
    SubmissionStatus.FILLING: _l("Filling in"),  # 填报中
    SubmissionStatus.SUBMITTED: _l("Submitted"),  # 已提交
    SubmissionStatus.RETURNED: _l("Returned"),  # 已退回
    SubmissionStatus.ACCEPTED: _l("Accepted after review"),  # 已审核
}
ROUND_STATUS_LABELS = {
    RoundStatus.OPEN: _l("Open for reporting"),  # 填报中
    RoundStatus.PUBLISHED: _l("Results published"),  # 已发布
}


def status_labels() -> dict:
    return {status: str(label) for status, label in SUBMISSION_STATUS_LABELS.items()}


STATUS_BADGES = {
    SubmissionStatus.NOT_STARTED: "text-bg-secondary",
    SubmissionStatus.FILLING: "text-bg-info",
    SubmissionStatus.SUBMITTED: "text-bg-primary",
    SubmissionStatus.RETURNED: "text-bg-warning",
    SubmissionStatus.ACCEPTED: "text-bg-success",
}


def figure_labels() -> dict:
    return {
        "tax": _("Tax (10k yuan)"),  # 税收（万元）
        "revenue": _("Revenue (10k yuan)"),  # 营业收入（万元）
        "energy": _("Energy use (t coal eq.)"),  # 综合能耗（吨标煤）
        "emission": _("Emissions (t)"),  # 主要污染物排放（吨）
        "rd": _("R&D spending (10k yuan)"),  # 研发经费（万元）
        "employees": _("Employees"),  # 从业人员（人）
        "land_mu": _("Land used (mu)"),  # 实际用地（亩）
    }


def import_message(code: str) -> str:
    """A problem of an uploaded workbook cell (xlsx.Report)."""
    special = {
        "not_xlsx": _("The file is not an .xlsx workbook."),
        "not_csv": _("The file is not a readable CSV file (comma-separated, UTF-8 or GBK)."),
        "missing_column": _("This column is missing from the first row."),
        "required": _("Required."),
        "too_long": _("Too long."),
        "duplicate_row": _("This credit code appears twice in the file."),
        "unknown_chain": _("Not an industry chain of the list."),
        "land": _("Land area must be a number from 0 to 100,000 mu."),
        "yes_no": _("Write 是 or 否."),
        "not_in_park": _("Not an enterprise this park reports (above designated size, 3 mu or "
                         "more)."),
        "locked": EfficiencyError("locked").message,
    }
    if code in special:
        return special[code]
    if code.startswith("code_"):
        return EfficiencyError(code).message
    return cell_message(code)
