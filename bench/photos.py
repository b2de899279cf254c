#!/usr/bin/env python
"""`make bench-photos`: what one 12-megapixel camera JPEG costs.

For each of RUNS photo-like 4000×3000 JPEGs (with EXIF and GPS, as a camera
writes them) it measures, each in a fresh Python process so peaks do not mix:

- rendition: making every rendition (8 specs × WebP + JPEG) from the stored
  original, in seconds, and the process's peak memory above its baseline;
- upload→ready: the upload service from the uploaded bytes to the moment every
  rendition exists (validation with a full decode, storing, commit, renditions
  with the default task backend), in seconds, and its peak memory.

Runs on a database of its own (created and dropped here) on the server in
DATABASE_URL (`scripts/with-postgres` starts a throwaway one), with media in a
temporary folder. Prints a table, then one JSON line.
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
RUNS = int(os.environ.get("RUNS", "5"))
SIZE = (4000, 3000)

CHILD = len(sys.argv) > 1 and sys.argv[1] == "--child"
if not CHILD:
    os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="newsroom-photo-bench-")
media = os.environ["MEDIA_ROOT"]
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("HTTPS", "0")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
os.environ["TASKS_BACKEND"] = "immediate"

import django  # noqa: E402

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection  # noqa: E402
from PIL import Image, ImageChops, ImageDraw, ImageFilter  # noqa: E402

from media_library.models import Photo  # noqa: E402
from media_library.renditions import renditions_generate  # noqa: E402
from media_library.services import photo_upload  # noqa: E402
from tests.images import camera_exif  # noqa: E402


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # not Linux


def rss_mb() -> float:
    return _status_mb("VmRSS")


def peak_mb() -> float:
    # VmHWM, not ru_maxrss: the latter survives exec and would report the
    # parent's peak (the parent draws the 12 MP test images).
    return _status_mb("VmHWM")


def photo_like(seed: int) -> bytes:
    """Gradients, shapes, blur and sensor noise: compresses like a real photo."""
    rng = random.Random(seed)
    width, height = SIZE
    gradient = Image.linear_gradient("L").resize(SIZE)
    image = Image.merge(
        "RGB", [gradient, Image.radial_gradient("L").resize(SIZE), gradient.rotate(180)]
    )
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y, r = rng.randint(0, width), rng.randint(0, height), rng.randint(40, 600)
        colour = tuple(rng.randint(0, 255) for _ in range(3))
        draw.ellipse([x, y, x + r, y + r * rng.uniform(0.5, 1.5)], fill=colour)
    noise = Image.effect_noise(SIZE, 20).convert("RGB")
    image = ImageChops.add(image.filter(ImageFilter.GaussianBlur(3)), noise, offset=-64)
    out = io.BytesIO()
    image.save(
        out, "JPEG", quality=90, exif=camera_exif(artist="摄影记者", taken="2021:11:22 09:05:00")
    )
    return out.getvalue()


def in_child(*args: str) -> tuple:
    """Run one measurement in a new process: result, seconds, peak MB above baseline."""
    env = {**os.environ, "BENCH_DB_NAME": connection.settings_dict["NAME"]}
    done = subprocess.run(
        [sys.executable, __file__, "--child", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return tuple(json.loads(done.stdout.strip().splitlines()[-1]))


def child(kind: str, argument: str) -> None:
    connection.settings_dict["NAME"] = os.environ["BENCH_DB_NAME"]
    if kind == "upload":
        data = Path(argument).read_bytes()
        function, args = upload, (data, int(time.time() * 1000))
    else:
        function, args = render, (int(argument),)
    # Steady state, as in a long-running worker: plugins loaded, database connected.
    Image.init()
    Photo.objects.exists()
    base = rss_mb()
    start = time.perf_counter()
    result = function(*args)
    seconds = time.perf_counter() - start
    print(json.dumps([result, seconds, max(peak_mb() - base, 0.0)]))


def upload(data: bytes, index: int) -> int:
    photo = photo_upload(file=SimpleUploadedFile(f"bench-{index}.jpg", data), title="bench")
    assert photo.renditions.count() == 16, "renditions are not ready"
    return photo.pk


def render(pk: int) -> int:
    photo = Photo.objects.get(pk=pk)
    return renditions_generate(photo=photo, force=True)


def main() -> None:
    connection.settings_dict["TEST"]["NAME"] = "newsroom_photo_bench"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    rows = []
    try:
        for index in range(RUNS):
            data = photo_like(index)
            path = Path(media) / f"camera-{index}.jpg"
            path.write_bytes(data)
            pk, up_seconds, up_mb = in_child("upload", str(path))
            files, seconds, mb = in_child("render", str(pk))
            rows.append(
                {
                    "bytes": len(data),
                    "files": files,
                    "rendition_s": seconds,
                    "rendition_peak_mb": mb,
                    "upload_to_ready_s": up_seconds,
                    "upload_peak_mb": up_mb,
                }
            )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    print(
        f"Photo bench: {RUNS} camera JPEGs of {SIZE[0]}×{SIZE[1]} (12 MP), "
        f"{rows[0]['files']} rendition files each (8 specs × WebP + JPEG)"
    )
    print(
        f"{'run':>3}  {'MB':>5}  {'rendition s':>11}  {'peak MB':>7}  "
        f"{'upload→ready s':>14}  {'peak MB':>7}"
    )
    for number, row in enumerate(rows, 1):
        print(
            f"{number:>3}  {row['bytes'] / 1e6:>5.1f}  {row['rendition_s']:>11.2f}  "
            f"{row['rendition_peak_mb']:>7.0f}  {row['upload_to_ready_s']:>14.2f}  "
            f"{row['upload_peak_mb']:>7.0f}"
        )
    summary = {
        key: round(statistics.median(row[key] for row in rows), 3)
        for key in ("rendition_s", "rendition_peak_mb", "upload_to_ready_s", "upload_peak_mb")
    }
    print(
        f"med  {'':>5}  {summary['rendition_s']:>11.2f}  {summary['rendition_peak_mb']:>7.0f}  "
        f"{summary['upload_to_ready_s']:>14.2f}  {summary['upload_peak_mb']:>7.0f}"
    )
    print(
        json.dumps(
            {
                "bench": "photos",
                "megapixels": 12,
                "runs": RUNS,
                "cores": os.cpu_count(),
                **{f"median_{k}": v for k, v in summary.items()},
            }
        )
    )


if __name__ == "__main__":
    if CHILD:
        child(sys.argv[2], sys.argv[3])
    else:
        try:
            main()
        finally:
            import shutil

            shutil.rmtree(media, ignore_errors=True)
