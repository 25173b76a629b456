"""Chinese phrase lists and the builders that turn them into titles, bodies and names.

Everything takes a `random.Random`, so the same seed gives the same text. The words are those of
the zone's real work (资金补助, 土地清理处置, 人才, 联席会议 …) so that search terms hit.
"""

import random

SURNAMES = "张王李赵刘陈杨黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
GIVEN = ["建国", "丽华", "志强", "海燕", "文博", "晓东", "雪梅", "国栋", "春燕", "立新", "婷婷",
         "子涵", "俊杰", "欣怡", "浩然", "思远", "佳琪", "宇航", "梦琪", "振华", "秀英", "明辉",
         "红梅", "卫东", "晓峰", "亚楠", "一鸣", "静怡", "永刚", "桂兰"]

# (name, short name) of the generated parks; the short names never clash with the demo parks
PARKS = [
    ("云龙示范区产业园", "云龙园"), ("荷塘先进制造园", "荷塘园"), ("芦淞服饰产业园", "芦淞园"),
    ("石峰轨道交通园", "石峰园"), ("天元新材料园", "天元园"), ("攸县高新技术园", "攸县园"),
    ("炎陵生态工业园", "炎陵园"), ("渌湘智能制造园", "渌湘园"), ("金山科技工业园", "金山园"),
    ("栗雨生物医药园", "栗雨园"), ("董家塅航空产业园", "董家塅园"),
    ("清水塘循环经济园", "清水塘园"),
    ("白关物流园", "白关园"), ("建宁港智慧园", "建宁港园"), ("神农城数字园", "神农城园"),
    ("湘江风光带创新园", "湘江园"), ("仙庾岭文旅园", "仙庾岭园"), ("大京风景新区园", "大京园"),
    ("雷打石产业园", "雷打石园"),
]

INDUSTRIES = ["轨道交通", "航空动力", "新能源汽车", "新材料", "生物医药", "电子信息", "陶瓷",
              "服饰", "硬质合金", "智能制造", "节能环保", "现代物流", "食品加工", "数字经济"]
ENTERPRISE_WORDS = ["科技", "智能", "精工", "新材", "电气", "动力", "装备", "医药", "陶瓷", "光电",
                    "汽车零部件", "环保", "机电", "信息"]
PLACES = ["株洲", "湘潭", "长沙", "醴陵", "攸县", "茶陵", "炎陵", "渌口", "天元", "荷塘"]
ROADS = ["栗雨路", "黄河北路", "株洲大道", "天易大道", "新华西路", "泰山路", "珠江北路",
         "长江南路", "湘芸路", "仙庾大道", "田心北门", "金山路"]

CATEGORIES = ["资金补助", "荣誉共享", "土地", "环保", "人才", "审批", "规划", "其他"]

NOTICE_TITLE_HEADS = [
    "关于申报{year}年度{topic}的通知", "关于开展{topic}工作的通知", "关于做好{topic}有关事项的通知",
    "转发省厅关于{topic}的通知", "关于印发《{topic}实施细则》的通知", "关于征集{topic}项目的通知",
    "关于{topic}工作进展情况的通报", "关于组织参加{topic}培训的通知",
]
NOTICE_TOPICS = [
    "省级园区发展专项资金", "亩均效益评价", "亩均英雄榜评选", "园区项目百日攻坚",
    "标准厂房建设补助",
    "新能源产业链招商", "高新技术企业认定", "闲置土地清理处置", "批而未供土地消化",
    "园区环保平台共建", "人才公寓申请", "企业技术中心认定", "园区赋权事项目录调整",
    "项目履约监管", "专精特新中小企业培育", "绿色工厂创建", "安全生产专项检查",
    "园区规划修编", "低效用地再开发", "招商引资考核", "数字化转型示范项目",
]
PARAGRAPH_PHRASES = [
    "为深入贯彻落实市委市政府关于园区高质量发展的决策部署", "进一步健全一区三园协同联动机制",
    "经研究决定", "现将有关事项通知如下", "各园区要高度重视", "认真组织辖区企业申报",
    "按照定期碰头、信息共享、优化服务的长效机制", "对符合条件的企业给予资金补助",
    "补助资金实行总额控制、择优支持", "申报材料须真实完整", "逾期不予受理",
    "请各园区于规定时间前将汇总表报送园区办", "联系人及电话见附件",
    "对亩均效益排名前列的企业实行荣誉共享", "土地清理处置工作纳入年度考核",
    "坚持依法依规、分类处置的原则", "对闲置土地依法收回或盘活利用", "新能源产业项目优先保障用地",
    "加快标准厂房建设进度", "推动园区项目百日攻坚取得实效", "强化项目履约监管",
    "做好人才引进和共享服务", "支持园区间互访互助", "环保平台实行统一监测、统一执法",
    "审批事项按照赋权目录直接办理或委托办理", "各园区应建立工作台账", "实行清单化管理、销号式推进",
    "园区办将适时组织督查", "对工作推进不力的园区予以通报", "本通知自印发之日起施行",
    "原有规定与本通知不一致的以本通知为准", "请结合实际抓好贯彻落实",
]

