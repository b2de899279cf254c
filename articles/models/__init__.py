from articles.models.article import (
    Article,
    ArticleQuerySet,
    Kind,
    Status,
    live_q,
    scheduled_q,
)
from articles.models.byline import Byline
from articles.models.correction import Correction
from articles.models.desk import MyStory, ReviewQueueArticle, ScheduledArticle
from articles.models.event import Event
from articles.models.hotspot import Hotspot
from articles.models.notification import Notification
from articles.models.pageimport import PageImport
from articles.models.photo_request import PhotoRequest
from articles.models.placement import ArticlePhoto, Placement, public_photos
from articles.models.transition import Transition

__all__ = [
    "Article",
    "ArticlePhoto",
    "ArticleQuerySet",
    "Byline",
    "Correction",
    "Event",
    "Hotspot",
    "Kind",
    "MyStory",
    "Notification",
    "PageImport",
    "PhotoRequest",
    "Placement",
    "ReviewQueueArticle",
    "ScheduledArticle",
    "Status",
    "Transition",
    "live_q",
    "public_photos",
    "scheduled_q",
]
