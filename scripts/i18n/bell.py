"""Chinese for the msgids of branch bell (issue 13 item 1: one vocabulary for the two counts)."""

T = {
    "Unread policy notices": "未读政策通知",
    "unread messages": "条未读消息",
    "Unread messages: %(n)d": "未读消息：%(n)d 条",
}
