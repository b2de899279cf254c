"""Who may do what to an article: the object-level rules of the four roles.

Django's model permissions (given to the groups by migrations) say what a
role may do at all; this module says to which articles, in which state. The
admin asks it what to show, the services ask it before they write, so the
two can never disagree.

- 记者 (reporter): sees only articles they created or are bylined on; edits
  them only while draft or returned; submits them; deletes only own drafts.
- 摄影记者 (photographer): sees the articles bylined on them or using their
  photos; changes no article.
- 编辑 (editor): sees everything but other people's drafts; edits submitted
  and approved articles (and their own drafts); returns, approves, places.
- 总编 (chief editor): all that, and publishes, schedules, withdraws,
  releases issues, edits published articles and deletes unpublished ones.

Refusals raise ``PermissionDenied`` (the role may not) or ``ValidationError``
(the role may, but not in this state), each with a message for the user.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from articles.models import Article, ArticlePhoto, Byline, Status
from media_library.rules import photo_missing_errors
from sitecache.queries import ID, Prepared

AUTHOR_STATES = frozenset({Status.DRAFT, Status.RETURNED})
DESK_STATES = frozenset({Status.SUBMITTED, Status.APPROVED})
DELETABLE_BY_CHIEF = frozenset({Status.SUBMITTED, Status.RETURNED, Status.APPROVED})


def is_desk(user) -> bool:
    """Editors and chief editors: they review."""
    return user.has_perm("articles.review_article")


def may_import_page(user) -> bool:
    """Importing a page's text creates drafts, bylines and placements: the desk's work."""
    return user.is_active and all(
        user.has_perm(perm)
        for perm in ("articles.add_article", "articles.add_placement", "people.add_reporter")
    )


def is_chief(user) -> bool:
    return user.has_perm("articles.publish_article")


def authored_ids(user):
    """Ids of the articles the user created or is credited on."""
    return _authored_ids(user.pk)


def _authored_ids(user_id):
    created = Article.objects.filter(created_by_id=user_id).order_by().values("pk")
    credited = Byline.objects.filter(reporter__user_id=user_id).order_by().values("article_id")
    return created.union(credited)


def _photographed_ids(user_id):
    """Ids of the articles that use a photo the user uploaded or is credited for."""
    uses = Q(photo__uploaded_by_id=user_id) | Q(photo__credit_reporter__user_id=user_id)
    return ArticlePhoto.objects.filter(uses).order_by().values("article_id")


def authored_q(user) -> Q:
    """Articles the user created or is credited on."""
    return Q(pk__in=authored_ids(user))


def _sight(user) -> str:
    """Which articles a user sees, by kind: ``none``, ``all``, ``desk``, ``photo``, ``own``."""
    if not user.is_active or not user.has_perm("articles.view_article"):
        return "none"
    if user.is_superuser:
        return "all"
    if is_desk(user):
        return "desk"
    if not user.has_perm("articles.add_article"):
        return "photo"
    return "own"


def _sight_q(sight: str, user_id) -> Q:
    if sight == "none":
        return Q(pk__in=[])
    if sight == "all":
        return Q()
    if sight == "desk":
        # A draft is its author's until filed; the desk sees it from then on.
        return Q(pk__in=_authored_ids(user_id)) | ~Q(status=Status.DRAFT)
    if sight == "photo":
        # The photo desk: sees where its pictures are used.
        return Q(pk__in=_authored_ids(user_id).union(_photographed_ids(user_id)))
    return Q(pk__in=_authored_ids(user_id))


def visible_q(user) -> Q:
    """The articles this user may see in the admin, as a filter.

    A user's own articles are one set of ids, a union of index lookups: as
    an OR of conditions ("created it, or has a byline, or used my photo"),
    PostgreSQL would test every article of the archive for every list a
    reporter opens.
    """
    return _sight_q(_sight(user), user.pk)


def visible_articles(user):
    return Article.objects.filter(visible_q(user))


def is_author(user, article: Article) -> bool:
    if article.created_by_id is not None and article.created_by_id == user.pk:
        return True
    return article.pk is not None and article.bylines.filter(reporter__user=user).exists()


# Every step and every button asks whether the user sees the article: the
# same filter as ``visible_q``, its SQL built once per kind of user (building
# the union cost more than running it).
_SEES = {
    sight: Prepared(
        Article,
        lambda user_id, pk, sight=sight: Article.objects.filter(
            _sight_q(sight, user_id), pk=pk
        ).values_list("pk")[:1],
        ID - 1,
        ID,
    )
    for sight in ("all", "desk", "photo", "own")
}


def can_see(user, article: Article) -> bool:
    sight = _sight(user)
    if article.pk is None or sight == "none":
        return False
    return bool(_SEES[sight].rows(user.pk, article.pk))


def not_visible_reason(user, article: Article) -> str:
    """Why ``user`` may not open ``article``, said without telling them what it is.

    The article exists: "may have been deleted" would send people looking for
    a story that is there, only not theirs.
    """
    if not user.is_active or not user.has_perm("articles.view_article"):
        return _("你没有查看稿件的权限。")
    if is_desk(user) and article.status == Status.DRAFT:
        return _("这是别人尚未提交的草稿：提交审核之前，只有作者本人可以查看。")
    if not user.has_perm("articles.add_article"):
        return _("这篇稿件既没有你的署名，也没有用到你的图片，你无权查看。")
    return _("这篇稿件不是你的：只有作者和署名的记者可以查看。")


def _need(user, perm: str, message: str) -> None:
    if not user.is_active or not user.has_perm(perm):
        raise PermissionDenied(message)


def _state(article: Article, allowed, message: str) -> None:
    if article.status not in allowed:
        raise ValidationError(
            message % {"state": article.get_status_display(), "headline": article.headline}
        )


def check(user, article: Article, action: str) -> None:
    """Raise unless ``user`` may do ``action`` to ``article`` now."""
    rule = RULES.get(action)
    if rule is None:
        raise ValueError(action)
    _need(user, "articles.view_article", _("你没有查看稿件的权限。"))
    if not can_see(user, article):
        raise PermissionDenied(not_visible_reason(user, article))
    rule(user, article)


def allowed(user, article: Article, action: str) -> bool:
    try:
        check(user, article, action)
    except (PermissionDenied, ValidationError):
        return False
    return True


def allowed_actions(user, article: Article, actions) -> set[str]:
    """Which of ``actions`` ``user`` may do to ``article`` now: ``allowed`` for each,
    with whether they may see it at all asked once (a form shows a button per step)."""
    if not user.is_active or not user.has_perm("articles.view_article"):
        return set()
    if not can_see(user, article):
        return set()
    may = set()
    for action in actions:
        try:
            RULES[action](user, article)
        except (PermissionDenied, ValidationError):
            continue
        may.add(action)
    return may


def _check_view(user, article):
    pass


def _check_change(user, article):
    _need(user, "articles.change_article", _("你没有修改稿件的权限。"))
    if user.is_superuser:
        return
    if article.status in AUTHOR_STATES:
        if not is_author(user, article):
            raise PermissionDenied(_("“%(state)s”的稿件只有作者本人可以修改。") % _fmt(article))
    elif article.status in DESK_STATES:
        if not is_desk(user):
            raise ValidationError(
                _("稿件已提交（%(state)s），记者不能再修改；如需修改请编辑退回。") % _fmt(article)
            )
    elif article.status == Status.PUBLISHED:
        if not is_chief(user):
            raise PermissionDenied(_("已签发的稿件只有总编可以修改；更正请用“添加更正”。"))
    else:
        raise ValidationError(_("已撤稿的稿件不能再修改。"))


def _check_delete(user, article):
    _need(user, "articles.delete_article", _("你没有删除稿件的权限。"))
    _state(
        article,
        {Status.DRAFT, *DELETABLE_BY_CHIEF},
        _("“%(state)s”的稿件不能删除；已签发的稿件请撤稿。"),
    )
    if user.is_superuser:
        return
    if article.status == Status.DRAFT:
        if not is_author(user, article):
            raise PermissionDenied(_("只有作者本人可以删除自己的草稿。"))
    elif not is_chief(user):
        raise PermissionDenied(_("已提交的稿件只有总编可以删除。"))


def _check_submit(user, article):
    _need(user, "articles.change_article", _("你没有提交稿件的权限。"))
    _state(article, AUTHOR_STATES, _("只有草稿或退回的稿件可以提交，这篇稿件现在是“%(state)s”。"))
    _check_change(user, article)


def _check_return(user, article):
    _need(user, "articles.review_article", _("只有编辑可以退回稿件。"))
    _state(article, {Status.SUBMITTED}, _("只有待审的稿件可以退回，这篇稿件现在是“%(state)s”。"))


def _check_approve(user, article):
    _need(user, "articles.review_article", _("只有编辑可以审核通过稿件。"))
    _state(article, {Status.SUBMITTED}, _("只有待审的稿件可以通过，这篇稿件现在是“%(state)s”。"))


def _check_place(user, article):
    _need(user, "articles.add_placement", _("只有编辑可以安排版面。"))
    _state(
        article, {Status.APPROVED}, _("只有审核通过的稿件可以上版，这篇稿件现在是“%(state)s”。")
    )


def _check_move(user, article):
    _need(user, "articles.change_placement", _("只有编辑可以调整版面。"))
    _state(
        article,
        {Status.APPROVED, Status.PUBLISHED},
        _("只有审核通过或已签发的稿件可以调整版面，这篇稿件现在是“%(state)s”。"),
    )


def _check_unplace(user, article):
    _need(user, "articles.delete_placement", _("只有编辑可以撤下版面上的稿件。"))
    if article.status == Status.PUBLISHED:
        raise ValidationError(_("已签发的稿件不能撤下版面；如需下线请撤稿。"))


def _check_publish(user, article):
    _need(user, "articles.publish_article", _("只有总编可以签发稿件。"))
    _state(
        article, {Status.APPROVED}, _("只有审核通过的稿件可以签发，这篇稿件现在是“%(state)s”。")
    )
    if article.issue_id and article.issue.released_at is None:
        raise ValidationError(
            _("这篇稿件已安排在%(issue)s，随期次签发；请签发该期，或先撤下版面。")
            % {"issue": article.issue}
        )


def _check_schedule(user, article):
    if article.status == Status.PUBLISHED and article.is_scheduled and not article.issue_id:
        _need(user, "articles.publish_article", _("只有总编可以签发稿件。"))
        return  # moving the time of a scheduled web article
    _check_publish(user, article)


def _check_withdraw(user, article):
    _need(user, "articles.withdraw_article", _("只有总编可以撤稿。"))
    _state(article, {Status.PUBLISHED}, _("只有已签发的稿件可以撤稿，这篇稿件现在是“%(state)s”。"))


def _check_correct(user, article):
    _need(user, "articles.add_correction", _("只有编辑可以添加更正。"))
    _state(article, {Status.PUBLISHED}, _("只有已发表的稿件可以更正，这篇稿件现在是“%(state)s”。"))
    if article.publish_at is None or article.publish_at > timezone.now():
        raise ValidationError(_("稿件尚未上线，直接修改正文即可，无需更正。"))


def _check_request_photo(user, article):
    """Who writes a story (or edits it) may ask the photo desk for a picture for it."""
    _need(user, "articles.add_article", _("只有记者和编辑可以约图。"))
    _state(
        article,
        {Status.DRAFT, Status.RETURNED, Status.SUBMITTED, Status.APPROVED},
        _("“%(state)s”的稿件不能再约图。"),
    )


def _fmt(article):
    return {"state": article.get_status_display(), "headline": article.headline}


#: Each action's own rule, after the common ones (may view, can see) in ``check``.
RULES = {
    "view": _check_view,
    "change": _check_change,
    "delete": _check_delete,
    "submit": _check_submit,
    "return": _check_return,
    "approve": _check_approve,
    "place": _check_place,
    "move": _check_move,
    "unplace": _check_unplace,
    "publish": _check_publish,
    "schedule": _check_schedule,
    "withdraw": _check_withdraw,
    "correct": _check_correct,
    "request_photo": _check_request_photo,
}


# --- Photos the articles use ----------------------------------------------------


def published_using(photo):
    """The published articles (live or scheduled) that show ``photo``."""
    if not photo.pk:
        return Article.objects.none()
    return Article.objects.filter(article_photos__photo=photo, status=Status.PUBLISHED).distinct()


def check_photo_change(user, photo) -> None:
    """Raise ``PermissionDenied`` unless ``user`` may change ``photo`` now.

    Readers see a photo's file, caption, alt text, credit and crop (focal
    point) with every article that shows it. Once such an article is
    published, changing the photo changes the article, so it takes the
    right to change that published article (``_check_change``: the chief
    editor); until then the photo desk describes its photos freely.
    """
    for article in published_using(photo):
        if not allowed(user, article, "change"):
            raise PermissionDenied(
                _(
                    "这张图片用在已签发的稿件《%(headline)s》中，读者看到的就是它；"
                    "图片、说明、署名和焦点只有能修改已签发稿件的总编可以改动，请联系总编。"
                )
                % {"headline": article.headline}
            )


def may_change_photo(user, photo) -> bool:
    try:
        check_photo_change(user, photo)
    except PermissionDenied:
        return False
    return True


def photo_in_use_errors(photo) -> list[str]:
    """The required fields, for a photo already out with a published article.

    (An expired licence is not checked here: it takes the photo off the site
    by itself, and must not stop staff from editing it.)
    """
    if not photo.pk:
        return []
    errors = photo_missing_errors(photo)
    published = Article.objects.filter(article_photos__photo=photo, status=Status.PUBLISHED)
    if not errors or not published.exists():
        return []
    return errors


# --- 约图: photo requests ----------------------------------------------------------


def check_photo_fulfil(user) -> None:
    """约图 are answered by the photo desk (who upload photos but write no
    stories) and the desk; a reporter asks, and does not answer their own."""
    _need(user, "media_library.add_photo", _("你没有上传图片的权限，不能交图。"))
    if user.has_perm("articles.add_article") and not is_desk(user):
        raise PermissionDenied(_("约图由摄影记者和编辑交图。"))
