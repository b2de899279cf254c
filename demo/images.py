"""Demo photos drawn with Pillow, visibly marked as demo images.

The seed page is text only; the demo needs pictures so photo news has
something to show. Each image is deterministic for its title.
"""

import hashlib
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1600, 1067

_CJK_FONTS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "C:/Windows/Fonts/msyh.ttc",
)


def _font(size: int) -> tuple[ImageFont.ImageFont, bool]:
    """A CJK font if the machine has one (True), else Pillow's own Latin font."""
    for path in _CJK_FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size), True
    return ImageFont.load_default(size=size), False


def demo_photo(title: str) -> bytes:
    """A JPEG: a soft two-colour gradient, the title, and a DEMO banner."""
    seed = hashlib.sha256(title.encode()).digest()
    top = (40 + seed[0] % 80, 70 + seed[1] % 90, 110 + seed[2] % 100)
    bottom = (180 + seed[3] % 60, 150 + seed[4] % 70, 90 + seed[5] % 80)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    for y in range(HEIGHT):
        t = y / (HEIGHT - 1)
        colour = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        draw.line([(0, y), (WIDTH, y)], fill=colour)

    big, cjk = _font(96)
    small, _ = _font(48)
    label = "示例图片 · DEMO" if cjk else "DEMO IMAGE"
    draw.rectangle([(0, 0), (WIDTH, 120)], fill=(164, 22, 26))
    draw.text((WIDTH / 2, 60), label, font=small, fill="white", anchor="mm")
    draw.text(
        (WIDTH / 2, HEIGHT / 2),
        title if cjk else "Newsroom demo photo",
        font=big,
        fill="white",
        anchor="mm",
        stroke_width=3,
        stroke_fill=(0, 0, 0),
    )
    note = "本图为演示用图，并非新闻原图" if cjk else "Not a news photograph"
    draw.text((WIDTH / 2, HEIGHT - 90), note, font=small, fill="white", anchor="mm")

    out = io.BytesIO()
    image.save(out, "JPEG", quality=85, optimize=True)
    return out.getvalue()
