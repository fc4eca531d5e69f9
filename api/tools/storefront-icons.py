#!/usr/bin/env python3
"""Draws the storefront's app icons (a white shopping bag on the brand blue) as PNG files.

Usage: python3 api/tools/storefront-icons.py   (writes api/src/main/resources/storefront/icons/)
Standard library only, so the icons can be redrawn anywhere.
"""
import os
import struct
import zlib

BLUE = (0x1F, 0x3A, 0x8A)
WHITE = (0xFF, 0xFF, 0xFF)


def pixel(x, y, size):
    u, v = x / size, y / size
    # Bag body: a rounded rectangle in the lower two thirds.
    if 0.25 <= u <= 0.75 and 0.38 <= v <= 0.80:
        corner = 0.04
        cx = min(max(u, 0.25 + corner), 0.75 - corner)
        cy = min(max(v, 0.38 + corner), 0.80 - corner)
        if (u - cx) ** 2 + (v - cy) ** 2 <= corner ** 2:
            return WHITE
    # Handle: a ring above the body.
    d = ((u - 0.5) ** 2 + ((v - 0.38) * 1.1) ** 2) ** 0.5
    if 0.10 <= d <= 0.145 and v <= 0.40:
        return WHITE
    return BLUE


def png(size):
    rows = []
    for y in range(size):
        row = bytearray([0])  # filter: none
        for x in range(size):
            row.extend(pixel(x + 0.5, y + 0.5, size))
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


if __name__ == "__main__":
    out = os.path.join(os.path.dirname(__file__), "..", "src", "main", "resources", "storefront", "icons")
    os.makedirs(out, exist_ok=True)
    for size in (192, 512):
        with open(os.path.join(out, f"icon-{size}.png"), "wb") as f:
            f.write(png(size))
