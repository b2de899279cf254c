"""Which models django-reversion keeps versions of.

An article's version carries its bylines, photos, placements and tag links
with it, so a revision shows (and restores) the article as it stood, credits
and tags included.
"""

import reversion
from taggit.models import TaggedItem

from articles.models import Article, ArticlePhoto, Byline, Placement

#: What an article's version carries with it.
FOLLOWED = ("bylines", "article_photos", "placements", "tag_links")


def register_models() -> None:
    for model in (Byline, ArticlePhoto, Placement, TaggedItem):
        if not reversion.is_registered(model):
            reversion.register(model)
    if not reversion.is_registered(Article):
        reversion.register(Article, follow=FOLLOWED)
