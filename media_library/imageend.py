"""Where an image file's image ends, so that nothing after it is kept.

A complete JPEG with a PHP or HTML payload appended still decodes: decoders
stop at the end of the image and never look further. We store originals
(for staff, served as ``image/jpeg`` with ``nosniff``), but no original
should keep bytes its image does not need, so an upload is cut where its
format says it ends:

- JPEG: at the End Of Image marker, found by walking the marker segments and
  the entropy-coded scans (an EXIF thumbnail inside APP1 is skipped whole).
  Phones write Multi-Picture files (MPF, "MPO": a depth map, an HDR gain
  map, a second view after the photo): its index (APP2 ``MPF``) says where
  each picture starts; every one must be a JPEG of its own, and the file is
  kept to the end of the last. The photo keeps what the phone wrote.
- PNG: after the ``IEND`` chunk. WebP: the RIFF size. GIF: the trailer byte.

Metadata inside the image (EXIF, XMP, IPTC, comments) is part of it and
kept: the original is the file as shot; renditions carry none of it.
"""

import struct


class Malformed(ValueError):
    """The file's structure does not say where its image ends."""


def _u16(data: bytes, at: int) -> int:
    if at + 2 > len(data):
        raise Malformed("cut short")
    return int.from_bytes(data[at : at + 2], "big")


def jpeg_segments(data: bytes, start: int = 0):
    """``(marker, data start, data end)`` of each segment up to EOI; the last
    yielded is EOI itself with its end as ``data end``."""
    if data[start : start + 2] != b"\xff\xd8":
        raise Malformed("no Start Of Image")
    at = start + 2
    while True:
        if at >= len(data) or data[at] != 0xFF:
            raise Malformed(f"no marker at {at}")
        while at < len(data) and data[at] == 0xFF:  # fill bytes
            at += 1
        if at >= len(data):
            raise Malformed("cut short")
        marker, at = data[at], at + 1
        if marker == 0xD9:  # End Of Image
            yield marker, at, at
            return
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # no length
            continue
        length = _u16(data, at)
        if length < 2 or at + length > len(data):
            raise Malformed(f"segment {marker:#x} runs past the end")
        yield marker, at + 2, at + length
        at += length
        if marker == 0xDA:  # Start Of Scan: entropy-coded data up to the next real marker
            while True:
                at = data.find(b"\xff", at)
                if at < 0 or at + 1 >= len(data):
                    raise Malformed("scan runs past the end")
                following = data[at + 1]
                if following == 0x00 or 0xD0 <= following <= 0xD7:
                    at += 2  # a stuffed 0xFF, or a restart marker inside the scan
                elif following == 0xFF:
                    at += 1  # fill byte before a marker
                else:
                    break


def _mpf_starts(data: bytes, header: int, end: int) -> list[int]:
    """Absolute offsets of the pictures an MPF index (at ``header``) lists."""
    order = {b"II": "<", b"MM": ">"}.get(data[header : header + 2])
    if order is None:
        raise Malformed("MPF index without byte order")

    def read(fmt, at):
        if header + at + struct.calcsize(fmt) > end:
            raise Malformed("MPF index runs past its segment")
        return struct.unpack_from(order + fmt, data, header + at)

    (ifd,) = read("I", 4)
    (count,) = read("H", ifd)
    starts = []
    for n in range(count):
        tag, _kind, items, value = read("HHII", ifd + 2 + 12 * n)
        if tag == 0xB002:  # MPEntry: 16 bytes per picture
            for entry in range(items // 16):
                _attribute, _size, offset, _dep1, _dep2 = read("IIIHH", value + 16 * entry)
                # The first picture is this file; the others are counted
                # from the index's own start.
                starts.append(header + offset if offset else 0)
    return starts


def jpeg_end(data: bytes) -> int:
    mpf = None
    for marker, begin, finish in jpeg_segments(data):
        if marker == 0xE2 and data[begin : begin + 4] == b"MPF\x00" and mpf is None:
            mpf = (begin + 4, finish)
        end = finish
    if mpf is not None:
        for start in _mpf_starts(data, *mpf):
            if start:
                end = max(end, list(jpeg_segments(data, start))[-1][2])
    return end


def png_end(data: bytes) -> int:
    at = 8
    while True:
        if at + 8 > len(data):
            raise Malformed("cut short")
        length = int.from_bytes(data[at : at + 4], "big")
        kind = data[at + 4 : at + 8]
        at += 12 + length
        if kind == b"IEND":
            if at > len(data):
                raise Malformed("IEND runs past the end")
            return at


def webp_end(data: bytes) -> int:
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise Malformed("not a RIFF WebP")
    size = int.from_bytes(data[4:8], "little")
    end = 8 + size + (size & 1)
    if end > len(data) + (size & 1):
        raise Malformed("RIFF size past the end")
    return min(end, len(data))


def _gif_sub_blocks(data: bytes, at: int) -> int:
    while True:
        if at >= len(data):
            raise Malformed("cut short")
        size = data[at]
        at += 1 + size
        if size == 0:
            return at


def gif_end(data: bytes) -> int:
    if len(data) < 13:
        raise Malformed("cut short")
    flags = data[10]
    at = 13 + (3 * 2 ** ((flags & 7) + 1) if flags & 0x80 else 0)
    while True:
        if at >= len(data):
            raise Malformed("no trailer")
        block = data[at]
        if block == 0x3B:  # trailer
            return at + 1
        if block == 0x21:  # extension: label, then sub-blocks
            at = _gif_sub_blocks(data, at + 2)
        elif block == 0x2C:  # image: descriptor, local colours, LZW size, sub-blocks
            if at + 10 > len(data):
                raise Malformed("cut short")
            local = data[at + 9]
            at += 10 + (3 * 2 ** ((local & 7) + 1) if local & 0x80 else 0)
            at = _gif_sub_blocks(data, at + 1)
        else:
            raise Malformed(f"unknown GIF block {block:#x}")


#: Pillow's format name -> where such a file's image ends.
ENDS = {"JPEG": jpeg_end, "MPO": jpeg_end, "PNG": png_end, "WEBP": webp_end, "GIF": gif_end}


def image_end(data: bytes, format: str) -> int:
    """How many bytes of ``data`` the image uses; raises ``Malformed``."""
    return ENDS[format](data)
