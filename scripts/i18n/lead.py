"""Chinese texts of strings written while merging the helpers' branches."""

T = {
    ("The park's 企业微信, 钉钉 or 飞书 group robot receives meeting reminders, changes of "
     "meeting series and new notices as text messages."):
        "园区的企业微信、钉钉或飞书群机器人以文本消息接收会议提醒、例会安排变更和新通知。",
}
