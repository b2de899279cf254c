"""A page PDF's text layer: where on the page each piece of text was printed.

Hotspot suggestions (``articles.hotspots``) look stories' headlines and body
text up here. Text is compared without whitespace and in NFKC form, so a
headline broken over two printed lines, or set in full-width figures, is
still found; nothing is ever guessed: text that is not in the layer is
simply not found.
"""

import unicodedata
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

from paper import rendering

Box = tuple[
    float, float, float, float
]  # x, y, width, height: fractions of the page, from top left


def normalize(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass
class PageText:
    """The page's printed characters (whitespace dropped), each with its box in points."""

    text: str
    boxes: list[tuple[float, float, float, float]]  # left, bottom, right, top
    width: float
    height: float
    left: float = 0.0
    bottom: float = 0.0

    def find(self, snippet: str, start: int = 0) -> list[int]:
        """Every index where ``snippet`` (normalized) starts, from ``start`` on."""
        snippet = normalize(snippet)
        found = []
        if not snippet:
            return found
        at = self.text.find(snippet, start)
        while at >= 0:
            found.append(at)
            at = self.text.find(snippet, at + 1)
        return found

    def box(self, start: int, end: int, *, pad: float = 3.0) -> Box:
        """The rectangle around characters ``start``..``end`` (exclusive), as page fractions."""
        chosen = self.boxes[start:end]
        left = max(self.left, min(b[0] for b in chosen) - pad)
        bottom = max(self.bottom, min(b[1] for b in chosen) - pad)
        right = min(self.left + self.width, max(b[2] for b in chosen) + pad)
        top = min(self.bottom + self.height, max(b[3] for b in chosen) + pad)
        return (
            (left - self.left) / self.width,
            (self.bottom + self.height - top) / self.height,
            (right - left) / self.width,
            (top - bottom) / self.height,
        )


def read(data: bytes, name: str, pdf_page: int | None) -> PageText | None:
    """The text layer of the file's page, or None (an image, or a PDF of pictures only)."""
    source = rendering.inspect(data, name, pdf_page)
    if source.kind != "pdf":
        return None
    with rendering.pdfium_lock():
        document = pdfium.PdfDocument(data)
        try:
            page = document[(pdf_page or 1) - 1]
            left, bottom, right, top = page.get_cropbox()
            textpage = page.get_textpage()
            chars, boxes = [], []
            for index in range(textpage.count_chars()):
                code = pdfium_raw.FPDFText_GetUnicode(textpage.raw, index)
                char = chr(code) if 0 < code < 0x110000 else ""
                for each in normalize(char):
                    chars.append(each)
                    boxes.append(textpage.get_charbox(index))
            textpage.close()
            page.close()
        finally:
            document.close()
    if not chars:
        return None
    return PageText("".join(chars), boxes, right - left, top - bottom, left, bottom)
