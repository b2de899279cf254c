"""Sitemaps for search engines: only what readers can open, through the selectors."""

import datetime

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.utils import timezone

from articles import cache_keys, selectors
from articles.models import Article, Event
from paper.models import Issue, Section
from people import selectors as people_selectors
from sitecache.keys import shows


class SectionSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.8

    def items(self):
        return Section.objects.all()


class IssueSitemap(Sitemap):
    changefreq = "never"
    priority = 0.6

    def items(self):
        shows(cache_keys.ISSUES)
        return Issue.objects.released().order_by("-date")

    def lastmod(self, issue):
        return issue.publish_at

    def get_latest_lastmod(self):
        # The sitemap index asks for this; Django's own calls lastmod() on
        # every item: the whole archive, in Python.
        return self.items().order_by().aggregate(latest=Max("publish_at"))["latest"]


class ArticleSitemap(Sitemap):
    limit = 5000

    def items(self):
        shows(cache_keys.LATEST)
        return (
            Article.objects.live().only("pk", "slug", "updated_at").order_by("-publish_at", "-pk")
        )

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        # As for issues: one aggregate, not 58,000 articles read (0.5 s).
        return self.items().order_by().aggregate(latest=Max("updated_at"))["latest"]


class ReporterSitemap(Sitemap):
    priority = 0.4

    def items(self):
        return people_selectors.reporters_with_work().only("pk", "slug").order_by("name", "pk")


class EventSitemap(Sitemap):
    priority = 0.4

    def items(self):
        shows(cache_keys.EVENTS)
        return Event.objects.public().only("pk", "slug").order_by("-start", "-pk")


class NewsSitemap(Sitemap):
    """Google News: articles of the last two days (``sitemaps/news.xml``)."""

    limit = 1000

    def items(self):
        return selectors.articles_since(timezone.now() - datetime.timedelta(days=2))


SITEMAPS = {
    "sections": SectionSitemap,
    "issues": IssueSitemap,
    "articles": ArticleSitemap,
    "reporters": ReporterSitemap,
    "events": EventSitemap,
}
