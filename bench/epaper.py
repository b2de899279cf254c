#!/usr/bin/env python
"""`make bench-epaper`: what rendering one A3 page PDF (电子报) costs.

The page: an A3 sheet set like the demo's, three columns of dense Chinese
text with a text layer, and two 12-megapixel photos embedded as a layout
system exports them. For each of RUNS runs, each measurement in a fresh
Python process so peaks do not mix:

- reading: PDFium rendering the page at the reading width (1200 px);
- zoom: PDFium rendering it at the zoom width (2400 px);
- all images: what the task does after an upload: the full check, the zoom
  rendering, the reading size and thumbnail scaled from it, each encoded as
  WebP and JPEG (six files);

in seconds, and the process's peak memory above its baseline. No database:
the rendering reads nothing else. Prints a table, then one JSON line.
"""

import io
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RUNS = int(os.environ.get("RUNS", "3"))
CHILD = len(sys.argv) > 1 and sys.argv[1] == "--child"
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("HTTPS", "0")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

import pypdfium2 as pdfium  # noqa: E402
from PIL import Image, ImageChops, ImageDraw, ImageFilter  # noqa: E402

from demo.printed import Printed, print_page  # noqa: E402
from paper import rendering  # noqa: E402

CASES = ("reading", "zoom", "all")
LABELS = {"reading": "reading 1200 px", "zoom": "zoom 2400 px", "all": "all six images"}


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def photo(seed: int) -> bytes:
    """A 12-megapixel photo-like JPEG: gradients, shapes, blur and noise."""
    rng = random.Random(seed)
    size = (4000, 3000)
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y, r = rng.randint(0, 4000), rng.randint(0, 3000), rng.randint(40, 600)
        draw.ellipse([x, y, x + r, y + r], fill=tuple(rng.randint(0, 255) for _ in range(3)))
    noise = Image.effect_noise(size, 20).convert("RGB")
    image = ImageChops.add(image.filter(ImageFilter.GaussianBlur(3)), noise, offset=-64)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def page_pdf() -> bytes:
    rng = random.Random(7)
    words = "高新区召开全市领导干部大会要求各单位认真学习贯彻全会精神推动高质量发展科技企业孵化器"
    stories = []
    for n in range(10):
        paragraphs = ["".join(rng.choice(words) for _ in range(160)) for _ in range(8)]
        image = photo(n) if n in (1, 6) else None
        stories.append(
            Printed(f"第{n + 1}篇稿件的标题在这里", paragraphs, photo=bool(image), image=image)
        )
    return print_page("第5版 高新区新闻", stories)


def child(case: str, path: str) -> None:
    data = Path(path).read_bytes()
    Image.init()
    base = _status_mb("VmRSS")
    start = time.perf_counter()
    if case == "all":
        image = rendering.rasterize(data, "page.pdf", None)
        files = sum(len(content) for _spec, _w, _h, content in rendering.renderings(image))
        result = files
    else:
        document = pdfium.PdfDocument(data)
        page = document[0]
        scale = rendering.SIZES[case] / page.get_size()[0]
        bitmap = page.render(scale=scale)
        result = list(bitmap.to_pil().size)
        document.close()
    seconds = time.perf_counter() - start
    print(json.dumps([result, seconds, max(_status_mb("VmHWM") - base, 0.0)]))


def measure(case: str, path: Path) -> tuple:
    done = subprocess.run(
        [sys.executable, __file__, "--child", case, str(path)],
        check=True,
        capture_output=True,
        text=True,
    )
    return tuple(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="newsroom-epaper-bench-"))
    path = folder / "page.pdf"
    path.write_bytes(page_pdf())
    results = {case: [measure(case, path) for _ in range(RUNS)] for case in CASES}
    size_mb = path.stat().st_size / 1e6
    path.unlink()
    folder.rmdir()
    print(
        f"E-paper bench: an A3 page PDF ({size_mb:.1f} MB, text layer, two 12 MP photos), "
        f"{RUNS} runs per case, each in a fresh process"
    )
    print(f"{'case':<16}  {'median s':>8}  {'max s':>6}  {'peak MB':>7}")
    summary = {}
    for case in CASES:
        seconds = [r[1] for r in results[case]]
        peak = max(r[2] for r in results[case])
        summary[case] = {"median_s": round(statistics.median(seconds), 3), "peak_mb": round(peak)}
        print(
            f"{LABELS[case]:<16}  {statistics.median(seconds):>8.2f}  {max(seconds):>6.2f}  "
            f"{peak:>7.0f}"
        )
    print(
        json.dumps(
            {
                "bench": "epaper",
                "page": "A3",
                "pdf_mb": round(size_mb, 2),
                "runs": RUNS,
                "cores": os.cpu_count(),
                **{
                    f"{case}_{k}": v for case, values in summary.items() for k, v in values.items()
                },
            }
        )
    )


if __name__ == "__main__":
    if CHILD:
        child(sys.argv[2], sys.argv[3])
    else:
        main()
