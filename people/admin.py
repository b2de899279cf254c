from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from newsroom.admin_input import SafeQueryInput
from newsroom.errors import error_text
from people import roles, services
from people.files import portrait_clean
from people.forms import StaffChangeForm, StaffCreateForm, StaffPasswordForm
from people.models import Reporter, StaffAccount


class ReporterForm(forms.ModelForm):
    class Meta:
        model = Reporter
        fields = ["name", "slug", "kind", "bio", "user", "portrait"]

    def clean_portrait(self):
        portrait = self.cleaned_data.get("portrait")
        if portrait and hasattr(portrait, "content_type"):  # a new upload
            return portrait_clean(portrait)
        return portrait


@admin.register(Reporter)
class ReporterAdmin(SafeQueryInput, admin.ModelAdmin):
    form = ReporterForm
    list_display = ["name", "kind", "slug", "user"]
    list_filter = ["kind"]
    list_select_related = ["user"]
    search_fields = ["name", "slug", "user__username"]
    autocomplete_fields = ["user"]


@admin.register(StaffAccount)
class StaffAccountAdmin(admin.ModelAdmin):
    """员工账号 for the chief editor: every change goes through people.services,
    which keep roles within the chief editor's own reach."""

    list_display = ["username", "full_name", "role", "byline", "is_active", "last_login"]
    list_filter = ["is_active", "groups"]
    search_fields = ["username", "first_name", "last_name", "reporter__name"]
    ordering = ["username"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("reporter").prefetch_related("groups")

    def has_change_permission(self, request, obj=None):
        # An account that reaches higher (a superuser, or a role above one's
        # own) is shown, never changed.
        if obj is not None and not services.within_reach(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False  # deactivate instead: the account's history stays theirs

    @admin.display(description=_("姓名"), ordering="first_name")
    def full_name(self, obj):
        return obj.get_full_name() or "—"

    @admin.display(description=_("角色"))
    def role(self, obj):
        names = [g.name for g in obj.groups.all() if g.name in roles.RANK]
        return "、".join(names) or "—"

    @admin.display(description=_("署名作者"))
    def byline(self, obj):
        reporter = getattr(obj, "reporter", None)
        return reporter.name if reporter else "—"

    def _render(self, request, title, context, obj=None):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": title,
            "original": obj,
            **context,
        }
        return TemplateResponse(request, "admin/people/staffaccount/form.html", context)

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        grantable = services.roles_grantable_by(request.user)
        form = StaffCreateForm(request.POST or None, roles=grantable)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                user = services.staff_create(
                    username=data["username"],
                    role=data["role"],
                    full_name=data["full_name"],
                    password=data["password1"] or None,
                    reporter=data["reporter"],
                    new_reporter_kind=data["new_reporter_kind"] or None,
                    by=request.user,
                )
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, error_text(error))
            else:
                self.log_addition(request, user, [{"added": {}}])
                # The login, which the new colleague is told with their password.
                self.message_user(
                    request,
                    _("已创建员工账号 %(user)s。") % {"user": user.get_username()},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse("admin:people_staffaccount_change", args=[user.pk])
                )
        return self._render(request, _("新建员工账号"), {"forms": [("create", form, _("创建"))]})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        user = self.get_object(request, object_id)
        if user is None:
            raise Http404
        grantable = services.roles_grantable_by(request.user)
        op = request.POST.get("op") if request.method == "POST" else None
        reporter = getattr(user, "reporter", None)
        initial = {"full_name": user.first_name, "role": services.role_of(user)}
        if reporter:
            initial["reporter"] = reporter.pk
        change = StaffChangeForm(
            request.POST if op == "change" else None,
            initial=initial,
            roles=grantable,
            user=user,
        )
        password = StaffPasswordForm(request.POST if op == "password" else None)
        if op and not self.has_change_permission(request, user):
            raise PermissionDenied
        try:
            done = self._change_post(request, user, op, change, password)
        except (ValidationError, PermissionDenied) as error:
            form = password if op == "password" else change
            form.add_error(None, error_text(error))
            done = None
        if done:
            self.log_change(request, user, [{"changed": {"name": done}}])
            self.message_user(request, done, messages.SUCCESS)
            return HttpResponseRedirect(request.path)
        forms = [("change", change, _("保存")), ("password", password, _("设置新密码"))]
        can_change = self.has_change_permission(request, user)
        context = {"forms": forms if can_change else [], "account": user, "can_change": can_change}
        return self._render(request, _("员工账号：%s") % user, context, user)

    def _change_post(self, request, user, op, change, password) -> str:
        by = request.user
        if op == "change" and change.is_valid():
            data = change.cleaned_data
            services.staff_update(
                user=user,
                by=by,
                role=data["role"],
                full_name=data["full_name"],
                reporter=data["reporter"],
            )
            return _("已保存 %(user)s。") % {"user": user}
        if op == "password" and password.is_valid():
            new = password.cleaned_data["password1"]
            services.staff_set_password(user=user, by=by, password=new)
            return _("已为 %(user)s 设置新密码，请当面告知本人。") % {"user": user}
        if op in ("deactivate", "activate"):
            active = op == "activate"
            services.staff_set_active(user=user, by=by, active=active)
            done = _("已启用 %(user)s。") if active else _("已停用 %(user)s，其稿件和署名保留。")
            return done % {"user": user}
        return ""
