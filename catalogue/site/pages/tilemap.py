"""A tile-grid map of regions: each kabupaten/kota (or, nationally, each province) one tile placed roughly
where it lies (`peta` in wilayah.yml), shaded by its number of innovations, named and linked.

Made of HTML links on a CSS grid rather than SVG, so the names stay real text at the page's size on a
phone and every tile is a link a keyboard or screen reader reaches in code order. The page shows a table
with the same numbers beside it."""

from __future__ import annotations

import html

from ...entry.reference import Region

LEVELS = 5  # shades, lightest (none) to darkest


def shade(count: int, top: int) -> int:
    if count <= 0 or top <= 0:
        return 0
    return max(1, min(LEVELS - 1, -(-count * (LEVELS - 1) // top)))


def tile_map(title: str, tiles: list[tuple[Region, int, str]]) -> str:
    """tiles: (region, innovations, href). Regions without a place on the map are left out; returns ""
    when none has one."""
    placed = [(r, n, href) for r, n, href in tiles if r.tile is not None]
    if not placed:
        return ""
    columns = max(r.tile[0] for r, _, _ in placed) + 1
    top = max(n for _, n, _ in placed)
    items = "".join(
        f'<li style="grid-column: {r.tile[0] + 1}; grid-row: {r.tile[1] + 1}">'
        f'<a class="ki-peta__petak ki-peta--{shade(n, top)}" href="{html.escape(href)}">'
        f'<span class="ki-peta__nama">{html.escape(short_name(r))}</span>'
        f'<span class="ki-peta__jumlah">{n} inovasi</span></a></li>'
        for r, n, href in sorted(placed, key=lambda t: t[0].code))
    return (f'<nav class="ki-peta" aria-label="{html.escape(title)}">'
            f'<ol style="grid-template-columns: repeat({columns}, minmax(0, 1fr))">{items}</ol></nav>')


def short_name(r: Region) -> str:
    for prefix in ("Kabupaten ", "Kota ", "Provinsi "):
        if r.name.startswith(prefix):
            return ("Kota " if prefix == "Kota " else "") + r.name[len(prefix):]
    return r.name
