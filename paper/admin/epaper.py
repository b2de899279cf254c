"""The page's e-paper screen (电子报): its print file, and the hotspot editor.

Upload the page's PDF or image; draw, move and delete the regions that link
each story on the page image (a small script over a working form: without
it, the rows of numbers are the editor); accept suggestions from the PDF's
text layer; see which placed stories have no region yet. Every write goes
through the services (``page_file_attach``, ``hotspots_set``,
``hotspots_add``); refusals come back as messages, nothing half done.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from articles.hotspots import suggest
from articles.models import Hotspot, Placement
from articles.services import hotspots_add, hotspots_set
from newsroom.errors import error_text
from newsroom.responses import file_response
from paper import policy as paper_policy
from paper.models import PageImage
from paper.rendering import SPECS
from paper.services import page_file_attach, page_file_remove

#: Empty rows under the drawn ones, for regions typed in by hand.
NEW_ROWS = 3


class UploadForm(forms.Form):
    file = forms.FileField(label="版面文件", help_text="排版系统导出的 PDF，或大幅 JPEG/PNG。")
    pdf_page = forms.IntegerField(
        label="PDF 页码", required=False, min_value=1, help_text="多页 PDF 时必填：本版是第几页。"
    )


class EpaperAdminMixin:
    """Adds ``<page>/epaper/`` to the page admin."""

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/epaper/", view(self.epaper_view), name="paper_page_epaper"),
            path(
                "<path:object_id>/epaper/image/<str:spec>",
                view(self.epaper_image_view),
                name="paper_page_epaper_image",
            ),
            *super().get_urls(),
        ]

    def _page_for(self, request, object_id):
        page = self.get_object(request, object_id)
        if page is None or not self.has_view_permission(request, page):
            raise Http404
        return page

    def epaper_image_view(self, request, object_id, spec):
        """The page image as the desk sees it, before readers may: never kept by anyone."""
        page = self._page_for(request, object_id)
        if spec not in SPECS:
            raise Http404
        image = get_object_or_404(PageImage, page=page, spec=spec)
        content_type = "image/webp" if spec.endswith(".webp") else "image/jpeg"
        return file_response(image.file, content_type, max_age=None)

    def epaper_view(self, request, object_id):
        page = self._page_for(request, object_id)
        url = reverse("admin:paper_page_epaper", args=[page.pk])
        may_edit = self._may_edit(request, page)
        upload = UploadForm()
        if request.method == "POST":
            if not may_edit:
                raise PermissionDenied(_("你不能修改这个版面的电子报。"))
            action = request.POST.get("action")
            try:
                if action == "upload":
                    upload = UploadForm(request.POST, request.FILES)
                    done = self._upload(request, page, upload) if upload.is_valid() else None
                elif action == "remove":
                    page_file_remove(page=page, by=request.user)
                    done = _("已移除版面原样和版面图。")
                elif action == "save":
                    regions = self._rows(request.POST, page)
                    hotspots_set(page=page, regions=regions, by=request.user)
                    done = _("已保存 %(n)d 个热区。") % {"n": len(regions)}
                elif action == "accept":
                    regions = self._accepted(request.POST, page)
                    hotspots_add(page=page, regions=regions, by=request.user)
                    done = _("已采纳 %(n)d 个建议热区。") % {"n": len(regions)}
                else:
                    raise ValidationError(_("不认识的操作。"))
            except (ValidationError, PermissionDenied) as error:
                if action == "upload":
                    upload.add_error("file", error_text(error))
                else:
                    self.message_user(request, error_text(error), messages.ERROR)
                    return HttpResponseRedirect(url)
            else:
                if done:
                    self.message_user(request, done, messages.SUCCESS)
                    return HttpResponseRedirect(url)
        return TemplateResponse(
            request,
            "admin/paper/page/epaper.html",
            self._context(request, page, upload, may_edit),
        )

    def _may_edit(self, request, page) -> bool:
        user = request.user
        if not (user.has_perm("paper.change_page") and user.has_perm("articles.change_hotspot")):
            return False
        try:
            paper_policy.check_layout(user, page.issue)
        except PermissionDenied:
            return False
        return True

    def _upload(self, request, page, form) -> str:
        upload = form.cleaned_data["file"]
        source = page_file_attach(
            page=page,
            data=upload.read(),
            name=upload.name,
            by=request.user,
            pdf_page=form.cleaned_data["pdf_page"],
        )
        if source.kind == "pdf":
            return _("已附上版面 PDF（共 %(n)d 页）。可以点“按文字层建议热区”。") % {
                "n": source.page_count
            }
        return _("已附上版面图片。")

    def _rows(self, data, page) -> list:
        """The editor's rows: story and region in percent of the page, unless deleted."""
        placements = set(Placement.objects.filter(page=page).values_list("pk", flat=True))
        regions = []
        for index in range(int(data.get("rows") or 0)):
            field = f"h{index}-"
            if data.get(field + "delete") or not data.get(field + "placement"):
                continue
            try:
                placement = int(data[field + "placement"])
                box = [float(data.get(field + name) or "") / 100 for name in "xywh"]
            except ValueError as error:
                raise ValidationError(
                    _("第 %(n)d 行：位置和大小须是 0 到 100 之间的数字。") % {"n": index + 1}
                ) from error
            if placement not in placements:
                raise ValidationError(_("热区所选的稿件不在本版上。"))
            regions.append((placement, tuple(box)))
        return regions

    def _accepted(self, data, page) -> list:
        regions = []
        for value in data.getlist("accept"):
            try:
                placement, *box = (float(part) for part in value.split(","))
            except ValueError as error:
                raise ValidationError(_("建议的热区数据有误，请重新生成建议。")) from error
            if len(box) != 4:
                raise ValidationError(_("建议的热区数据有误，请重新生成建议。"))
            regions.append((int(placement), tuple(box)))
        return regions

    def _context(self, request, page, upload, may_edit):
        placements = list(
            Placement.objects.filter(page=page)
            .select_related("article")
            .order_by("position", "pk")
        )
        hotspots = list(
            Hotspot.objects.filter(placement__page=page)
            .select_related("placement__article")
            .order_by("placement__position", "position")
        )
        drawn = {h.placement_id for h in hotspots}
        images = {image.spec: image for image in page.images.all()}
        suggestions = []
        if request.GET.get("suggest") and page.print_file:
            suggestions = suggest(page, placements)
        rows = [_row(h.placement_id, [h.x, h.y, h.width, h.height]) for h in hotspots] + [
            _row(None, ["", "", "", ""])
        ] * NEW_ROWS
        return {
            **self.admin_site.each_context(request),
            "title": _("%(page)s · 电子报") % {"page": page},
            "opts": self.model._meta,
            "page": page,
            "issue": page.issue,
            "may_edit": may_edit,
            "upload": upload,
            "reading": images.get("reading.jpg"),
            "rendering": bool(page.print_file) and "reading.jpg" not in images,
            "placements": placements,
            "rows": rows,
            "undrawn": [p for p in placements if p.pk not in drawn],
            "suggestions": suggestions,
            "suggested": any(s.box for s in suggestions),
            "asked": bool(request.GET.get("suggest")),
        }


FIELDS = (("x", "左"), ("y", "上"), ("w", "宽"), ("h", "高"))


def _row(placement_id, box) -> dict:
    """One row of the editor's table: the region in percent of the page's sides."""
    values = [round(v * 100, 2) if v != "" else "" for v in box]
    row = {"placement": placement_id, "fields": []}
    for (name, label), value in zip(FIELDS, values, strict=True):
        row[name] = value
        row["fields"].append((name, label, value))
    return row
