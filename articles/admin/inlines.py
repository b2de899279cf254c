"""Inlines on the article form. Their rights follow the article's, not their own model's.

A reporter holds ``change_byline`` in general, but may change the bylines of
an article only while they may change the article itself.
"""

from django.contrib import admin

from articles import policy
from articles.models import ArticlePhoto, Byline, Correction, Placement, Transition


class FollowsArticle:
    def _may_change(self, request, obj):
        return obj is None or policy.allowed(request.user, obj, "change")

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._may_change(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_change(request, obj)


class BylineInline(FollowsArticle, admin.TabularInline):
    model = Byline
    extra = 1
    fields = ["reporter", "role", "position"]
    autocomplete_fields = ["reporter"]


class ArticlePhotoInline(FollowsArticle, admin.TabularInline):
    model = ArticlePhoto
    extra = 0
    fields = ["photo", "position"]
    autocomplete_fields = ["photo"]


class ReadOnlyInline:
    """Shown, never edited here: the workflow services write these rows."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Whoever may see the article may see its history and placement.
        return request.user.has_perm("articles.view_article")


class ArticlePlacementInline(ReadOnlyInline, admin.TabularInline):
    model = Placement
    fields = ["page", "position"]
    verbose_name_plural = "版面安排（在期次的“版面安排”页调整）"


class CorrectionInline(ReadOnlyInline, admin.TabularInline):
    model = Correction
    fields = ["published_at", "text", "created_by"]


class TransitionInline(ReadOnlyInline, admin.TabularInline):
    model = Transition
    fields = ["at", "action", "from_status", "to_status", "by", "note"]
    ordering = ["-at", "-pk"]
