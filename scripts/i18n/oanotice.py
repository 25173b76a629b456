"""Chinese for the msgids added by the oanotice branch (文号, 紧急程度, 签收, 催阅/催签, the
receipts workbook)."""

T = {
    # forms and labels
    "Ordinary": "平件",
    "Urgent": "加急",
    "Extra urgent": "特急",
    "Document number": "文号",
    "文号, e.g. 株高新管发〔2026〕12号. Optional; no two notices share one.":
        "如：株高新管发〔2026〕12号。可不填；填写后不得与其他通知重复。",
    "Urgency": "紧急程度",
    "Remind to": "催办",
    "Remind to read": "催阅",
    "Remind to sign": "催签",
    "Another notice already has this document number.": "该文号已被其他通知使用。",
    "Signed for": "签收园区",
    "Reminded parks": "被催办园区",
    "Signed for the park": "签收",
    "Reminded to read": "催阅",
    "Reminded to sign": "催签",
    # 签收 and 催阅/催签
    "Your park has already signed for this notice.": "本园区已签收该通知。",
    "You can sign only for your own park, when the notice is addressed to it.":
        "只能为本园区签收，且该通知须发给本园区。",
    "No park to remind: every park has done it, or was reminded today.":
        "没有需要催办的园区：各园区均已完成，或今天已催办过。",
    "Signed for %(park)s.": "已代表%(park)s签收。",
    "Choose whether to remind to read or to sign.": "请选择催阅还是催签。",
    "%(num)d park reminded: %(names)s": "已催办 %(num)d 个园区：%(names)s",
    "%(num)d parks reminded: %(names)s": "已催办 %(num)d 个园区：%(names)s",
    "Already reminded today, not again: %(names)s": "今天已催办过，未重复发送：%(names)s",
    # the notice page
    "Signed off": "已签收",
    "Not signed off": "未签收",
    "%(park)s signed on %(when)s (%(who)s).": "%(park)s已于 %(when)s 签收（%(who)s）。",
    "Signing (签收) confirms for %(park)s that the notice has been received and will be acted "
    "on. One signature per park.":
        "签收即代表%(park)s确认已收到本通知并将落实办理，每个园区签收一次。",
    "Sign for my park": "本园区签收",
    "Export (.xlsx)": "导出（.xlsx）",
    "Parks that have not signed yet:": "尚未签收的园区：",
    "Every park in the audience has signed.": "发送范围内的园区均已签收。",
    "Send reminder": "发送催办",
    "The parks still lagging get an in-app message and an email; each park at most once a day.":
        "尚未完成的园区将收到站内消息和邮件；每个园区每天最多催办一次。",
    "Reminders sent": "催办记录",
    # the workbook
    "By park": "按园区",
    "Read": "已读",
    "Readers": "阅读人",
    "First read at": "首次阅读时间",
    "Signed by": "签收人",
    "Signed at": "签收时间",
    "Times reminded": "催办次数",
    "Notice": "通知",
    "Yes": "是",
    "No": "否",
    # notifications
    "Reminder to read or sign a notice": "通知催阅、催签",
    "Please sign for the notice: %(title)s": "请签收通知：%(title)s",
    "Please read the notice: %(title)s": "请阅读通知：%(title)s",
    "The issuer asks your park to sign for this notice (签收): %(title)s":
        "发文单位请贵园区签收本通知：%(title)s",
    "The issuer asks your park to read this notice: %(title)s":
        "发文单位请贵园区阅读本通知：%(title)s",
    "The issuer asks your park to sign for this notice.": "发文单位请贵园区签收本通知。",
    "The issuer asks your park to read this notice.": "发文单位请贵园区阅读本通知。",
    "Open the notice": "打开通知",
}
