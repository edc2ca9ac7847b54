"""Link-preview images (og:image, 1200 × 630 PNG) made at build time, without a third-party service: one for
the catalogue and one per region, each with the catalogue's name and the region's. Drawn with Pillow's
bundled font, so the same text gives the same bytes on every machine; kept in the build cache by a digest
of what they show, so a rebuild only copies them."""

from __future__ import annotations

from pathlib import Path

from .. import digests
from ..entry.reference import Reference

FOLDER = "assets/pratinjau"
DEFAULT = "katalog"
SIZE = (1200, 630)
BACKGROUND, INK, ACCENT = (0, 105, 92), (255, 255, 255), (255, 193, 7)  # the theme's teal, white, amber


def path(name: str) -> str:
    return f"{FOLDER}/{name}.png"


def _wrap(draw, text: str, font, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if line and draw.textlength(trial, font=font) > width:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line] if line else lines


def draw(site_name: str, heading: str, line: str) -> bytes:
    """A preview: the site's name small at the top, `heading` large, `line` under it."""
    import io

    from PIL import Image, ImageDraw, ImageFont
    image = Image.new("RGB", SIZE, BACKGROUND)
    pen = ImageDraw.Draw(image)
    small, large = ImageFont.load_default(size=40), ImageFont.load_default(size=84)
    pen.rectangle((80, 96, 200, 108), fill=ACCENT)
    pen.text((80, 130), site_name, font=small, fill=INK)
    y = 230
    for text in _wrap(pen, heading, large, SIZE[0] - 160)[:3]:
        pen.text((80, y), text, font=large, fill=INK)
        y += 100
    y = max(y + 20, 480)
    for text in _wrap(pen, line, small, SIZE[0] - 160)[:2]:
        pen.text((80, y), text, font=small, fill=INK)
        y += 50
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def previews(ref: Reference, site_name: str) -> dict[str, tuple[str, str]]:
    """{name: (heading, line)}: the catalogue's own and one per region."""
    out = {DEFAULT: ("Katalog inovasi daerah", "Inovasi pemerintah daerah, dari sumber publik dan perangkat daerah")}
    for r in ref.regions.values():
        out[r.slug] = (r.name, "Inovasi daerah: apa yang diubah dan hasilnya")
    return out


def files(ref: Reference, site_name: str, base_url: str, cache_dir: Path | None):
    """(path, PNG) of every preview, drawn or read from the cache. None without site_url: og:image needs an
    absolute address, so without one no page names them."""
    if not base_url:
        return
    import PIL
    for name, (heading, line) in previews(ref, site_name).items():
        key = digests.of(digests.source("site/previews.py"), PIL.__version__, site_name, heading, line)
        cached = cache_dir / "pratinjau" / f"{key}.png" if cache_dir else None
        if cached and cached.is_file():
            yield path(name), cached.read_bytes()
            continue
        data = draw(site_name, heading, line)
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            cached.write_bytes(data)
        yield path(name), data
