import datetime

import factory
from django.utils import timezone

from paper.models import Issue, Page, Section


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"栏目{n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class IssueFactory(factory.django.DjangoModelFactory):
    """A released issue that went live an hour ago, unless told otherwise."""

    class Meta:
        model = Issue

    date = factory.Sequence(lambda n: datetime.date(2020, 1, 1) + datetime.timedelta(days=n))
    number = factory.Sequence(lambda n: 1000 + n)
    publish_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))
    released_at = factory.LazyAttribute(lambda o: o.publish_at)

    class Params:
        unreleased = factory.Trait(released_at=None)


class PageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Page

    issue = factory.SubFactory(IssueFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"版面{n}")
