"""Forms of the article desk: the article itself, and each workflow step."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as gettext_now
from django.utils.translation import gettext_lazy as _
from taggit.utils import edit_string_for_tags

from articles.conflicts import FIELDS, article_conflict, stored_value
from articles.models import Article
from articles.selectors.versions import version_number
from articles.services import article_check_version
from articles.tagging import TagAutocompleteWidget
from paper.forms import LocalDateTimeField
from people.selectors import user_label


class ArticleAdminForm(forms.ModelForm):
    """The article form, carrying the version it was opened at.

    ``clean()`` locks the stored article and compares versions: if someone
    saved in between, the whole form is refused, so the admin shows the user
    their own text back (no lost work, nothing overwritten) with what the
    other desk changed (``conflict``): fields only they changed are taken into
    the form, fields both changed are shown side by side with a choice,
    ``resolve_<field>`` = ``mine`` or ``theirs``, and the form now carries the
    newer version, so the next save settles it.
    """

    RESOLVE = "resolve_"
    conflict = None

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
        widgets = {
            "tags": TagAutocompleteWidget,
            # A line or two for feeds and teasers; the body gets the big box.
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

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
            try:
                current = article_check_version(article=self.instance, expected_version=expected)
            except ValidationError as error:
                if getattr(error, "code", None) != "stale":
                    raise
                self._offer_merge(expected, cleaned)
                raise ValidationError(self._merge_message(), code="stale") from error
            for name in FIELDS:
                if name in cleaned and self.data.get(self.RESOLVE + name) == "theirs":
                    cleaned[name] = stored_value(current, name)
        return cleaned

    def _offer_merge(self, expected: int, cleaned: dict) -> None:
        current = Article.objects.select_related("updated_by").get(pk=self.instance.pk)
        mine = {name: cleaned[name] for name in FIELDS if name in cleaned}
        self.conflict = article_conflict(current=current, expected_version=expected, mine=mine)
        data = self.data.copy()
        data["expected_version"] = str(current.version)
        for name, value in self.conflict.taken.items():
            if name == "tags":
                data[name] = edit_string_for_tags(list(current.tags.all()))
            elif name == "section":
                data[name] = str(value or "")
            else:
                data[name] = value or ""
        self.data = data

    def _merge_message(self) -> str:
        current = self.conflict.current
        return gettext_now(
            "没有保存：%(who)s 在 %(when)s 保存了这篇稿件（第 %(version)s 版），"
            "晚于你打开它的时间。你填写的内容一个字也没有丢，对方的修改也没有被覆盖。"
            "请看下面双方的改动，逐项选择用对方的还是保留你的（也可以在表单里直接修改），"
            "然后再保存。"
        ) % {
            "who": user_label(current.updated_by),
            "when": timezone.localtime(current.updated_at).strftime("%Y-%m-%d %H:%M:%S"),
            "version": version_number(current),
        }


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
