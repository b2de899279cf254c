"""The page reader: the seed page item by item, and pages of our own in the
style of city dailies, each with its expected items. No database."""

from pathlib import Path

import pytest

from articles.pageimport import PageTextError, decode_page, read_page
from articles.pageimport.credits import photo_credit, split_credits
from articles.pageimport.items import Credit, PageItem
from articles.pageimport.lines import join_cut_lines, signature
from demo.seed import SEED_PATH

PAGES = Path(__file__).parent / "pages"


def page(name: str) -> list[PageItem]:
    text, _encoding = decode_page((PAGES / name).read_bytes())
    return read_page(text)


def credits(item: PageItem) -> list[tuple[str, str]]:
    return [(c.name, c.role) for c in item.credits]


def photo_credits(item: PageItem) -> list[tuple[str, str]]:
    return [(c.name, c.role) for photo in item.photos for c in photo.credits]


def headings(item: PageItem) -> tuple[str, str, str]:
    return item.kicker, item.headline, item.subheadline


def intertitles(item: PageItem) -> list[str]:
    return [text for tag, text in item.blocks if tag == "h2"]


def body(item: PageItem) -> str:
    return "\n".join(text for _tag, text in item.blocks)


# --- the seed page ------------------------------------------------------------


@pytest.fixture(scope="module")
def seed():
    text, encoding = decode_page(SEED_PATH.read_bytes())
    assert encoding == "UTF-8"
    return read_page(text)


def test_seed_page_has_its_ten_items_in_print_order(seed):
    assert [item.headline for item in seed] == [
        "做强创新主业 做好创新生态",
        "高新区安排当前疫情防控工作",
        "夜查整治渣土运输车辆",
        "冬季健步走",
        "成立驻上海招商处",
        "高新区集中部署重点工作",
        "2000多根竹竿解菜农之急",
        "高新区认真学习贯彻党的十九届六中全会精神",
        "管理骨干学习全会精神",
        "发放开业补贴",
    ]
    assert [item.is_photo_news for item in seed] == [False] * 3 + [True] * 2 + [False] * 3 + [
        True
    ] * 2


def test_seed_feature_kicker_subtitle_intertitles_and_end_signature(seed):
    feature = seed[0]
    assert headings(feature) == (
        "加快形成创新高地 构建创新体系",
        "做强创新主业 做好创新生态",
        "——高新区以科技创新驱动高质量发展综述",
    )
    assert feature.dateline == ""
    assert credits(feature) == [("高轶鹏", "reporter")]
    assert intertitles(feature) == [
        "积极培育创新创造生力军",
        "大力建设研发平台创新载体",
        "对人才格外“高看一眼”",
    ]
    assert len(feature.blocks) == 22
    text = body(feature)
    for joined in ("提质增效工程", "被中国科学院电工研究所授予", "战略科技人才"):
        assert joined in text
    assert "（本报记者" not in text
    # the series line printed under the end signature, above the next story
    assert any("加快形成创新高地" in note for note in feature.mended)
    assert any("属于上一篇" in note for note in seed[1].mended)


def test_seed_dateline_stories_with_reporter_and_correspondent(seed):
    expected = {
        1: ("齐心协力 常抓不懈", "张晓旭", 3),
        2: ("区城管执法局和公安部门", "法源", 3),
        5: ("集中力量抓当前 承前启后谋明年", "王刚", 6),
        6: ("", "郑喜艳", 6),
    }
    for index, (kicker, correspondent, paragraphs) in expected.items():
        item = seed[index]
        assert item.kicker == kicker
        assert item.dateline == "本报讯"
        assert credits(item) == [("高轶鹏", "reporter"), (correspondent, "correspondent")]
        assert len(item.blocks) == paragraphs
        assert not item.photos
        assert not item.blocks[0][1].startswith("本报讯")
    assert seed[1].blocks[0][1].startswith("11月20日上午，高新区召开疫情防控专题会议")
    # one printed line, kicker and headline: split, and said so
    assert any("拆成了引题和主题" in note for note in seed[2].unsure)
    assert "全员招商的工作思路" in body(seed[5])
    assert "解决在基层，把矛盾化解在萌芽状态" in body(seed[5])
    assert "11月6日、7日两天" in body(seed[6])
    assert "在周边买不到所需的大棚竹竿" in body(seed[6])


