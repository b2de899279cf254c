"""导入版面文本: paste or upload a page's text, check the proposed items, fix the
split, confirm. A plain form round trip: the text and the items as the editor
left them travel in a signed hidden field, so nothing is written before the
confirm, and nothing the editor did is lost when the server refuses."""

from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from articles import policy
from articles.models import Byline, PageImport
from articles.pageimport import PageItem, PageTextError, decode_page, read_page
from articles.pageimport import edits as fix
from articles.pageimport.decoding import MAX_BYTES, check_text
from articles.pageimport.items import ROLES, Credit
from articles.services import page_import_confirm
from articles.services.pageimport import (
    ADD,
    REPLACE,
    check_import,
    duplicate_message,
    previous_import,
    sections_for,
)
from newsroom.admin_input import SafeQueryInput
from newsroom.converters import parse_id
from newsroom.errors import error_text
from paper.models import Page, Section
from people.models import Reporter

SALT = "articles.pageimport.preview"
#: A preview left open longer than a working day is read again from the text.
STATE_MAX_AGE = 12 * 3600
ROLE_CHOICES = [(role, Byline.Role(role).label) for role in ROLES]


class Refused(Exception):
    """Input the screen cannot use; the message says why, in Chinese."""


def _read_input(request) -> tuple[str, str]:
    """The pasted text, or the uploaded file's, with the encoding used."""
    upload = request.FILES.get("file")
    try:
        if upload is not None:
            if upload.size > MAX_BYTES:
                message = _("文件太大（%(mb).1f MB）。一个版面的文字通常不到 100 KB，")
                message += _("请只导入一个版面的文本。")
                raise PageTextError(message % {"mb": upload.size / 1024 / 1024})
            return decode_page(upload.read())
        return check_text(request.POST.get("text", "")), _("粘贴的文本")
    except PageTextError as error:
        raise Refused(str(error)) from error


def _dump(state: dict) -> str:
    return signing.dumps(state, salt=SALT, compress=True)


def _load(value: str) -> dict:
    try:
        return signing.loads(value, salt=SALT, max_age=STATE_MAX_AGE)
    except signing.BadSignature as error:
        raise Refused(_("预览已失效或被改动，请重新粘贴或上传版面文本。")) from error


def _apply_fields(post, items: list[PageItem]) -> list[PageItem]:
    """What the editor typed into the preview: headings, dateline, credits."""
    for i, item in enumerate(items):
        for field in ("column", "kicker", "headline", "subheadline", "dateline"):
            key = f"item-{i}-{field}"
            if key in post:
                setattr(item, field, post.get(key, "").strip())
        credits = []
        for k in range(len(item.credits) + 1):
            name = post.get(f"item-{i}-credit-{k}-name", "").strip()
            role = post.get(f"item-{i}-credit-{k}-role", "")
            if k < len(item.credits) and f"item-{i}-credit-{k}-name" not in post:
                credits.append(item.credits[k])
            elif name:
                credits.append(Credit(name, role if role in ROLES else "reporter"))
        item.credits = credits
    return items


def _apply_op(op: str, items: list[PageItem]) -> list[PageItem]:
    name, _sep, args = op.partition(":")
    parts = args.split(":") if args else []
    if not all(part.isdigit() and len(part) < 6 for part in parts):
        return items  # a tampered button: nothing to do
    numbers = [int(part) for part in parts]
    if name == "merge" and len(numbers) == 1:
        return fix.merge_with_next(items, numbers[0])
    if name == "remove" and len(numbers) == 1:
        return fix.remove(items, numbers[0])
    if name == "split" and len(numbers) == 2:
        return fix.split_at(items, *numbers)
    if name == "toggle" and len(numbers) == 2:
        return fix.toggle_heading(items, *numbers)
    return items


