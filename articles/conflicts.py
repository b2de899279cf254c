"""Two desks saved the same article: what each changed, field by field.

A save that began from an older version is refused (``article_check_version``).
Instead of leaving the writer to merge by hand, the desk shows, for every
field, the version they opened (base), what is stored now (theirs) and what
they typed (mine):

- changed only by the other desk: theirs is taken into the form, so saving
  again cannot quietly undo it;
- changed only by the writer: theirs is kept;
- changed by both, differently: a conflict, shown side by side (the body as
  a paragraph and character diff) for the writer to decide: take theirs,
  keep mine, or edit mine in the form, then save against the newer version.
"""

import difflib
import re
from dataclasses import dataclass, field

from django.utils.html import escape, format_html_join
from django.utils.safestring import SafeString, mark_safe
from reversion.models import Version
from taggit.models import Tag, TaggedItem

from articles.body import blocks
from articles.models import Article
from articles.selectors.versions import article_versions, related_versions

#: The form's fields that two desks may both change, in the form's order.
FIELDS = (
    "kind",
    "kicker",
    "headline",
    "subheadline",
    "slug",
    "dateline",
    "body",
    "summary",
    "section",
    "tags",
)
#: How far back to look for the version the writer opened.
LOOK_BACK = 50
#: Two paragraphs sharing this much of the shorter one are one paragraph changed.
SIMILAR = 0.5


@dataclass
class FieldConflict:
    name: str
    label: str
    theirs: str
    mine: str
    diff: SafeString = field(default_factory=lambda: mark_safe(""))


@dataclass
class Conflict:
    current: Article
    conflicts: list[FieldConflict]
    #: Fields only the other desk changed: their value, taken into the form.
    taken: dict[str, object]
    taken_labels: list[str]
    base_found: bool


def _comparable(name: str, value):
    """A value as two desks' versions are compared: the body by its blocks, a
    relation by its id, tags as a set of names, text without outer spaces."""
    if name == "body":
        return tuple(blocks(value or ""))
    if name == "section":
        return getattr(value, "pk", value)
    if name == "tags":
        return frozenset(value or ())
    return (value or "").strip() if isinstance(value, str) else value


def _stored(article: Article) -> dict:
    values = {name: getattr(article, name) for name in FIELDS if name not in ("section", "tags")}
    values["section"] = article.section_id
    values["tags"] = list(article.tags.names())
    return values


def _base(article: Article, version: int) -> dict | None:
    """The fields as saved at ``version``, from the kept revisions, if kept."""
    for kept in article_versions(article)[:LOOK_BACK]:
        fields = kept.field_dict
        if fields.get("version") != version:
            continue
        values = {name: fields.get(name) for name in FIELDS if name not in ("section", "tags")}
        values["section"] = fields.get("section_id")
        values["tags"] = _tags_of(kept)
        return values
    return None


def _tags_of(kept: Version) -> list[str]:
    ids = [v.field_dict.get("tag_id") for v in related_versions(kept, TaggedItem)]
    return list(Tag.objects.filter(pk__in=[i for i in ids if i]).values_list("name", flat=True))


def _shown(name: str, value, article: Article) -> str:
    if name == "body":
        return "\n".join(_paragraphs(value))
    if name == "section":
        pk = getattr(value, "pk", value)
        section = article._meta.get_field("section").related_model.objects.filter(pk=pk).first()
        return str(section) if section else "—"
    if name == "tags":
        return "、".join(sorted(value or ())) or "—"
    if name == "kind":
        return str(dict(article._meta.get_field("kind").choices).get(value, value))
    return str(value or "") or "—"


def _paragraphs(body: str) -> list[str]:
    return [f"【小标题】{text}" if tag == "h2" else text for tag, text in blocks(body or "")]


_TOKEN = re.compile(r"[A-Za-z0-9_]+|\s+|.", re.S)


def _marked(tag: str, text: str) -> str:
    return f"<{tag}>{escape(text)}</{tag}>" if text else ""


def _inline_diff(theirs: str, mine: str) -> str:
    """One paragraph, character by character (words for Latin text and numbers)."""
    a, b = _TOKEN.findall(theirs), _TOKEN.findall(mine)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape("".join(a[i1:i2])))
        else:
            out.append(_marked("del", "".join(a[i1:i2])))
            out.append(_marked("ins", "".join(b[j1:j2])))
    return "".join(out)


def _similar(x: str, y: str) -> bool:
    # Measured against the shorter one: a paragraph that grew a sentence is
    # still the same paragraph.
    if not x or not y:
        return False
    matcher = difflib.SequenceMatcher(None, x, y, autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    return same / min(len(x), len(y)) >= SIMILAR


def _paired(theirs: list[str], mine: list[str]) -> list[str]:
    """Changed paragraphs: each of theirs against the next similar one of mine
    (compared inside), the rest as wholly theirs or wholly mine, in order."""
    rows, j = [], 0
    for text in theirs:
        k = next((k for k in range(j, len(mine)) if _similar(text, mine[k])), None)
        if k is None:
            rows.append(_marked("del", text))
            continue
        rows += [_marked("ins", added) for added in mine[j:k]]
        rows.append(_inline_diff(text, mine[k]))
        j = k + 1
    rows += [_marked("ins", added) for added in mine[j:]]
    return rows


def body_diff(theirs: str, mine: str) -> SafeString:
    """The body from theirs to mine as HTML: <del> only theirs, <ins> only mine.

    Paragraphs are matched first, so a moved or new paragraph reads as one;
    a changed paragraph is then compared inside. Every text is escaped.
    """
    a, b = _paragraphs(theirs), _paragraphs(mine)
    rows = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            rows += [escape(text) for text in a[i1:i2]]
        else:
            rows += _paired(a[i1:i2], b[j1:j2])
    return format_html_join("", "<p>{}</p>", ((mark_safe(row),) for row in rows))


def article_conflict(*, current: Article, expected_version: int, mine: dict) -> Conflict:
    """Compare ``mine`` (the form's cleaned values) with ``current`` (stored,
    newer) over the version the writer opened."""
    theirs = _stored(current)
    base = _base(current, expected_version)
    conflicts, taken, taken_labels = [], {}, []
    for name in FIELDS:
        if name not in mine:
            continue
        t, m = _comparable(name, theirs[name]), _comparable(name, mine[name])
        if t == m:
            continue
        label = str(Article._meta.get_field(name).verbose_name)
        b = _comparable(name, base[name]) if base is not None else None
        if base is not None and m == b:
            # Only the other desk changed it: theirs goes into the form.
            taken[name] = theirs[name]
            taken_labels.append(label)
            continue
        if base is not None and t == b:
            continue  # only I changed it: mine stands
        conflict = FieldConflict(
            name=name,
            label=label,
            theirs=_shown(name, theirs[name], current),
            mine=_shown(name, mine[name], current),
        )
        if name == "body":
            conflict.diff = body_diff(theirs[name], mine[name])
        elif name not in ("section", "tags", "kind"):
            conflict.diff = mark_safe(_inline_diff(conflict.theirs, conflict.mine))
        conflicts.append(conflict)
    return Conflict(
        current=current,
        conflicts=conflicts,
        taken=taken,
        taken_labels=taken_labels,
        base_found=base is not None,
    )


def stored_value(current: Article, name: str):
    """The stored value of a form field, as the form's cleaned data holds it."""
    if name == "tags":
        return list(current.tags.names())
    return getattr(current, name)