def test_seed_photo_news_captions_and_credits(seed):
    expected = {
        3: ("11月24日中午，进化店镇举办冬季健步走活动", "郑喜艳", 1),
        4: ("11月21日下午，高新区驻上海招商处挂牌成立", "张振成", 1),
        8: ("11月22日上午9时，市中开", "许丹丹", 1),
        9: ("11月17日上午，区人力资源管理局", "郝森森", 2),
    }
    for index, (start, photographer, paragraphs) in expected.items():
        item = seed[index]
        assert item.blocks == [] and item.credits == [] and item.dateline == ""
        (photo,) = item.photos
        assert photo.caption.startswith(start)
        assert len(photo.caption.split("\n")) == paragraphs
        assert not photo.caption.endswith("摄")
        assert photo_credits(item) == [(photographer, "photographer")]
    assert "上海及周边地区优势产业" in seed[4].photos[0].caption


def test_seed_caption_printed_twice_is_kept_once_and_the_lost_words_flagged(seed):
    story, photo = seed[7], seed[8]
    assert "市中开" not in body(story)
    assert not story.photos
    assert any("管理骨干学习全会精神" in note for note in story.mended)
    assert any("印了两次" in note for note in photo.mended)
    assert any("市中开 该公司" in note for note in photo.unsure)
    assert not any("市中开" in note for note in story.unsure)


def test_seed_headline_printed_last_goes_back_to_its_story(seed):
    story = seed[7]
    assert headings(story) == (
        "学在深处 谋在新处 干在实处",
        "高新区认真学习贯彻党的十九届六中全会精神",
        "",
    )
    assert credits(story) == [("高轶鹏", "reporter")]
    assert story.blocks[0][1].startswith("连日来")
    assert len(story.blocks) == 5
    assert any("学习贯彻党的十九届六中全会精神」是栏目名" in note for note in story.mended)
    assert story.column == "学习贯彻党的十九届六中全会精神"
    assert "column" not in story.to_dict()  # not in the command's JSON
    assert PageItem.from_dict(story.to_state()) == story


def test_seed_json_shape(seed):
    data = seed[3].to_dict()
    assert list(data) == [
        "kicker",
        "headline",
        "subheadline",
        "dateline",
        "credits",
        "blocks",
        "photos",
        "mended",
        "unsure",
    ]
    assert data["photos"][0]["credits"] == [{"name": "郑喜艳", "role": "photographer"}]
    assert PageItem.from_dict(data) == seed[3]


# --- pages of our own --------------------------------------------------------


def test_front_page_lead_and_short_items():
    items = page("front.txt")
    assert [headings(i) for i in items] == [
        ("全市经济运行稳中有进", "前三季度地区生产总值同比增长6.8%", ""),
        ("", "我市新增3所公办幼儿园", ""),
        ("", "全国冬小麦播种基本结束", ""),
        ("市民热线", "一周受理诉求1.2万件", ""),
    ]
    lead, kindergarten, wheat, hotline = items
    # full-width indents, several names per role, 、 between names
    assert credits(lead) == [
        ("李明", "reporter"),
        ("王芳", "reporter"),
        ("赵强", "correspondent"),
        ("孙丽", "correspondent"),
    ]
    assert len(lead.blocks) == 3 and lead.blocks[0][1].startswith("10月28日")
    # no dateline, a half-width bracketed end signature （X）
    assert kindergarten.dateline == "" and credits(kindergarten) == [("陈静", "reporter")]
    assert len(kindergarten.blocks) == 2
    assert wheat.dateline == "新华社北京11月2日电" and credits(wheat) == [("周洁", "reporter")]
    assert wheat.blocks[0][1].startswith("记者从农业农村部获悉")
    # half-width brackets and spaces around the dateline's credits
    assert hotline.dateline == "本报讯" and credits(hotline) == [("吴敏", "correspondent")]
    assert hotline.blocks == [
        ("p", "上周，12345市民服务热线共受理群众诉求1.2万件，按时办结率98.6%。")
    ]
    assert hotline.unsure  # a one-line headline split in two is for the editor to confirm
    assert not any(i.unsure for i in items[:3])


