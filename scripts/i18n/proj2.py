"""Chinese texts of branch proj2: 招商活动 edit/delete (issue 15), the 签发 guard (issue 13, 5)."""

T = {
    # 招商活动 (issue 15)
    "Enter the date of the visit.": "请填写招商活动日期。",
    "Visit saved.": "招商活动已保存。",
    "Visit “%(visit)s” deleted; the campaign figures no longer count it.":
        "招商活动“%(visit)s”已删除，专项行动统计不再计入。",
    "Edit visit": "编辑招商活动",
    "Delete visit": "删除招商活动",
    "Delete the visit “%(visit)s”? It no longer counts in the campaign figures.":
        "确定删除招商活动“%(visit)s”？删除后不再计入专项行动统计。",
    # 签发 guard (issue 13, item 5)
    "The meeting has not started yet: minutes can be signed off only after the meeting's start.":
        "会议尚未开始：会议开始后才能签发纪要。",
    "Some parks have not answered or have open comments: tick the box to confirm that you sign "
    "off regardless.": "有园区尚未回复或提出了修改意见：请勾选确认后再签发。",
    "I have seen the parks that did not answer and the open comments, and sign off regardless.":
        "我已知悉未回复的园区和未处理的修改意见，确认签发。",
    "The meeting starts %(when)s: the minutes can be signed off only after that.":
        "会议于%(when)s开始，开始后才能签发纪要。",
    "Open comments:": "未处理的修改意见：",
    "Signed off despite missing answers or open comments": "在未全部回复或有修改意见时确认签发",
    "Parks that had not answered": "未回复的园区",
    "Parks with open comments": "提出修改意见的园区",
}
