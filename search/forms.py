from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from paper.models import Section
from people.models import Reporter
from search.segment import parse_query
from search.selectors import Filters

#: Longer queries are cut to this many characters, with a note; never refused.
MAX_QUERY_LENGTH = 100


class SearchForm(forms.Form):
    """The reader's query and filters. Bad values become messages, never errors."""

    q = forms.CharField(label=_("搜索"), required=False, strip=True)
    # Chosen among the sections the page lists anyway (``sections``), not
    # looked up again.
    section = forms.CharField(label=_("栏目"), required=False, strip=True)
    reporter = forms.CharField(label=_("记者"), required=False, strip=True, max_length=40)
    start = forms.DateField(
        label=_("起始日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("起始日期看不懂，请写成 2021-11-25 这样；已忽略。")},
    )
    end = forms.DateField(
        label=_("截止日期"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("截止日期看不懂，请写成 2021-11-25 这样；已忽略。")},
    )

    def __init__(self, *args, sections: list[Section] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.sections = sections
        self.notes: list[str] = []

    def clean_section(self):
        slug = self.cleaned_data["section"]
        if not slug:
            return None
        for section in self.sections:
            if section.slug == slug:
                return section
        raise forms.ValidationError(_("没有这个栏目，已在全部栏目中搜索。"), code="invalid_choice")

    def clean_q(self):
        text = self.cleaned_data["q"]
        if len(text) > MAX_QUERY_LENGTH:
            self.notes.append(f"搜索词太长，只按前 {MAX_QUERY_LENGTH} 个字搜索。")
            text = text[:MAX_QUERY_LENGTH]
        return text

    def clean_reporter(self):
        name = self.cleaned_data["reporter"]
        if not name:
            return None
        # The reporter's page links here with the (unique) slug; a reader types
        # a name, which namesakes share: then any of them.
        found = list(Reporter.objects.filter(Q(slug=name) | Q(name=name)))
        by_slug = [reporter for reporter in found if reporter.slug == name]
        if not found:
            self.notes.append(f"没有找到记者“{name}”，已在全部稿件中搜索。")
        return tuple(by_slug or found)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and start > end:
            data["start"], data["end"] = end, start
            self.notes.append("起始日期晚于截止日期，已对调。")
        return data

    def messages(self) -> list[str]:
        """What the reader should know about the input, in order."""
        errors = [str(error) for field in self.errors.values() for error in field]
        return errors + self.notes

    def query(self):
        return parse_query(self.cleaned_data.get("q") or "")

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            section=data.get("section"),
            reporters=data.get("reporter") or (),
            date_from=data.get("start"),
            date_to=data.get("end"),
        )
