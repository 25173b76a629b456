T = {
    "Main sections": "主要栏目",
    "Select all": "全选",
    "Select none": "全不选",
    "By park type:": "按园区类型：",
    "%(n)s chosen": "已选 %(n)s 项",
    "All of this park": "本园区全选",
    "No parks to choose from.": "没有可选的园区。",
    "No people to choose from.": "没有可选的人员。",
}
