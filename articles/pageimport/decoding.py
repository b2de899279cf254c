"""From uploaded bytes to text: refuse what is not a page's text, detect the encoding.

Chinese layout systems export UTF-8 (with or without a BOM) or GB18030/GBK;
the editor is told which one was used, since a wrong guess shows as mojibake.
"""

import codecs
import unicodedata

#: A page's text is a few tens of kilobytes; megabytes mean a wrong file.
MAX_BYTES = 1024 * 1024

_SIGNATURES = (
    (b"\x89PNG", "PNG 图片"),
    (b"\xff\xd8\xff", "JPEG 图片"),
    (b"GIF8", "GIF 图片"),
    (b"%PDF", "PDF 文件"),
    (b"PK\x03\x04", "压缩包或 Word/WPS 文档"),
    (b"\xd0\xcf\x11\xe0", "Word/WPS 文档"),
    (b"{\\rtf", "RTF 文档"),
    (b"II*\x00", "TIFF 图片"),
    (b"MM\x00*", "TIFF 图片"),
    (b"RIFF", "图片或音视频文件"),
)


class PageTextError(ValueError):
    """The input cannot be read as a page's text; the message says why, in Chinese."""


def _refuse_binary(data: bytes) -> None:
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            raise PageTextError(
                f"这是{what}，不是文本。请从排版系统导出这一版的纯文本（.txt）再导入。"
            )
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise PageTextError(
            "这不是文本文件（含有二进制内容）。请导入排版系统导出的纯文本（.txt）。"
        )


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "UTF-8（带 BOM）"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    for codec, label in (("gbk", "GBK"), ("gb18030", "GB18030")):
        try:
            return data.decode(codec), label
        except UnicodeDecodeError:
            continue
    raise PageTextError(
        "无法识别文字编码：既不是 UTF-8，也不是 GB18030/GBK"
        f"（第 {utf8_error.start + 1} 个字节起无法解读）。请在排版系统里另存为 UTF-8 文本再导入。"
    )


def _control_share(text: str) -> float:
    controls = sum(
        1 for ch in text if unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\n\r\t\f"
    )
    return controls / max(len(text), 1)


def decode_page(data: bytes) -> tuple[str, str]:
    """``(text, encoding label)``, or ``PageTextError`` with a Chinese message."""
    if len(data) > MAX_BYTES:
        raise PageTextError(
            f"文件太大（{len(data) / 1024 / 1024:.1f} MB）。一个版面的文字通常不到 100 KB，"
            "请只导入一个版面的文本。"
        )
    if not data.strip():
        raise PageTextError("文件是空的，没有可以导入的文字。")
    _refuse_binary(data)
    text, encoding = _decode(data)
    return check_text(text), encoding


def check_text(text: str) -> str:
    """Text pasted or decoded: refuse what is empty, too big or not text at all."""
    text = text.replace("\ufeff", "")
    if not text.strip():
        raise PageTextError("没有可以导入的文字：文本是空的。")
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise PageTextError("文本太大。一个版面的文字通常不到 100 KB，请只导入一个版面的文本。")
    if _control_share(text) > 0.01:
        raise PageTextError(
            "这不是文本文件（含有大量控制字符）。请导入排版系统导出的纯文本（.txt）。"
        )
    if not any("\u4e00" <= ch <= "\u9fff" for ch in text):
        raise PageTextError("文本里没有汉字，不像是一个版面的文字；请检查文件或编码。")
    return text
