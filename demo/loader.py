"""Build the demo edition and the demo accounts. Safe to run again: it only
creates what is missing and never rewrites what is there."""

import datetime
from dataclasses import dataclass, field

import reversion
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from articles.models import Article, ArticlePhoto, Byline, Event, Status
from articles.selectors.versions import article_versions
from articles.services import page_import_confirm
from demo import edition
from demo.images import demo_photo
from demo.seed import SeedItem, parse_seed, seed_text
from media_library.models import Photo
from media_library.renditions import renditions_generate
from paper.models import Issue, Page, PlannedPage, Section
from people.models import Reporter


@dataclass
class Summary:
    created: dict[str, int] = field(default_factory=dict)

    def count(self, label: str, created: bool) -> None:
        self.created[label] = self.created.get(label, 0) + int(created)


def _local(date: datetime.date, time: datetime.time | None = None) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(date, time or datetime.time()))


def _events(article: Article, photo: Photo | None, item: edition.Item, summary: Summary):
    for spec in item.events:
        event, created = Event.objects.get_or_create(
            title=spec.title,
            start=_local(spec.date, spec.time),
            defaults={
                "end": _local(spec.end_date) if spec.end_date else None,
                "all_day": spec.time is None,
                "place": spec.place,
                "organiser": spec.organiser,
                "description": spec.description,
            },
        )
        summary.count("events", created)
        event.articles.add(article)
        if photo is not None:
            event.photos.add(photo)


def _photo(seed: SeedItem, article: Article, summary: Summary) -> Photo:
    item, (caption,) = seed.item, seed.read.photos
    photographer = Reporter.objects.get(name=caption.credits[0].name)
    photo = Photo.objects.filter(title=item.headline, credit_reporter=photographer).first()
    if photo is None:
        event = item.events[0] if item.events else None
        photo = Photo(
            title=item.headline,
            caption=caption.caption,
            alt_text=item.photo_alt,
            credit_reporter=photographer,
            rights="演示用图，由系统生成，可自由使用。",
            taken_at=_local(event.date, event.time) if event and event.time else None,
            taken_place=item.photo_place or (event.place if event else ""),
        )
        name = f"{item.headline}.jpg"
        photo.file.save(name, ContentFile(demo_photo(item.headline), name=name), save=False)
        photo.save()
        summary.count("photos", True)
    ArticlePhoto.objects.get_or_create(article=article, photo=photo, defaults={"position": 0})
    # Ready when loaddemo ends; only missing renditions are made, so a second run writes nothing.
    renditions_generate(photo=photo)
    return photo


def _import_page(page: Page, seeds: list[SeedItem], sections: dict, summary) -> list[Article]:
    """The seed page through the page importer, as the desk would import it.

    Confirmed by the system (no desk account need exist), then published with
    the issue, as the edition was. A page that has its items already (this
    ran before) is left as it is.
    """
    placed = list(page.placements.select_related("article").order_by("position"))
    if placed:
        return [p.article for p in placed]
    for name, kind in edition.REPORTER_KINDS.items():
        _reporter, created = Reporter.objects.get_or_create(name=name, defaults={"kind": kind})
        summary.count("reporters", created)
    reporters_before = Reporter.objects.count()
    text, encoding = seed_text()
    articles = page_import_confirm(
        page=page,
        text=text,
        items=[seed.read for seed in seeds],
        by=None,
        section=sections["gaoxin"],
        photo_section=sections["photos"],
        encoding=encoding,
    )
    Article.objects.filter(pk__in=[a.pk for a in articles]).update(
        status=Status.PUBLISHED, publish_at=page.issue.publish_at
    )
    new = {
        "reporters": Reporter.objects.count() - reporters_before,
        "articles": len(articles),
        "bylines": Byline.objects.filter(article__in=articles).count(),
        "placements": len(articles),
    }
    for label, count in new.items():
        summary.created[label] = summary.created.get(label, 0) + count
    return articles


@transaction.atomic
def load_demo_edition() -> Summary:
    summary = Summary()
    sections = {}
    for position, (slug, (name, description)) in enumerate(edition.SECTIONS.items()):
        sections[slug], created = Section.objects.get_or_create(
            slug=slug, defaults={"name": name, "description": description, "position": position}
        )
        summary.count("sections", created)

    publish_at = _local(edition.ISSUE_DATE, edition.ISSUE_PUBLISH_TIME)
    issue, created = Issue.objects.get_or_create(
        date=edition.ISSUE_DATE,
        defaults={
            "number": edition.ISSUE_NUMBER,
            "publish_at": publish_at,
            "released_at": publish_at,
        },
    )
    summary.count("issues", created)
    page, created = Page.objects.get_or_create(
        issue=issue, number=edition.PAGE_NUMBER, defaults={"name": edition.PAGE_NAME}
    )
    summary.count("pages", created)

    seeds = parse_seed()
    articles = _import_page(page, seeds, sections, summary)
    for seed, article in zip(seeds, articles, strict=True):
        item = seed.item
        if article.section_id != sections[item.section].pk:
            Article.objects.filter(pk=article.pk).update(section=sections[item.section])
        article.tags.add(*item.tags)
        photo = _photo(seed, article, summary) if seed.read.is_photo_news else None
        _events(article, photo, item, summary)
    _keep_first_versions(articles)
    return summary


def _keep_first_versions(articles: list[Article]) -> None:
    """Each demo story's 版本记录 starts with the story as loaded, so the
    form's 第 1 版 is a version the desk can open, compare and restore."""
    for article in Article.objects.filter(pk__in=[a.pk for a in articles]):
        if not article_versions(article).exists():
            with reversion.create_revision():
                reversion.set_comment("载入演示版面")
                reversion.add_to_revision(article)


#: The demo editor is the demo page's editor in charge (责任编辑), on the demo
#: issue and in every weekday's edition plan, so the desk's planning screen and
#: tomorrow's issue show who edits it.
PAGE_EDITOR = "bianji"


@transaction.atomic
def create_demo_accounts() -> list[tuple[str, str, str, bool]]:
    """The demo logins: ``[(role, username, password, created), …]``."""
    User = get_user_model()
    rows = []
    for username, label, group_name, reporter_name, superuser in edition.DEMO_ACCOUNTS:
        password = edition.demo_password(username)
        name = edition.DEMO_NAMES.get(username, label)
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"is_staff": True, "is_superuser": superuser, "first_name": name},
        )
        if user.first_name == label != name:  # named by their role by an older demo
            user.first_name = name
            user.save(update_fields=["first_name"])
        if created:
            user.set_password(password)
            user.save(update_fields=["password"])
            if group_name:
                user.groups.add(Group.objects.get(name=group_name))
        if reporter_name:
            Reporter.objects.filter(name=reporter_name, user__isnull=True).update(user=user)
        if username == PAGE_EDITOR:
            Page.objects.filter(
                issue__date=edition.ISSUE_DATE, number=edition.PAGE_NUMBER, editor__isnull=True
            ).update(editor=user)
            PlannedPage.objects.filter(number=edition.PAGE_NUMBER, editor__isnull=True).update(
                editor=user
            )
        rows.append((label, username, password, created))
    return rows
