"""Chinese for the msgids added by the holnotes branch (holiday notes in the reader's language)."""

T = {
    "%(holiday)s: skipped on %(date)s, no free working day within a month":
        "%(holiday)s：%(date)s 的会议不召开，一个月内没有空闲的工作日",
    "%(holiday)s: skipped on %(date)s": "%(holiday)s：%(date)s 的会议不召开",
    "%(holiday)s: moved from %(old)s to %(new)s, the next free working day "
    "(%(taken)s already has a meeting of this series)":
        "%(holiday)s：由 %(old)s 顺延至下一个空闲工作日 %(new)s（%(taken)s 已有本系列会议）",
    "%(holiday)s: moved from %(old)s to %(new)s": "%(holiday)s：由 %(old)s 调整至 %(new)s",
    "%(holiday)s: held on the holiday": "%(holiday)s：节假日照常召开",
}
