from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import BooleanField, Count, ExpressionWrapper, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles import policy, services
from articles.body import word_count
from articles.models import Article, Byline, Placement, Status, scheduled_q
from articles.selectors.desk import flagged_articles
from newsroom.admin_input import SafeQueryInput
from newsroom.converters import parse_id
from newsroom.errors import error_text
from paper import policy as paper_policy
from paper.forms import ReleaseForm
from paper.models import Issue, Page
from paper.services import issue_create_next, next_issue_outline


def _position(value) -> int | None:
    """A place on a page (0 is the top), as posted: a few ASCII digits, else none."""
    text = str(value or "")
    return int(text) if text.isascii() and text.isdigit() and len(text) <= 4 else None


class PageInline(admin.TabularInline):
    model = Page
    extra = 0
    # The print file goes through its checks and rendering on the page's own
    # e-paper screen, never as a bare file field.
    fields = ["number", "name", "editor", "word_budget"]
    autocomplete_fields = ["editor"]
    show_change_link = True

    def view_on_site(self, obj):
        return obj.get_absolute_url() if obj.issue.is_released else None


@admin.register(Issue)
class IssueAdmin(SafeQueryInput, admin.ModelAdmin):
    list_display = [
        "__str__",
        "date",
        "publish_at",
        "release_state",
        "article_count",
        "plan_link",
    ]
    list_filter = ["date"]
    date_hierarchy = "date"
    search_fields = ["number", "date"]
    readonly_fields = ["released_at", "released_by"]
    inlines = [PageInline]

    def view_on_site(self, obj):
        """在站点上查看 only once the issue is out; before that, 预览本期."""
        return obj.get_absolute_url() if obj.is_released else None

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("released_by")
            # A count per listed issue, not a GROUP BY over the whole archive
            # before the page of 100 is cut.
            .annotate(
                placed_count=Coalesce(
                    Subquery(
                        Page.objects.filter(issue=OuterRef("pk"))
                        .order_by()
                        .values("issue")
                        .annotate(count=Count("placements"))
                        .values("count")
                    ),
                    0,
                )
            )
        )

    def get_readonly_fields(self, request, obj=None):
        # Once released, the go-live time is part of the chief editor's signature.
        if obj is not None and obj.released_at is not None:
            return ["publish_at", *self.readonly_fields]
        return self.readonly_fields

    @admin.display(description=_("签发状态"))
    def release_state(self, obj):
        if obj.released_at is None:
            return _("未签发")
        if obj.publish_at > timezone.now():
            return _("已签发，%(when)s 上线") % {
                "when": timezone.localtime(obj.publish_at).strftime("%m-%d %H:%M")
            }
        return _("已上线")

    @admin.display(description=_("稿件数"), ordering="placed_count")
    def article_count(self, obj):
        # The issue's articles in the article list: its filter offers only
        # recent issues, so this is the way to an older one's.
        url = reverse("admin:articles_article_changelist") + f"?issue__id__exact={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, obj.placed_count)

    @admin.display(description=_("版面安排"))
    def plan_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:paper_issue_plan", args=[obj.pk]), "安排版面"
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("next/", view(self.create_next_view), name="paper_issue_next"),
            path("<path:object_id>/plan/", view(self.plan_view), name="paper_issue_plan"),
            *super().get_urls(),
        ]

    # --- 创建明日期次 ---------------------------------------------------------------

    def create_next_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            try:
                issue = issue_create_next(by=request.user)
            except (ValidationError, PermissionDenied) as error:
                self.message_user(request, error_text(error), messages.ERROR)
                return HttpResponseRedirect(reverse("admin:paper_issue_changelist"))
            self.message_user(
                request,
                _("已创建%(issue)s，共 %(n)s 个版面。")
                % {"issue": issue, "n": issue.pages.count()},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(reverse("admin:paper_issue_plan", args=[issue.pk]))
        try:
            outline, refusal = next_issue_outline(), ""
        except ValidationError as error:
            outline, refusal = None, error_text(error)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("创建明日期次"),
            "outline": outline,
            "refusal": refusal,
            "can_plan": request.user.has_perm("paper.change_editionplan"),
        }
        return TemplateResponse(request, "admin/paper/issue/create_next.html", context)

    # --- 版面安排 ---------------------------------------------------------------------

    def plan_view(self, request, object_id):
        issue = self.get_object(request, object_id)
        if issue is None or not self.has_view_permission(request, issue):
            raise Http404
        plan_url = reverse("admin:paper_issue_plan", args=[issue.pk])
        if request.method == "POST":
            # The drag-and-drop script posts the same forms and asks for JSON:
            # it then redraws the screen from the page, with no message queued.
            script = "application/json" in request.headers.get("Accept", "")
            try:
                done = self._plan_post(request, issue)
            except (ValidationError, PermissionDenied) as error:
                if script:
                    return JsonResponse({"ok": False, "message": error_text(error)}, status=400)
                self.message_user(request, error_text(error), messages.ERROR)
            else:
                if script:
                    return JsonResponse({"ok": True, "message": str(done)})
                self.message_user(request, done, messages.SUCCESS)
            return HttpResponseRedirect(plan_url)
        return TemplateResponse(
            request, "admin/paper/issue/plan.html", self._plan_context(request, issue)
        )

    def _plan_context(self, request, issue):
        placements = (
            Placement.objects.select_related("article__section")
            .prefetch_related(
                Prefetch("article__bylines", queryset=Byline.objects.select_related("reporter"))
            )
            .annotate(
                article_scheduled=ExpressionWrapper(
                    scheduled_q("article__"), output_field=BooleanField()
                )
            )
        )
        pages = list(
            issue.pages.order_by("number")
            .select_related("editor")
            .prefetch_related(Prefetch("placements", queryset=placements))
        )
        unplaced = (
            Article.objects.filter(policy.visible_q(request.user))
            .filter(status=Status.APPROVED, issue__isnull=True)
            .select_related("section")
            .prefetch_related("bylines__reporter")
            .order_by("updated_at")
        )
        not_ready = []
        for page in pages:
            page.words = sum(word_count(p.article.body) for p in page.placements.all())
            page.over_budget = bool(page.word_budget) and page.words > page.word_budget
            for placement in page.placements.all():
                article = placement.article
                article.scheduled_now = placement.article_scheduled
                wanted = Status.PUBLISHED if issue.released_at else Status.APPROVED
                if article.status != wanted:
                    not_ready.append(placement)
        local_publish = timezone.localtime(issue.publish_at).replace(tzinfo=None)
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": issue,
            "issue": issue,
            "title": _("版面安排：%s") % issue,
            "pages": pages,
            "unplaced": unplaced,
            "not_ready": not_ready,
            "flagged_elsewhere": flagged_articles()
            .exclude(issue=issue)
            .filter(policy.visible_q(request.user))
            .with_scheduled()[:20],
            "can_layout": self._may_layout(request, issue),
            "can_import": policy.may_import_page(request.user)
            and self._may_layout(request, issue),
            "can_release": request.user.has_perm("paper.release_issue")
            and issue.released_at is None,
            "release_form": ReleaseForm(initial={"publish_at": local_publish}),
            "now": timezone.now(),
        }

    def _may_layout(self, request, issue):
        try:
            paper_policy.check_layout(request.user, issue)
        except PermissionDenied:
            return False
        return request.user.has_perm("articles.change_placement")

    def _plan_post(self, request, issue) -> str:
        op = request.POST.get("op")
        if op == "release":
            form = ReleaseForm(request.POST)
            if not form.is_valid():
                raise ValidationError(
                    _("上线时间格式不对：%s") % "；".join(form.errors.get("publish_at", []))
                )
            issue = services.issue_release(
                issue=issue, by=request.user, publish_at=form.cleaned_data["publish_at"]
            )
            return _("%(issue)s 已签发，将于 %(when)s 上线。") % {
                "issue": issue,
                "when": timezone.localtime(issue.publish_at).strftime("%Y-%m-%d %H:%M"),
            }

        def chosen(queryset, key, what):
            # The form's ids come back as typed by anyone: junk, or an id
            # past the database's range, is a message, not an error page.
            pk = parse_id(request.POST.get(key))
            found = queryset.filter(pk=pk).first() if pk else None
            if found is None:
                message = _("找不到所选的%(what)s，请刷新页面后重试。")
                raise ValidationError(message % {"what": what})
            return found

        def page_of(key):
            return chosen(issue.pages.all(), key, _("版面"))

        article = chosen(Article.objects.all(), "article", _("稿件"))
        # Where on the page (from 0): the script says where a story was dropped;
        # the forms leave it out (the end of the page, or one step up or down).
        dropped_at = _position(request.POST.get("position"))
        if op == "place":
            page = page_of("page")
            services.article_place(
                article=article, page=page, by=request.user, position=dropped_at
            )
            return _("《%(a)s》已安排在%(p)s。") % {"a": article, "p": page}
        if op == "unplace":
            page = page_of("page")
            services.article_unplace(article=article, page=page, by=request.user)
            return _("《%(a)s》已从%(p)s撤下。") % {"a": article, "p": page}
        if op in ("up", "down", "move"):
            page = page_of("page")
            to_page = page_of("to_page") if op == "move" else page
            current = page.placements.filter(article=article).values_list("position", flat=True)
            position = current.first() or 0
            position = {"up": position - 1, "down": position + 1, "move": dropped_at}[op]
            services.article_move(
                article=article, page=page, to_page=to_page, position=position, by=request.user
            )
            return _("《%(a)s》已调整到%(p)s。") % {"a": article, "p": to_page}
        raise ValidationError(_("未知的操作。"))
