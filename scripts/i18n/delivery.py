"""Chinese texts of the delivery engine's new msgids (issue 10: reminders, health banner)."""

T = {
    "starts in %(n)d minutes": "%(n)d 分钟后开始",
    "starts in %(n)d hour(s)": "%(n)d 小时后开始",
    "starts in %(h)d h %(m)d min": "%(h)d 小时 %(m)d 分钟后开始",
    "starts in %(n)d day(s)": "%(n)d 天后开始",
    "starts in %(d)d day(s) %(h)d hour(s)": "%(d)d 天 %(h)d 小时后开始",
}
T.update({
    "Reminder delivery is degraded": "消息提醒发送异常",
    "no scheduler has ever run": "定时任务从未运行",
    "no scheduler has run for %(n)d minutes": "定时任务已 %(n)d 分钟未运行",
    "%(n)d deliveries failed in the last %(h)d hours": "近 %(h)d 小时有 %(n)d 条消息发送失败",
})
