"""约图 and 交图: a story asks the photo desk for a picture; the desk answers
with one from the library, and whoever asked is told it arrived."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import policy
from articles.models import Article, Notification, PhotoRequest
from articles.services.notifications import notify
from media_library.models import Photo
from people.selectors import user_label


@transaction.atomic
def photo_request_create(*, article: Article, by, note: str) -> PhotoRequest:
    policy.check(by, article, "request_photo")
    if not note.strip():
        raise ValidationError(_("请写明要拍什么：画面、地点、时间。"))
    request = PhotoRequest(article=article, note=note.strip(), requested_by=by)
    request.full_clean()
    request.save()
    return request


@transaction.atomic
def photo_request_fulfil(*, request: PhotoRequest, photo: Photo, by) -> PhotoRequest:
    """Answer the request with ``photo``; the person who asked hears of it."""
    policy.check_photo_fulfil(by)
    request = PhotoRequest.objects.select_for_update().select_related("article").get(pk=request.pk)
    if not request.is_open:
        raise ValidationError(
            _("这次约图已由%(who)s交过图了。") % {"who": user_label(request.fulfilled_by)}
        )
    request.photo = photo
    request.fulfilled_by = by
    request.fulfilled_at = timezone.now()
    request.save(update_fields=["photo", "fulfilled_by", "fulfilled_at"])
    if request.requested_by_id and request.requested_by_id != by.pk:
        text = _("你为《%(headline)s》约的图到了：%(photo)s（%(who)s）") % {
            "headline": request.article.headline,
            "photo": photo,
            "who": user_label(by),
        }
        notify(
            recipients=[request.requested_by],
            kind=Notification.Kind.PHOTO_ARRIVED,
            text=text,
            article=request.article,
            photo=photo,
        )
    return request
