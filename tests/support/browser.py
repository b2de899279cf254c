"""Driving Debian's chromium from Playwright: where it is, how it starts, where
screenshots go."""

import io
import os
from pathlib import Path

from PIL import Image

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
#: As the machine's chromium must run here: headless, sandbox off (root in a
#: container), and none of the background connections a closed network refuses.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = Path(__file__).resolve().parent.parent.parent
ARTIFACTS = ROOT / "test-artifacts" / "screenshots"


def have_chromium() -> bool:
    return Path(CHROMIUM).exists()


def small_png(data: bytes, path: Path) -> None:
    """A README screenshot: a palette PNG, a fraction of the size."""
    image = Image.open(io.BytesIO(data)).convert("RGB")
    image.quantize(colors=96, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
