"""Forms of the staff-account screens; the changes themselves are people.services'."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from people import roles
from people.models import Reporter


class _ReporterChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.get_kind_display()}）"


def _byline_field(user=None):
    # Bylines free to link, and the account's own.
    free = Q(user__isnull=True) | Q(user=user) if user is not None else Q(user__isnull=True)
    return _ReporterChoice(
        label=_("关联已有作者"),
        queryset=Reporter.objects.filter(free),
        required=False,
        help_text=_("署名用的作者资料；只列出还没有关联账号的。"),
    )


class StaffCreateForm(forms.Form):
    username = forms.CharField(
        label=_("登录名"), max_length=150, help_text=_("字母、数字和 @/./+/-/_，例如 gaoyipeng。")
    )
    full_name = forms.CharField(label=_("姓名"), max_length=150)
    role = forms.ChoiceField(label=_("角色"))
    password1 = forms.CharField(
        label=_("初始密码"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("留空则暂不能登录，之后在账号页设置。"),
    )
    password2 = forms.CharField(
        label=_("再输一次"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    new_reporter_kind = forms.ChoiceField(
        label=_("或新建作者"),
        required=False,
        choices=[("", _("不新建")), *Reporter.Kind.choices],
        help_text=_("按上面的姓名新建署名用的作者资料。"),
    )

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(name, name) for name in roles]
        self.fields["reporter"] = _byline_field()
        self.order_fields(["username", "full_name", "role", "reporter", "new_reporter_kind"])

    def clean(self):
        data = super().clean()
        if data.get("password1") != data.get("password2"):
            self.add_error("password2", _("两次输入的密码不一致。"))
        if data.get("reporter") and data.get("new_reporter_kind"):
            self.add_error("new_reporter_kind", _("关联已有作者和新建作者只能选一个。"))
        # Their stories and photos are credited to a 作者: one must exist.
        bylined = data.get("role") in (roles.REPORTER, roles.PHOTOGRAPHER)
        if bylined and not (data.get("reporter") or data.get("new_reporter_kind")):
            self.add_error("reporter", _("记者和摄影记者要有署名：请关联已有作者，或新建作者。"))
        return data


class StaffChangeForm(forms.Form):
    full_name = forms.CharField(label=_("姓名"), max_length=150)
    role = forms.ChoiceField(label=_("角色"))

    def __init__(self, *args, roles, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(name, name) for name in roles]
        self.fields["reporter"] = _byline_field(user)


class StaffPasswordForm(forms.Form):
    password1 = forms.CharField(
        label=_("新密码"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("再输一次"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") != data.get("password2"):
            self.add_error("password2", _("两次输入的密码不一致。"))
        return data
