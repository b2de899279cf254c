"""What the demo edition needs beyond its printed page.

The stories themselves (headings, datelines, credits, paragraphs, photo
captions) are read from the seed text by the page importer, the same code the
desk uses (``articles.pageimport``); this file holds only what a page does
not print but a website needs — each item's section, tags and events, the
demo photos' alt text and place — and the one fix an editor made by hand
after reading the import's notes. The loader checks that every item the
importer reads has its entry here, and every entry an item.
"""

import datetime
from dataclasses import dataclass

SEED_FILE = "000_c9f772b315263b54.txt"

ISSUE_DATE = datetime.date(2021, 11, 25)  # the day after the latest event on the page
ISSUE_NUMBER = 1  # the page does not print its issue number
ISSUE_PUBLISH_TIME = datetime.time(6, 0)
PAGE_NUMBER = 5
PAGE_NAME = "高新区新闻"

SECTIONS = {
    "gaoxin": ("高新区", "高新技术产业开发区的新闻。"),
    "photos": ("图片新闻", "一图一事：本报摄影记者和通讯员的镜头。"),
}

#: Who is who. The page credits people but does not say who is on the staff;
#: 高轶鹏 signs as 本报记者, those credited as 通讯员 are correspondents, and
#: the photographers are treated as one staff photographer (张振成, who gets
#: the demo photographer login) and two correspondents.
REPORTER_KINDS = {
    "高轶鹏": "staff",
    "张振成": "photographer",
}


@dataclass(frozen=True)
class Event:
    title: str
    date: datetime.date
    place: str = ""
    organiser: str = ""
    description: str = ""
    time: datetime.time | None = None  # only when the page gives the hour
    end_date: datetime.date | None = None


@dataclass(frozen=True)
class Item:
    """What the website needs for one item of the page, found by its headline."""

    headline: str
    section: str
    photo_alt: str = ""
    tags: tuple[str, ...] = ()
    events: tuple[Event, ...] = ()
    photo_place: str = ""


def d(month, day):
    return datetime.date(2021, month, day)