@admin.register(PageImport)
class PageImportAdmin(SafeQueryInput, admin.ModelAdmin):
    """Past imports, for reading; imports are made on a page's 导入版面文本 screen."""

    list_display = ["page", "items", "encoding", "by", "at"]
    list_select_related = ["page__issue", "by"]
    readonly_fields = ["page", "digest", "encoding", "items", "by", "at"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return policy.may_import_page(request.user)

    def has_module_permission(self, request):
        return policy.may_import_page(request.user)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("page/<id:page_id>/", view(self.import_view), name="articles_pageimport_page"),
            *super().get_urls(),
        ]

    def import_view(self, request, page_id):
        page = Page.objects.select_related("issue").filter(pk=page_id).first()
        if page is None:
            raise Http404
        check_import(request.user, page)
        context = {"page": page, "errors": []}
        try:
            post = request.POST if request.method == "POST" else None
        except RequestDataTooBig:
            post = None
            context["errors"].append(
                _("粘贴的文本太大。一个版面的文字通常不到 100 KB，请只导入一个版面。")
            )
        if post is None or ("state" not in post and "read" not in post):
            return self._render(request, context)
        try:
            if "read" in post:
                text, encoding = _read_input(request)
                state = {"text": text, "encoding": encoding, "items": None}
                items = read_page(text)
            else:
                state = _load(post["state"])
                items = [PageItem.from_dict(d) for d in state["items"]]
                items = _apply_op(post.get("op", ""), _apply_fields(post, items))
            if done := previous_import(state["text"]):
                raise Refused(duplicate_message(done))
        except Refused as error:
            context["errors"].append(str(error))
            context["text"] = post.get("text", "")
            return self._render(request, context)
        state["items"] = [item.to_state() for item in items]
        context.update(state=_dump(state), items=items, encoding=state["encoding"])
        story, photo = sections_for(page)
        context["story_section"] = parse_id(post.get("section")) or (story and story.pk)
        context["photo_section"] = parse_id(post.get("photo_section")) or (photo and photo.pk)
        context["mode"] = post.get("mode", "")
        if post.get("op") == "confirm":
            done = self._confirm(request, page, state, items, context)
            if done:
                return done
        return self._render(request, context)

    def _confirm(self, request, page, state, items, context):
        sections = Section.objects.in_bulk([context["story_section"], context["photo_section"]])
        story = sections.get(context["story_section"])
        if story is None:
            context["errors"].append(_("请选择稿件的栏目。"))
            return None
        try:
            articles = page_import_confirm(
                page=page,
                text=state["text"],
                items=items,
                by=request.user,
                section=story,
                photo_section=sections.get(context["photo_section"]),
                mode=context["mode"] or None,
                encoding=state["encoding"],
            )
        except (ValidationError, PermissionDenied) as error:
            context["errors"].append(error_text(error))
            return None
        self.message_user(
            request,
            _("已导入 %(n)s 条稿件，作为草稿按版面顺序排在%(issue)s %(page)s。")
            % {"n": len(articles), "issue": page.issue, "page": page},
            messages.SUCCESS,
        )
        return HttpResponseRedirect(reverse("admin:paper_issue_plan", args=[page.issue_id]))

    def _render(self, request, context):
        page = context["page"]
        items = context.get("items") or []
        names = {c.name for item in items for c in item.credits} | {
            c.name for item in items for p in item.photos for c in p.credits
        }
        context.update(
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "title": _("导入版面文本：%(issue)s %(page)s")
                % {"issue": page.issue, "page": page},
                "existing": list(
                    page.placements.select_related("article").order_by("position", "pk")
                ),
                "known_names": set(
                    Reporter.objects.filter(name__in=names).values_list("name", flat=True)
                ),
                "sections": Section.objects.order_by("position", "pk"),
                "role_choices": ROLE_CHOICES,
                "max_bytes": MAX_BYTES,
                "add": ADD,
                "replace": REPLACE,
            }
        )
        return TemplateResponse(request, "admin/articles/pageimport/import.html", context)
