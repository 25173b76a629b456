"""Chinese text of the holiday calendar's msgids (issue 10: 节假日安排, no double booking)."""

T = {
    "Holiday arrangement": "节假日安排",
    "Meetings re-planned": "重新安排会议",
    "Provenance": "性质",
    "Source": "来源",
    "Data version": "数据版本",
    "Meetings moved": "调整的会议",
    "Year": "年份",
    "Arrangement (one holiday per line)": "放假安排（每行一个节日）",
    "For example: 春节 2027-02-05 至 2027-02-11 — and for the make-up working days: 调休上班 "
    "2027-02-14、2027-02-20. Lines copied from the State Council's notice (二、春节："
    "2月5日至11日放假调休，共7天。2月14日上班。) work too; # starts a comment.":
        "例如：春节 2027-02-05 至 2027-02-11；调休上班日写作：调休上班 2027-02-14、2027-02-20。"
        "也可直接粘贴国务院办公厅通知中的句子（二、春节：2月5日至11日放假调休，共7天。2月14日上班。）；"
        "# 之后为注释。",
    "Preview the changes": "预览调整",
    "Save and re-plan meetings": "保存并重新安排会议",
    "no date found": "未找到日期",
    "“%(text)s” is not a date": "“%(text)s”不是有效日期",
    "%(date)s is outside this year's arrangement": "%(date)s 不属于本年度的放假安排",
    "the range ends before it starts (%(detail)s)": "结束日期早于开始日期（%(detail)s）",
    "a holiday range cannot be longer than 31 days": "一段假期不能超过 31 天",
    "the holiday's name is missing (e.g. 春节)": "缺少节日名称（如：春节）",
    "write one day or one range per holiday, e.g. 春节 2027-02-05 至 2027-02-11":
        "每个节日写一天或一个日期范围，如：春节 2027-02-05 至 2027-02-11",
    "two holidays overlap on %(date)s (%(detail)s)": "两个假期在 %(date)s 重叠（%(detail)s）",
    "%(date)s is both a holiday and a make-up working day": "%(date)s 既是假日又是调休上班日",
    "%(date)s is a weekday, a working day anyway; a make-up working day (调休上班) is a Saturday "
    "or Sunday": "%(date)s 是周一至周五，本来就是工作日；调休上班日应为周六或周日",
    "enter at least one holiday": "请至少填写一个节日",
    "Line %(line)d (%(text)s): %(message)s": "第 %(line)d 行（%(text)s）：%(message)s",
    "The %(year)d arrangement is saved as official; %(count)d meeting(s) re-planned and their "
    "participants told.":
        "%(year)d年节假日安排已保存为官方安排；已重新安排 %(count)d 次会议并通知参会人员。",
    "The text or the stored arrangement changed since the preview: check the preview below, "
    "then save.": "预览之后内容或已保存的安排有变化：请核对下方预览后再保存。",
    "Skipped on %(date)s: that day already has a meeting of this series":
        "%(date)s 不召开：当天已有本系列会议",
    "Moved from %(old)s to %(new)s: %(old)s already has a meeting of this series":
        "由 %(old)s 调整至 %(new)s：%(old)s 已有本系列会议",
    "%(holiday_zh)s (%(holiday_en)s): skipped on %(date)s, no free working day within a month":
        "%(holiday_zh)s（%(holiday_en)s）：%(date)s 不召开，一个月内没有空闲的工作日",
    "%(holiday_zh)s (%(holiday_en)s): moved from %(old)s to %(new)s, the next free working day "
    "(%(taken)s already has a meeting of this series)":
        "%(holiday_zh)s（%(holiday_en)s）：由 %(old)s 顺延至下一个空闲工作日 %(new)s"
        "（%(taken)s 已有本系列会议）",
    "Holiday arrangements": "节假日安排",
    "Official": "官方",
    "Provisional": "暂定",
    "Entered by the zone office from the State Council's notice": "园区办按国务院办公厅通知录入",
    "State Council's notice as shipped by chinese-calendar %(version)s":
        "国务院办公厅通知（chinese-calendar %(version)s 内置数据）",
    "Computed by law by holidays %(version)s (no notice yet)":
        "按法定节假日推算（holidays %(version)s，通知尚未发布）",
    "Provisional: the %(year)s holidays are computed by law until the State Council's notice is "
    "entered; the date may still change.":
        "暂定：%(year)s年节假日为暂定（按法定节假日推算，国务院办公厅通知尚未录入），会议日期可能调整。",
    "Holiday arrangement %(year)d": "%(year)d年节假日安排",
    "Holiday": "节日",
    "Days off": "放假日期",
    "Make-up working days": "调休上班日",
    "none": "无",
    "No arrangement stored for this year yet.": "本年度尚无放假安排。",
    "Preview: what saving changes": "预览：保存后的调整",
    "Read as: %(holidays)s; make-up working days: %(days)s.":
        "识别结果：%(holidays)s；调休上班日：%(days)s。",
    "Now": "现在",
    "After saving": "保存后",
    "Why": "原因",
    "(none)": "（无）",
    "removed": "取消",
    "Their participants are told when you save. Meetings moved by hand, cancelled, or with "
    "agenda topics, replies or minutes keep their date.":
        "保存时将通知参会人员。已手动调整、已取消或已有议题、回执、纪要的会议保持原日期。",
    "No future meeting changes.": "今后的会议没有变化。",
    "Meeting planning uses only these arrangements. A year without the State Council's notice is "
    "provisional, computed by law; enter the notice when it is published and the future meetings "
    "are re-planned.":
        "会议安排只依据这里的节假日安排。尚无国务院办公厅通知的年份为暂定（按法定节假日推算）；"
        "通知发布后在此录入，今后的会议将重新安排。",
    "Enter or edit a year": "录入或修改年度安排",
    "Holidays": "节假日",
    "Meetings": "会议",
    "planned on this data": "已按此数据安排",
    "re-planned by the daily job": "待每日任务重新安排",
}