ITEMS = (
    Item(
        headline="做强创新主业 做好创新生态",
        section="gaoxin",
        tags=("科技创新", "高质量发展", "人才"),
        events=(
            Event(
                "全市领导干部大会",
                d(11, 1),
                place="平顶山市",
                description="会议强调以学习贯彻省第十一次党代会精神为契机，"
                "加快形成创新高地、构建创新体系。",
            ),
        ),
    ),
    Item(
        headline="高新区安排当前疫情防控工作",
        section="gaoxin",
        tags=("疫情防控", "疫苗接种"),
        events=(
            Event(
                "高新区疫情防控专题会议",
                d(11, 20),
                place="高新区",
                organiser="高新区",
                description="11月20日上午召开，就当前疫情防控工作作出具体安排。",
            ),
        ),
    ),
    Item(
        headline="夜查整治渣土运输车辆",
        section="gaoxin",
        tags=("城市管理", "渣土运输"),
        events=(
            Event(
                "渣土运输车辆夜查整治",
                d(11, 18),
                place="高新区",
                organiser="高新区城管执法局、区特巡警大队、交警大队",
                description="11月18日晚联合检查整治渣土运输车辆，设置卡点3处，排查渣土车20辆。",
            ),
        ),
    ),
    Item(
        headline="冬季健步走",
        section="photos",
        photo_alt="示例图片：进化店镇冬季健步走活动（演示用图，非新闻原图）",
        photo_place="进化店镇",
        tags=("全民健身", "进化店镇"),
        events=(
            Event(
                "进化店镇冬季健步走",
                d(11, 24),
                place="进化店镇",
                organiser="进化店镇",
                description="11月24日中午举办，镇机关工作人员60余人参加。",
            ),
        ),
    ),
    Item(
        headline="成立驻上海招商处",
        section="photos",
        photo_alt="示例图片：高新区驻上海招商处挂牌成立（演示用图，非新闻原图）",
        photo_place="上海",
        tags=("招商引资",),
        events=(
            Event(
                "高新区驻上海招商处挂牌成立",
                d(11, 21),
                place="上海",
                organiser="高新区",
                description="11月21日下午挂牌成立。",
            ),
        ),
    ),
    Item(
        headline="高新区集中部署重点工作",
        section="gaoxin",
        tags=("招商引资", "重点项目", "疫苗接种"),
        events=(
            Event(
                "高新区重点工作部署会议",
                d(11, 15),
                place="高新区",
                organiser="高新区",
                description="11月15日召开，对当前重点工作进行集中部署。",
            ),
        ),
    ),
    Item(
        headline="2000多根竹竿解菜农之急",
        section="gaoxin",
        tags=("乡村振兴", "蔬菜大棚", "进化店镇"),
        events=(
            Event(
                "屈庄村发放大棚竹竿",
                d(11, 17),
                place="进化店镇屈庄村",
                organiser="屈庄村“两委”",
                description="11月17日下午，2000多根从湖北赤壁调运的大棚竹竿运抵屈庄村，"
                "发放到受灾菜农手中。",
            ),
        ),
    ),
    Item(
        headline="高新区认真学习贯彻党的十九届六中全会精神",
        section="gaoxin",
        tags=("学习贯彻党的十九届六中全会精神", "进化店镇"),
        events=(
            Event(
                "高新区党工委理论学习中心组集中学习",
                d(11, 18),
                place="高新区",
                organiser="高新区党工委",
                description="11月18日上午，传达学习贯彻党的十九届六中全会精神。",
            ),
            Event(
                "进化店镇党员学习党的十九届六中全会精神",
                d(11, 14),
                end_date=d(11, 18),
                place="进化店镇",
                organiser="进化店镇",
                description="24个行政村和11个非公企业党支部组织党员学习。",
            ),
            Event(
                "皇台街道党工委（扩大）会议",
                d(11, 15),
                place="皇台街道",
                organiser="皇台街道党工委",
                description="11月15日上午，学习传达党的十九届六中全会精神。",
            ),
        ),
    ),
    Item(
        headline="管理骨干学习全会精神",
        section="photos",
        photo_alt="示例图片：管理骨干学习党的十九届六中全会精神（演示用图，非新闻原图）",
        tags=("学习贯彻党的十九届六中全会精神",),
        events=(
            Event(
                "管理骨干学习全会精神",
                d(11, 22),
                time=datetime.time(9, 0),
                organiser="市中开公司党支部",
                description="11月22日上午9时，组织管理骨干学习党的十九届六中全会精神。",
            ),
        ),
    ),
    Item(
        headline="发放开业补贴",
        section="photos",
        photo_alt="示例图片：开业补贴发放仪式（演示用图，非新闻原图）",
        photo_place="高新火炬园多功能厅",
        tags=("就业创业",),
        events=(
            Event(
                "开业补贴发放仪式",
                d(11, 17),
                place="高新火炬园多功能厅",
                organiser="区人力资源管理局",
                description="11月17日上午，向55个创业群体发放开业补贴27.5万元。",
            ),
        ),
    ),
)

#: Fixes an editor made in the import's preview: ``(headline, printed, mended)``.
#: The layout lost the words after "市中开" (the import flags the gap); the
#: photo's own title says what they were, so the sentence is completed from it.
EDITS = (("管理骨干学习全会精神", "市中开 该公司", "市中开公司组织管理骨干学习全会精神。该公司"),)

DEMO_ACCOUNTS = (
    # (username, role label, group, reporter name, superuser)
    ("admin", "超级管理员", None, None, True),
    ("zongbian", "总编", "总编", None, False),
    ("bianji", "编辑", "编辑", None, False),
    ("gaoyipeng", "记者 高轶鹏", "记者", "高轶鹏", False),
    ("zhangzhencheng", "摄影记者 张振成", "摄影记者", "张振成", False),
)


#: The people behind the demo logins, as the desk and readers name them (a
#: page's 责任编辑): a person's name, never the role's. Those with a byline
#: are named by it.
DEMO_NAMES = {
    "zongbian": "周明远",
    "bianji": "陈静",
    "gaoyipeng": "高轶鹏",
    "zhangzhencheng": "张振成",
}


def demo_password(username: str) -> str:
    return f"{username}-demo-2021"
