"""Desk lists: the review queue, "my stories", and what goes live when."""

from django.contrib import admin, messages
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Greatest
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _

from articles import policy
from articles.body import word_count
from articles.models import (
    Article,
    MyStory,
    ReviewQueueArticle,
    ScheduledArticle,
    Status,
    Transition,
)
from articles.selectors.desk import editor_note, flagged_articles
from newsroom.admin_input import SafeQueryInput
from people.selectors import user_label


def _change_link(article):
    return format_html(
        '<a href="{}">{}</a>',
        reverse("admin:articles_article_change", args=[article.pk]),
        article.headline,
    )


class DeskList(SafeQueryInput, admin.ModelAdmin):
    """A read-only list of articles; each row opens the article's own page."""

    list_display_links = None
    list_per_page = 50
    required_perm = "articles.view_article"

    class Media:
        # After "save and submit" the desk lands here: let autosave.js tidy up.
        js = ["articles/admin/autosave.js"]
        css = {"all": ["articles/admin/desk.css"]}

    def has_module_permission(self, request):
        return request.user.has_perm(self.required_perm)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(self.required_perm)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return (
            Article.objects.filter(policy.visible_q(request.user))
            .select_related("section", "issue")
            .prefetch_related("bylines__reporter")
            .with_scheduled()
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        # The lists are ways in; the article has one page of its own.
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[object_id]))

    @admin.display(description=_("稿件"))
    def title(self, obj):
        return _change_link(obj)

    @admin.display(description=_("作者"))
    def credits(self, obj):
        return "、".join(b.reporter.name for b in obj.bylines.all()) or "-"

    @admin.display(description=_("状态"))
    def state(self, obj):
        return obj.get_state_display()


@admin.register(ReviewQueueArticle)
class ReviewQueueAdmin(DeskList):
    """编辑审稿：submitted articles, the longest-waiting first."""

    list_display = ["title", "credits", "section", "length", "waiting", "submitted_at"]
    list_filter = ["section"]
    required_perm = "articles.review_article"

    def get_queryset(self, request):
        submitted = (
            Transition.objects.filter(article=OuterRef("pk"), action=Transition.Action.SUBMIT)
            .order_by("-at")
            .values("at")[:1]
        )
        return (
            super()
            .get_queryset(request)
            .filter(status=Status.SUBMITTED)
            .annotate(submitted_at=Subquery(submitted))
        )

    def get_ordering(self, request):
        return [F("submitted_at").asc(nulls_first=True), "pk"]

    @admin.display(description=_("字数"))
    def length(self, obj):
        return word_count(obj.body)

    @admin.display(description=_("已等待"), ordering="submitted_at")
    def waiting(self, obj):
        return timesince(obj.submitted_at, timezone.now()) if obj.submitted_at else "-"

    @admin.display(description=_("提交时间"), ordering="submitted_at")
    def submitted_at(self, obj):
        return timezone.localtime(obj.submitted_at) if obj.submitted_at else "-"


@admin.register(MyStory)
class MyStoryAdmin(DeskList):
    """记者的“我的稿件”: everything they wrote or are credited on, with the desk's notes."""

    list_display = ["title", "state", "section", "editor_note", "updated_at"]
    list_filter = ["status"]
    required_perm = "articles.add_article"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(policy.authored_q(request.user))
            .prefetch_related("transitions__by")
        )

    def get_ordering(self, request):
        return ["-updated_at", "-pk"]

    @admin.display(description=_("编辑意见"))
    def editor_note(self, obj):
        note = editor_note(obj.transitions.all())
        if note is None:
            return "-"
        last = note.transition
        text = format_html(
            "{}（{} {}）",
            last.note,
            user_label(last.by) if last.by else "",
            timezone.localtime(last.at).strftime("%m-%d %H:%M"),
        )
        if note.dealt_with:
            return format_html('<span class="desk-note-done">已按意见修改重交：{}</span>', text)
        return text


@admin.register(ScheduledArticle)
class ScheduleAdmin(DeskList):
    """上线安排: signed off, waiting for its time (its own or its issue's)."""

    list_display = ["title", "goes_live", "issue", "section", "credits"]
    required_perm = "articles.review_article"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .scheduled()
            # PostgreSQL's GREATEST skips NULL: web articles have no issue time.
            .annotate(live_at=Greatest("publish_at", "issue__publish_at"))
        )

    def get_ordering(self, request):
        return [F("live_at").asc(), "pk"]

    @admin.display(description=_("上线时间"), ordering="live_at")
    def goes_live(self, obj):
        return timezone.localtime(obj.goes_live_at) if obj.goes_live_at else _("待签发期次")

    def changelist_view(self, request, extra_context=None):
        flagged = list(flagged_articles().filter(policy.visible_q(request.user))[:50])
        if flagged:
            self.message_user(
                request,
                format_html(
                    "以下稿件在已签发的期次上，但尚未签发，不会随期上线：{}",
                    format_html_join("、", "{}", ((_change_link(a),) for a in flagged)),
                ),
                messages.WARNING,
            )
        return super().changelist_view(request, extra_context)