PROBLEM_NOTES = [
    "现场核查完成，地块处于闲置状态", "已约谈土地使用权人", "企业提交盘活方案",
    "征求自然资源部门意见",
    "已下发闲置土地认定书", "完成土地价款评估", "转让协议已签订", "列入百日攻坚清单",
    "置换地块选址已确定", "企业申请延期开工", "收回方案报市政府审定", "已完成不动产登记变更",
]
HOLDER_SUFFIX = ["有限公司", "股份有限公司", "集团有限公司", "实业有限公司"]

POSITIONS = ["工艺工程师", "电气工程师", "质量主管", "研发工程师", "数控技师", "焊接技师",
             "软件工程师", "销售经理", "采购专员", "安全管理员", "环保工程师", "财务主管",
             "项目经理", "生产计划员", "设备维修工", "检测工程师", "新能源电池工程师"]
OFFER_TITLES = ["{field}专家团队可共享", "{field}领域高级工程师推荐", "{field}技术服务团队",
                "退休{field}专家愿意提供咨询", "{field}方向博士后团队"]
TALENT_PHRASES = [
    "熟悉{field}行业", "五年以上相关工作经验", "有新能源项目经验者优先", "可提供人才公寓",
    "薪资面议", "享受园区人才补助政策", "能适应短期出差", "持相关职业资格证书",
    "团队已服务多家园区企业", "可开展技术诊断和工艺改进", "接受柔性引进", "欢迎各园区对接",
]

SERIES_TITLES = ["园区联席会议", "园区工作例会", "百日攻坚调度会", "土地清理处置专题会",
                 "人才工作协调会", "亩均效益评价推进会", "环保平台工作会", "招商引资调度会"]
TOPIC_TITLES = [
    "{park}关于{topic}的汇报", "{topic}进展及下一步安排", "请求协调解决{topic}中的问题",
    "{topic}经验交流", "关于{topic}的建议",
]
DECISIONS = [
    "由{park}牵头，于{month}月底前完成{topic}", "{park}负责协调{topic}，每周报送进度",
    "请{park}会同相关部门研究{topic}的具体方案", "{park}对{topic}开展专项督查",
    "{topic}纳入下次联席会议议程，由{park}汇报", "{park}抓紧完成{topic}相关材料报送",
]
UPDATE_NOTES = ["已召开专题会部署", "方案已形成初稿", "已与企业对接", "完成过半", "已报送园区办",
                "遇到用地指标问题，需协调", "已完成，材料已归档"]


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def phone(rng: random.Random) -> str:
    return f"1{rng.choice('3578')}{rng.randrange(10**9):09d}"


def enterprise(rng: random.Random) -> str:
    return (rng.choice(PLACES) + rng.choice(["华", "中", "新", "恒", "宏", "利", "瑞", "达"])
            + rng.choice(["宇", "泰", "盛", "鑫", "远", "通", "昌", "信"])
            + rng.choice(ENTERPRISE_WORDS) + rng.choice(HOLDER_SUFFIX))


def sentence(rng: random.Random, phrases: list[str], n: int, **fmt) -> str:
    parts = [p.format(**fmt) if fmt else p for p in rng.sample(phrases, n)]
    return "，".join(parts) + "。"


def paragraphs(rng: random.Random, phrases: list[str], count: int, **fmt) -> str:
    return "\n\n".join(
        "".join(sentence(rng, phrases, rng.randint(3, 5), **fmt) for _ in range(rng.randint(1, 3)))
        for _ in range(count)
    )


def notice_title(rng: random.Random, year: int) -> str:
    return rng.choice(NOTICE_TITLE_HEADS).format(year=year, topic=rng.choice(NOTICE_TOPICS))


def notice_body(rng: random.Random) -> str:
    heading = f"各园区：\n\n{sentence(rng, PARAGRAPH_PHRASES, 3)}"
    items = "\n".join(f"{i}. {sentence(rng, PARAGRAPH_PHRASES, 2)}"
                      for i in range(1, rng.randint(2, 4)))
    return f"{heading}\n\n{paragraphs(rng, PARAGRAPH_PHRASES, rng.randint(1, 3))}\n\n{items}"


def case_description(rng: random.Random) -> str:
    return sentence(rng, PROBLEM_NOTES, 2) + sentence(rng, PARAGRAPH_PHRASES, 2)


def talent_description(rng: random.Random, field: str) -> str:
    return paragraphs(rng, TALENT_PHRASES, rng.randint(1, 2), field=field)


def minutes_body(rng: random.Random, title: str, parks: list[str], topics: list[str]) -> str:
    lines = [f"# {title}纪要", "", f"参会园区：{'、'.join(parks)}", "", "## 会议议题", ""]
    lines += [f"{i}. {t}" for i, t in enumerate(topics, 1)]
    lines += ["", "## 会议内容", "", paragraphs(rng, PARAGRAPH_PHRASES, 2), "", "## 议定事项", ""]
    lines.append(sentence(rng, PARAGRAPH_PHRASES, 3))
    return "\n".join(lines)
