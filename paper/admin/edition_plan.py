"""版面计划: which pages an issue has on each weekday, edited by the desk."""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from newsroom.admin_input import SafeQueryInput
from paper.models import EditionPlan, PlannedPage, Weekday


class PlannedPageInline(admin.TabularInline):
    model = PlannedPage
    extra = 0
    fields = ["number", "name", "editor", "word_budget"]
    autocomplete_fields = ["editor"]


@admin.register(EditionPlan)
class EditionPlanAdmin(SafeQueryInput, admin.ModelAdmin):
    list_display = ["__str__", "page_list", "page_count"]
    inlines = [PlannedPageInline]
    fields = ["weekday"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(page_total=Count("pages"))
            .prefetch_related("pages")
        )

    def has_add_permission(self, request):
        # One plan per weekday: once all seven exist, there is nothing to add.
        return super().has_add_permission(request) and EditionPlan.objects.count() < len(Weekday)

    def get_readonly_fields(self, request, obj=None):
        # A weekday's plan is edited, not moved to another weekday.
        return ["weekday"] if obj is not None else []

    @admin.display(description=_("版面"))
    def page_list(self, obj):
        return "、".join(f"{p.number} {p.name}" for p in obj.pages.all()) or "—"

    @admin.display(description=_("版数"), ordering="page_total")
    def page_count(self, obj):
        return obj.page_total
