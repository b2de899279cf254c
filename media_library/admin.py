from django.contrib import admin
from django.utils.html import format_html

from articles.admin.photo_usage import PhotoUsageMixin  # the desk: where a photo is used
from media_library.models import Photo, Rendition


class RenditionInline(admin.TabularInline):
    model = Rendition
    extra = 0
    fields = ["spec", "width", "height", "file"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # renditions are derived, never edited


@admin.register(Photo)
class PhotoAdmin(PhotoUsageMixin, admin.ModelAdmin):
    list_display = [
        "thumbnail",
        "title",
        "credit_reporter",
        "credit_text",
        "taken_at",
        "created_at",
    ]
    list_display_links = ["thumbnail", "title"]
    list_select_related = ["credit_reporter"]
    list_filter = ["created_at"]
    search_fields = ["title", "caption", "credit_text", "credit_reporter__name"]
    autocomplete_fields = ["credit_reporter"]
    readonly_fields = ["preview", "width", "height", "file_size", "content_hash"]
    fieldsets = [
        (None, {"fields": ["file", "preview", "title", "caption", "alt_text"]}),
        ("署名与版权", {"fields": ["credit_reporter", "credit_text", "rights"]}),
        ("拍摄", {"fields": ["taken_at", "taken_place"]}),
        ("文件", {"fields": ["width", "height", "file_size", "content_hash"]}),
    ]
    inlines = [RenditionInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="缩略图")
    def thumbnail(self, obj):
        return format_html('<img src="{}" alt="" style="height:48px">', obj.file_url)

    @admin.display(description="预览")
    def preview(self, obj):
        if not obj.file:
            return "-"
        return format_html('<img src="{}" alt="" style="max-height:240px">', obj.file_url)
