"""A printed page, made up: the demo's page PDF, as a layout system would export it.

The stories are set in three columns on an A3 sheet in ReportLab's built-in
CID font STSong-Light (no font file needed; readers' PDF viewers supply a
Song face), so the PDF has a real text layer for hotspot suggestions. Each
story gets one block of its column; a body longer than its block is cut
with "……", as a page's jump line would. A photo-news item gets a grey box
where its picture would be.
"""

import io
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A3
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from articles.body import blocks

FONT = "STSong-Light"
MARGIN = 36.0
GUTTER = 14.0
COLUMNS = 3
MASTHEAD = 64.0
BODY_SIZE, BODY_LEADING = 9.5, 13.0


@dataclass
class Printed:
    headline: str
    paragraphs: list[str] = field(default_factory=list)
    kicker: str = ""
    subheadline: str = ""
    photo: bool = False
    #: The picture itself (JPEG or PNG bytes); without it, a grey box.
    image: bytes | None = None


def _wrap(text: str, size: float, width: float, indent: float = 0.0) -> list[str]:
    """Chinese wraps at any character: fill each line to ``width``."""
    lines, line, room = [], "", width - indent
    for char in text:
        if pdfmetrics.stringWidth(line + char, FONT, size) > room and line:
            lines.append(line)
            line, room = "", width
        line += char
    if line:
        lines.append(line)
    return lines


def print_page(title: str, stories: list[Printed], *, size=A3) -> bytes:
    """The page as a one-page PDF with a text layer."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    page_w, page_h = size
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=size, pageCompression=1)
    pdf.setTitle(title)
    pdf.setFont(FONT, 22)
    pdf.drawString(MARGIN, page_h - MARGIN - 22, title)
    pdf.setLineWidth(1.5)
    pdf.line(MARGIN, page_h - MARGIN - 34, page_w - MARGIN, page_h - MARGIN - 34)

    column_w = (page_w - 2 * MARGIN - (COLUMNS - 1) * GUTTER) / COLUMNS
    top = page_h - MARGIN - MASTHEAD
    column_h = top - MARGIN
    # In reading order: down the first column, then the next.
    per = max(1, -(-len(stories) // COLUMNS))
    columns: dict[int, list[Printed]] = {}
    for index, story in enumerate(stories):
        columns.setdefault(index // per, []).append(story)
    for col, column_stories in columns.items():
        x = MARGIN + col * (column_w + GUTTER)
        block_h = column_h / len(column_stories)
        for row, story in enumerate(column_stories):
            y_top = top - row * block_h
            _story(pdf, story, x, y_top, column_w, block_h - 10)
            if row:
                pdf.setLineWidth(0.5)
                pdf.line(x, y_top + 5, x + column_w, y_top + 5)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def _story(pdf, story: Printed, x: float, y_top: float, width: float, height: float) -> None:
    y = y_top
    bottom = y_top - height

    def line(text: str, size: float, leading: float, indent: float = 0.0) -> bool:
        nonlocal y
        if y - leading < bottom:
            return False
        y -= leading
        pdf.setFont(FONT, size)
        pdf.drawString(x + indent, y + (leading - size) / 2, text)
        return True

    if story.kicker:
        for text in _wrap(story.kicker, 11, width):
            line(text, 11, 15)
    for text in _wrap(story.headline, 18, width):
        line(text, 18, 24)
    if story.subheadline:
        for text in _wrap(story.subheadline, 12, width):
            line(text, 12, 17)
    y -= 4
    if story.photo and y - 110 > bottom + 2 * BODY_LEADING:
        if story.image:
            picture = ImageReader(io.BytesIO(story.image))
            pdf.drawImage(picture, x, y - 100, width, 100, preserveAspectRatio=True)
        else:
            pdf.setFillGray(0.8)
            pdf.rect(x, y - 100, width, 100, stroke=0, fill=1)
            pdf.setFillGray(0)
        y -= 106
    for paragraph in story.paragraphs:
        lines = _wrap(paragraph, BODY_SIZE, width, indent=2 * BODY_SIZE)
        for index, text in enumerate(lines):
            last_room = y - 2 * BODY_LEADING < bottom
            if last_room and (index + 1 < len(lines) or paragraph is not story.paragraphs[-1]):
                line(text[:-2] + "……", BODY_SIZE, BODY_LEADING, 2 * BODY_SIZE if not index else 0)
                return
            if not line(text, BODY_SIZE, BODY_LEADING, 2 * BODY_SIZE if not index else 0):
                return


def printed_stories(placements) -> list[Printed]:
    """The stories of a page's placements (with their articles), as the page prints them."""
    stories = []
    for placement in placements:
        article = placement.article
        paragraphs = [text for _tag, text in blocks(article.body) if text]
        stories.append(
            Printed(
                headline=article.headline,
                paragraphs=paragraphs,
                kicker=article.kicker,
                subheadline=article.subheadline,
                photo=article.is_photo_news,
            )
        )
    return stories
