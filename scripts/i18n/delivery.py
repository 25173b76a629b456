"""Chinese texts of the delivery engine's new msgids (issue 10: reminders, health banner)."""

T = {
    "starts in %(n)d minutes": "%(n)d 分钟后开始",
    "starts in %(n)d hour(s)": "%(n)d 小时后开始",
    "starts in %(h)d h %(m)d min": "%(h)d 小时 %(m)d 分钟后开始",
    "starts in %(n)d day(s)": "%(n)d 天后开始",
    "starts in %(d)d day(s) %(h)d hour(s)": "%(d)d 天 %(h)d 小时后开始",
}
