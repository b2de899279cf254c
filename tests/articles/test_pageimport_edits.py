"""The editor's fixes to a proposed split: pure functions, no database."""

from articles.pageimport import read_page
from articles.pageimport.edits import merge_with_next, remove, split_at, toggle_heading

TEXT = (
    "我市启动冬季供暖\n本报讯（记者 王芳）11月15日零时，市区集中供暖正式启动。\n"
    "管网检修完成\n市供热公司提前完成了管网检修。\n"
)


def test_split_at_an_intertitle_makes_it_the_new_items_headline_and_merge_undoes_it():
    (item,) = read_page(TEXT)
    assert item.blocks[1] == ("h2", "管网检修完成")
    items = split_at([item], 0, 1)
    assert [i.headline for i in items] == ["我市启动冬季供暖", "管网检修完成"]
    assert items[1].blocks == [("p", "市供热公司提前完成了管网检修。")]
    merged = merge_with_next(items, 0)
    assert len(merged) == 1 and merged[0].blocks == item.blocks
    assert [c.name for c in merged[0].credits] == ["王芳"]


def test_split_at_a_paragraph_asks_for_a_headline():
    (item,) = read_page(TEXT)
    items = split_at([item], 0, 2)
    assert items[1].headline == "" and items[1].unsure


def test_toggle_and_remove_leave_the_given_list_alone():
    items = read_page(TEXT)
    toggled = toggle_heading(items, 0, 1)
    assert toggled[0].blocks[1] == ("p", "管网检修完成")
    assert items[0].blocks[1] == ("h2", "管网检修完成")
    assert remove(items, 0) == [] and len(items) == 1


def test_out_of_range_fixes_change_nothing():
    items = read_page(TEXT)
    for changed in (
        merge_with_next(items, 0),
        merge_with_next(items, 5),
        split_at(items, 0, 0),
        split_at(items, 3, 1),
        toggle_heading(items, 0, 99),
        remove(items, 9),
    ):
        assert changed == items
