"""通知: each person's own, opened from the start screen, marked read on opening."""

from django.contrib import admin, messages
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from articles import services
from articles.models import Notification
from newsroom.converters import parse_id


def open_url(notification) -> str:
    return reverse("admin:articles_notification_open", args=[notification.pk])


class UnreadFilter(admin.SimpleListFilter):
    title = _("状态")
    parameter_name = "unread"

    def lookups(self, request, model_admin):
        return [("1", _("未读"))]

    def queryset(self, request, queryset):
        if self.value() == "1":
            return queryset.filter(read_at__isnull=True)
        return queryset


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Everyone on the desk sees their own notifications and nobody else's."""

    list_display = ["mark", "message", "kind", "created_at"]
    list_display_links = None
    list_filter = [UnreadFilter, "kind"]
    list_per_page = 50
    actions = None
    change_list_template = "admin/articles/notification/change_list.html"

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None):
        if obj is not None and obj.recipient_id != request.user.pk:
            return False
        return self.has_module_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).filter(recipient=request.user)

    @admin.display(description=_("未读"))
    def mark(self, obj):
        if obj.is_read:
            return ""
        return format_html('<span class="desk-unread" title="{}">●</span>', _("未读"))

    @admin.display(description=_("内容"))
    def message(self, obj):
        return format_html('<a href="{}">{}</a>', open_url(obj), obj.text)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return HttpResponseRedirect(reverse("admin:articles_notification_open", args=[object_id]))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<path:object_id>/open/", view(self.open_view), name="articles_notification_open"
            ),
            path("read-all/", view(self.read_all_view), name="articles_notification_read_all"),
            *super().get_urls(),
        ]

    def _own(self, request, object_id) -> Notification:
        pk = parse_id(object_id)
        found = self.get_queryset(request).filter(pk=pk).first() if pk else None
        if found is None:
            raise Http404(_("没有这条通知。"))
        return found

    def open_view(self, request, object_id):
        """Mark it read and go to what it is about."""
        notification = self._own(request, object_id)
        services.notification_read(notification=notification, by=request.user)
        if notification.article_id:
            target = reverse("admin:articles_article_change", args=[notification.article_id])
        elif notification.photo_id:
            target = reverse("admin:media_library_photo_change", args=[notification.photo_id])
        else:
            target = reverse("admin:articles_notification_changelist")
        return HttpResponseRedirect(target)

    def read_all_view(self, request):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        count = services.notifications_read_all(by=request.user)
        self.message_user(
            request, _("已将 %(n)d 条通知标为已读。") % {"n": count}, messages.SUCCESS
        )
        back = request.POST.get("next", "")
        allowed = {reverse("admin:index"), reverse("admin:articles_notification_changelist")}
        return HttpResponseRedirect(back if back in allowed else reverse("admin:index"))