def test_photo_page():
    items = page("photos.txt")
    assert [i.headline for i in items] == [
        "银杏叶黄 游人如织",
        "社区义诊进小区",
        "消防演练",
        "秋收时节农机忙",
    ]
    ginkgo, clinic, drill, harvest = items
    assert ginkgo.is_photo_news and photo_credits(ginkgo) == [("张振成", "photographer")]
    assert ginkgo.photos[0].caption.endswith("不少市民前来拍照游玩。")
    # 通讯员 X 摄; the caption printed twice is kept once
    assert photo_credits(clinic) == [("郑喜艳", "photographer")]
    assert clinic.photos[0].caption.count("11月5日上午") == 1
    assert any("印了两次" in note for note in clinic.mended)
    # two paragraphs of caption, two photographers joined by 、
    assert drill.photos[0].caption.split("\n")[1].startswith("演练结束后")
    assert photo_credits(drill) == [("王磊", "photographer"), ("刘洋", "photographer")]
    # （X/文 Y/图）
    assert credits(harvest) == [("李华", "writer"), ("张振成", "photographer")]
    assert len(harvest.blocks) == 1


def test_feature_page_with_banner_intertitles_photo_and_end_signature():
    (feature,) = page("feature.txt")
    assert headings(feature) == ("", "一条老街的新生", "——湛河区南环路改造记")
    assert intertitles(feature) == ["拆墙透绿腾空间", "管网入地保安全", "商户回流人气旺"]
    assert credits(feature) == [("高轶鹏", "reporter"), ("周洁", "correspondent")]
    assert any("走基层" in note for note in feature.mended)
    assert feature.column == "走基层"
    (photo,) = feature.photos
    assert photo.caption == "图为改造后的南环路。"
    assert photo_credits(feature) == [("高轶鹏", "photographer")]
    assert "图为" not in body(feature)
    assert len(feature.blocks) == 9


def test_page_with_many_cut_lines():
    heating, housing = page("cuts.txt")
    assert [text for _tag, text in heating.blocks] == [
        "11月15日零时，市区集中供暖正式启动，供暖面积达3200万平方米，较去年新增180万平方米。",
        "市供热公司提前完成了管网检修和设备调试，对老旧小区的供热管道进行了更换，"
        "确保居民按时用上“暖气”。",
        "据了解，今年供暖期为11月15日至次年3月15日，如遇极端天气将适时延长。",
    ]
    assert len(heating.mended) == 4 and not heating.unsure
    assert credits(heating) == [("王芳", "reporter"), ("赵强", "correspondent")]
    assert "加装电梯和完善停车设施等" in body(housing)
    # "记者高轶鹏王刚": two names run together cannot be told apart; say so
    assert credits(housing) == [("高轶鹏王刚", "reporter")]
    assert any("高轶鹏王刚" in note for note in housing.unsure)


def test_page_exported_as_gb18030():
    data = (PAGES / "gb18030.txt").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text, encoding = decode_page(data)
    assert encoding == "GB18030"  # 张䶮's name is outside GBK
    (item,) = read_page(text)
    assert item.headline == "鲁山县举办农民丰收节"
    assert credits(item) == [("李明", "reporter"), ("张䶮", "correspondent")]
    assert len(item.blocks) == 2


def test_encodings_are_detected_and_named():
    text = "标题\n\n本报讯（记者 李明）正文。\n"
    assert decode_page(text.encode("utf-8")) == (text, "UTF-8")
    assert decode_page(b"\xef\xbb\xbf" + text.encode("utf-8")) == (text, "UTF-8（带 BOM）")
    assert decode_page(text.encode("gbk")) == (text, "GBK")
    assert decode_page(text.encode("utf-16")) == (text, "UTF-16")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "空的"),
        (b"  \n\n ", "空的"),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG 图片"),
        (b"\xff\xd8\xff\xe0" + bytes(100), "JPEG 图片"),
        (b"%PDF-1.7\n", "PDF"),
        (b"abc\x00\x01\x02def", "二进制"),
        (b"\x80\x81\xff\xfe" * 3, "无法识别文字编码"),
        ("标题".encode() * 300_000, "文件太大"),
        (b"just some english text\n", "没有汉字"),
    ],
)
def test_bad_input_is_refused_with_a_chinese_message(data, message):
    with pytest.raises(PageTextError, match=message):
        decode_page(data)


