"""Placing approved articles on an issue's pages (版), in print order.

An article belongs to at most one issue (``article.issue``) and may sit on
several of its pages (a front-page teaser and the full story). Positions on
a page are kept as 0, 1, 2 … with no gaps.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from articles import cache_keys, policy, signals
from articles.models import Article, Placement, Transition
from articles.services._common import announce, lock, record, revision, touch
from paper import policy as paper_policy
from paper.models import Page
from sitecache.changes import changed
from sitecache.keys import keys_of


def _lock_page(page: Page) -> Page:
    return Page.objects.select_for_update(of=("self",)).select_related("issue").get(pk=page.pk)


def _arrange(page: Page, placement: Placement | None = None, position: int | None = None):
    """Renumber a page's placements; put ``placement`` at ``position`` if given."""
    others = [p for p in page.placements.order_by("position", "pk") if p != placement]
    if placement is not None:
        index = len(others) if position is None else max(0, min(position, len(others)))
        others.insert(index, placement)
    for index, item in enumerate(others):
        if item.position != index:
            item.position = index
            item.save(update_fields=["position"])
    return others


def _where(page: Page, placement: Placement) -> str:
    return _("%(issue)s %(page)s 第%(n)s条") % {
        "issue": page.issue,
        "page": page,
        "n": placement.position + 1,
    }


def _save(article: Article, by, action) -> None:
    touch(article, by)
    article.full_clean()
    with revision(by, str(Transition.Action(action).label)):
        article.save()


@transaction.atomic
def article_place(*, article: Article, page: Page, by, position: int | None = None) -> Placement:
    """Put an approved article on a page; it then belongs to that page's issue."""
    article, page = lock(article), _lock_page(page)
    policy.check(by, article, "place")
    paper_policy.check_layout(by, page.issue)
    if article.issue_id and article.issue_id != page.issue_id:
        raise ValidationError(
            _("这篇稿件已安排在%(issue)s，请先撤下，再安排到其他期次。") % {"issue": article.issue}
        )
    if page.placements.filter(article=article).exists():
        raise ValidationError(_("这篇稿件已经在%(page)s上了。") % {"page": page})
    article.issue = page.issue
    placement = Placement(page=page, article=article, position=10_000)
    placement.full_clean()
    placement.save()
    _arrange(page, placement, position)
    _save(article, by, Transition.Action.PLACE)
    record(
        article,
        by=by,
        action=Transition.Action.PLACE,
        from_status=article.status,
        note=_where(page, placement),
    )
    return placement


@transaction.atomic
def article_move(
    *, article: Article, page: Page, by, to_page: Page | None = None, position: int | None = None
) -> Placement:
    """Reorder an article on its page, or move it to another page of the same issue."""
    article, page = lock(article), _lock_page(page)
    to_page = _lock_page(to_page) if to_page and to_page.pk != page.pk else page
    policy.check(by, article, "move")
    paper_policy.check_layout(by, page.issue)
    placement = page.placements.filter(article=article).first()
    if placement is None:
        raise ValidationError(_("这篇稿件不在%(page)s上。") % {"page": page})
    if to_page.issue_id != page.issue_id:
        raise ValidationError(_("只能在同一期的版面之间移动；换期请先撤下再安排。"))
    # The order on a page is what its pages show: they change even if nothing joins.
    also = {cache_keys.page(page.pk), cache_keys.page(to_page.pk), cache_keys.issue(page.issue_id)}
    with announce(signals.article_changed, article, by=by, also=also):
        if to_page != page:
            if to_page.placements.filter(article=article).exists():
                raise ValidationError(_("这篇稿件已经在%(page)s上了。") % {"page": to_page})
            placement.page = to_page
            placement.position = 10_000
            placement.save(update_fields=["page", "position"])
            # Its regions were drawn on the old page's image: on the new one
            # they would point at another story.
            if placement.hotspots.all().delete()[0]:
                changed(keys_of(Page, [page.pk]))
            _arrange(page)
        _arrange(to_page, placement, position)
        _save(article, by, Transition.Action.MOVE)
        record(
            article,
            by=by,
            action=Transition.Action.MOVE,
            from_status=article.status,
            note=_where(to_page, placement),
        )
    return placement


@transaction.atomic
def article_unplace(*, article: Article, page: Page, by) -> None:
    """Take an article off a page; off its last page, it no longer belongs to the issue."""
    article, page = lock(article), _lock_page(page)
    policy.check(by, article, "unplace")
    paper_policy.check_layout(by, page.issue)
    deleted, _rows = page.placements.filter(article=article).delete()
    if not deleted:
        raise ValidationError(_("这篇稿件不在%(page)s上。") % {"page": page})
    _arrange(page)
    if not article.placements.exists():
        article.issue = None
    _save(article, by, Transition.Action.UNPLACE)
    record(
        article,
        by=by,
        action=Transition.Action.UNPLACE,
        from_status=article.status,
        note=_("撤下：%(issue)s %(page)s") % {"issue": page.issue, "page": page},
    )
