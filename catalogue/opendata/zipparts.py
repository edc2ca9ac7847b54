"""Deflate streams made of independent parts: a zip archive's member (data/katalog.xlsx, issue 16) and a gzip
file (the whole-catalogue downloads, issue 26).

Each part is deflated on its own and ends on a byte boundary (a sync flush), so parts made in different
builds can be laid end to end and closed with an empty final block: one valid deflate stream. The export
cache keeps the parts of the workbook's sheet, so a build that changes one innovation deflates the few
hundred rows around it, not the 200 MB sheet. Python's zipfile cannot take data already deflated, hence
the small writer below (no ZIP64: it refuses a member of 4 GB or more).
"""

from __future__ import annotations

import struct
import zlib
from typing import NamedTuple

LEVEL = 6  # zlib's default, as zipfile used for the workbook before
_FINAL = b"\x03\x00"  # an empty final block (fixed Huffman codes): what flush() gives on no input
_DOS_DATE, _DOS_TIME = (1 << 5) | 1, 0  # 1980-01-01 00:00, as the workbook's members were always stamped
_LOCAL = struct.Struct("<4s5H3I2H")
_CENTRAL = struct.Struct("<4s6H3I5H2I")
_END = struct.Struct("<4s4H2IH")


class Part(NamedTuple):
    data: bytes  # deflated, ending on a byte boundary, not final
    crc: int  # CRC-32 of the bytes it stands for
    size: int  # how many bytes it stands for


def part(raw: bytes) -> Part:
    d = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
    return Part(d.compress(raw) + d.flush(zlib.Z_SYNC_FLUSH), zlib.crc32(raw), len(raw))


# CRC-32 of two byte strings laid end to end, from their CRCs: zlib's crc32_combine, which Python's zlib
# module does not expose (the multiply-by-x^(8n) form of zlib 1.2.12 and later).
_POLY = 0xEDB88320


def _multmodp(a: int, b: int) -> int:
    m, p = 1 << 31, 0
    while True:
        if a & m:
            p ^= b
            if a & (m - 1) == 0:
                return p
        m >>= 1
        b = (b >> 1) ^ _POLY if b & 1 else b >> 1


_X2N = [1 << 30]  # x^(2^n) modulo the polynomial, from x^1
for _ in range(31):
    _X2N.append(_multmodp(_X2N[-1], _X2N[-1]))


def crc32_combine(crc1: int, crc2: int, len2: int) -> int:
    p, k = 1 << 31, 3  # x^0; and 2^3 bits a byte
    while len2:
        if len2 & 1:
            p = _multmodp(_X2N[k & 31], p)
        len2 >>= 1
        k += 1
    return _multmodp(p, crc1) ^ crc2


def joined(parts: list[Part]) -> Part:
    """The parts as one finished deflate stream, with the CRC and size of everything they stand for."""
    crc = size = 0
    for p in parts:
        crc, size = crc32_combine(crc, p.crc, p.size), size + p.size
    return Part(b"".join(p.data for p in parts) + _FINAL, crc, size)


_GZIP_HEAD = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"  # deflate, no name, no time (RFC 1952), OS unknown


def gzip(stream: Part) -> bytes:
    """A gzip file (RFC 1952) of one finished deflate stream from `joined`: the same parts, the same bytes."""
    return _GZIP_HEAD + stream.data + struct.pack("<2I", stream.crc, stream.size & 0xFFFFFFFF)


def write(out, members: list[tuple[str, int, Part]]) -> None:
    """A zip archive of (name, external attributes, finished deflate stream from `joined`) to the binary
    file `out`, every member stamped 1980-01-01."""
    central, at = [], 0
    for name, attrs, member in members:
        if member.size >= 1 << 32 or len(member.data) >= 1 << 32:
            raise ValueError(f"{name}: 4 GB atau lebih (ZIP64 tidak didukung)")
        raw = name.encode("ascii")
        out.write(_LOCAL.pack(b"PK\x03\x04", 20, 0, zlib.DEFLATED, _DOS_TIME, _DOS_DATE, member.crc,
                              len(member.data), member.size, len(raw), 0) + raw)
        out.write(member.data)
        central.append(_CENTRAL.pack(b"PK\x01\x02", (3 << 8) | 20, 20, 0, zlib.DEFLATED, _DOS_TIME, _DOS_DATE,
                                     member.crc, len(member.data), member.size, len(raw), 0, 0, 0, 0, attrs,
                                     at) + raw)
        at += _LOCAL.size + len(raw) + len(member.data)
    directory = b"".join(central)
    out.write(directory)
    out.write(_END.pack(b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), at, 0))
