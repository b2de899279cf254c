"""Which models django-reversion keeps versions of.

An article's version carries its bylines, photos and placements with it, so
a revision shows (and restores) the article as it stood, credits included.
"""

import reversion


def register_models() -> None:
    from articles.models import Article, ArticlePhoto, Byline, Placement

    for model in (Byline, ArticlePhoto, Placement):
        if not reversion.is_registered(model):
            reversion.register(model)
    if not reversion.is_registered(Article):
        reversion.register(Article, follow=("bylines", "article_photos", "placements"))
