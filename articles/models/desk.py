"""Desk views of articles: the same rows, listed for one job each in the admin."""

from django.utils.translation import gettext_lazy as _

from articles.models.article import Article


class ReviewQueueArticle(Article):
    """Submitted articles waiting for an editor, oldest first."""

    class Meta:
        proxy = True
        verbose_name = _("待审稿件")
        verbose_name_plural = _("待审稿件")


class MyStory(Article):
    """A reporter's own articles, with their state and the editor's notes."""

    class Meta:
        proxy = True
        verbose_name = _("我的稿件")
        verbose_name_plural = _("我的稿件")


class ScheduledArticle(Article):
    """What goes live when: signed-off articles whose time has not come."""

    class Meta:
        proxy = True
        verbose_name = _("上线安排")
        verbose_name_plural = _("上线安排")
