"""RSS and Atom feeds of the latest live articles, for the site and each section.

Everything we put in a feed is plain text - headlines and summaries are
typed, never HTML - but feed readers render some fields as HTML: an RSS
item's ``description``, and its ``title`` too (feedparser, like many
readers, treats an RSS title as HTML once it looks like HTML), and an Atom
``summary``, which Django marks ``type="html"``. Those fields get the text
HTML-escaped, so a reporter's "<script>" is shown, not run (Django's own
default ``item_title`` escapes for the same reason). Atom titles and
subtitles are ``type="text"``: the reader shows them as they are, so they
go out unescaped. Names, categories and dates are text in both formats.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator

from articles import selectors
from paper.models import Section


class LatestRss(Feed):
    language = "zh-CN"
    #: Whether readers take the feed's and items' titles as HTML (see above).
    titles_are_html = True

    def as_title(self, text: str) -> str:
        return escape(text) if self.titles_are_html else text

    def title(self):
        return self.as_title(settings.NEWSROOM_SITE_NAME)

    def link(self):
        return reverse("home")

    def description(self):
        # The RSS channel's description: HTML to a reader, like an item's.
        return escape(f"{settings.NEWSROOM_SITE_NAME}最新稿件")

    def feed_copyright(self):
        return f"{settings.NEWSROOM_SITE_NAME} 版权所有"

    def items(self):
        return selectors.latest_articles()

    def item_title(self, item):
        return self.as_title(item.headline)

    def item_description(self, item):
        # body_text is the body's words with its entities decoded: plain
        # text again, so it is escaped like a summary.
        text = item.summary or Truncator(item.body_text.replace("\n", " ")).chars(160)
        return escape(text)

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
    titles_are_html = False

    def subtitle(self):
        return f"{settings.NEWSROOM_SITE_NAME}最新稿件"


class SectionRss(LatestRss):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj):
        return self.as_title(f"{settings.NEWSROOM_SITE_NAME} · {obj.name}")

    def link(self, obj):
        return obj.get_absolute_url()

    def description(self, obj):
        return escape(self.section_description(obj))

    def section_description(self, obj):
        return obj.description or f"{settings.NEWSROOM_SITE_NAME}{obj.name}栏目最新稿件"

    def items(self, obj):
        return selectors.latest_articles(obj)


class SectionAtom(SectionRss):
    feed_type = Atom1Feed
    titles_are_html = False

    def subtitle(self, obj):
        return self.section_description(obj)
