"""The article desk: the article form, its workflow buttons, versions and preview."""

import reversion
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from articles import policy, services
from articles.admin import forms, rights, versions
from articles.admin.csp import CSPNonceMediaMixin
from articles.admin.filters import RecentIssueFilter
from articles.admin.inlines import (
    ArticlePhotoInline,
    ArticlePlacementInline,
    BylineInline,
    CorrectionInline,
    TransitionInline,
)
from articles.admin.search import IndexedSearchMixin
from articles.body import sanitize_body, word_count
from articles.models import Article, ArticlePhoto, Byline, Status, Transition
from articles.selectors.desk import editor_note
from articles.selectors.versions import article_versions, version_number
from newsroom.admin_input import SafeQueryInput
from newsroom.converters import parse_id
from newsroom.errors import error_text
from people.selectors import user_label


class WorkflowStep:
    """One button on the article page: its label, form and service call."""

    def __init__(self, action, label, form, run, *, danger=False):
        self.action, self.label, self.form, self.run, self.danger = (
            action,
            label,
            form,
            run,
            danger,
        )


STEPS = {
    step.action: step
    for step in (
        WorkflowStep(
            "submit",
            _("提交审核"),
            forms.ConfirmForm,
            lambda a, u, d: services.article_submit(article=a, by=u),
        ),
        WorkflowStep(
            "return",
            _("退回修改"),
            forms.ReturnForm,
            lambda a, u, d: services.article_return(article=a, by=u, note=d["note"]),
        ),
        WorkflowStep(
            "approve",
            _("审核通过"),
            forms.NoteForm,
            lambda a, u, d: services.article_approve(article=a, by=u, note=d["note"]),
        ),
        WorkflowStep(
            "publish",
            _("立即签发"),
            forms.ConfirmForm,
            lambda a, u, d: services.article_publish(article=a, by=u),
        ),
        WorkflowStep(
            "schedule",
            _("定时签发"),
            forms.ScheduleForm,
            lambda a, u, d: services.article_schedule(article=a, by=u, at=d["at"]),
        ),
        WorkflowStep(
            "withdraw",
            _("撤稿"),
            forms.WithdrawForm,
            lambda a, u, d: services.article_withdraw(article=a, by=u, reason=d["reason"]),
            danger=True,
        ),
        WorkflowStep(
            "request_photo",
            _("约图"),
            forms.PhotoRequestForm,
            lambda a, u, d: services.photo_request_create(article=a, by=u, note=d["note"]),
        ),
        WorkflowStep(
            "correct",
            _("添加更正"),
            forms.CorrectionForm,
            lambda a, u, d: services.correction_add(article=a, by=u, text=d["text"]),
        ),
    )
}


