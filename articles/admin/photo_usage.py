"""For the photo library's admin: where each photo is used, so the photo desk can see it."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from articles import policy


class PhotoUsageMixin:
    """Adds a "使用情况" section and a count column to a Photo ModelAdmin."""

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        # GROUP BY drops the model's default ordering; keep it for stable pages.
        return queryset.annotate(usage_count=Count("article_photos")).order_by(
            *(queryset.query.order_by or queryset.model._meta.ordering)
        )

    def get_list_display(self, request):
        return [*super().get_list_display(request), "usage"]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "used_in"]

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None:
            fieldsets.append((_("使用情况"), {"fields": ["used_in"]}))
        return fieldsets

    @admin.display(description=_("使用次数"), ordering="usage_count")
    def usage(self, obj):
        return obj.usage_count

    @admin.display(description=_("使用这张图片的稿件"))
    def used_in(self, obj):
        request_user = getattr(obj, "_usage_user", None)
        articles = obj.articles.select_related("issue").order_by("-updated_at")
        visible = set(
            policy.visible_articles(request_user)
            .filter(pk__in=articles)
            .values_list("pk", flat=True)
            if request_user
            else []
        )

        def line(article):
            if article.pk in visible:
                url = reverse("admin:articles_article_change", args=[article.pk])
                return (
                    format_html('<a href="{}">{}</a>', url, article.headline),
                    article.get_state_display(),
                )
            return (article.headline, article.get_state_display())

        rows = [line(a) for a in articles]
        if not rows:
            return _("还没有稿件使用")
        return format_html("<ul>{}</ul>", format_html_join("", "<li>{}（{}）</li>", rows))

    def get_object(self, request, object_id, from_field=None):
        # ``used_in`` links only what this user may open; the object carries the
        # user, as the ModelAdmin is shared between requests.
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj._usage_user = request.user
        return obj
