"""The user's words for the codes services raise and the grid reports (translated when shown)."""

from flask_babel import gettext as _

from hub.efficiency.models import SubmissionStatus


def error_message(code: str, **kw) -> str:
    return {
        "code_length": _("A unified social credit code has 18 characters."),
        "code_charset": _("Only digits and capital letters other than I, O, S, V and Z are "
                          "allowed in a credit code."),
        "code_region": _("Characters 3 to 8 of a credit code (the administrative division) "
                         "must be digits."),
        "code_check": _("The check character (the 18th) does not match: check the code for "
                        "typing errors."),
        "code_taken": _("An enterprise with this credit code is already registered."),
        "chain_exists": _("This industry chain is already in the list."),
        "year_taken": _("A round for this year already exists."),
        "weights": _("The weights must add up to more than zero."),
        "benchmark": _("Every benchmark must be greater than zero."),
        "thresholds": _("The grade thresholds must fall: A above B above C, C not negative."),
        "published": _("The round is published; its scheme and results are final."),
        "locked": _("This report cannot be changed now (submitted, accepted or round closed)."),
        "cells": _("Nothing was saved: correct the marked cells."),
        "not_submitted": _("Only a submitted report can be returned or accepted."),
        "comment": _("Say why the report is returned."),
        "negative": _("Must not be negative."),
        "policy": _("Choose a grade and a domain, and describe the measure."),
        "not_published": _("Publish the results of the round first."),
        "notice_exists": _("The hero list notice of this round exists already."),
    }.get(code, _("This change is not possible."))


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


def status_labels() -> dict:
    return {
        SubmissionStatus.NOT_STARTED: _("Not reported"),  # 未填报
        SubmissionStatus.FILLING: _("Filling in"),  # 填报中
        SubmissionStatus.SUBMITTED: _("Submitted"),  # 已提交
        SubmissionStatus.RETURNED: _("Returned"),  # 已退回
        SubmissionStatus.ACCEPTED: _("Accepted after review"),  # 已审核
    }


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
        "locked": error_message("locked"),
    }
    if code in special:
        return special[code]
    if code.startswith("code_"):
        return error_message(code)
    return cell_message(code)
