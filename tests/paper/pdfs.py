"""Page PDFs for tests, made on the fly: printed stories with a text layer, and worse."""

import io

from reportlab.lib import pdfencrypt
from reportlab.lib.pagesizes import A3
from reportlab.pdfgen import canvas

from demo.printed import Printed, print_page


def printed_pdf(*stories: Printed, title="第5版 高新区新闻", **kwargs) -> bytes:
    return print_page(title, list(stories), **kwargs)


def story(headline: str, *paragraphs: str, **kwargs) -> Printed:
    return Printed(headline, list(paragraphs), **kwargs)


def pages_pdf(count: int, size=A3, **canvas_kwargs) -> bytes:
    """``count`` pages, each saying its number (no stories)."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=size, **canvas_kwargs)
    for n in range(count):
        pdf.drawString(40, 40, f"page {n + 1}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def encrypted_pdf() -> bytes:
    return pages_pdf(1, encrypt=pdfencrypt.StandardEncryption("secret"))


def picture_pdf() -> bytes:
    """A page with a drawing and no text: a scanned page, as far as text goes."""
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A3)
    pdf.setFillGray(0.5)
    pdf.rect(50, 50, 500, 700, fill=1)
    pdf.showPage()
    pdf.save()
    return out.getvalue()
