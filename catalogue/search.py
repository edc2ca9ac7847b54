"""Search: what each page tells Pagefind, and running Pagefind over a built site.

Pages opt in through their `pagefind` meta (set here, never by contributors);
`theme_overrides/main.html` turns it into data-pagefind-* markup around the
content. Pagefind stems Indonesian (the site is indexed as `id`) and loads
only the index chunks a query needs.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from .model import Entry
from .reference import Reference

# Facet keys, in the order the browse page shows them, with their labels.
FACETS = {
    "wilayah": "Wilayah",
    "bidang": "Bidang",
    "tahapan": "Tahapan",
    "tahun": "Tahun",
    "bentuk": "Bentuk",
    "jenis": "Jenis",
    "perangkat_daerah": "Perangkat daerah",
    "status": "Status",
}
KIND_REGION, KIND_AREA = "Wilayah", "Bidang"
# Text that is on every innovation page is not worth indexing: it only makes the index chunks of
# common words (and so the bytes a reader downloads) larger. Values worth finding by text stay in:
# name, body, region, work unit, areas, urusan, tags. The rest are facets.
EXCLUDE = (
    ".headerlink",  # the ¶ permalink would end up in titles
    ".ki-meta dt",  # field labels
    ".ki-tanpa-indeks",  # boilerplate values: bentuk, jenis, tahapan, dates, status
    ".ki-hasil",  # result cards: numbers and labels
    ".admonition",  # the example / discontinued notices
    ".ki-sumber",  # source file line
)


def entry_meta(e: Entry, ref: Reference) -> dict:
    region = ref.regions[e.region_code]
    # Entries carry no "halaman" filter: only the few aggregate pages do, so the browse page
    # excludes them with a `none` filter whose data stays tiny at any catalogue size.
    filters = {
        "wilayah": [region.name],
        "bidang": [ref.areas[a].label for a in e.bidang],
        "tahapan": [ref.choices["tahapan"][e.tahapan]],
        "tahun": [str(e.year)] if e.year else [],
        "bentuk": [ref.choices["bentuk"][e.bentuk]],
        "jenis": [ref.choices["jenis"][e.jenis]],
        "perangkat_daerah": [e.perangkat_daerah],
        "status": [ref.choices["status"][e.status]],
    }
    meta = {
        "wilayah": region.name,
        "bidang": ref.areas[e.primary_area].label,
        "tahapan": ref.choices["tahapan"][e.tahapan],
        "tahun": str(e.year or ""),
        "ringkasan": e.summary,
        "contoh": "ya" if e.contoh else "",
    }
    # One sort key only: each key adds a page-order table to the metadata every reader downloads.
    sort = {"tahun": f"{e.latest.iso if e.latest else '0000'}"}
    return {"filters": {k: v for k, v in filters.items() if v}, "meta": meta, "sort": sort}


def page_meta(kind: str, summary: str) -> dict:
    """Region and area pages: findable by text, never mixed into the innovation facets."""
    return {"filters": {"halaman": [kind]}, "meta": {"ringkasan": summary}, "sort": {}}


class SearchIndexError(Exception):
    pass


def index_site(site_dir: Path) -> float:
    """Run Pagefind over a built site (into site_dir/pagefind); return the seconds it took."""
    started = time.perf_counter()
    cmd = [sys.executable, "-m", "pagefind", "--site", str(site_dir), "--force-language", "id", "--quiet"]
    for selector in EXCLUDE:
        cmd += ["--exclude-selectors", selector]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=3600)
    except (OSError, subprocess.SubprocessError) as exc:
        raise SearchIndexError(f"Pagefind tidak dapat dijalankan: {exc}") from None
    if out.returncode != 0 or not (site_dir / "pagefind" / "pagefind.js").is_file():
        detail = (out.stderr or out.stdout).strip().splitlines()[-5:]
        raise SearchIndexError("pengindeksan pencarian (Pagefind) gagal: " + " / ".join(detail))
    return time.perf_counter() - started
