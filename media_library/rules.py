"""When a photo may appear in print and on the site.

``photo_publishable_errors(photo)`` is the one rule, for the editorial
workflow to call before an article goes out (approve, schedule, publish,
issue release): an empty list means the photo may be published with it::

    from media_library.rules import photo_publishable_errors

    problems = [e for p in article.photos.all() for e in photo_publishable_errors(p)]
    if problems:
        raise ValidationError(problems)

The library enforces the same rule itself wherever it can without the
workflow: a photo already used by a published (or scheduled) article cannot
lose its title, caption, alt text or credit (``Photo.clean``), and the admin
flags photos that are not ready.
"""

from django.utils.translation import gettext as _


def _label(photo) -> str:
    return photo.title.strip() or _("图片 %(pk)s") % {"pk": photo.pk}


def _missing_fields(photo) -> list[str]:
    errors = []
    missing = [
        name
        for name, value in (
            (_("标题"), photo.title),
            (_("图片说明"), photo.caption),
            (_("替代文字"), photo.alt_text),
        )
        if not value.strip()
    ]
    if not (photo.credit_reporter_id or photo.credit_text.strip()):
        missing.append(_("署名（摄影记者或来源）"))
    if missing:
        errors.append(
            _("图片《%(photo)s》缺少%(fields)s，补齐后才能随稿件发布。")
            % {"photo": _label(photo), "fields": "、".join(missing)}
        )
    return errors


def photo_publishable_errors(photo) -> list[str]:
    """What must be fixed before the photo can be published with an article."""
    errors = _missing_fields(photo)
    if photo.usage_expired:
        errors.append(
            _("图片《%(photo)s》的使用期限已于 %(date)s 到期，不能再发布。")
            % {"photo": _label(photo), "date": photo.usage_expires.isoformat()}
        )
    return errors


def published_articles_using(photo):
    """Articles using the photo that are published, live or scheduled."""
    from articles.models import Article, Status

    if not photo.pk:
        return Article.objects.none()
    return Article.objects.filter(article_photos__photo=photo, status=Status.PUBLISHED)


def photo_in_use_errors(photo) -> list[str]:
    """The required fields, for a photo already out with a published article.

    (An expired licence is not checked here: it takes the photo off the site
    by itself, and must not stop staff from editing it.)
    """
    if not photo.pk:
        return []
    errors = _missing_fields(photo)
    if not errors or not published_articles_using(photo).exists():
        return []
    return errors
