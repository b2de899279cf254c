"""The article body: structured text as the paper prints it.

A body is a sequence of paragraphs (``<p>``) and intertitles (小标题, ``<h2>``),
with bold, links and quotes inside. Reporters edit it in a rich-text editor
and never type HTML; whatever HTML arrives is cut down to exactly this
vocabulary on the server, on every save, whoever sends it.
"""

import html
import re

from django_prose_editor.fields import ProseEditorField, create_sanitizer

#: What the editor offers and the sanitizer keeps. One list for both, so the
#: editor can never produce something the server then silently drops.
BODY_EXTENSIONS = {
    "Paragraph": True,
    "Heading": {"levels": [2]},
    "Bold": True,
    "Blockquote": True,
    "HardBreak": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "History": True,
}

sanitize_body = create_sanitizer(BODY_EXTENSIONS)


class BodyField(ProseEditorField):
    """A prose-editor field that sanitizes on every save, not only in forms.

    django-prose-editor sanitizes in ``clean()``; services, management commands
    and data imports bypass forms, so we sanitize again just before the value
    reaches the database.
    """

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("extensions", BODY_EXTENSIONS)
        kwargs.setdefault("sanitize", True)
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        value = self.sanitize(getattr(model_instance, self.attname) or "")
        setattr(model_instance, self.attname, value)
        return value


_BLOCK = re.compile(r"<(p|h2|blockquote)\b[^>]*>(.*?)</\1>", re.S)
_TAG = re.compile(r"<[^>]+>")


def blocks(body: str) -> list[tuple[str, str]]:
    """``[("p", text), ("h2", text), …]``: the body as plain-text blocks."""
    return [
        (tag, html.unescape(_TAG.sub("", inner)).strip()) for tag, inner in _BLOCK.findall(body)
    ]


def plain_text(body: str) -> str:
    """The body's words without markup, blocks separated by newlines."""
    return "\n".join(text for _tag, text in blocks(body) if text)


def word_count(body: str) -> int:
    """字数 as the desk counts it everywhere: the characters of the text, without
    markup or whitespace (line breaks between blocks are not words).

    The article form's live count (static/articles/admin/wordcount.js) counts
    the same way in the browser.
    """
    return sum(1 for char in plain_text(body) if not char.isspace())


def from_blocks(items: list[tuple[str, str]]) -> str:
    """Build body HTML from ``(tag, text)`` pairs, escaping the text."""
    return "".join(f"<{tag}>{html.escape(text, quote=False)}</{tag}>" for tag, text in items)
