import factory

from people.models import Reporter


class ReporterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reporter

    name = factory.Sequence(lambda n: f"记者{n}")
    kind = Reporter.Kind.STAFF
