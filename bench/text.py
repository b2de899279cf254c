"""Synthetic but realistic Chinese newspaper text for the bench archive.

Sentences are recombined from the seed page and from templates filled with
places, people, numbers and topics, so the archive has the vocabulary,
sentence length and word frequencies of a city daily, deterministically for
a given random seed.
"""

import random
import re
from functools import cache

from demo.seed import read_lines

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强晓旭喜艳振成丹"
    "丹森森轶鹏学跃红伟兵奎秀云海燕春梅晓东文博子涵浩然雨桐思远嘉怡俊杰欣怡宇航"
)
PLACES = [
    "高新区",
    "进化店镇",
    "皇台街道",
    "屈庄村",
    "火炬园",
    "新华区",
    "卫东区",
    "湛河区",
    "石龙区",
    "舞钢市",
    "汝州市",
    "宝丰县",
    "叶县",
    "鲁山县",
    "郏县",
    "白龟湖",
    "鹰城广场",
    "平煤神马集团",
    "尼龙新材料产业园",
    "高铁站片区",
    "城乡一体化示范区",
    "开发区",
    "老城区",
    "滨河公园",
]
ORGS = [
    "区委",
    "区政府",
    "党工委",
    "管委会",
    "城管执法局",
    "人力资源管理局",
    "市场监管局",
    "卫健委",
    "教育局",
    "交警大队",
    "税务局",
    "生态环境分局",
    "住建局",
    "农业农村局",
    "文旅局",
    "应急管理局",
]
TOPICS = [
    "疫情防控",
    "招商引资",
    "乡村振兴",
    "科技创新",
    "营商环境",
    "安全生产",
    "文明城市创建",
    "疫苗接种",
    "人居环境整治",
    "重点项目建设",
    "就业创业",
    "冬季供暖",
    "秋粮收购",
    "大棚蔬菜",
    "竹竿调运",
    "5G基站建设",
    "新能源汽车",
    "尼龙新材料",
    "人才引进",
    "校园安全",
    "防汛抗旱",
    "垃圾分类",
    "老旧小区改造",
    "全民健身",
    "非遗保护",
    "消费帮扶",
    "农民工工资",
    "信访维稳",
]
SECTIONS = [
    ("yaowen", "要闻"),
    ("gaoxin", "高新区"),
    ("jingji", "经济"),
    ("shehui", "社会"),
    ("wenhua", "文化"),
    ("tiyu", "体育"),
    ("photos", "图片新闻"),
    ("pinglun", "评论"),
]
PAGE_NAMES = ["要闻", "综合新闻", "经济", "高新区新闻", "社会", "文化", "体育", "图片新闻"]
TEMPLATES = [
    "{month}月{day}日上午，{place}{org}召开{topic}工作会议，对下一阶段工作作出安排。",
    "截至目前，{place}已累计完成{topic}项目{n}个，总投资{m}亿元。",
    "据{org}负责人{person}介绍，今年以来共开展{topic}专项行动{n}次，走访企业{m}家。",
    "{place}把{topic}作为当前的重要任务，成立工作专班，细化责任分工。",
    "记者在{place}看到，{topic}现场秩序井然，工作人员正在有序开展工作。",
    "下一步，{org}将持续推进{topic}，确保各项措施落到实处、见到实效。",
    "{person}说：“{topic}关系群众切身利益，我们一定把好事办好、实事办实。”",
    "活动现场，{n}余名群众参与其中，{place}的{topic}氛围日益浓厚。",
    "{month}月以来，{place}共投入资金{m}万元，用于{topic}和配套设施建设。",
    "会议要求，各部门要齐心协力，把{topic}各项工作抓紧抓实抓细。",
]
HEADLINE_TEMPLATES = [
    "{place}扎实推进{topic}",
    "{place}{topic}取得新进展",
    "{org}部署{topic}工作",
    "{topic}：{place}跑出加速度",
    "{place}召开{topic}推进会",
    "{n}个{topic}项目集中开工",
    "{person}：扎根基层干好{topic}",
]
KICKERS = ["齐心协力 常抓不懈", "聚焦重点 狠抓落实", "学在深处 干在实处", "凝心聚力 攻坚克难", ""]


@cache
def seed_sentences() -> tuple[str, ...]:
    text = "".join(read_lines())
    return tuple(s + "。" for s in re.split(r"。", text) if 12 <= len(s) <= 120)


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def fill(template: str, rng: random.Random) -> str:
    return template.format(
        month=rng.randint(1, 12),
        day=rng.randint(1, 28),
        place=rng.choice(PLACES),
        org=rng.choice(ORGS),
        topic=rng.choice(TOPICS),
        person=person(rng),
        n=rng.randint(2, 300),
        m=rng.randint(2, 900),
    )


def paragraph(rng: random.Random) -> str:
    sentences = []
    for _ in range(rng.randint(2, 5)):
        if rng.random() < 0.5:
            sentences.append(rng.choice(seed_sentences()))
        else:
            sentences.append(fill(rng.choice(TEMPLATES), rng))
    return "".join(sentences)


def headline(rng: random.Random) -> str:
    return fill(rng.choice(HEADLINE_TEMPLATES), rng)[:60]


def kicker(rng: random.Random) -> str:
    return rng.choice(KICKERS)
