"""Confirming a page import: the items an editor checked become drafts on the page.

One transaction: every item is created (article, bylines, placement, a log
entry saying who confirmed the import) or nothing is. The text's digest is
kept (``PageImport``) so the same page's text is never imported twice.
"""

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from articles import policy
from articles.body import from_blocks
from articles.models import Article, Byline, Kind, PageImport, Placement, Status, Transition
from articles.pageimport import PageItem
from articles.pageimport.items import ROLES
from articles.pageimport.lines import tidy
from articles.services._common import quietly, record, revision
from articles.services.placement import article_unplace
from paper import policy as paper_policy
from paper.models import Page, Section
from people.models import Reporter
from people.selectors import user_label

ADD, REPLACE = "add", "replace"


def text_digest(text: str) -> str:
    """The same page's text, however it was spaced or encoded, has one digest."""
    return hashlib.sha256("\n".join(tidy(text)).encode("utf-8")).hexdigest()


def check_import(user, page: Page) -> None:
    """Editors and chief editors import pages; reporters and photographers do not."""
    if not policy.may_import_page(user):
        raise PermissionDenied(_("只有编辑和总编可以导入版面文本。"))
    paper_policy.check_layout(user, page.issue)


def previous_import(text: str) -> PageImport | None:
    return (
        PageImport.objects.select_related("page__issue", "by")
        .filter(digest=text_digest(text))
        .first()
    )


def duplicate_message(done: PageImport) -> str:
    return _("这份版面文本已在 %(when)s 由 %(who)s 导入到%(issue)s %(page)s，不能重复导入。") % {
        "when": timezone.localtime(done.at).strftime("%Y-%m-%d %H:%M"),
        "who": user_label(done.by),
        "issue": done.page.issue,
        "page": done.page,
    }


def sections_for(page: Page) -> tuple[Section | None, Section | None]:
    """The usual sections for a page's stories and its photo news: by the page's name."""
    sections = list(Section.objects.order_by("position", "pk"))
    story = next((s for s in sections if s.name in page.name or page.name in s.name), None)
    photo = next((s for s in sections if s.name == "图片新闻"), None)
    story = story or (sections[0] if sections else None)
    return story, photo or story


def _problems(items: list[PageItem]) -> list[str]:
    problems = []
    if not items:
        problems.append(_("没有可以导入的稿件。"))
    for number, item in enumerate(items, start=1):
        if not item.headline.strip():
            problems.append(_("第 %(n)s 条没有主题，请补上或与相邻的稿件合并。") % {"n": number})
        if not (item.blocks or item.photos):
            problems.append(
                _("第 %(n)s 条「%(h)s」没有正文。") % {"n": number, "h": item.headline}
            )
        for credit in [*item.credits, *(c for p in item.photos for c in p.credits)]:
            if credit.role not in ROLES or not credit.name.strip() or len(credit.name) > 40:
                problems.append(
                    _("第 %(n)s 条的署名「%(name)s」不对，请检查姓名和身份。")
                    % {"n": number, "name": credit.name}
                )
    return problems


def _reporter(name: str, role: str) -> Reporter:
    """An existing reporter of that name, or a new contributor."""
    found = Reporter.objects.filter(name=name).order_by("pk").first()
    if found:
        return found
    kind = Reporter.Kind.STAFF if role == Byline.Role.REPORTER else Reporter.Kind.CORRESPONDENT
    reporter = Reporter(name=name, kind=kind)
    reporter.full_clean()
    reporter.save()
    return reporter


def _body(item: PageItem) -> str:
    if item.is_photo_news:
        # Photo news is read as its caption; the picture comes from the photo desk.
        return from_blocks([("p", line) for line in item.photos[0].caption.split("\n") if line])
    return from_blocks(item.blocks)


def _note(item: PageItem, by) -> str:
    note = _("来自版面导入，由 %(who)s 确认。") % {"who": user_label(by)}
    if not item.is_photo_news:
        for photo in item.photos:
            note += _("版面上的图片说明：%(caption)s") % {"caption": photo.caption}
    return note


def _create(item: PageItem, *, page: Page, position: int, section, by) -> Article:
    article = Article(
        kind=Kind.PHOTO if item.is_photo_news else Kind.STORY,
        kicker=item.kicker.strip(),
        headline=item.headline.strip(),
        subheadline=item.subheadline.strip(),
        dateline=item.dateline.strip(),
        body=_body(item),
        section=section,
        status=Status.DRAFT,
        issue=page.issue,
        created_by=by,
        updated_by=by,
    )
    article.full_clean()
    article.save()
    seen = set()
    credits = [*item.credits, *(c for p in item.photos for c in p.credits)]
    for credit in credits:
        reporter = _reporter(credit.name.strip(), credit.role)
        if (reporter.pk, credit.role) in seen:
            continue
        seen.add((reporter.pk, credit.role))
        Byline.objects.create(
            article=article, reporter=reporter, role=credit.role, position=len(seen) - 1
        )
    placement = Placement(page=page, article=article, position=position)
    placement.full_clean()
    placement.save()
    if item.column.strip():
        article.tags.add(item.column.strip()[:100])
    return article


@transaction.atomic
def page_import_confirm(
    *,
    page: Page,
    text: str,
    items: list[PageItem],
    by,
    section: Section,
    photo_section: Section | None = None,
    mode: str | None = None,
    encoding: str = "",
) -> list[Article]:
    """Create ``items`` as drafts on ``page`` in print order; all or nothing.

    ``by`` confirms the import and must be allowed to (editors, chief
    editors); ``None`` is the system itself, for the demo edition.

    A page that already has items needs a ``mode``: ``add`` puts the import
    after them, ``replace`` first takes the page's drafts off it (they stay in
    the desk's lists; nothing is deleted). Submitted, approved and published
    items are never moved by an import.
    """
    page = Page.objects.select_for_update(of=("self",)).select_related("issue").get(pk=page.pk)
    if by is not None:  # None: the system itself (loaddemo), which needs no permission
        check_import(by, page)
    if done := previous_import(text):
        raise ValidationError(duplicate_message(done))
    if problems := _problems(items):
        raise ValidationError(problems)
    existing = list(page.placements.select_related("article").order_by("position", "pk"))
    if existing and mode not in (ADD, REPLACE):
        raise ValidationError(
            _("%(page)s 已有 %(n)s 条稿件：请选择把导入的稿件追加在后面，或替换版面上的草稿。")
            % {"page": page, "n": len(existing)}
        )
    if mode == REPLACE:
        for placement in existing:
            if placement.article.status == Status.DRAFT:
                article_unplace(article=placement.article, page=page, by=by)
    start = page.placements.count()
    articles = []
    with quietly():  # drafts: readers see nothing change
        for offset, item in enumerate(items):
            target = photo_section if (item.is_photo_news and photo_section) else section
            with revision(by, str(Transition.Action.IMPORT.label)):
                article = _create(item, page=page, position=start + offset, section=target, by=by)
            record(
                article,
                by=by,
                action=Transition.Action.IMPORT,
                from_status=Status.DRAFT,
                note=_note(item, by),
            )
            articles.append(article)
    try:
        with transaction.atomic():
            PageImport.objects.create(
                page=page, digest=text_digest(text), encoding=encoding, items=len(items), by=by
            )
    except IntegrityError as error:  # the same text confirmed at the same moment elsewhere
        raise ValidationError(duplicate_message(previous_import(text))) from error
    return articles
