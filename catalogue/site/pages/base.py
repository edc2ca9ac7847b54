"""What every generated page shares: the site context, links, list items and small tables.

A generated page produces Markdown for its prose and tables (links as Markdown links to source files,
so MkDocs resolves and checks them); long lists and the innovation page's generated parts are data that
a template under theme_overrides/ renders, with Jinja's autoescape, so nothing from an entry is ever
spliced into HTML as a string.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Callable

from ...entry.model import Entry
from ...entry.reference import Region
from ...opendata.datapackage import Licence
from ...repository import Repository
from .. import aggregate
from ..aggregate import Index
from . import routes, tilemap
from .markup import esc

PAGE_SIZE = 200  # list items per region/area page; longer lists continue on numbered pages


@dataclass
class Site:
    """What pages need besides the data: names, the repository, dates and URL style."""
    index: Index
    site_name: str
    repo: Repository | None = None
    today: date = field(default_factory=date.today)  # the tracker's current year
    use_directory_urls: bool = True
    site_url: str = ""  # absolute base URL ending in "/", or "" when unknown
    downloads: Callable[[], dict[str, int]] | None = None  # sizes of the exports (waits until written)
    licence: Licence = field(default_factory=Licence)  # of the open data (mkdocs.yml extra.katalog.lisensi)

    @property
    def ref(self):
        return self.index.catalogue.reference

    def edit_url(self, entry: Entry) -> str | None:
        return self.repo.edit_url(entry.source) if self.repo else None

    def report_url(self, entry: Entry, page_url: str) -> str | None:
        """A correction report for an innovation page, prefilled with the page and its file."""
        if not self.repo:
            return None
        return self.repo.issue_url(f"[Koreksi] {entry.nama}",
                                   f"Halaman: {page_url}\nBerkas: {entry.source}\n\nYang perlu diperbaiki:\n")


@dataclass(frozen=True)
class Item:
    """One innovation in a list, for templates: link, the facts after it and its badges."""
    name: str
    href: str
    details: tuple[str, ...]
    badges: tuple[tuple[str, str], ...]  # (css modifier, label)


@dataclass(frozen=True)
class Group:
    """Part of a grouped list on one page: heading label, the group's full count, its items here."""
    label: str
    count: int
    continued: bool  # the group started on an earlier page
    items: tuple[Item, ...]
    anchor: str


@dataclass(frozen=True)
class Listing:
    """What templates/daftar.html shows under a list page's Markdown."""
    groups: tuple[Group, ...]
    pager: tuple[tuple[int, str | None], ...] = ()  # (page number, href; None for this page)


