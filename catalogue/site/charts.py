"""Accessible bar charts made at build time, as HTML (no chart library, no SVG text that shrinks on phones).

A chart is a list: each item's label and number are real text at the page's size, read in order by
screen readers; the bar between them is decoration (aria-hidden). The page puts a table with the same
numbers beside it.
"""

from __future__ import annotations

from html import escape

from ..bahasa import number


def _num(v: float, percent: bool) -> str:
    return f"{number(v, 0)}%" if percent else number(v, 0)


def bar_chart(ident: str, title: str, rows: list[tuple[str, float]], *, percent: bool = False) -> str:
    top = 100 if percent else max((v for _, v in rows), default=0) or 1
    items = "".join(
        f'<li class="ki-grafik__baris"><span class="ki-grafik__label">{escape(label)}</span>'
        f'<span class="ki-bar ki-bar--sesudah" aria-hidden="true"><span class="ki-w-{int(round(20 * v / top)) * 5}">'
        f'</span></span><span class="ki-grafik__nilai">{_num(v, percent)}</span></li>'
        for label, v in rows)
    return f'<ol class="ki-grafik" id="grafik-{ident}" aria-label="{escape(title)}">{items}</ol>'
