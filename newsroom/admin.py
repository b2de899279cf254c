from django.contrib import admin

from newsroom.models import Issue, Page, Reporter, Section


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class PageInline(admin.TabularInline):
    model = Page
    extra = 0
    fields = ["number", "name", "editor", "print_file"]
    autocomplete_fields = ["editor"]
    show_change_link = True


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["__str__", "date", "number", "publish_at", "released_at", "released_by"]
    list_filter = ["date"]
    date_hierarchy = "date"
    search_fields = ["number", "date"]
    readonly_fields = ["released_at", "released_by"]
    inlines = [PageInline]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "issue", "number", "name", "editor"]
    list_filter = ["issue__date"]
    list_select_related = ["issue", "editor"]
    search_fields = ["name", "issue__number"]
    autocomplete_fields = ["issue", "editor"]

    def get_inlines(self, request, obj):
        # Imported here: the articles app builds on this one, not the reverse.
        from articles.admin import PlacementInline

        return [PlacementInline]


@admin.register(Reporter)
class ReporterAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "slug", "user"]
    list_filter = ["kind"]
    list_select_related = ["user"]
    search_fields = ["name", "slug", "user__username"]
    autocomplete_fields = ["user"]
