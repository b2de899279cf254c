"""An article's kept versions (django-reversion), for the desk's history screens."""

from django.contrib.contenttypes.models import ContentType
from reversion.models import Version
from taggit.models import TaggedItem

from articles.models import Article


def article_versions(article: Article):
    """The article's kept versions, newest first, with who saved each."""
    return (
        Version.objects.get_for_object(article)
        .select_related("revision__user")
        .order_by("-revision__date_created", "-pk")
    )


def version_number(article: Article) -> int:
    """第 N 版: how many versions of the article are kept, the one number the desk
    shows for it (the form, 版本记录, a refused save).

    Not the ``version`` counter, which only the save lock compares: one admin
    request that saves and submits counts twice but keeps one version, and an
    article loaded without the services has a count and no version kept.
    """
    return article_versions(article).count()


def related_versions(version: Version, model) -> list[Version]:
    """Versions of ``model`` rows (bylines, photos, tag links) saved in the same revision."""
    content_type = ContentType.objects.get_for_model(model)
    if model is TaggedItem:  # a generic link: content type and object id
        article_type = ContentType.objects.get_for_model(Article).pk

        def belongs(fields):
            return (
                fields.get("content_type_id") == article_type
                and str(fields.get("object_id")) == version.object_id
            )
    else:

        def belongs(fields):
            return str(fields.get("article_id")) == version.object_id

    return [
        v
        for v in version.revision.version_set.filter(content_type=content_type)
        if belongs(v.field_dict)
    ]
