from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count

from articles import policy, services
from articles.models import Article, Correction, Event
from newsroom.admin_input import SafeQueryInput
from newsroom.errors import error_text


@admin.register(Event)
class EventAdmin(SafeQueryInput, admin.ModelAdmin):
    list_display = ["title", "start", "all_day", "place", "organiser", "announced", "coverage"]
    list_filter = ["announced", "all_day"]
    search_fields = ["title", "place", "organiser"]
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["articles", "photos"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(coverage_count=Count("articles"))

    def view_on_site(self, obj):
        """在站点上查看 only for an event readers can open (announced, or covered live)."""
        return (
            obj.get_absolute_url() if Event.objects.public().filter(pk=obj.pk).exists() else None
        )

    @admin.display(description="报道数", ordering="coverage_count")
    def coverage(self, obj):
        return obj.coverage_count


@admin.register(Correction)
class CorrectionAdmin(SafeQueryInput, admin.ModelAdmin):
    """Corrections are added through ``correction_add``: dated, logged, only after publication."""

    list_display = ["article", "published_at", "text", "created_by"]
    list_select_related = ["article", "created_by"]
    search_fields = ["article__headline", "text"]
    autocomplete_fields = ["article"]
    date_hierarchy = "published_at"
    fields = ["article", "published_at", "text"]

    def view_on_site(self, obj):
        live = Article.objects.live().filter(pk=obj.article_id).exists()
        return obj.get_absolute_url() if live else None

    def get_queryset(self, request):
        return (
            super().get_queryset(request).filter(article__in=policy.visible_articles(request.user))
        )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if obj is not None:
            return form
        user = request.user

        class CorrectionAddForm(form):
            def clean(self):
                cleaned = super().clean()
                article = cleaned.get("article")
                if article is not None:
                    try:
                        policy.check(user, article, "correct")
                    except (PermissionDenied, ValidationError) as error:
                        raise ValidationError(error_text(error)) from error
                return cleaned

        return CorrectionAddForm

    def get_readonly_fields(self, request, obj=None):
        return ["article"] if obj else []

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        correction = services.correction_add(
            article=obj.article,
            by=request.user,
            text=obj.text,
            published_at=obj.published_at,
        )
        obj.pk = correction.pk