# --- the small functions ------------------------------------------------------


def test_credit_forms():
    assert split_credits("记者高轶鹏 通讯员张晓旭", default_role="reporter") == (
        [Credit("高轶鹏", "reporter"), Credit("张晓旭", "correspondent")],
        [],
    )
    assert split_credits("本报记者 高轶鹏", default_role="reporter")[0] == [
        Credit("高轶鹏", "reporter")
    ]
    assert split_credits("文/张三 图/李四", default_role="reporter")[0] == [
        Credit("张三", "writer"),
        Credit("李四", "photographer"),
    ]
    assert split_credits("采用固体冷光源的新工艺", default_role="reporter") is None
    assert photo_credit("图为现场。本报记者 高轶鹏 摄") == (
        "图为现场。",
        [Credit("高轶鹏", "photographer")],
        [],
    )
    assert photo_credit("活动现场 郑喜艳 摄")[:2] == (
        "活动现场",
        [Credit("郑喜艳", "photographer")],
    )
    assert photo_credit("（通讯员 张三 摄）")[1] == [Credit("张三", "photographer")]
    assert photo_credit("他说这张照片要好好拍摄") is None


def test_cut_lines_are_joined_but_finished_paragraphs_and_headings_are_not():
    cut = "华拓电力装备集团投入销售额的5%作为研发费用，被中国科"
    lines, notes = join_cut_lines([cut, "学院电工研究所授予。", "小标题", "下一段。"])
    assert lines == [cut + "学院电工研究所授予。", "小标题", "下一段。"]
    assert [kind for _index, kind, _note in notes] == ["mended"]
    # a short line without punctuation is a heading, not a cut
    assert join_cut_lines(["被中国科", "学院。"])[0] == ["被中国科", "学院。"]


def wrapped(text: str, width: int) -> str:
    """The text as a layout system exports a column: broken every ``width`` characters."""
    lines = []
    for line in text.splitlines():
        line = line.strip()
        lines += [line[i : i + width] for i in range(0, len(line), width)] or [""]
    return "\n".join(lines)


@pytest.mark.parametrize("name", ["front.txt", "photos.txt", "feature.txt", "cuts.txt"])
@pytest.mark.parametrize("width", [18, 24])
def test_a_page_broken_at_the_column_width_reads_as_the_same_items(name, width):
    text = (PAGES / name).read_text(encoding="utf-8")
    fields = lambda i: (i.kicker, i.headline, i.subheadline, i.credits, i.blocks, i.photos)  # noqa: E731
    assert [fields(i) for i in read_page(wrapped(text, width))] == [
        fields(i) for i in read_page(text)
    ]


def test_a_full_line_ending_a_sentence_is_joined_but_flagged():
    head = "市供热公司提前完成了管网检修和设备调试。"  # exactly the column's width
    rest = ["对老旧小区的供热管道进行了更换，确保居", "民按时用上暖气。"]
    body = [head[:10] + "，" + head[10:19], head, *rest] * 3
    lines, notes = join_cut_lines(body)
    assert len(lines) == 3
    assert any(kind == "unsure" and "排满一整行" in note for _i, kind, note in notes)


def test_more_credit_lines_city_dailies_print():
    assert signature("■本报记者 高轶鹏")[0] == [Credit("高轶鹏", "reporter")]
    assert signature("（记者 王芳 文/图）")[0] == [
        Credit("王芳", "reporter"),
        Credit("王芳", "photographer"),
    ]
    assert signature("本报记者 高轶鹏 摄影报道")[0] == [
        Credit("高轶鹏", "reporter"),
        Credit("高轶鹏", "photographer"),
    ]
    # sentences and asides are not credits
    assert signature("记者从农业农村部获悉") is None
    assert signature("（采用固体冷光源）") is None
