"""Chinese for the msgids of the duban branch (督办: 办结申请/销号, 催办, 延期申请, 台账)."""

T = {
    # statuses, steps, audit
    "Completion under review": "办结待审",
    "Completion applied for": "办结申请",
    "Closed (销号)": "已销号",
    "Sent back": "退回",
    "Reminded": "催办",
    "Reminder (催办)": "催办",
    "Later due date requested": "延期申请",
    "Later due date granted": "同意延期",
    "Later due date refused": "不同意延期",
    "Awaiting decision": "待审批",
    # forms
    "What was done": "完成情况",
    "New due date": "新的完成时限",
    # refusals
    "An action item is completed by applying for completion (办结申请); the assigning office "
    "then closes it.": "事项完成请提交办结申请，由交办单位审核销号。",
    "The status of an action item under review or closed changes only through the review; you "
    "can still write a note.": "办结待审或已销号的事项只能通过审核改变状态；仍可填写进展说明。",
    "This action item is closed (销号); nothing more can be done with it.":
        "该事项已销号，不能再办理。",
    "Completion has already been applied for; the assigning office is reviewing it.":
        "已提交办结申请，交办单位正在审核。",
    "Nobody has applied for completion of this action item.": "该事项尚未提交办结申请。",
    "Please describe what was done.": "请说明完成情况。",
    "The owner park has already been reminded today; try again tomorrow.":
        "今天已催办过责任园区，请明天再催办。",
    "A request for a later due date already awaits a decision.": "已有延期申请等待审批。",
    "No request for a later due date awaits a decision.": "没有待审批的延期申请。",
    "Please choose the new due date.": "请选择新的完成时限。",
    "The new due date must be later than the current one and not in the past.":
        "新的完成时限须晚于原完成时限，且不能早于今天。",
    # flashes
    "Completion applied for; the assigning office will review it.":
        "已提交办结申请，等待交办单位审核。",
    "The action item is closed (销号).": "事项已销号。",
    "The application was sent back to the owner park.": "办结申请已退回责任园区。",
    "The owner park has been reminded.": "已向责任园区催办。",
    "Later due date requested; the assigning office will decide.":
        "已提交延期申请，等待交办单位审批。",
    "The later due date is granted.": "已同意延期。",
    "The request for a later due date was refused.": "已不同意延期。",
    # the item's page
    "Supervision (督办)": "督办",
    "Completion has been applied for; the assigning office closes the item or sends it back.":
        "已提交办结申请，由交办单位审核销号或退回。",
    "Apply for completion (办结申请)": "办结申请",
    "Apply for completion": "申请办结",
    "Close the item (销号)": "审核销号",
    "Close the item": "销号",
    "Send back (退回)": "退回",
    "Send back": "退回",
    "Request a later due date (延期申请)": "延期申请",
    "Request": "提交申请",
    "Grant the later due date": "同意延期",
    "Grant": "同意",
    "Refuse the later due date": "不同意延期",
    "Refuse": "不同意",
    "Remind the owner park (催办)": "催办",
    "Send reminder": "发送催办",
    "The owner park has been reminded today.": "今天已催办。",
    "Awaiting my review": "待我审核",
    # the ledger
    "Supervision ledger (督办台账)": "督办台账",
    "Export (.xlsx)": "导出（.xlsx）",
    "Export (CSV)": "导出（CSV）",
    "No action items.": "暂无督办事项。",
    "Summary by park": "按园区汇总",
    "Meeting date": "会议日期",
    "Action item ledger": "督办台账",
    # notifications
    "Action item awaits review": "督办事项待审核",
    "Action item reviewed": "督办事项审核结果",
    "Action item reminder (催办)": "督办事项催办",
    "Later due date requested (延期申请): %(text)s": "延期申请：%(text)s",
    "Completion applied for (办结申请): %(text)s": "办结申请：%(text)s",
    "Action item closed (销号)": "督办事项已销号",
    "Completion application sent back (退回)": "办结申请被退回",
    "Reminder (催办): %(text)s": "催办：%(text)s",
    "The owner park asks for a later due date: %(due)s.": "责任园区申请将完成时限延至 %(due)s。",
    "The owner park applies for completion of this action item. Please review it: close it or "
    "send it back.": "责任园区已提交该事项的办结申请，请审核：销号或退回。",
    "The assigning office reminds your park of this action item (催办). Please report its "
    "progress.": "交办单位就该事项向贵园区催办，请及时报送进展。",
}
