"""Credits as city dailies print them: 本报讯（记者 X 通讯员 Y）, （本报记者 X）,
（X/文 Y/图）, "X 摄", "本报记者 X 摄", "通讯员 X 摄"."""

import re

from articles.pageimport.items import Credit

#: Printed role words, longest first, and the byline role each stands for.
ROLE_WORDS = (
    ("本报记者", "reporter"),
    ("本报通讯员", "correspondent"),
    ("特约记者", "reporter"),
    ("实习记者", "reporter"),
    ("摄影记者", "photographer"),
    ("首席记者", "reporter"),
    ("记者", "reporter"),
    ("通讯员", "correspondent"),
    ("实习生", "reporter"),
    ("特约摄影", "photographer"),
    ("摄影", "photographer"),
    ("撰稿", "writer"),
    ("责任编辑", "editor"),
    ("编辑", "editor"),
)
_ROLE_RE = re.compile("|".join(word for word, _role in ROLE_WORDS))
_ROLE_OF = dict(ROLE_WORDS)
#: A name: two to four Han characters (with · for minority and foreign names).
_NAME = re.compile(r"^[\u3400-\u9fff][\u3400-\u9fff·]{1,3}$")
_LONG_NAME = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fff·]{4,7}$")
#: "X/文 Y/图" and "文/X 图/Y".
_SLASH = re.compile(
    r"(?:([\u4e00-\u9fff·]{2,4})\s*/\s*([文图])|([文图])\s*/\s*([\u4e00-\u9fff·]{2,4}))"
)
_SEPARATORS = re.compile(r"[\s、，,；;]+")


def split_credits(text: str, *, default_role: str) -> tuple[list[Credit], list[str]] | None:
    """Names and roles in ``text``, or None when it is not a list of credits.

    Returns ``(credits, doubts)``; a doubt is a name that may be several
    names run together ("高轶鹏王刚").
    """
    text = text.strip()
    # "文/图", "摄影报道": the same people wrote the story and took its photos.
    both = False
    for mark in BOTH_MARKS:
        if text.endswith(mark) or text.startswith(mark):
            text = (text[: -len(mark)] if text.endswith(mark) else text[len(mark) :]).strip()
            both = True
            break
    found = _split(text, default_role=default_role)
    if found is None or not both:
        return found
    credits, doubts = found
    extra = [Credit(c.name, "photographer") for c in credits if c.role != "photographer"]
    return credits + extra, doubts


BOTH_MARKS = ("摄影报道", "文/图", "图/文", "文／图", "图／文")


def _split(text: str, *, default_role: str) -> tuple[list[Credit], list[str]] | None:
    if not text:
        return None
    credits: list[Credit] = []
    doubts: list[str] = []
    slashed = list(_SLASH.finditer(text))
    if slashed:
        if _SLASH.sub("", text).strip(" 、，,"):
            return None
        for match in slashed:
            name, mark = (match.group(1), match.group(2)) if match.group(1) else match.group(4, 3)
            credits.append(Credit(name, "writer" if mark == "文" else "photographer"))
        return credits, doubts
    # A role word starts a new run of names: "记者高轶鹏 王刚 通讯员张晓旭".
    role = default_role
    position = 0
    chunks: list[tuple[str, str]] = []
    for match in _ROLE_RE.finditer(text):
        chunks.append((role, text[position : match.start()]))
        role, position = _ROLE_OF[match.group()], match.end()
    chunks.append((role, text[position:]))
    for chunk_role, chunk in chunks:
        for name in _SEPARATORS.split(chunk):
            if not name:
                continue
            if _NAME.match(name):
                credits.append(Credit(name, chunk_role))
            elif _LONG_NAME.match(name):
                credits.append(Credit(name, chunk_role))
                doubts.append(f"署名「{name}」可能是几个人的名字连在一起，请核对。")
            else:
                return None
    if not credits:
        return None
    return credits, doubts


_PHOTO_END = re.compile(r"\s*[（(]?\s*([^。！？；，”）)]*?)\s*摄\s*[）)]?$")


def photo_credit(text: str) -> tuple[str, list[Credit], list[str]] | None:
    """``"…理念。 郑喜艳 摄"`` → ``("…理念。", [郑喜艳 photographer], doubts)``, else None.

    The credit is the last words before 摄: one name, or a role word and its
    names ("本报记者 高轶鹏 摄"), or names joined by 、.
    """
    match = _PHOTO_END.search(text)
    if not match or not match.group(1).strip():
        return None
    words = match.group(1).split()
    best = None
    for count in range(1, min(len(words), 4) + 1):
        found = split_credits(" ".join(words[-count:]), default_role="photographer")
        if found is None:
            break
        if count == 1 or _ROLE_RE.match(words[-count]):
            best = count, found
    if best is None:
        return None
    count, (credits, doubts) = best
    caption = (text[: match.start()] + " ".join(["", *words[:-count]])).strip()
    # Whatever the printed word (本报记者 X 摄, 通讯员 X 摄), the credit is for the photo.
    return caption, [Credit(c.name, "photographer") for c in credits], doubts


def credit_kind_words(text: str) -> list[str]:
    """The role words printed in a credit, in order (for choosing a new person's kind)."""
    return _ROLE_RE.findall(text)
