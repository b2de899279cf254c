"""Inlines on the article form. Their rights follow the article's, not their own model's.

A reporter holds ``change_byline`` in general, but may change the bylines of
an article only while they may change the article itself.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from articles.admin import rights
from articles.models import Article, ArticlePhoto, Byline, Correction, Placement, Transition
from people.selectors import user_label


class FollowsArticle:
    def _may_change(self, request, obj):
        return obj is None or rights.allowed(request, obj, "change")

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._may_change(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_change(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_change(request, obj)


class BylineInline(FollowsArticle, admin.TabularInline):
    model = Byline
    extra = 1
    # No "顺序" box: the rows print in the order they are listed
    # (ArticleAdmin.save_formset numbers them).
    fields = ["reporter", "role"]
    autocomplete_fields = ["reporter"]


class ArticlePhotoInline(FollowsArticle, admin.TabularInline):
    model = ArticlePhoto
    extra = 0
    fields = ["photo"]  # the first listed leads; numbered on save
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
    fields = ["page"]  # the order within the page is the plan screen's
    verbose_name_plural = "版面安排（在期次的“版面安排”页调整）"


class NamesPeople:
    """People by name (``user_label``), as everywhere else on the desk, not by login."""

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(self.person_field)

    def _person(self, obj):
        return user_label(getattr(obj, self.person_field))


class CorrectionInline(NamesPeople, ReadOnlyInline, admin.TabularInline):
    model = Correction
    fields = ["published_at", "text", "added_by"]
    person_field = "created_by"

    def view_on_site(self, obj):
        live = Article.objects.live().filter(pk=obj.article_id).exists()
        return obj.get_absolute_url() if live else None

    @admin.display(description=_("添加人"))
    def added_by(self, obj):
        return self._person(obj)


class TransitionInline(NamesPeople, ReadOnlyInline, admin.TabularInline):
    model = Transition
    fields = ["at", "action", "from_status", "to_status", "who", "note"]
    ordering = ["-at", "-pk"]
    person_field = "by"

    @admin.display(description=_("操作人"))
    def who(self, obj):
        return self._person(obj)
