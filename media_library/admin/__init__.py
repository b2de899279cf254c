"""The photo library in the admin: upload one or many, describe, set the focal
point by clicking, see where each photo is used. Writes go through
``media_library.services``."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _

from articles import policy
from articles.models import public_photos
from articles.services import photo_change
from media_library.admin.forms import PhotoAddForm, PhotoBatchUploadForm, PhotoChangeForm
from media_library.models import Photo, Rendition
from media_library.rules import photo_publishable_errors
from media_library.selectors import incomplete_q, own_q, photo_prefetches, photo_usage
from media_library.services import DuplicatePhoto, photo_delete, photo_upload
from media_library.templatetags.photos import photo_sources, photo_url
from newsroom.admin_input import SafeQueryInput
from people.selectors import user_label

DESCRIPTION = ["title", "caption", "alt_text"]
CREDIT = ["credit_reporter", "credit_text", "rights", "usage_expires"]
TAKEN = ["taken_at", "taken_place"]


class RenditionInline(admin.TabularInline):
    model = Rendition
    extra = 0
    fields = ["spec", "width", "height", "link"]
    readonly_fields = fields
    can_delete = False
    classes = ["collapse"]  # sixteen rows of derived files: open on demand

    def has_add_permission(self, request, obj=None):
        return False  # renditions are derived, never edited

    @admin.display(description=_("文件"))
    def link(self, obj):
        return format_html('<a href="{}">{}</a>', obj.url, obj.spec)


class IncompleteFilter(admin.SimpleListFilter):
    """What the photo desk still has to describe (the start screen links here)."""

    title = _("资料")
    parameter_name = "incomplete"

    def lookups(self, request, model_admin):
        return [("mine", _("我的图片缺资料")), ("all", _("缺标题、说明、替代文字或署名"))]

    def queryset(self, request, queryset):
        if self.value() == "mine":
            return queryset.filter(incomplete_q()).filter(own_q(request.user)).distinct()
        if self.value() == "all":
            return queryset.filter(incomplete_q())
        return queryset


@admin.register(Photo)
class PhotoAdmin(SafeQueryInput, admin.ModelAdmin):
    list_display = [
        "thumbnail",
        "title",
        "credit_display",
        "usage_count",
        "publishable",
        "taken_at",
        "created_at",
    ]
    list_display_links = ["thumbnail", "title"]
    list_select_related = ["credit_reporter"]
    list_filter = [IncompleteFilter, "created_at", "usage_expires"]
    search_fields = ["title", "caption", "credit_text", "credit_reporter__name", "content_hash"]
    autocomplete_fields = ["credit_reporter"]
    readonly_fields = [
        "preview",
        "usage",
        "original",
        "width",
        "height",
        "size",
        "content_hash",
        "uploader",
        "created_at",
    ]
    add_fieldsets = [
        (None, {"fields": ["file", "allow_duplicate"]}),
        (_("说明"), {"fields": DESCRIPTION}),
        (_("署名与版权"), {"fields": CREDIT}),
        (_("拍摄"), {"fields": TAKEN}),
    ]
    fieldsets = [
        (None, {"fields": ["preview", ("focal_x", "focal_y")]}),
        (_("说明"), {"fields": DESCRIPTION}),
        (_("署名与版权"), {"fields": CREDIT}),
        (_("拍摄"), {"fields": TAKEN}),
        (_("使用情况"), {"fields": ["usage"]}),
        (
            _("文件"),
            {
                "fields": [
                    "original",
                    ("width", "height", "size"),
                    "content_hash",
                    ("uploader", "created_at"),
                ]
            },
        ),
    ]
    inlines = [RenditionInline]

    class Media:
        css = {"all": ["media_library/admin.css"]}
        js = ["media_library/focal_point.js"]

    # --- forms: a new photo goes through the upload service ---------------------
    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = PhotoAddForm if obj is None else PhotoChangeForm
        form = super().get_form(request, obj, **kwargs)
        form.user = request.user  # a class made for this request
        return form

    # --- a photo readers see: changed only by who may change its articles -------
    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        # Read-only to show; a POST still reaches the form, which refuses it
        # with the reason and shows back what was typed (a form opened before
        # the article was published loses nothing).
        if obj is not None and request.method != "POST" and not self._may_change(request, obj):
            return [*fields, "focal_x", "focal_y", *DESCRIPTION, *CREDIT, *TAKEN]
        return fields

    def view_on_site(self, obj):
        """在站点上查看 only for a photo readers can see (in a live story)."""
        return obj.get_absolute_url() if public_photos().filter(pk=obj.pk).exists() else None

    def _may_change(self, request, obj) -> bool:
        if not hasattr(obj, "_may_change"):
            obj._may_change = policy.may_change_photo(request.user, obj)
        return obj._may_change

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method != "POST":
            photo = self.get_object(request, object_id)
            if photo is not None and self.has_change_permission(request, photo):
                try:
                    policy.check_photo_change(request.user, photo)
                except PermissionDenied as refusal:
                    messages.warning(request, str(refusal))
        return super().change_view(request, object_id, form_url, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        try:
            return super().add_view(request, form_url, extra_context)
        except ValidationError as refusal:
            # The storage went away between the form's check and the upload:
            # nothing was stored (the service undid it); say so, form again.
            if refusal.code != "storage":
                raise
            messages.error(request, "；".join(refusal.messages))
            return redirect(request.get_full_path())

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            return self.add_fieldsets
        fieldsets = super().get_fieldsets(request, obj)
        if request.user.is_superuser:
            return fieldsets
        # The content hash finds duplicates on upload; nobody on the desk reads it.
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f != "content_hash"]})
            for name, options in fieldsets
        ]

    @admin.display(description=_("文件大小"))
    def size(self, obj):
        return filesizeformat(obj.file_size)

    @admin.display(description=_("上传人"))
    def uploader(self, obj):
        return user_label(obj.uploaded_by)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_form(self, request, form, change):
        if change:
            return form.save(commit=False)
        data = form.cleaned_data
        photo = photo_upload(
            file=data["file"],
            by=request.user,
            allow_duplicate=data.get("allow_duplicate", False),
            **{field: data[field] for field in DESCRIPTION + CREDIT + TAKEN},
        )
        form.instance = photo
        self._say_trimmed(request, photo, data["file"].name)
        return photo

    def _say_trimmed(self, request, photo, name):
        if photo.trailing_bytes_removed:
            messages.info(
                request,
                _("「%(name)s」图片结束后附带了 %(n)s 字节的其他数据，已去除，只保存了图片。")
                % {"name": name, "n": photo.trailing_bytes_removed},
            )

    def save_related(self, request, form, formsets, change):
        if change:  # a new photo has nothing related: the service saved it whole
            super().save_related(request, form, formsets, change)

    def save_model(self, request, obj, form, change):
        if change:
            photo_change(photo=obj, by=request.user)
        if photo_usage(obj).exists():
            for error in photo_publishable_errors(obj):
                messages.warning(request, error)

    # --- deleting: refused while any article uses the photo -----------------------
    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        using = [
            format_html(
                "{}：<a href='{}'>《{}》</a>（{}）",
                _("使用本图的稿件"),
                reverse("admin:articles_article_change", args=[article.pk]),
                article.headline,
                article.get_status_display(),
            )
            for photo in objs
            for article in photo_usage(photo)
        ]
        if using:
            protected = using
        return deleted, counts, perms_needed, protected

    def delete_model(self, request, obj):
        photo_delete(photo=obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for photo in queryset:
            photo_delete(photo=photo, by=request.user)

    # --- the changelist ---------------------------------------------------------------
    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(usage_total=Count("article_photos", distinct=True))
            .prefetch_related(*photo_prefetches())
            # A GROUP BY drops the model's default ordering; the photo
            # picker (autocomplete) pages through this queryset.
            .order_by(*Photo._meta.ordering)
        )

    @admin.display(description=_("缩略图"))
    def thumbnail(self, obj):
        sources = photo_sources(obj, "sq", 160)
        if not sources:
            return _("规格图生成中")
        return format_html(
            '<img class="photo-thumb" src="{}" alt="" width="80" height="80">', sources.src
        )

    @admin.display(description=_("署名"), ordering="credit_reporter__name")
    def credit_display(self, obj):
        return obj.credit or "-"

    @admin.display(description=_("使用次数"), ordering="usage_total")
    def usage_count(self, obj):
        return obj.usage_total

    @admin.display(description=_("可随稿发布"), boolean=True)
    def publishable(self, obj):
        return not photo_publishable_errors(obj)

    # --- the change form ------------------------------------------------------------
    @admin.display(description=_("预览与焦点"))
    def preview(self, obj):
        if not obj.pk:
            return "-"
        src = photo_url(obj, "w800.jpg") or obj.file_url
        return format_html(
            '<div class="focal-point" data-focal-point>'
            '<img src="{}" alt="{}" class="focal-point__image">'
            '<span class="focal-point__marker" hidden></span></div>'
            '<p class="help">{}</p>',
            src,
            _("点击设置焦点"),
            _("在图片上点击画面主体（例如人物的脸），卡片和缩略图裁切时会保持它在画面内。"),
        )

    @admin.display(description=_("使用这张图片的稿件"))
    def usage(self, obj):
        articles = list(photo_usage(obj)) if obj.pk else []
        if not articles:
            return _("尚未被稿件使用。")
        # Link only what this user may open (a reporter cannot open another
        # reporter's draft); the object carries the user, see get_object().
        user = getattr(obj, "_usage_user", None)
        visible = set(
            policy.visible_articles(user)
            .filter(pk__in=[a.pk for a in articles])
            .values_list("pk", flat=True)
            if user
            else ()
        )

        def row(article):
            where = f"，{article.issue}" if article.issue_id else ""
            if article.pk in visible:
                url = reverse("admin:articles_article_change", args=[article.pk])
                return format_html(
                    '<li><a href="{}">《{}》</a>（{}{}）</li>',
                    url,
                    article.headline,
                    article.get_state_display(),
                    where,
                )
            return format_html(
                "<li>《{}》（{}{}）</li>", article.headline, article.get_state_display(), where
            )

        return format_html(
            '<ul class="photo-usage">{}</ul>',
            format_html_join("", "{}", ((row(a),) for a in articles)),
        )

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj._usage_user = request.user
        return obj

    @admin.display(description=_("原图"))
    def original(self, obj):
        if not obj.pk:
            return "-"
        return format_html(
            '<a href="{}">{}</a> <span class="help">{}</span>',
            obj.file_url,
            _("查看原图"),
            _(
                "原图保留拍摄设备、位置等全部元数据，只供采编人员使用；读者只能看到去除元数据的规格图。"
            ),
        )

    # --- many photos at once --------------------------------------------------------
    def get_urls(self):
        return [
            path(
                "upload/",
                self.admin_site.admin_view(self.upload_view),
                name="media_library_photo_upload",
            ),
            *super().get_urls(),
        ]

    def upload_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = PhotoBatchUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            created = self._upload_each(request, form.cleaned_data)
            if created:
                return redirect("admin:media_library_photo_changelist")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("批量上传图片"),
            "form": form,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/media_library/photo/upload.html", context)

    def _upload_each(self, request, data) -> list[Photo]:
        created = []
        for upload in data["files"]:
            try:
                photo = photo_upload(
                    file=upload,
                    by=request.user,
                    credit_reporter=data["credit_reporter"],
                    credit_text=data["credit_text"],
                    rights=data["rights"],
                    usage_expires=data["usage_expires"],
                    allow_duplicate=data["allow_duplicate"],
                )
            except DuplicatePhoto as duplicate:
                messages.warning(
                    request,
                    format_html("「{}」未上传：{}", upload.name, duplicate.as_html()),
                )
            except ValidationError as error:
                messages.error(
                    request,
                    _("「%(name)s」未上传：%(reason)s")
                    % {"name": upload.name, "reason": "；".join(error.messages)},
                )
            else:
                self.log_addition(request, photo, [{"added": {}}])
                self._say_trimmed(request, photo, upload.name)
                created.append(photo)
        if created:
            messages.success(
                request,
                format_html(
                    "{}{}",
                    _("已上传 %(count)s 张图片：") % {"count": len(created)},
                    format_html_join(
                        "、",
                        '<a href="{}">《{}》</a>',
                        (
                            (reverse("admin:media_library_photo_change", args=[p.pk]), p)
                            for p in created
                        ),
                    ),
                ),
            )
        return created
