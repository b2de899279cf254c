"""Build a realistic archive for benchmarks: years of daily issues, bulk-inserted.

Defaults give 5 years of daily issues, 8 pages each, 4 articles a page
(over 58,000 articles) with bylines, tags, photos, placements and events,
in a few minutes: rows go in with ``bulk_create`` a month of issues at a
time, and photo rows share a small pool of real image files.
"""

import datetime
import hashlib
import io
import random
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw
from taggit.models import Tag, TaggedItem

from articles.body import from_blocks
from articles.models import Article, ArticlePhoto, Byline, Event, Kind, Placement, Status
from bench import text
from media_library.models import Photo
from paper.models import Issue, Page, Section
from people.models import Reporter

Progress = Callable[[int, int], None]


def random_image(rng: random.Random, size: tuple[int, int] = (1200, 800)) -> bytes:
    """A JPEG of coloured shapes: real pixels for renditions to work on."""
    width, height = size
    image = Image.new("RGB", size, tuple(rng.randint(40, 200) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _ in range(12):
        x, y = rng.randint(0, width - 100), rng.randint(0, height - 100)
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        draw.ellipse([x, y, x + rng.randint(40, 300), y + rng.randint(40, 300)], fill=colour)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def _reporters(rng: random.Random) -> dict[str, list[Reporter]]:
    kinds = {
        Reporter.Kind.STAFF: 150,
        Reporter.Kind.CORRESPONDENT: 80,
        Reporter.Kind.PHOTOGRAPHER: 20,
    }
    made, names = [], set()
    for kind, count in kinds.items():
        while sum(1 for r in made if r.kind == kind) < count:
            name = text.person(rng)
            if name in names:
                continue
            names.add(name)
            made.append(Reporter(name=name, slug=slugify(name, allow_unicode=True), kind=kind))
    Reporter.objects.bulk_create(made)
    return {kind: [r for r in made if r.kind == kind] for kind in kinds}


def _photos(rng: random.Random, count: int, pool: int, photographers) -> list[Photo]:
    files = []
    for index in range(pool):
        data = random_image(rng)
        name = default_storage.save(f"photos/bench-{index:04d}.jpg", ContentFile(data))
        files.append((name, len(data), hashlib.sha256(data).hexdigest()))
    photos = []
    for index in range(count):
        name, size, digest = files[index % pool]
        caption = text.paragraph(rng)[:200]
        photos.append(
            Photo(
                file=name,
                width=1200,
                height=800,
                file_size=size,
                content_hash=digest,
                title=text.headline(rng),
                caption=caption,
                alt_text=caption[:60],
                credit_reporter=rng.choice(photographers),
            )
        )
    return Photo.objects.bulk_create(photos)


@transaction.atomic
def build_archive(
    *,
    years: int = 5,
    pages: int = 8,
    per_page: int = 4,
    photo_count: int = 2000,
    photo_pool: int = 100,
    seed: int = 2021,
    end: datetime.date | None = None,
    progress: Progress | None = None,
) -> dict[str, int]:
    rng = random.Random(seed)
    end = end or timezone.localdate()
    start = end - datetime.timedelta(days=365 * years)
    days = (end - start).days + 1

    sections = {
        slug: Section.objects.get_or_create(
            slug=slug, defaults={"name": name, "position": position}
        )[0]
        for position, (slug, name) in enumerate(text.SECTIONS)
    }
    section_for_page = [sections[slug] for slug, _name in text.SECTIONS]
    people = _reporters(rng)
    photos = _photos(rng, photo_count, photo_pool, people[Reporter.Kind.PHOTOGRAPHER])
    tags = Tag.objects.bulk_create(
        [Tag(name=name, slug=slugify(name, allow_unicode=True)) for name in text.TOPICS]
        + [
            Tag(name=name, slug=slugify(name, allow_unicode=True))
            for name in text.PLACES
            if name not in text.TOPICS
        ],
        ignore_conflicts=True,
    )
    tags = list(Tag.objects.filter(name__in=[t.name for t in tags]))
    article_type = ContentType.objects.get_for_model(Article)
    number_base = (
        Issue.objects.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1

    totals = dict.fromkeys(("issues", "pages", "articles", "bylines", "photos", "events"), 0)
    totals["photos"] = len(photos)
    chunk = 31
    for offset in range(0, days, chunk):
        dates = [
            start + datetime.timedelta(days=d) for d in range(offset, min(offset + chunk, days))
        ]
        issues = Issue.objects.bulk_create(
            [
                Issue(
                    date=date,
                    number=number_base + offset + i,
                    publish_at=timezone.make_aware(
                        datetime.datetime.combine(date, datetime.time(6))
                    ),
                    released_at=timezone.make_aware(
                        datetime.datetime.combine(date, datetime.time(0))
                    ),
                )
                for i, date in enumerate(dates)
            ]
        )
        page_rows = Page.objects.bulk_create(
            [
                Page(issue=issue, number=n + 1, name=text.PAGE_NAMES[n % len(text.PAGE_NAMES)])
                for issue in issues
                for n in range(pages)
            ]
        )
        articles, slots = [], []
        for page in page_rows:
            for position in range(per_page):
                photo_news = page.number == 8 and position < 2
                headline = text.headline(rng)
                blocks = [("p", text.paragraph(rng)) for _ in range(rng.randint(3, 9))]
                if len(blocks) > 5:
                    blocks.insert(3, ("h2", text.fill("{place}{topic}见闻", rng)))
                articles.append(
                    Article(
                        kind=Kind.PHOTO if photo_news else Kind.STORY,
                        kicker=text.kicker(rng) if position == 0 else "",
                        headline=headline,
                        slug=slugify(headline, allow_unicode=True)[:80],
                        dateline="" if photo_news else "本报讯",
                        body=from_blocks(blocks),
                        section=section_for_page[(page.number - 1) % len(section_for_page)],
                        status=Status.PUBLISHED,
                        publish_at=page.issue.publish_at,
                        issue=page.issue,
                    )
                )
                slots.append((page, position, photo_news))
        Article.objects.bulk_create(articles)

        bylines, placements, article_photos, tagged, events, covered = [], [], [], [], [], []
        for article, (page, position, photo_news) in zip(articles, slots, strict=True):
            placements.append(Placement(page=page, article=article, position=position))
            if photo_news:
                bylines.append(
                    Byline(
                        article=article,
                        reporter=rng.choice(people[Reporter.Kind.PHOTOGRAPHER]),
                        role=Byline.Role.PHOTOGRAPHER,
                    )
                )
            else:
                bylines.append(
                    Byline(
                        article=article,
                        reporter=rng.choice(people[Reporter.Kind.STAFF]),
                        role=Byline.Role.REPORTER,
                    )
                )
                if rng.random() < 0.6:
                    bylines.append(
                        Byline(
                            article=article,
                            reporter=rng.choice(people[Reporter.Kind.CORRESPONDENT]),
                            role=Byline.Role.CORRESPONDENT,
                            position=1,
                        )
                    )
            if photo_news or rng.random() < 0.3:
                article_photos.append(ArticlePhoto(article=article, photo=rng.choice(photos)))
            for tag in rng.sample(tags, rng.randint(1, 3)):
                tagged.append(TaggedItem(tag=tag, content_type=article_type, object_id=article.pk))
            if rng.random() < 0.08:
                when = article.publish_at - datetime.timedelta(days=1, hours=rng.randint(0, 12))
                events.append(
                    Event(
                        title=text.fill("{place}{topic}活动", rng),
                        start=when,
                        place=rng.choice(text.PLACES),
                        organiser=rng.choice(text.ORGS),
                    )
                )
                covered.append(article)
        Byline.objects.bulk_create(bylines)
        Placement.objects.bulk_create(placements)
        ArticlePhoto.objects.bulk_create(article_photos, ignore_conflicts=True)
        TaggedItem.objects.bulk_create(tagged, ignore_conflicts=True)
        for event in Event.objects.bulk_create(events):
            event.slug = slugify(event.title, allow_unicode=True)[:80]
        Event.objects.bulk_update(events, ["slug"])
        Event.articles.through.objects.bulk_create(
            [
                Event.articles.through(event_id=event.pk, article_id=article.pk)
                for event, article in zip(events, covered, strict=True)
            ]
        )

        totals["issues"] += len(issues)
        totals["pages"] += len(page_rows)
        totals["articles"] += len(articles)
        totals["bylines"] += len(bylines)
        totals["events"] += len(events)
        if progress:
            progress(offset + len(dates), days)
    return totals
