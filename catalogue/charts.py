"""Static, accessible SVG bar charts made at build time (no chart library for the reader).

Each chart carries <title>/<desc>, every bar has its number written next to it, and the page puts
a table with the same numbers beside it.
"""

from __future__ import annotations

from html import escape

from .bahasa import number

ROW, LABEL_W, BAR_W, PAD = 26, 230, 300, 8


def _num(v: float, percent: bool) -> str:
    return f"{number(v, 0)}%" if percent else number(v, 0)


def bar_chart(ident: str, title: str, rows: list[tuple[str, float]], *, percent: bool = False,
              description: str = "") -> str:
    top = 100 if percent else max((v for _, v in rows), default=0) or 1
    height = PAD * 2 + ROW * max(len(rows), 1)
    width = LABEL_W + BAR_W + 70
    summary = "; ".join(f"{label}: {_num(v, percent)}" for label, v in rows)
    parts = [
        f'<svg class="ki-grafik" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" font-size="13" font-family="sans-serif" fill="#333" '
        f'role="img" aria-labelledby="{ident}-judul {ident}-ket">',
        f'<title id="{ident}-judul">{escape(title)}</title>',
        f'<desc id="{ident}-ket">{escape(description + " " if description else "")}{escape(summary)}</desc>',
    ]
    for i, (label, v) in enumerate(rows):
        y = PAD + i * ROW
        w = 0 if not top else round(BAR_W * v / top, 1)
        parts.append(
            f'<g class="ki-grafik__baris"><text x="{LABEL_W - 8}" y="{y + ROW * 0.65:.1f}" text-anchor="end">'
            f"{escape(label)}</text>"
            f'<rect class="ki-grafik__batang" fill="#009485" x="{LABEL_W}" y="{y + 5}" width="{w}" height="{ROW - 10}" rx="2"/>'
            f'<text class="ki-grafik__nilai" x="{LABEL_W + w + 6:.1f}" y="{y + ROW * 0.65:.1f}">'
            f"{_num(v, percent)}</text></g>")
    parts.append("</svg>")
    return "".join(parts)
