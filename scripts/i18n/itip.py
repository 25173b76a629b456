"""Chinese texts of the series-change messages (issue 10, observations 3 and 9)."""

T = {
    "Meeting series changed or ended": "例会系列变更或停止",
    "New meeting series: %(title)s (%(n)d meetings)": "新例会系列：%(title)s（共 %(n)d 次会议）",
    "Meeting series ended: %(title)s": "例会系列已停止：%(title)s",
    "Holiday arrangement moved meetings: %(title)s": "节假日安排调整了会议：%(title)s",
    "Meeting series changed: %(title)s": "例会系列变更：%(title)s",
    "You are invited to the meetings of the series below.": "特邀请您参加以下例会系列的会议。",
    "The meeting series below has ended; its coming meetings are cancelled.":
        "以下例会系列已停止，今后的会议已取消。",
    "The holiday arrangement changed; meetings of the series below were re-planned.":
        "节假日安排有调整，以下例会系列的会议已重新安排。",
    "The meeting series below has changed.": "以下例会系列已变更。",
    "Changed meetings": "调整的会议",
    "New meetings": "新增的会议",
    "Cancelled meetings": "取消的会议",
    "Series page": "例会系列页面",
    "Open the series": "查看例会系列",
    "… and %(n)d more": "……另有 %(n)d 次",
    "The park's 企业微信 or 钉钉 group robot receives meeting reminders, changes of meeting series "
    "and new notices as text messages.":
        "园区的企业微信或钉钉群机器人会以文本消息接收会议提醒、例会系列变更和新通知。",
}