@admin.register(Article)
class ArticleAdmin(SafeQueryInput, CSPNonceMediaMixin, IndexedSearchMixin, admin.ModelAdmin):
    form = forms.ArticleAdminForm
    list_display = ["headline", "kind", "section", "state", "goes_live", "issue", "updated_at"]
    list_filter = ["status", "kind", "section", ("issue", RecentIssueFilter)]
    # Not select_related() in get_queryset: the changelist applies this list
    # only to a queryset that has none, and each row shows its section and issue.
    list_select_related = ["section", "issue"]
    search_fields = ["headline", "kicker", "subheadline", "summary", "body"]
    date_hierarchy = "publish_at"
    autocomplete_fields = ["section"]
    readonly_fields = ["state", "publish_at", "issue", "saved", "body_html"]
    fieldsets = [
        (None, {"fields": ["kind", "kicker", "headline", "subheadline", "slug"]}),
        (_("正文"), {"fields": ["dateline", "body", "summary"]}),
        (_("归类"), {"fields": ["section", "tags"]}),
        (_("流程"), {"fields": ["state", "publish_at", "issue", "saved", "expected_version"]}),
    ]
    inlines = [
        BylineInline,
        ArticlePhotoInline,
        ArticlePlacementInline,
        CorrectionInline,
        TransitionInline,
    ]
    change_form_template = "admin/articles/article/change_form.html"

    def view_on_site(self, obj):
        """在站点上查看 only once readers can see it; before that, 预览."""
        return (
            obj.get_absolute_url() if Article.objects.live().filter(pk=obj.pk).exists() else None
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if not policy.is_desk(request.user):
            # The web address is made from the headline; only the desk, which
            # publishes, has reason to touch it.
            fieldsets = [
                (name, {**options, "fields": [f for f in options["fields"] if f != "slug"]})
                for name, options in fieldsets
            ]
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only: show the body as it will print, not as markup.
        return [
            (
                name,
                {
                    **options,
                    "fields": [
                        "body_html" if f == "body" else f
                        for f in options["fields"]
                        if f != "expected_version"
                    ],
                },
            )
            for name, options in fieldsets
        ]

    def get_inlines(self, request, obj):
        if obj is None:
            return [BylineInline, ArticlePhotoInline]  # the rest is history, none yet
        return self.inlines

    class Media:
        # Plain files, no inline script: stays valid under a strict CSP.
        css = {"all": ["articles/admin/desk.css"]}
        js = [
            "articles/admin/autosave.js",
            "articles/admin/editor-zh.js",
            "articles/admin/wordcount.js",
        ]

    # --- who sees and changes what (articles.policy) ------------------------

    def get_queryset(self, request):
        return (
            super().get_queryset(request).filter(policy.visible_q(request.user)).with_scheduled()
        )

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return super().has_view_permission(request)
        return rights.allowed(request, obj, "view")

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return super().has_change_permission(request)
        if rights.allowed(request, obj, "change"):
            return True
        # A save from a form opened before someone else moved the article on
        # (say, an editor approved it) goes on to the form's version check,
        # which refuses it and shows the user their text: never a bare 403.
        return request.method == "POST" and self._stale_post(request, obj)

    def _stale_post(self, request, obj) -> bool:
        try:
            expected = int(request.POST.get("expected_version", ""))
        except ValueError:
            return False
        return expected != obj.version and rights.allowed(request, obj, "view")

    def has_delete_permission(self, request, obj=None):
        if obj is None:
            return super().has_delete_permission(request)
        return rights.allowed(request, obj, "delete")

    def get_actions(self, request):
        # Bulk delete would skip the per-article rules; delete one by one.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    # --- display --------------------------------------------------------------

    @admin.display(description=_("状态"), ordering="status")
    def state(self, obj):
        return obj.get_state_display()

    @admin.display(description=_("正文"))
    def body_html(self, obj):
        # Stored bodies are sanitized on every save (articles.body.BodyField);
        # sanitizing again here costs little and guards older rows.
        return mark_safe(sanitize_body(obj.body or ""))

    @admin.display(description=_("上线时间"))
    def goes_live(self, obj):
        return obj.goes_live_at or "-"

    @admin.display(description=_("保存记录"))
    def saved(self, obj):
        if obj.pk is None:
            return "-"
        who = user_label(obj.updated_by)
        number = version_number(obj)
        return format_html(
            '{}，{} 保存于 {} · <a href="{}">版本记录</a>',
            f"第 {number} 版" if number else _("尚未留存版本"),
            who,
            timezone.localtime(obj.updated_at).strftime("%Y-%m-%d %H:%M"),
            reverse("admin:articles_article_versions", args=[obj.pk]),
        )

    # --- saving through the services, inside one revision ---------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with reversion.create_revision():
            reversion.set_user(request.user)
            if request.method != "POST" or object_id is None:
                return super().changeform_view(request, object_id, form_url, extra_context)
            # The article, its bylines, photos and tags are saved one after the
            # other; readers' pages hear of the whole edit once it committed.
            article = Article.objects.filter(pk=object_id).first() if object_id.isdigit() else None
            if article is None:
                return super().changeform_view(request, object_id, form_url, extra_context)
            with services.article_editing(article=article, by=request.user):
                return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        services.article_save(
            article=obj,
            by=request.user,
            expected_version=form.cleaned_data.get("expected_version") if change else None,
        )

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        if formset.model in (Byline, ArticlePhoto):
            # Bylines and photos keep the order the form lists them in: the
            # saved ones by position, new ones after them.
            kept = [
                f.instance
                for f in formset.forms
                if f.instance.pk and f not in formset.deleted_forms
            ]
            for position, obj in enumerate(kept):
                if obj.position != position:
                    obj.position = position
                    obj.save(update_fields=["position"])

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Keep the article with its final bylines and photos in this revision.
        reversion.add_to_revision(form.instance)

    def delete_model(self, request, obj):
        services.article_delete(article=obj, by=request.user)

    def message_user(self, request, message, level=messages.INFO, extra_tags="", **kwargs):
        if level == messages.SUCCESS:
            # Tells autosave.js the article was saved: its browser copy can go.
            extra_tags = f"{extra_tags} autosave-saved".strip()
        super().message_user(request, message, level, extra_tags, **kwargs)

    def response_add(self, request, obj, post_url_continue=None):
        if "_submit_for_review" in request.POST:
            return self._save_and_submit(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_submit_for_review" in request.POST:
            return self._save_and_submit(request, obj)
        return super().response_change(request, obj)

    def _save_and_submit(self, request, obj):
        change_url = reverse("admin:articles_article_change", args=[obj.pk])
        try:
            services.article_submit(article=obj, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            self.message_user(
                request, _("稿件已保存，但未能提交：%s") % error_text(error), messages.WARNING
            )
            return HttpResponseRedirect(change_url)
        self.message_user(request, _("稿件已保存并提交审核。"), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_mystory_changelist"))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        may = (
            policy.allowed_actions(
                request.user, obj, {step.action for step in STEPS.values()} | {"submit"}
            )
            if obj is not None
            else set()
        )
        context["workflow_steps"] = [step for step in STEPS.values() if step.action in may]
        context["can_submit"] = (obj is None and self.has_add_permission(request)) or (
            "submit" in may
        )
        if obj is not None:
            context["photo_requests"] = list(
                obj.photo_requests.select_related("photo", "requested_by")
            )
        note = obj and editor_note(obj.transitions.select_related("by"))
        # A return note is what to do now only while the story is back with
        # its reporter; once filed again it shows as dealt with, for the
        # reviewing desk, and on a story further on not at all.
        if note and note.transition.action == Transition.Action.RETURN:
            if not note.dealt_with:
                context["latest_note"] = note.transition
            elif obj.status == Status.SUBMITTED:
                context["dealt_note"] = note.transition
        return super().render_change_form(request, context, add, change, form_url, obj)

    # --- extra pages ------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/workflow/<str:action>/",
                view(self.workflow_view),
                name="articles_article_workflow",
            ),
            path(
                "<path:object_id>/versions/",
                view(self.versions_view),
                name="articles_article_versions",
            ),
            path(
                "<path:object_id>/versions/compare/",
                view(self.compare_view),
                name="articles_article_compare",
            ),
            path(
                "<path:object_id>/versions/<id:version_id>/restore/",
                view(self.restore_view),
                name="articles_article_restore",
            ),
            *super().get_urls(),
        ]

    def _article(self, request, object_id) -> Article:
        article = self.get_object(request, object_id)
        if article is None or not self.has_view_permission(request, article):
            self._refuse_if_exists(request, object_id)
            raise Http404(_("没有这篇稿件。"))
        return article

    def _refuse_if_exists(self, request, object_id) -> None:
        """An article that exists but is not this user's: say so (403), not "not found"."""
        pk = parse_id(str(object_id))
        article = Article.objects.filter(pk=pk).only("pk", "status").first() if pk else None
        if article is not None:
            raise PermissionDenied(policy.not_visible_reason(request.user, article))

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Django's change and delete pages land here for any article outside
        # get_queryset(): "perhaps it was deleted?" is wrong when it is only not theirs.
        self._refuse_if_exists(request, object_id)
        return super()._get_obj_does_not_exist_redirect(request, opts, object_id)

    def _context(self, request, article, **extra):
        return {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "original": article,
            "has_view_permission": True,
            **extra,
        }

    def workflow_view(self, request, object_id, action):
        article = self._article(request, object_id)
        step = STEPS.get(action)
        if step is None:
            raise Http404
        change_url = reverse("admin:articles_article_change", args=[article.pk])
        # A step this user may not take is no page to confirm: the role may
        # not (PermissionDenied: the 403 page, with the reason), or not in
        # this state (back to the article, saying why). The service checks
        # again under its lock.
        try:
            policy.check(request.user, article, action)
        except ValidationError as error:
            self.message_user(request, error_text(error), messages.WARNING)
            return HttpResponseRedirect(change_url)
        form = step.form(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                step.run(article, request.user, form.cleaned_data)
            except ValidationError as error:
                self.message_user(request, error_text(error), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("《%(headline)s》：%(step)s完成。")
                    % {"headline": article, "step": step.label},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(change_url)
        context = self._context(
            request,
            article,
            title=f"{step.label}：{article}",
            step=step,
            form=form,
            media=self.media + form.media,
            change_url=change_url,
            body_length=word_count(article.body),
        )
        return TemplateResponse(request, "admin/articles/article/workflow.html", context)

    def history_view(self, request, object_id, extra_context=None):
        # One history: the kept versions, which can be compared and restored.
        # Django's log of admin actions would be a second, thinner one.
        article = self._article(request, object_id)
        return HttpResponseRedirect(reverse("admin:articles_article_versions", args=[article.pk]))

    def versions_view(self, request, object_id):
        article = self._article(request, object_id)
        context = self._context(
            request,
            article,
            title=_("版本记录：%s") % article,
            rows=versions.version_rows(article),
            can_restore=rights.allowed(request, article, "change"),
        )
        return TemplateResponse(request, "admin/articles/article/versions.html", context)

    def compare_view(self, request, object_id):
        article = self._article(request, object_id)
        found = {v.pk: v for v in article_versions(article)}
        try:
            older, newer = (found[int(request.GET[key])] for key in ("a", "b"))
        except (KeyError, ValueError):
            self.message_user(request, _("请选择两个版本进行比较。"), messages.WARNING)
            return HttpResponseRedirect(
                reverse("admin:articles_article_versions", args=[article.pk])
            )
        if older.revision.date_created > newer.revision.date_created:
            older, newer = newer, older
        context = self._context(
            request,
            article,
            title=_("版本比较：%s") % article,
            older=older,
            newer=newer,
            rows=versions.compare(older, newer),
        )
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def restore_view(self, request, object_id, version_id):
        article = self._article(request, object_id)
        versions_url = reverse("admin:articles_article_versions", args=[article.pk])
        if request.method != "POST":
            return HttpResponseRedirect(versions_url)
        version = article_versions(article).filter(pk=version_id).first()
        if version is None:
            raise Http404
        try:
            expected = int(request.POST.get("expected_version", ""))
        except ValueError:
            expected = None
        try:
            with reversion.create_revision():
                services.article_restore(
                    article=article, version=version, by=request.user, expected_version=expected
                )
        except (ValidationError, PermissionDenied) as error:
            self.message_user(request, error_text(error), messages.ERROR)
            return HttpResponseRedirect(versions_url)
        self.message_user(request, _("已恢复所选版本，并另存为新版本。"), messages.SUCCESS)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
