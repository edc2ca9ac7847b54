"""sitemap.xml and sitemap.xml.gz, the same bytes as MkDocs' own template (mkdocs/templates/sitemap.xml)
gives, without Jinja: the template reads four attributes of every page, and at 30,000 pages rendering it
costs a second of every build, warm ones included. Used only while the theme's sitemap.xml is MkDocs' own
(a theme that overrides it keeps its template)."""

from __future__ import annotations

import gzip
import os

from markupsafe import escape

from . import engine

NAME = "sitemap.xml"
HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
TAIL = "</urlset>"  # Jinja drops the template's last newline


def builtin(env) -> bool:
    """Whether the theme's sitemap.xml is MkDocs' own template (not overridden by the theme or custom_dir)."""
    return engine.builtin_template(env, NAME)


def text(pages) -> str:
    """The template's output for these MkDocs pages (each with is_link, abs_url, canonical_url, update_date)."""
    parts = [HEAD]
    for page in pages:
        if page.is_link or not (page.abs_url or page.canonical_url):
            continue
        loc = escape(page.canonical_url or page.abs_url)
        lastmod = f"<lastmod>{page.update_date}</lastmod>" if page.update_date else ""
        parts.append(f"    <url>\n         <loc>{loc}</loc>\n         {lastmod}\n    </url>\n")
    parts.append(TAIL)
    return "".join(parts)


def write(site_dir: str, pages) -> None:
    """Both files as mkdocs/commands/build.py writes them (the .gz stamped with the newest page date)."""
    output = text(pages).encode("utf-8")
    path = os.path.join(site_dir, NAME)
    os.makedirs(site_dir, exist_ok=True)
    with open(path, "wb") as out:
        out.write(output)
    with open(f"{path}.gz", "wb") as f, gzip.GzipFile(fileobj=f, filename=f"{path}.gz", mode="wb",
                                                       mtime=engine.build_timestamp(pages)) as gz:
        gz.write(output)
