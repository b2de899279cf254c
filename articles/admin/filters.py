from django.contrib import admin

from paper.models import Issue

#: Issues the article list offers as filters: about a month of dailies.
RECENT_ISSUES = 30


class RecentIssueFilter(admin.RelatedFieldListFilter):
    """期次: the latest issues, not every issue of the archive (a daily has
    thousands). An older issue is reached from the issue list, whose article
    count links here, and stays shown once chosen."""

    def field_choices(self, field, request, model_admin):
        issues = list(Issue.objects.order_by("-date")[:RECENT_ISSUES])
        chosen = self.lookup_val[0] if self.lookup_val else None
        if chosen and chosen.isdigit() and all(str(i.pk) != chosen for i in issues):
            issues += Issue.objects.filter(pk=chosen)
        return [(issue.pk, str(issue)) for issue in issues]
