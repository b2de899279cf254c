"""RSS and Atom feeds of the latest live articles, for the site and each section."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator

from articles import selectors
from paper.models import Section


class LatestRss(Feed):
    language = "zh-CN"

    def title(self):
        return settings.NEWSROOM_SITE_NAME

    def link(self):
        return reverse("home")

    def description(self):
        return f"{settings.NEWSROOM_SITE_NAME}最新稿件"

    def feed_copyright(self):
        return f"{settings.NEWSROOM_SITE_NAME} 版权所有"

    def items(self):
        return selectors.latest_articles()

    def item_title(self, item):
        return item.headline

    def item_description(self, item):
        return item.summary or Truncator(item.body_text.replace("\n", " ")).chars(160)

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        names = [byline.reporter.name for byline in selectors.bylines_of(item)]
        return "、".join(dict.fromkeys(names)) or None

    def item_categories(self, item):
        return [item.section.name, *(tag.name for tag in item.tags.all())]


class LatestAtom(LatestRss):
    feed_type = Atom1Feed

    def subtitle(self):
        return self.description()


class SectionRss(LatestRss):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj):
        return f"{settings.NEWSROOM_SITE_NAME} · {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return obj.description or f"{settings.NEWSROOM_SITE_NAME}{obj.name}栏目最新稿件"

    def items(self, obj):
        return selectors.latest_articles(obj)


class SectionAtom(SectionRss):
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)
