from django.contrib import admin
from django.db.models import Count

from articles.models import Article, ArticlePhoto, Byline, Correction, Event, Placement
from search.admin import IndexedSearchMixin


class BylineInline(admin.TabularInline):
    model = Byline
    extra = 1
    fields = ["reporter", "role", "position"]
    autocomplete_fields = ["reporter"]


class ArticlePhotoInline(admin.TabularInline):
    model = ArticlePhoto
    extra = 0
    fields = ["photo", "position"]
    autocomplete_fields = ["photo"]


class PlacementInline(admin.TabularInline):
    model = Placement
    extra = 0
    fields = ["page", "article", "position"]
    autocomplete_fields = ["page", "article"]


class ArticlePlacementInline(PlacementInline):
    fields = ["page", "position"]
    autocomplete_fields = ["page"]


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["published_at", "text"]


@admin.register(Article)
class ArticleAdmin(IndexedSearchMixin, admin.ModelAdmin):
    list_display = ["headline", "kind", "section", "status", "publish_at", "issue", "updated_at"]
    list_filter = ["status", "kind", "section", "issue"]
    list_select_related = ["section", "issue"]
    search_fields = ["headline", "kicker", "subheadline", "summary", "body"]
    date_hierarchy = "publish_at"
    autocomplete_fields = ["section", "issue"]
    fieldsets = [
        (None, {"fields": ["kind", "kicker", "headline", "subheadline", "slug"]}),
        ("正文", {"fields": ["dateline", "body", "summary"]}),
        ("归类", {"fields": ["section", "tags"]}),
        ("发布", {"fields": ["status", "publish_at", "issue"]}),
    ]
    inlines = [BylineInline, ArticlePhotoInline, ArticlePlacementInline, CorrectionInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "start", "all_day", "place", "organiser", "announced", "coverage"]
    list_filter = ["announced", "all_day"]
    search_fields = ["title", "place", "organiser"]
    date_hierarchy = "start"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["articles", "photos"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(coverage_count=Count("articles"))

    @admin.display(description="报道数", ordering="coverage_count")
    def coverage(self, obj):
        return obj.coverage_count


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["article", "published_at", "text"]
    list_select_related = ["article"]
    search_fields = ["article__headline", "text"]
    autocomplete_fields = ["article"]
    date_hierarchy = "published_at"
