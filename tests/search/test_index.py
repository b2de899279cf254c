"""The index follows every change to an article's text, in the same transaction."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from taggit.models import Tag

from articles.models import Article, Status
from search.backends import backend_for
from search.indexing import index_missing
from search.models import SearchEntry
from search.segment import parse_query
from search.selectors import matching
from search.signal_handlers import index_after_migrate
from search.weeks import week_of
from tests.articles.factories import ArticleFactory, BylineFactory, CorrectionFactory
from tests.media_library.factories import PhotoFactory
from tests.people.factories import ReporterFactory
from tests.search.helpers import found

pytestmark = pytest.mark.django_db


def everywhere(text):
    """Every state, as the editors' search sees it."""
    return found(text, Article.objects.all())


def test_a_new_article_is_indexed_with_all_its_text():
    article = ArticleFactory(
        kicker="引题里的烟花",
        headline="主题里的竹竿",
        subheadline="副题里的菜农",
        summary="摘要里的冬储",
        body="<p>正文里的大棚</p><h2>小标题里的屈庄村</h2>",
    )
    for word in ["烟花", "竹竿", "菜农", "冬储", "大棚", "屈庄村"]:
        assert everywhere(word) == [article.pk], word


def test_an_edit_replaces_the_old_words():
    article = ArticleFactory(headline="旧标题说竹竿")
    article.headline = "新标题说大棚"
    article.save()
    assert everywhere("竹竿") == []
    assert everywhere("大棚") == [article.pk]


def test_a_status_only_save_leaves_the_index_alone():
    article = ArticleFactory(headline="竹竿")
    before = SearchEntry.objects.get(pk=article.pk).indexed_at
    article.status = Status.SUBMITTED
    article.save(update_fields=["status"])
    assert SearchEntry.objects.get(pk=article.pk).indexed_at == before


def test_the_index_rolls_back_with_the_article():
    article = ArticleFactory(headline="原来的竹竿")
    with pytest.raises(RuntimeError), transaction.atomic():
        article.headline = "改过的大棚"
        article.save()
        assert everywhere("大棚") == [article.pk]  # seen inside the transaction
        raise RuntimeError("the save fails after the article was written")
    assert everywhere("大棚") == []
    assert everywhere("竹竿") == [article.pk]


def test_bylines_added_removed_and_reporters_renamed():
    article = ArticleFactory()
    reporter = ReporterFactory(name="高轶鹏")
    byline = BylineFactory(article=article, reporter=reporter)
    assert everywhere("高轶鹏") == [article.pk]
    reporter.name = "郑喜艳"
    reporter.save()
    assert everywhere("高轶鹏") == []
    assert everywhere("郑喜艳") == [article.pk]
    byline.delete()
    assert everywhere("郑喜艳") == []


def test_tags_added_and_removed():
    article = ArticleFactory()
    article.tags.add("乡村振兴")
    assert everywhere("乡村振兴") == [article.pk]
    tag = Tag.objects.get(name="乡村振兴")
    tag.name = "蔬菜大棚"
    tag.save()
    assert everywhere("蔬菜大棚") == [article.pk]
    article.tags.clear()
    assert everywhere("蔬菜大棚") == []


def test_photo_captions_and_credits_and_corrections():
    article = ArticleFactory()
    photo = PhotoFactory(
        caption="村民认领竹竿", credit_reporter=ReporterFactory(name="张振成"), credit_text=""
    )
    article.photos.add(photo)
    assert everywhere("认领竹竿") == [article.pk]
    assert everywhere("张振成") == [article.pk]
    photo.caption = "修补大棚"
    photo.save()
    assert everywhere("认领竹竿") == []
    assert everywhere("修补大棚") == [article.pk]
    article.photos.remove(photo)
    assert everywhere("修补大棚") == []
    CorrectionFactory(article=article, text="原稿中的亩数有误")
    assert everywhere("亩数") == [article.pk]


def test_deleting_an_article_takes_its_entry_along():
    article = ArticleFactory(headline="竹竿")
    BylineFactory(article=article)
    article.photos.add(PhotoFactory())
    article.tags.add("标签")
    article.delete()
    assert not SearchEntry.objects.exists()


