T = {
    ("Type a word to search the policy notices, land disposal cases, talent listings, meetings, "
     "minutes and action items: a title, a parcel code, a location, an enterprise, a decision. "
     "One Chinese character is enough; several words separated by spaces must all occur."):
        ("输入关键词，搜索政策通知、土地处置、人才信息、会议、会议纪要和督办事项：标题、地块编号、"
         "位置、企业名称、议定事项均可。一个汉字即可搜索；多个词用空格分隔时须全部出现。"),
}
