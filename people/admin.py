from django import forms
from django.contrib import admin

from newsroom.admin_input import SafeQueryInput
from people.files import portrait_clean
from people.models import Reporter


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
