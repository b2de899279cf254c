"""约图 for the photo desk: open requests, and 交图 with a photo from the library."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles import policy, services
from articles.models import PhotoRequest
from media_library.models import Photo
from media_library.selectors import own_q
from newsroom.converters import parse_id
from newsroom.errors import error_text
from people.selectors import user_label


class FulfilForm(forms.Form):
    photo = forms.ModelChoiceField(
        label=_("交哪张图"),
        queryset=Photo.objects.none(),
        help_text=_("先在图片库上传，再在这里选出；最近上传的在前。"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # The latest 200 of one's own: a choice, not the whole library.
        latest = Photo.objects.filter(own_q(user)).order_by("-created_at", "-pk").values("pk")
        self.fields["photo"].queryset = Photo.objects.filter(pk__in=latest[:200]).order_by(
            "-created_at", "-pk"
        )


class OpenFilter(admin.SimpleListFilter):
    title = _("状态")
    parameter_name = "open"

    def lookups(self, request, model_admin):
        return [("1", _("待交图")), ("0", _("已交图"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(photo__isnull=True)
        if self.value() == "0":
            return queryset.filter(photo__isnull=False)
        return queryset


@admin.register(PhotoRequest)
class PhotoRequestAdmin(admin.ModelAdmin):
    """The photo desk sees every request; a writer sees those on stories they can see."""

    list_display = ["article_link", "note", "asked_by", "created_at", "answer"]
    list_display_links = None
    list_filter = [OpenFilter]
    list_select_related = ["article", "requested_by", "photo", "fulfilled_by"]
    actions = None

    def has_module_permission(self, request):
        user = request.user
        return user.is_active and (
            user.has_perm("media_library.add_photo") or user.has_perm("articles.add_article")
        )

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False  # asked from the story's own page (约图)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if policy.is_desk(request.user) or not request.user.has_perm("articles.add_article"):
            return queryset  # the desk and the photo desk: all of them
        return queryset.filter(Q(article__in=policy.visible_articles(request.user)))

    @admin.display(description=_("稿件"))
    def article_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:articles_article_change", args=[obj.article_id]),
            obj.article.headline,
        )

    @admin.display(description=_("约图人"))
    def asked_by(self, obj):
        return user_label(obj.requested_by)

    def get_list_display(self, request):
        # 交图 is offered only to those who may (the photo desk), never as a dead end.
        fulfils = self._may_fulfil(request.user)
        return [*self.list_display[:-1], "deliver" if fulfils else "answer"]

    @admin.display(description=_("交图"))
    def answer(self, obj):
        if obj.is_open:
            return _("待交图")
        return format_html("{}（{}）", obj.photo or _("图片已删除"), user_label(obj.fulfilled_by))

    @admin.display(description=_("交图"))
    def deliver(self, obj):
        if not obj.is_open:
            return self.answer(obj)
        return format_html(
            '<a class="button" href="{}">{}</a>',
            reverse("admin:articles_photorequest_fulfil", args=[obj.pk]),
            _("交图"),
        )

    def _may_fulfil(self, user) -> bool:
        try:
            policy.check_photo_fulfil(user)
        except PermissionDenied:
            return False
        return True

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:articles_photorequest_changelist"))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/fulfil/",
                view(self.fulfil_view),
                name="articles_photorequest_fulfil",
            ),
            *super().get_urls(),
        ]

    def fulfil_view(self, request, object_id):
        policy.check_photo_fulfil(request.user)  # PermissionDenied: the 403 page, with why
        pk = parse_id(object_id)
        found = PhotoRequest.objects.select_related("article").filter(pk=pk).first()
        if found is None:
            raise Http404(_("没有这次约图。"))
        listing = reverse("admin:articles_photorequest_changelist")
        form = FulfilForm(request.POST or None, user=request.user)
        if request.method == "POST" and form.is_valid():
            try:
                services.photo_request_fulfil(
                    request=found, photo=form.cleaned_data["photo"], by=request.user
                )
            except ValidationError as error:
                self.message_user(request, error_text(error), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("已为《%(headline)s》交图，约图人会收到通知。")
                    % {"headline": found.article.headline},
                    messages.SUCCESS,
                )
                return HttpResponseRedirect(listing)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("交图：《%(headline)s》") % {"headline": found.article.headline},
            "photo_request": found,
            "form": form,
            "listing": listing,
            "upload_url": reverse("admin:media_library_photo_add"),
        }
        return TemplateResponse(request, "admin/articles/photorequest/fulfil.html", context)
