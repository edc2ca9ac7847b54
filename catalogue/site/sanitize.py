"""Allow-list HTML sanitising of rendered entry pages (nh3)."""

from __future__ import annotations

import nh3

# Image maps add nothing here and are a classic way to smuggle links.
TAGS = set(nh3.ALLOWED_TAGS) - {"map", "area"}
ATTRIBUTES = {tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()}
ATTRIBUTES["*"] = {"class", "id", "title", "lang", "dir", "aria-hidden", "aria-label"}
for _cell in ("th", "td"):
    ATTRIBUTES[_cell] = ATTRIBUTES.get(_cell, set()) | {"style", "data-label"}  # alignment only (below); phones
ATTRIBUTES["table"] = ATTRIBUTES.get("table", set()) | {"data-ki-tumpuk"}  # stacked on phones (site/tabel.py)
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def clean(html: str, image_sources: dict[str, str] | None = None) -> str:
    """Allow-listed HTML. `image_sources` maps <img src> values as written in raw HTML to their published
    URLs (MkDocs rewrites Markdown images, not raw HTML); the sanitiser's own parse applies it."""
    def attribute(tag: str, name: str, value: str) -> str:
        if tag == "img" and name == "src" and image_sources:
            return image_sources.get(value.strip(), value)
        return value
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        strip_comments=True,
        link_rel="noopener noreferrer",
        # Python-Markdown aligns table columns with style="text-align: …"; nothing else survives,
        # so no CSS can load a remote resource.
        filter_style_properties={"text-align"},
        attribute_filter=attribute if image_sources else None,
    )
