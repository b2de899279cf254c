"""Tags in the admin: django-taggit's, without what reads as internals or English.

Its "Merge selected tags" action and merge page are English only and rewrite
tag links outside the services (readers' pages would not hear of it); its
inline lists raw tag links (content type, object id). The desk renames,
deletes and finds tags here; an article's tags are edited on the article.
"""

from django.contrib import admin
from taggit.admin import TagAdmin
from taggit.models import Tag


class DeskTagAdmin(TagAdmin):
    actions = []
    inlines = []


admin.site.unregister(Tag)
admin.site.register(Tag, DeskTagAdmin)
