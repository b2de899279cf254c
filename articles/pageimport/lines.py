"""Lines of a page's text: tidied, told apart (heading, subtitle, dateline,
signature, body) and joined where the layout cut a paragraph."""

import re
from collections import Counter

from articles.pageimport.credits import credit_kind_words, split_credits

#: A printed paragraph ends with one of these; a body line that ends
#: otherwise was cut by the layout ("中国科" / "学院") and goes on below.
PARAGRAPH_ENDS = tuple("。！？”’）)」』…：；!?")
#: Headings are short and carry no sentence inside them.
HEADING_MAX = 26

_SPACES = re.compile(r"[ \t\u3000\u00a0\u2002-\u200a\u202f]+")
_INVISIBLE = re.compile(r"[\ufeff\u200b-\u200d\u2060]")
_SUBTITLE = re.compile(r"^(?:——|—|--|－－|──)\s*")
_DATELINE = re.compile(
    r"^(本报讯|本报[^（(，。\s]{1,14}讯|本报综合|本报专讯|[^（(，。\s]{2,6}社[^（(，。\s]{0,14}电)"
    r"\s*(?:[（(]([^）)]*)[）)])?\s*(.*)$"
)
_BRACKETED = re.compile(r"^[（(]([^（）()]{2,40})[）)]$")
#: Marks some papers print before a credit line: ■本报记者 高轶鹏.
_BULLETS = "■□●◆▲★◎※ "
_BANNER = re.compile(r"^(?:【([^】]+)】|［([^］]+)］|\[([^\]]+)\])$")


def tidy(text: str) -> list[str]:
    """Non-empty lines, with every kind of space made one plain space."""
    lines = []
    for raw in _INVISIBLE.sub("", text).splitlines():
        line = _SPACES.sub(" ", raw).strip()
        if line:
            lines.append(line)
    return lines


def subtitle(line: str) -> str | None:
    """ "——高新区以科技创新驱动高质量发展综述" → its text, else None."""
    match = _SUBTITLE.match(line)
    return line[match.end() :].strip() if match and line[match.end() :].strip() else None


def dateline(line: str):
    """``(dateline, credit text, rest)`` for a 本报讯 / 新华社…电 paragraph, else None."""
    match = _DATELINE.match(line)
    return match.groups("") if match else None


def signature(line: str, *, default_role: str = "reporter"):
    """A line that is only a credit, （本报记者 X）, （X/文 Y/图）: ``(credits, doubts)``."""
    bare = line.lstrip(_BULLETS)
    match = _BRACKETED.match(bare)
    if match:
        found = split_credits(match.group(1), default_role=default_role)
        # "（采用固体冷光源）" is an aside, not a name: a doubtful name needs a role word.
        if found is not None and found[1] and not credit_kind_words(match.group(1)):
            return None
        return found
    # "本报记者 高轶鹏", "■记者 王芳 文/图" on a line of their own, without brackets:
    # only when every name is a plain name, so "记者从农业农村部获悉" stays a sentence.
    if not bare.startswith(("本报记者", "本报通讯员", "记者", "通讯员")) or len(bare) > 24:
        return None
    found = split_credits(bare, default_role=default_role)
    return found if found is not None and not found[1] else None


def banner(line: str) -> str | None:
    """A column banner printed in brackets: 【民生关注】."""
    match = _BANNER.match(line)
    return next(group for group in match.groups() if group) if match else None


def is_heading(line: str) -> bool:
    """Short, no sentence inside, not a credit: a headline, kicker or intertitle."""
    if subtitle(line) is not None or banner(line) is not None:
        return True
    # Headlines set a pause as a space, not a comma: a comma means a sentence.
    if len(line) > HEADING_MAX or any(mark in line for mark in "。，；,"):
        return False
    if line.endswith(("、", "：")):
        return False
    return dateline(line) is None and signature(line) is None and not line.endswith("摄")


def is_cut(line: str) -> bool:
    """A body line the layout cut: it does not end a paragraph."""
    return not is_heading(line) and not line.endswith(PARAGRAPH_ENDS) and not line.endswith("摄")


def _short(text: str, head: bool) -> str:
    return (text[:8] + "…") if head else ("…" + text[-8:])


def column_width(lines: list[str]) -> int | None:
    """The width a text was set at, if it was broken into lines of one length.

    Some layout systems export a column line by line: then most long lines
    have the same length, and a line of that length goes on below even when
    it happens to end at a comma, a semicolon or a quote.
    """
    lengths = [len(line) for line in lines if len(line) >= 12]
    if len(lengths) < 6:
        return None
    width, count = Counter(lengths).most_common(1)[0]
    return width if count >= 0.4 * len(lengths) else None


def join_cut_lines(lines: list[str]) -> tuple[list[str], list[tuple[int, str, str]]]:
    """Join each cut line with the line below it.

    Returns the lines and notes ``(index of the line, "mended" | "unsure", text)``.
    A cut line followed by what looks like a heading is left alone but flagged:
    the paragraph may end without punctuation, or go on in the "heading".
    """
    width = column_width(lines)
    out: list[str] = []
    notes: list[tuple[int, str, str]] = []
    cut = full = False
    for line in lines:
        starts_anew = subtitle(line) is not None or dateline(line) is not None
        if cut and (starts_anew or signature(line) is not None or banner(line) is not None):
            cut = False
        sentence_end = out[-1].endswith(("。", "！", "？")) if out else False
        if cut and full and sentence_end:
            if is_heading(line):
                cut = False  # the paragraph ended at the column's edge; a heading follows
            else:
                notes.append(
                    (
                        len(out) - 1,
                        "unsure",
                        f"「{_short(out[-1], False)}」排满一整行，已与下一行接成一段；"
                        "如本是两段，请在稿件里分开。",
                    )
                )
        if cut and not full and is_heading(line) and not out[-1].endswith(("，", "、", "；", ",")):
            notes.append(
                (
                    len(out) - 1,
                    "unsure",
                    f"段落「{_short(out[-1], False)}」没有结束标点，下一行「{line}」当作了标题；"
                    "如是同一段被版面切断，请改回段落并合并。",
                )
            )
            cut = False
        if cut:
            notes.append(
                (
                    len(out) - 1,
                    "mended",
                    f"接上被版面切断的行：「{_short(out[-1], False)}」接「{_short(line, True)}」",
                )
            )
            out[-1] += line
        else:
            out.append(line)
        # A line set to the column's full width goes on below, most likely even
        # when it ends a sentence: a paragraph rarely ends exactly at the edge.
        full = bool(width) and len(line) >= width
        cut = full or is_cut(out[-1])
    return out, notes
