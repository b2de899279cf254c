"""403 with the reason: a refusal says why, in Chinese, where the person is.

Whoever raises ``PermissionDenied("…")`` gives the reason; desk people get it
on a desk page (their menu, a way back), everyone else on the site's own page.
"""

from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from newsroom.errors import error_text


def permission_denied(request, exception=None):
    reason = error_text(exception) if exception is not None else _("你没有权限执行这个操作。")
    user = getattr(request, "user", None)
    on_desk = request.path.startswith(reverse("admin:index"))
    if on_desk and user is not None and user.is_active and user.is_staff:
        context = {**admin.site.each_context(request), "title": _("无法执行"), "reason": reason}
        template = "admin/403.html"
    else:
        context = {"reason": reason if exception is not None and str(exception) else ""}
        template = "403.html"
    response = TemplateResponse(request, template, context, status=403)
    return response.render()
