"""Forms of the paper's desk screens."""

from django import forms
from django.utils.translation import gettext_lazy as _

LOCAL_INPUT = "%Y-%m-%dT%H:%M"


class LocalDateTimeField(forms.DateTimeField):
    """A browser date-time picker, read as Beijing time (the site's TIME_ZONE)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_INPUT)

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", [LOCAL_INPUT, "%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"])
        kwargs.setdefault("help_text", _("北京时间"))
        super().__init__(**kwargs)


class ReleaseForm(forms.Form):
    publish_at = LocalDateTimeField(label=_("上线时间"))
