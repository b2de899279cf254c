"""When a photo may appear in print and on the site.

``photo_publishable_errors(photo)`` is the one rule, for the editorial
workflow to call before an article goes out (approve, schedule, publish,
issue release): an empty list means the photo may be published with it::

    from media_library.rules import photo_publishable_errors

    problems = [e for p in article.photos.all() for e in photo_publishable_errors(p)]
    if problems:
        raise ValidationError(problems)

The articles that use a photo enforce the same rule on it: a photo already
used by a published (or scheduled) article cannot lose its title, caption,
alt text or credit (``articles.policy.photo_in_use_errors``), and the admin
flags photos that are not ready.
"""

from django.utils.translation import gettext as _


def _label(photo) -> str:
    return photo.title.strip() or _("图片 %(pk)s") % {"pk": photo.pk}


def photo_missing_errors(photo) -> list[str]:
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
    errors = photo_missing_errors(photo)
    if photo.usage_expired:
        errors.append(
            _("图片《%(photo)s》的使用期限已于 %(date)s 到期，不能再发布。")
            % {"photo": _label(photo), "date": photo.usage_expires.isoformat()}
        )
    return errors