class GeneratedPage:
    src_uri: str
    title: str | None = None  # the nav title; None: the page's own <h1>
    template: str | None = None  # a template under theme_overrides/; None: Material's main.html
    listing: Listing | None = None
    cacheable = True  # its HTML depends only on its Markdown, metadata and listing (see pagecache)

    def __init__(self, site: Site):
        self.site = site

    @property
    def ref(self):
        return self.site.ref

    def resolve(self) -> None:
        """Work that must be done before MkDocs learns the page's files (e.g. how many pages a list takes)."""

    def markdown(self) -> str:
        raise NotImplementedError

    def meta(self) -> dict:
        return {"template": self.template} if self.template else {}

    def extra_pages(self) -> list["GeneratedPage"]:
        return []

    def listing_inputs(self) -> tuple | None:
        """What the listing is made from, standing for the listing in the page cache's key (None: the
        listing itself, or no listing)."""
        return None

    # --- links ------------------------------------------------------------------------------------
    def link(self, label_md: str, target_uri: str) -> str:
        return f"[{label_md}]({routes.link(self.src_uri, target_uri)})"

    def href(self, target_uri: str) -> str:
        return routes.href(self.src_uri, target_uri, self.site.use_directory_urls)

    def href_file(self, path: str) -> str:
        return routes.href(self.src_uri, path, self.site.use_directory_urls, is_page=False)

    def region_link(self, r: Region) -> str:
        return self.link(esc(r.name), routes.region(r.slug))

    def area_link(self, key: str) -> str:
        return self.link(esc(self.ref.areas[key].label), routes.area(key))

    def entry_link(self, e: Entry) -> str:
        return self.link(esc(e.title), routes.innovation(e.id))

    # --- lists --------------------------------------------------------------------------------------
    def _details(self, e: Entry, show_region: bool, area: str | None) -> tuple[tuple[str, ...], tuple]:
        ref = self.ref
        bits = [ref.regions[e.region_code].name] if show_region else []
        bits += [e.perangkat_daerah, *([ref.choices["tahapan"][e.tahapan]] if e.tahapan else [])]
        if e.year:
            bits.append(str(e.year))
        if area and e.primary_area != area:
            bits.append("bidang pendukung")
        badges = tuple((cls, label) for cls, label, on in (("contoh", "contoh", e.contoh),
                                                           ("ringkasan", "ringkasan", e.is_summary),
                                                           ("henti", "dihentikan", e.status == "dihentikan")) if on)
        return tuple(bits), badges

    def item(self, e: Entry, *, show_region: bool = True, area: str | None = None) -> Item:
        details, badges = self._details(e, show_region, area)
        return Item(e.title, self.href(routes.innovation(e.id)), details, badges)

    def item_md(self, e: Entry) -> str:
        """One Markdown list line (short lists such as the newest innovations)."""
        details, badges = self._details(e, True, None)
        marks = "".join(f' <span class="ki-badge ki-badge--{cls}">{label}</span>' for cls, label in badges)
        return f"- {self.entry_link(e)} — {' · '.join(esc(d) for d in details)}{marks}"

    def region_map(self, province: Region | None = None) -> str:
        """The tile map of a province's kabupaten/kota, or (with several provinces and none given) of the
        provinces; "" when the reference data places none of them."""
        idx, ref = self.site.index, self.ref
        provinces = ref.provinces()
        if province is None and len(provinces) == 1:
            province = provinces[0]
        if province is not None:
            tiles = [(r, len(idx.by_region.get(r.code, [])), self.href(routes.region(r.slug)))
                     for r in ref.children(province)]
            title = f"Peta {province.name}: inovasi per kabupaten/kota"
        else:
            tiles = [(p, len(idx.by_province.get(p.code, [])), self.href(routes.region(p.slug))) for p in provinces]
            title = "Peta: inovasi per provinsi"
        return tilemap.tile_map(title, tiles)

    def count_table(self, heading: str, rows: list[tuple[str, int]]) -> str:
        lines = [f"| {heading} | Jumlah |", "|---|---:|"]
        lines += [f"| {label} | {count} |" for label, count in rows]
        return "\n".join(lines)

    def stage_table(self, entries: list[Entry]) -> str:
        s = self.site.index.stats(entries)
        rows = [(esc(label), s.by_stage.get(k, 0)) for k, label in self.ref.choices["tahapan"].items()]
        unknown = s.total - sum(n for _, n in rows)  # summaries whose sources do not say: the rows add up
        return self.count_table("Tahapan", rows + ([("Belum disebut sumbernya", unknown)] if unknown else []))

    def reported_line(self, entries: list[Entry]) -> str:
        s = self.site.index.stats(entries)
        if s.summaries and not s.known:
            return (f"**{s.total} inovasi** tercatat, semuanya ringkasan dari sumber publik; apakah sudah "
                    "dilaporkan ke Kemendagri tercatat setelah perangkat daerah melengkapi entrinya.")
        if s.summaries:
            return (f"**{s.total} inovasi** tercatat; dari {s.known} yang bukan ringkasan, {s.reported} sudah "
                    f"dilaporkan ke Kemendagri ({s.reported_percent}%).")
        return (f"**{s.total} inovasi** tercatat; {s.reported} di antaranya sudah dilaporkan ke "
                f"Kemendagri ({s.reported_percent}%).")


def grouped(entries: list[Entry], key, labels: dict[str, str]) -> list[list[tuple[str, int, bool, list[Entry]]]]:
    """Grouped lists (in `labels` order) split into pages of PAGE_SIZE items, so that no page grows with
    the catalogue: per page, (label, group's full count, continued from an earlier page, entries)."""
    pages: list[list] = [[]]
    room = PAGE_SIZE
    for k, items in aggregate.group(entries, key, labels):
        start = 0
        while start < len(items):
            if room == 0:
                pages.append([])
                room = PAGE_SIZE
            chunk = items[start:start + room]
            pages[-1].append((labels[k], len(items), start > 0, chunk))
            start += len(chunk)
            room -= len(chunk)
    return pages
