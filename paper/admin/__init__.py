"""The paper in the admin: sections, issues with their planning screen, pages."""

from django.contrib import admin

from articles.models import Placement
from newsroom.admin_input import SafeQueryInput
from paper.admin import edition_plan, issue
from paper.admin.epaper import EpaperAdminMixin
from paper.models import Page, Section

__all__ = ["edition_plan", "issue"]


@admin.register(Section)
class SectionAdmin(SafeQueryInput, admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


class PagePlacementInline(admin.TabularInline):
    """A page's articles, for reading; the order is set on the issue's planning screen."""

    model = Placement
    fields = ["article", "position"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("articles.view_article")


@admin.register(Page)
class PageAdmin(EpaperAdminMixin, SafeQueryInput, admin.ModelAdmin):
    list_display = ["__str__", "issue", "number", "name", "editor", "word_budget"]
    list_filter = ["issue__date"]
    list_select_related = ["issue", "editor"]
    search_fields = ["name", "issue__number"]
    autocomplete_fields = ["issue", "editor"]
    readonly_fields = ["print_file", "print_pdf_page"]
    inlines = [PagePlacementInline]

    def view_on_site(self, obj):
        """在站点上查看 only once its issue is out; before that, 预览本版."""
        return obj.get_absolute_url() if obj.issue.is_released else None
