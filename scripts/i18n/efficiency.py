"""Chinese for the msgids of hub/efficiency (亩均效益评价, issue 14)."""

T = {
    "Per-mu evaluation": "亩均评价",
    "Per-mu efficiency evaluation": "亩均效益评价",
    "Enterprise name": "企业名称",
    "Unified social credit code": "统一社会信用代码",
    "18 characters, e.g. 91430200MA4L16XX0X; the last one is a check character.":
        "18 位，如 91430200MA4L16XX0X；最后一位为校验码。",
    "Industry chain": "产业链",
    "County / district": "县市区",
    "Land area (mu)": "用地面积（亩）",
    "Above designated size": "规上企业",
    "Year evaluated": "评价年度",
    "Reporting deadline": "填报截止日期",
    "I have checked the flagged figures; they are correct.": "已核对标注的数据，确认无误。",
    "Why it is returned": "退回理由",
    "Grade A from (score)": "A 类起评分",
    "Grade B from (score)": "B 类起评分",
    "Grade C from (score)": "C 类起评分",
    "Cap of value ÷ benchmark": "实际值÷基准值 封顶倍数",
    "Year-on-year jump flagged above (times)": "同比变动超过（倍）时提示",
    "What changed and why": "调整内容及理由",
    "Weight": "权重",
    "Benchmark": "基准值",
    "Direction": "指标方向",
    "Higher is better": "正向（越高越好）",
    "Lower is better": "逆向（越低越好）",
    "A unified social credit code has 18 characters.": "统一社会信用代码应为 18 位。",
    "Only digits and capital letters other than I, O, S, V and Z are allowed in a credit code.":
        "统一社会信用代码只能包含数字和除 I、O、S、V、Z 以外的大写字母。",
    "Characters 3 to 8 of a credit code (the administrative division) must be digits.":
        "统一社会信用代码第 3 至 8 位（登记管理机关行政区划码）应为数字。",
    "The check character (the 18th) does not match: check the code for typing errors.":
        "校验码（第 18 位）不符，请检查代码是否录入有误。",
    "An enterprise with this credit code is already registered.":
        "该统一社会信用代码的企业已登记。",
    "This industry chain is already in the list.": "该产业链已在列表中。",
    "A round for this year already exists.": "该年度的评价已存在。",
    "The weights must add up to more than zero.": "权重合计必须大于零。",
    "Every benchmark must be greater than zero.": "各项基准值必须大于零。",
    "The grade thresholds must fall: A above B above C, C not negative.":
        "分类起评分须依次降低：A 高于 B，B 高于 C，C 不小于零。",
    "The round is published; its scheme and results are final.":
        "本年度评价结果已发布，指标体系和结果不再变更。",
    "This report cannot be changed now (submitted, accepted or round closed).":
        "该填报现在不能修改（已提交、已审核或评价已结束）。",
    "Nothing was saved: correct the marked cells.": "未保存任何数据：请更正标注的单元格。",
    "Only a submitted report can be returned or accepted.": "只有已提交的填报才能退回或审核通过。",
    "Say why the report is returned.": "请填写退回理由。",
    "Must not be negative.": "不能为负数。",
    "Not a number.": "不是数字。",
    "A whole number of people.": "人数应为整数。",
    "Too large.": "数值过大。",
    "More than 100,000 mu: was it entered in square metres?": "超过 10 万亩：是否误填为平方米？",
    "Too large for 10,000 yuan: was it entered in yuan?": "以万元计数值过大：是否误填为元？",
    "At most two decimals.": "最多保留两位小数。",
    "Required to submit.": "提交前必须填写。",
    "Check this value.": "请核对此数值。",
    "Negative figure.": "数值为负。",
    "Land area is zero: per-mu indicators cannot be computed.": "用地面积为零，无法计算亩均指标。",
    "Tax is higher than revenue.": "税收高于营业收入。",
    "Over %(factor)s times, or under 1/%(factor)s of, last year's figure.":
        "超过上年的 %(factor)s 倍，或不足上年的 1/%(factor)s。",
    "Not reported": "未填报",
    "Filling in": "填报中",
    "Returned": "已退回",
    "Accepted after review": "已审核",
    "Tax (10k yuan)": "税收（万元）",
    "Revenue (10k yuan)": "营业收入（万元）",
    "Energy use (t coal eq.)": "综合能耗（吨标煤）",
    "Emissions (t)": "主要污染物排放（吨）",
    "R&D spending (10k yuan)": "研发经费（万元）",
    "Employees": "从业人员（人）",
    "Land used (mu)": "实际用地（亩）",
    "Tax per mu": "亩均税收",
    "Revenue per mu": "亩均营业收入",
    "Revenue per unit of energy": "单位能耗营业收入",
    "Revenue per unit of emissions": "单位排放营业收入",
    "R&D intensity": "研发经费投入强度",
    "Labour productivity": "全员劳动生产率",
    "A · priority development": "A 类 · 优先发展",
    "B · upgrading development": "B 类 · 提升发展",
    "C · transformation": "C 类 · 转型发展",
    "D · rectification": "D 类 · 整治提升",
    "— none —": "— 无 —",
    "Enterprise %(name)s added.": "已添加企业 %(name)s。",
    "Enterprise %(name)s saved.": "已保存企业 %(name)s。",
    "Industry chain added.": "已添加产业链。",
    "%(n)d enterprises": "%(n)d 家企业",
    "No accepted figures yet.": "暂无已审核的数据。",
    "No chain": "未归属产业链",
    "Grades per park": "各园区分类情况",
    "Grades per county": "各县市区分类情况",
    "Tax per mu by park (10k yuan/mu)": "各园区亩均税收（万元/亩）",
    "Tax per mu by industry chain (10k yuan/mu)": "各产业链亩均税收（万元/亩）",
    "Round %(year)s opened with the default scheme.": "已按默认指标体系启动 %(year)s 年度评价。",
    "Scheme version %(v)s saved; every figure of the round was scored again.":
        "已保存指标体系第 %(v)s 版，本年度全部数据已重新评分。",
    "Results of %(year)s published.": "%(year)s 年度评价结果已发布。",
    "Saved as a draft, not submitted: %(n)d figures look implausible. Check them, tick the "
    "confirmation and submit again.":
        "已保存为草稿，尚未提交：有 %(n)d 项数据可能有误。请核对后勾选确认并重新提交。",
    "Report submitted to the zone office.": "已提交园区办审核。",
    "Draft saved.": "草稿已保存。",
    "Report of %(park)s accepted.": "%(park)s 的填报已审核通过。",
    "Report of %(park)s returned.": "%(park)s 的填报已退回。",
    "Evaluation rounds": "评价年度",
    "Enterprises": "企业库",
    "Industry chains": "产业链",
    "Indicator": "指标",
    "Unit": "单位",
    "Grades: A from %(a)s, B from %(b)s, C from %(c)s, D below. Value ÷ benchmark capped at "
    "%(cap)s.": "分类：%(a)s 分及以上为 A 类，%(b)s 分及以上为 B 类，%(c)s 分及以上为 C 类，"
                "以下为 D 类。实际值÷基准值 最高按 %(cap)s 计。",
    "Analysis %(year)s": "%(year)s 年度综合分析",
    "Tax per mu (10k yuan/mu)": "亩均税收（万元/亩）",
    "Round %(year)s": "%(year)s 年度评价",
    "Only reports accepted by the zone office count. Tax per mu of a group = its total tax ÷ "
    "its total land used.": "仅统计园区办已审核的数据。分组亩均税收 = 税收合计 ÷ 实际用地合计。",
    "Change": "变化",
    "Add": "添加",
    "Edit enterprise": "编辑企业",
    "Add an enterprise": "添加企业",
    "All chains": "全部产业链",
    "Name or credit code": "名称或信用代码",
    "Yes": "是",
    "No": "否",
    "No enterprise matches.": "没有符合条件的企业。",
    "Report of %(park)s, %(year)s": "%(park)s %(year)s 年度填报",
    "Returned by the zone office:": "园区办退回意见：",
    "This park has no enterprise to evaluate (above designated size, 3 mu or more).":
        "本园区没有需评价的企业（规上且占地 3 亩及以上）。",
    "Score": "得分",
    "Grade": "分类",
    "Save draft": "保存草稿",
    "Submit to the zone office": "提交园区办",
    "Review": "审核",
    "Return": "退回",
    "Approve": "审核通过",
    "Per-mu hero list %(year)s": "%(year)s 年度亩均英雄榜",
    "Rank": "名次",
    "Print this page from the browser for the printed list. Only reports accepted by the zone "
    "office count.": "用浏览器打印本页即得纸质榜单。仅统计园区办已审核的数据。",
    "Draft: the results are not published yet.": "草稿：评价结果尚未发布。",
    "Top %(n)d overall": "综合前 %(n)d 名",
    "Best per park": "各园区前列企业",
    "Best per industry chain": "各产业链前列企业",
    "Open a round": "启动年度评价",
    "Open the round": "启动",
    "No evaluation round yet.": "尚无评价年度。",
    "Progress": "填报进度",
    "Reporting": "填报中",
    "Scores": "评价结果",
    "Hero list": "亩均英雄榜",
    "Analysis": "综合分析",
    "Change the scheme": "调整指标体系",
    "Publish results": "发布评价结果",
    "Publish the results of this round to every park?": "向所有园区发布本年度评价结果？",
    "Reports of the parks": "各园区填报情况",
    "Enterprises to report": "应报企业数",
    "Comment of the zone office": "园区办意见",
    "Open the report": "打开填报",
    "Indicator scheme, version %(v)s": "指标体系（第 %(v)s 版）",
    "Scheme versions": "指标体系版本",
    "initial scheme": "初始版本",
    "The round starts with the default indicator scheme; change it on the round's page.":
        "新年度按默认指标体系启动，可在年度页面调整。",
    "Saving makes version %(v)s; the earlier versions stay listed, and every figure of the round "
    "is scored again.": "保存后生成第 %(v)s 版，原有版本保留可查，本年度全部数据将重新评分。",
    "Save as a new version": "保存为新版本",
    "Scores %(year)s": "%(year)s 年度评价结果",
    "Score %(score)s, grade %(grade)s": "得分 %(score)s，%(grade)s",
    "How the score is made up": "得分构成",
    "Value": "实际值",
    "Ratio (capped)": "比值（封顶后）",
    "Score of an indicator = weight × min(value ÷ benchmark, cap); for a lower-is-better "
    "indicator benchmark ÷ value. Scheme version %(v)s.":
        "单项得分 = 权重 × min(实际值 ÷ 基准值, 封顶倍数)；逆向指标为 基准值 ÷ 实际值。"
        "指标体系第 %(v)s 版。",
    "Figures reported": "填报数据",
    "Until the results are published you see your own park's enterprises only.":
        "评价结果发布前，只能查看本园区企业。",
    "All grades": "全部分类",
    "No figures yet.": "暂无数据。",
}
T.update({
    "The file is not an .xlsx workbook.": "文件不是 .xlsx 工作簿。",
    "This column is missing from the first row.": "第一行缺少此列。",
    "Required.": "必填。",
    "Too long.": "过长。",
    "This credit code appears twice in the file.": "该信用代码在文件中重复出现。",
    "Not an industry chain of the list.": "不是产业链列表中的产业链。",
    "Land area must be a number from 0 to 100,000 mu.": "用地面积应为 0 至 100000 亩之间的数字。",
    "Write 是 or 否.": "请填写“是”或“否”。",
    "Not an enterprise this park reports (above designated size, 3 mu or more).":
        "不是本园区应报企业（规上且占地 3 亩及以上）。",
    ".xlsx file": ".xlsx 文件",
    "Upload an .xlsx workbook.": "请上传 .xlsx 工作簿。",
    "Nothing was imported: %(n)d problems in the file.": "未导入任何数据：文件中有 %(n)d 处问题。",
    "Row": "行",
    "Column": "列",
    "Problem": "问题",
    "%(n)d enterprises imported.": "已导入 %(n)d 家企业。",
    "Export .xlsx": "导出 .xlsx",
    "Import enterprises from .xlsx": "从 .xlsx 导入企业",
    "Import": "导入",
    "First row: the headers of the export (企业名称, 统一社会信用代码, 产业链, 县市区, "
    "用地面积（亩）, 规上企业). A known credit code updates that enterprise. Nothing is saved "
    "if any row is wrong.":
        "第一行为导出文件的表头（企业名称、统一社会信用代码、产业链、县市区、用地面积（亩）、"
        "规上企业）。"
        "已有信用代码的企业将被更新。任何一行有误则不保存。",
    "%(n)d rows imported and saved as a draft; check them and submit.":
        "已导入 %(n)d 行并保存为草稿，请核对后提交。",
    "Download as .xlsx": "下载 .xlsx",
    "Import figures from .xlsx": "从 .xlsx 导入数据",
    "Use the downloaded workbook: rows by credit code. Nothing is saved if any cell is wrong; a "
    "correct file is saved as a draft.":
        "请使用下载的工作簿，按信用代码逐行填写。任一单元格有误则不保存；无误则保存为草稿。",
})
T.update({
    "Publish the results of the round first.": "请先发布本年度评价结果。",
    "The hero list notice of this round exists already.": "本年度亩均英雄榜通知已存在。",
    "The hero list is a draft notice now, with the list attached; check it and publish it.":
        "亩均英雄榜已生成通知草稿并附上名单，请核对后发布。",
    "The hero list notice": "亩均英雄榜通知",
    "Draft the hero list as a notice": "生成亩均英雄榜通知",
})
T.update({
    "reminded %(day)s": "已于 %(day)s 催报",
    "Per-mu report not yet submitted": "亩均效益填报未提交（催报）",
    "Per-mu report %(year)s of %(park)s is due on %(deadline)s":
        "%(park)s %(year)s 年度亩均效益填报将于 %(deadline)s 截止",
    "Per-mu report %(year)s of %(park)s is overdue (deadline %(deadline)s)":
        "%(park)s %(year)s 年度亩均效益填报已逾期（截止日期 %(deadline)s）",
    "The per-mu efficiency report %(year)s of %(park)s has not been submitted; the deadline is "
    "%(deadline)s.": "%(park)s %(year)s 年度亩均效益评价数据尚未提交，截止日期为 %(deadline)s。",
    "The per-mu efficiency report %(year)s of %(park)s is past its deadline (%(deadline)s) and "
    "not yet submitted.": "%(park)s %(year)s 年度亩均效益评价数据已过截止日期（%(deadline)s），"
                          "仍未提交。",
})
T.update({
    "Weakest indicator": "短板指标",
    "Average value ÷ benchmark": "平均 实际值÷基准值",
})
T.update({
    "Someone else saved or reviewed this report meanwhile. Nothing of yours was saved; your input "
    "is below — check the status and save again.":
        "他人已在此期间保存或审核了本填报。您的数据未保存，已保留在下方，请核对状态后重新保存。",
    "Someone else changed this enterprise meanwhile; check it and save again.":
        "他人已在此期间修改了该企业信息，请核对后重新保存。",
})
T.update({
    "Subsidies and awards": "奖补",
    "Land use": "用地",
    "Energy use": "用能",
    "Water use": "用水",
    "Emission rights": "排污",
    "Financing": "融资",
    "Enterprise support": "企业帮扶",
    "Choose a grade and a domain, and describe the measure.":
        "请选择分类和配置领域，并填写配置措施。",
    "Domain": "配置领域",
    "Measure": "配置措施",
    "Measures": "配置措施",
    "E.g. 执行差别电价，每千瓦时加价 0.1 元.": "如：执行差别电价，每千瓦时加价 0.1 元。",
    "Policy line added.": "已添加配置措施。",
    "Policy line removed.": "已删除配置措施。",
    "Differentiated allocation": "要素差别化配置",
    "Differentiated allocation %(year)s": "%(year)s 年度要素差别化配置清单",
    "The policy lines each grade brings (奖补、用地、用能、用水、排污、融资、企业帮扶); "
    "every round's allocation list applies them to the graded enterprises.":
        "各分类企业适用的资源要素配置措施（奖补、用地、用能、用水、排污、融资、企业帮扶），"
        "各年度配置清单据此生成。",
    "Remove": "删除",
    "No policy line yet.": "尚无配置措施。",
    "Only reports accepted by the zone office count.": "仅统计园区办已审核的数据。",
})
T.update({"Number of enterprises": "企业数"})
