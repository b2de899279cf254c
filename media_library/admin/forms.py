"""Admin forms: one photo, many photos, and editing a photo's description."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget, AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from articles import policy
from media_library.models import Photo
from media_library.selectors import photo_duplicate_of
from media_library.services import DuplicatePhoto, photo_storage_check
from media_library.validation import inspect_upload, kept_content
from people.models import Reporter

ACCEPT = "image/jpeg,image/png,image/webp,image/gif"

ALLOW_DUPLICATE = forms.BooleanField(
    label=_("仍然上传重复图片"),
    required=False,
    help_text=_("图库里已有同一文件时，默认不再上传，只提示已有的那张。"),
)


class PhotoAddForm(forms.ModelForm):
    """One photo: the file is checked here, the upload service stores it."""

    # A plain file field: our own checks give the reasons, not Django's
    # generic "not an image" (and they let a 0-byte file reach them).
    file = forms.FileField(
        label=_("图片文件"),
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_(
            "JPEG、PNG、WebP 或 GIF。图片自带的标题、说明、作者和拍摄时间会自动填入空白项。"
        ),
    )
    allow_duplicate = ALLOW_DUPLICATE

    class Meta:
        model = Photo
        fields = [
            "file",
            "title",
            "caption",
            "alt_text",
            "credit_reporter",
            "credit_text",
            "rights",
            "usage_expires",
            "taken_at",
            "taken_place",
        ]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.inspection = inspect_upload(upload, upload.name)
        return upload

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload and not cleaned.get("allow_duplicate"):
            # The same content as would be stored (without bytes after the image).
            existing = photo_duplicate_of(kept_content(upload, self.inspection))
            if existing is not None:
                self.add_error("file", ValidationError(DuplicatePhoto(existing).as_html()))
        if upload and not self.errors:
            try:
                photo_storage_check()
            except ValidationError as error:
                self.add_error("file", error)
        return cleaned


class PhotoChangeForm(forms.ModelForm):
    """A stored photo: its file is fixed (upload a new photo to replace it).

    ``user`` is set by the admin: who is changing it.
    """

    user = None

    def _post_clean(self):
        super()._post_clean()
        # The articles' rules for a photo they published, shown on the form
        # (the service checks them again when saving); what was typed stays.
        if self.has_changed() and self.user is not None:
            try:
                policy.check_photo_change(self.user, self.instance)
            except PermissionDenied as refusal:
                self.add_error(None, str(refusal))
        for error in policy.photo_in_use_errors(self.instance):
            self.add_error(None, error)

    class Meta:
        model = Photo
        fields = [
            "focal_x",
            "focal_y",
            "title",
            "caption",
            "alt_text",
            "credit_reporter",
            "credit_text",
            "rights",
            "usage_expires",
            "taken_at",
            "taken_place",
        ]
        widgets = {
            "focal_x": forms.NumberInput(attrs={"step": "0.001", "min": 0, "max": 1}),
            "focal_y": forms.NumberInput(attrs={"step": "0.001", "min": 0, "max": 1}),
        }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Every selected file, unchecked: each one is judged on its own by the service."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        return files


class PhotoBatchUploadForm(forms.Form):
    files = MultipleFileField(
        label=_("图片文件"),
        widget=MultipleFileInput(attrs={"accept": ACCEPT}),
        help_text=_("可一次选择多张。每张单独检查：不合格的文件逐一说明原因，不会保存。"),
    )
    credit_reporter = forms.ModelChoiceField(
        label=_("摄影"),
        queryset=Reporter.objects.all(),
        required=False,
        widget=AutocompleteSelect(Photo._meta.get_field("credit_reporter"), admin.site),
        help_text=_("这批图片的作者；留空则取图片自带的作者。"),
    )
    credit_text = forms.CharField(
        label=_("来源署名"),
        max_length=120,
        required=False,
        help_text=_("没有作者记录时填写，例如“新华社发”。"),
    )
    rights = forms.CharField(label=_("版权与授权"), max_length=200, required=False)
    usage_expires = forms.DateField(label=_("使用期限"), required=False, widget=AdminDateWidget())
    allow_duplicate = ALLOW_DUPLICATE

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("credit_reporter") and cleaned.get("credit_text"):
            raise ValidationError(_("署名只填一项：摄影记者，或来源署名。"))
        return cleaned
