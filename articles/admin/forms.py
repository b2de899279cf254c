"""Forms of the article desk: the article itself, and each workflow step."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from articles.models import Article
from articles.services import article_check_version
from articles.tagging import TagAutocompleteWidget
from paper.forms import LocalDateTimeField


class ArticleAdminForm(forms.ModelForm):
    """The article form, carrying the version it was opened at.

    ``clean()`` locks the stored article and compares versions: if someone
    saved in between, the whole form is refused, so the admin shows the user
    their own text back untouched (no lost work, nothing overwritten).
    """

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        # The admin narrows this to its fieldsets; workflow fields are read-only there.
        fields = [
            "kind",
            "kicker",
            "headline",
            "subheadline",
            "slug",
            "dateline",
            "body",
            "summary",
            "section",
            "tags",
        ]
        widgets = {"tags": TagAutocompleteWidget}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk:
            expected = cleaned.get("expected_version")
            if expected is None:
                raise ValidationError(_("表单缺少版本号，请重新打开稿件后再保存。"))
            article_check_version(article=self.instance, expected_version=expected)
        return cleaned


class ConfirmForm(forms.Form):
    pass


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("意见"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("修改意见"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("记者会在“我的稿件”和稿件页上看到这段话。"),
    )


class PhotoRequestForm(forms.Form):
    note = forms.CharField(
        label=_("要拍什么"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("画面、地点、时间，越具体越好。摄影记者交图后，你会收到通知。"),
    )


class ScheduleForm(forms.Form):
    at = LocalDateTimeField(label=_("上线时间"))


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("撤稿理由"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("留档备查，不向读者公开。"),
    )


class CorrectionForm(forms.Form):
    text = forms.CharField(
        label=_("更正内容"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("将带日期显示在稿件末尾和更正页上。"),
    )
