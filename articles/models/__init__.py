from articles.models.article import Article, ArticleQuerySet, Kind, Status, live_q
from articles.models.byline import Byline
from articles.models.correction import Correction
from articles.models.event import Event
from articles.models.placement import ArticlePhoto, Placement

__all__ = [
    "Article",
    "ArticlePhoto",
    "ArticleQuerySet",
    "Byline",
    "Correction",
    "Event",
    "Kind",
    "Placement",
    "Status",
    "live_q",
]
