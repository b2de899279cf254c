"""Saving, deleting and restoring an article's content, without losing anyone's work.

Every save counts one more ``version``. A save that began from an older
version is refused and names who saved in between: nothing is overwritten,
and the admin's form shows the user's text back beside what the other desk
changed, to be settled field by field (articles.conflicts).
Every save is also kept as a django-reversion revision (who, when, what),
which the admin can compare and restore.
"""

from contextlib import contextmanager

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from reversion.models import Version
from taggit.models import Tag, TaggedItem

from articles import policy, signals
from articles.models import Article, ArticlePhoto, Byline, Transition
from articles.selectors.versions import article_versions, related_versions, version_number
from articles.services._common import announce, lock, quietly, record, revision, touch
from media_library.models import Photo
from people.selectors import user_label

#: What a revision restores: the words and their credits, not the workflow
#: state (status, publish time, issue), which only the workflow services move.
CONTENT_FIELDS = (
    "kind",
    "kicker",
    "headline",
    "subheadline",
    "slug",
    "dateline",
    "summary",
    "body",
    "section",
)
WORKFLOW_ATTNAMES = ("status", "publish_at", "issue_id", "created_by_id")


def stale_message(current: Article) -> str:
    return _(
        "没有保存：%(who)s 在 %(when)s 保存了这篇稿件（第 %(version)s 版），"
        "晚于你打开它的时间。为免覆盖对方的修改，你的这次保存被拒绝了；"
        "下面仍是你填写的内容，一个字也没有丢。请复制你的改动，重新打开稿件后再合并保存。"
    ) % {
        "who": user_label(current.updated_by),
        "when": timezone.localtime(current.updated_at).strftime("%Y-%m-%d %H:%M:%S"),
        "version": version_number(current),
    }


def article_check_version(*, article: Article, expected_version: int) -> Article:
    """Lock the stored article and refuse if it moved on since ``expected_version``."""
    current = lock(article)
    if current.version != expected_version:
        raise ValidationError(stale_message(current), code="stale")
    return current


@transaction.atomic
def article_save(
    *, article: Article, by, expected_version: int | None = None, comment: str = ""
) -> Article:
    """Create or update an article's content (not its workflow state)."""
    if article.pk is None:
        if not by.has_perm("articles.add_article"):
            raise PermissionDenied(_("你没有新建稿件的权限。"))
        article.created_by = by
        article.version = 1
        article.updated_by = by
        article.full_clean()
        # A new article is a draft: nothing readers see, nothing to announce.
        with quietly(), revision(by, comment or _("新建")):
            article.save()
        return article

    current = lock(article)
    policy.check(by, current, "change")
    if expected_version is not None and current.version != expected_version:
        raise ValidationError(stale_message(current), code="stale")
    for attname in WORKFLOW_ATTNAMES:
        setattr(article, attname, getattr(current, attname))
    article.version = current.version
    touch(article, by)
    article.full_clean()
    with announce(signals.article_changed, current, by=by), revision(by, comment or _("修改")):
        article.save()
    return article


@contextmanager
def article_editing(*, article: Article, by):
    """One edit made of several writes (the admin's form, then its inlines and tags).

    Readers' pages hear of it once, when it has all committed, with every
    list it changed; the writes inside are not announced one by one.
    """
    with announce(signals.article_changed, article, by=by):
        yield


@transaction.atomic
def article_delete(*, article: Article, by) -> None:
    article = lock(article)
    policy.check(by, article, "delete")
    article.delete()


@transaction.atomic
def article_restore(
    *, article: Article, version: Version, by, expected_version: int | None = None
) -> Article:
    """Bring back an earlier version's words, bylines, photos and tags, as a new version."""
    current = lock(article)
    policy.check(by, current, "change")
    if expected_version is not None and current.version != expected_version:
        raise ValidationError(stale_message(current), code="stale")
    if not article_versions(current).filter(pk=version.pk).exists():
        raise ValidationError(_("这个版本不属于这篇稿件。"))
    with announce(signals.article_changed, current, by=by):
        _restore(current, version, by)
    return current


def _restore(current: Article, version: Version, by) -> None:
    fields = version.field_dict
    for name in CONTENT_FIELDS:
        attname = Article._meta.get_field(name).attname
        if attname in fields:
            setattr(current, attname, fields[attname])

    bylines = [v.field_dict for v in related_versions(version, Byline)]
    current.bylines.all().delete()
    Byline.objects.bulk_create(
        Byline(
            article=current,
            reporter_id=f["reporter_id"],
            role=f["role"],
            position=f["position"],
        )
        for f in bylines
    )
    photos = [v.field_dict for v in related_versions(version, ArticlePhoto)]
    current.article_photos.all().delete()
    # A photo deleted from the library since then cannot come back with the words.
    existing = set(
        Photo.objects.filter(pk__in=[f["photo_id"] for f in photos]).values_list("pk", flat=True)
    )
    ArticlePhoto.objects.bulk_create(
        ArticlePhoto(article=current, photo_id=f["photo_id"], position=f["position"])
        for f in photos
        if f["photo_id"] in existing
    )

    links = [v.field_dict for v in related_versions(version, TaggedItem)]
    # Versions saved before tag links were kept have none; then, and for a
    # version that had no tags, the current tags stay rather than vanish.
    if links:
        current.tags.set(list(Tag.objects.filter(pk__in=[f["tag_id"] for f in links])))

    saved = timezone.localtime(version.revision.date_created).strftime("%Y-%m-%d %H:%M:%S")
    note = _("恢复到 %(when)s %(who)s 保存的版本") % {
        "when": saved,
        "who": user_label(version.revision.user),
    }
    touch(current, by)
    current.full_clean()
    with revision(by, note):
        current.save()
        # bulk_create sends no signals: add the restored rows to this revision.
        for obj in [*current.bylines.all(), *current.article_photos.all()]:
            reversion.add_to_revision(obj)
    record(
        current,
        by=by,
        action=Transition.Action.RESTORE,
        from_status=current.status,
        note=note,
    )
