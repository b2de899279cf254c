import datetime

import factory
from django.utils import timezone

from articles.models import Article, Byline, Correction, Event, Kind, Placement, Status
from tests.paper.factories import PageFactory, SectionFactory
from tests.people.factories import ReporterFactory


class ArticleFactory(factory.django.DjangoModelFactory):
    """A draft by default; ``live=True`` gives one readers can see."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    kind = Kind.STORY
    headline = factory.Sequence(lambda n: f"新闻标题{n}")
    body = "<p>第一段。</p><p>第二段。</p>"
    section = factory.SubFactory(SectionFactory)
    status = Status.DRAFT

    class Params:
        live = factory.Trait(
            status=Status.PUBLISHED,
            publish_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1)),
        )


class BylineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Byline

    article = factory.SubFactory(ArticleFactory)
    reporter = factory.SubFactory(ReporterFactory)
    role = Byline.Role.REPORTER


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    page = factory.SubFactory(PageFactory)
    article = factory.SubFactory(ArticleFactory)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    title = factory.Sequence(lambda n: f"活动{n}")
    start = factory.LazyFunction(timezone.now)


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correction

    article = factory.SubFactory(ArticleFactory, live=True)
    text = "原稿中的数字有误，已更正。"
