"""Corrections: a dated public note on a published article, never a silent edit."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import policy, signals
from articles.models import Article, Correction, Transition
from articles.services._common import announce, lock, record


@transaction.atomic
def correction_add(
    *, article: Article, by, text: str, published_at: datetime.datetime | None = None
) -> Correction:
    article = lock(article)
    policy.check(by, article, "correct")
    if not text.strip():
        raise ValidationError(_("请填写更正内容。"))
    correction = Correction(
        article=article,
        text=text.strip(),
        published_at=published_at or timezone.now(),
        created_by=by,
    )
    correction.full_clean()
    with announce(signals.article_changed, article, by=by):
        correction.save()
    record(
        article,
        by=by,
        action=Transition.Action.CORRECT,
        from_status=article.status,
        note=correction.text,
    )
    return correction
