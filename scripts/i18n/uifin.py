"""Chinese for the msgids added by the uifin branch (issue 13: audit labels of every audited
model, campaign targets and notification preferences in the audit log, efficiency states)."""

T = {
    # audit values
    "Succeeded": "成功",
    "New link issued": "已生成新链接",
    "Target: %(what)s · %(where)s · %(when)s": "目标：%(what)s · %(where)s · %(when)s",
    "Whole campaign": "整个行动期",
    "Email: %(kind)s": "邮件提醒：%(kind)s",
    # efficiency
    "Open for reporting": "填报中",
    "Results published": "结果已发布",
    "Enterprise": "企业",
    "Evaluation round": "评价年度",
    "Park report": "园区填报",
    "Allocation policy": "资源要素配置政策",
    "Scoring scheme changed": "调整评价方案",
    "Figures saved": "保存数据",
    "Scoring scheme version": "评价方案版本",
    # fields of the audit log
    "Language": "语言",
    "Must change the password": "须修改密码",
    "Created at": "创建时间",
    "Updated at": "更新时间",
    "Created by": "创建人",
    "Subscription link": "订阅链接",
    "Minimum investment (10k yuan)": "最低投资额（万元）",
    "Supervised on": "监管日期",
    "Supervision note": "监管意见",
    "Holiday note": "节假日说明",
    "Host chosen by hand": "手动指定主持园区",
    "Last reminded at": "最近催办时间",
    "Published by": "发布人",
}
