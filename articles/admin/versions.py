"""Readable versions of an article: a list, and a field-by-field diff of two."""

import difflib
from dataclasses import dataclass, field

from django.utils import timezone
from reversion.models import Version
from taggit.models import Tag, TaggedItem

from articles.body import plain_text
from articles.models import Article, ArticlePhoto, Byline, Kind, Status
from articles.selectors.versions import article_versions, related_versions
from articles.services.editing import CONTENT_FIELDS
from media_library.models import Photo
from paper.models import Issue, Section
from people.models import Reporter
from people.selectors import user_label

#: What a comparison shows: the content a revision restores, then the workflow state.
SHOWN = (*CONTENT_FIELDS, "status", "publish_at", "issue")


@dataclass
class Row:
    label: str
    old: str
    new: str
    lines: list[tuple[str, str]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.old != self.new


def _label(name: str) -> str:
    return str(Article._meta.get_field(name).verbose_name)


def snapshot(version: Version) -> dict[str, str]:
    """The version as words a person reads: names, not ids; body as plain text."""
    data = version.field_dict
    out = {}
    for name in SHOWN:
        attname = Article._meta.get_field(name).attname
        value = data.get(attname)
        if name == "kind":
            value = Kind(value).label if value in Kind.values else value
        elif name == "status":
            value = Status(value).label if value in Status.values else value
        elif name == "section":
            value = Section.objects.filter(pk=value).first() if value else ""
        elif name == "issue":
            value = Issue.objects.filter(pk=value).first() if value else ""
        elif name == "publish_at":
            value = timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""
        elif name == "body":
            value = plain_text(value or "")
        out[_label(name)] = str(value or "")

    bylines = sorted(
        (v.field_dict for v in related_versions(version, Byline)), key=lambda f: f["position"]
    )
    names = dict(
        Reporter.objects.filter(pk__in=[b["reporter_id"] for b in bylines]).values_list(
            "pk", "name"
        )
    )
    roles = dict(Byline.Role.choices)
    out[str(Byline._meta.verbose_name)] = "；".join(
        f"{roles.get(b['role'], b['role'])} {names.get(b['reporter_id'], '?')}" for b in bylines
    )
    photos = sorted(
        (v.field_dict for v in related_versions(version, ArticlePhoto)),
        key=lambda f: f["position"],
    )
    titles = dict(
        Photo.objects.filter(pk__in=[p["photo_id"] for p in photos]).values_list("pk", "title")
    )
    out[str(Article._meta.get_field("photos").verbose_name)] = "；".join(
        titles.get(p["photo_id"], "（已删除的图片）") for p in photos
    )
    tag_ids = [v.field_dict["tag_id"] for v in related_versions(version, TaggedItem)]
    out[str(Article._meta.get_field("tags").verbose_name)] = "、".join(
        sorted(Tag.objects.filter(pk__in=tag_ids).values_list("name", flat=True))
    )
    return out


def compare(older: Version, newer: Version) -> list[Row]:
    before, after = snapshot(older), snapshot(newer)
    body = _label("body")
    rows = []
    for label in after:
        row = Row(label, before.get(label, ""), after[label])
        if label == body and row.changed:
            row.lines = [
                (line[0], line[2:])
                for line in difflib.ndiff(row.old.splitlines(), row.new.splitlines())
                if line[0] in "+- "
            ]
        rows.append(row)
    return rows


@dataclass
class VersionRow:
    version: Version
    when: str
    who: str
    comment: str
    number: int


def version_rows(article: Article) -> list[VersionRow]:
    """Newest first, numbered from the oldest kept (第 1 版) up, as the form names them."""
    rows = []
    kept = list(article_versions(article))
    for index, version in enumerate(kept):
        rows.append(
            VersionRow(
                version=version,
                when=timezone.localtime(version.revision.date_created).strftime(
                    "%Y-%m-%d %H:%M:%S"
                ),
                who=user_label(version.revision.user),
                comment=version.revision.get_comment(),
                number=len(kept) - index,
            )
        )
    return rows
