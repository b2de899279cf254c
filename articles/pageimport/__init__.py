"""Reading a printed page's text (版面文本) into its stories.

The reader is a set of small pure functions over text, testable without the
database: ``decode_page`` turns uploaded bytes into text and says which
encoding it used; ``read_page`` turns the text into items in print order,
each with what was mended and what the reader is unsure of. Confirming an
import (writing drafts onto a page) is ``articles.services.pageimport``.
"""

from articles.pageimport.decoding import PageTextError, decode_page
from articles.pageimport.items import Credit, PageItem, PhotoCaption
from articles.pageimport.reader import read_page

__all__ = ["Credit", "PageItem", "PageTextError", "PhotoCaption", "decode_page", "read_page"]