def test_publishing_and_withdrawing_change_what_readers_find_without_reindexing():
    article = ArticleFactory(headline="竹竿")
    assert found("竹竿") == []
    Article.objects.filter(pk=article.pk).update(
        status=Status.PUBLISHED, publish_at=article.created_at
    )
    assert found("竹竿") == [article.pk]
    Article.objects.filter(pk=article.pk).update(status=Status.WITHDRAWN)
    assert found("竹竿") == []


def test_rebuild_restores_a_lost_index(capsys):
    articles = ArticleFactory.create_batch(3, headline="竹竿调运")
    SearchEntry.objects.all().delete()
    out = io.StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "已重建 3 篇" in out.getvalue()
    assert "3/3" in capsys.readouterr().err  # the progress bar
    assert sorted(everywhere("竹竿")) == sorted(a.pk for a in articles)


def test_a_fresh_rebuild_empties_and_rebuilds_with_the_gin_index(capsys):
    article = ArticleFactory(headline="竹竿调运")
    SearchEntry.objects.filter(pk=article.pk).update(vector="'大棚':1A")
    call_command("rebuild_search_index", "--fresh", stdout=io.StringIO())
    assert everywhere("竹竿") == [article.pk]
    assert everywhere("大棚") == []
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = 'search_entry_vector_gin'")
        assert cursor.fetchone()


def test_articles_written_in_bulk_are_indexed_by_index_missing():
    existing = ArticleFactory(headline="已有的")
    Article.objects.bulk_create(
        [ArticleFactory.build(headline="批量导入的竹竿", section=existing.section)]
    )
    assert everywhere("竹竿") == []
    assert index_missing() == 1
    assert len(everywhere("竹竿")) == 1


def test_the_gin_index_holds_the_vector_and_its_week_and_serves_both():
    backend = backend_for(connection)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'search_entry_vector_gin'"
        )
        assert "USING gin (vector, (ARRAY[week]))" in cursor.fetchone()[0]
        # On a tiny table the planner may prefer any other path; take away the
        # generic ones so the plan shows whether the GIN index can serve @@.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = matching(Article.objects.all(), parse_query("竹竿")).explain()
        assert "search_entry_vector_gin" in plan
        # The window's condition on the week, as the selectors write it, is
        # answered by the same index, with the vector's.
        match, match_params = backend.narrow("e.vector", parse_query("竹竿"))
        weeks, weeks_params = backend.in_weeks("e.week", (2900, 2901))
        cursor.execute(
            f"EXPLAIN SELECT e.article_id FROM search_searchentry e WHERE {match} AND {weeks}",
            [*match_params, *weeks_params],
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    (condition,) = [line for line in plan.splitlines() if "Index Cond" in line]
    assert "vector @@" in condition and "ARRAY[week]" in condition, plan


def test_an_entry_keeps_the_week_of_its_publish_time():
    article = ArticleFactory(live=True, headline="竹竿")
    entry = SearchEntry.objects.get(pk=article.pk)
    assert entry.week is not None
    assert entry.week == week_of(article.publish_at) == week_of(entry.published)
    article.publish_at = article.publish_at - datetime.timedelta(days=30)
    article.save()
    assert SearchEntry.objects.get(pk=article.pk).week == week_of(article.publish_at)
    draft = ArticleFactory(headline="草稿竹竿")  # no publish time yet
    assert SearchEntry.objects.get(pk=draft.pk).week is None


def test_after_migrate_the_new_entries_have_statistics():
    # A search picks its way by how common its words are (pg_stats); entries
    # indexed by migrate must not wait for autovacuum, which may be off.
    existing = ArticleFactory(headline="已有的竹竿")
    Article.objects.bulk_create(
        [
            ArticleFactory.build(headline=f"批量导入的竹竿{i}", section=existing.section)
            for i in range(5)
        ]
    )
    index_after_migrate(sender=None, verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text FROM pg_stats"
            " WHERE tablename = 'search_searchentry' AND attname = 'vector'"
        )
        (elements,) = cursor.fetchone()
    assert "竹竿" in elements
