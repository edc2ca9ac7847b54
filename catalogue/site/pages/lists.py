"""The home page and the browsable lists: regions, one region, areas, one area (and their continuations)."""

from __future__ import annotations

from markdown.extensions.toc import slugify

from ...entry.model import Entry
from ...entry.reference import Region
from ..aggregate import newest
from . import routes
from .base import GeneratedPage, Group, Listing, grouped
from .markup import esc


class ListPage(GeneratedPage):
    """A page whose innovations are listed by templates/daftar.html, PAGE_SIZE per page."""
    template = "daftar.html"

    def __init__(self, site):
        super().__init__(site)
        self.continuations: list[ContinuationPage] = []
        self._groups: list | None = None  # this page's share of the list, made into a Listing when read
        self._listing: Listing | None = None
        self._inputs: tuple | None = None  # see listing_inputs

    def extra_pages(self) -> list[GeneratedPage]:
        return list(self.continuations)

    def paginate(self, entries: list[Entry], key, labels: dict[str, str], title: str, area: str | None = None):
        """Page 1's listing; the other pages become ContinuationPages. The items are made only when a page
        is rendered: a page taken from the cache never needs them (79,000 items at 30,000 entries)."""
        pages = grouped(entries, key, labels)
        uris = [self.src_uri] + [routes.continuation(self.src_uri, n) for n in range(2, len(pages) + 1)]
        self.continuations = [ContinuationPage(self.site, uris[n - 1], f"{title} — halaman {n}")
                              for n in range(2, len(pages) + 1)]
        for page, groups in zip([self, *self.continuations], pages):
            # What this page's listing is made of (see listing_inputs): the list's class and area, the pages'
            # addresses, and its groups, each with its entries in order by fingerprint (every field and
            # the body): a changed entry changes the pages that show it, not the list's other pages.
            page._inputs = (type(self).__name__, area or "", *uris, *(
                part for label, count, continued, chunk in groups
                for part in (label, str(count), str(continued), *(e.fingerprint for e in chunk))))
            page._groups, page._listing = (groups, uris, area), None

    @property
    def listing(self) -> Listing | None:
        if self._listing is None and self._groups is not None:
            groups, uris, area = self._groups
            pager = tuple((n, None if uri == self.src_uri else self.href(uri)) for n, uri in enumerate(uris, 1))
            self._listing = Listing(tuple(
                Group(label, count, continued, tuple(self.item(e, show_region=False, area=area) for e in chunk),
                      slugify(label, "-"))
                for label, count, continued, chunk in groups), pager if len(uris) > 1 else ())
        return self._listing

    def listing_inputs(self) -> tuple | None:
        """What the listing is a pure function of, besides the global key (reference data: group labels;
        code: the item's fields; use_directory_urls: links): for the page cache's key, instead of the items."""
        return self._inputs


class ContinuationPage(ListPage):
    """Page 2, 3, … of a long region or area list."""

    def __init__(self, site, src_uri: str, title: str):
        super().__init__(site)
        self.src_uri, self.heading = src_uri, title

    def markdown(self) -> str:
        return f"# {esc(self.heading)}\n"


class HomePage(GeneratedPage):
    src_uri = routes.HOME
    title = "Beranda"

    def markdown(self) -> str:
        idx, ref = self.site.index, self.ref
        entries = idx.catalogue.entries
        s = idx.stats(entries)
        regions = list(ref.regions.values())
        with_entries = sum(1 for r in regions if idx.by_region.get(r.code))
        out = [
            f"# {esc(self.site.site_name)}",
            "Katalog ini menghimpun inovasi pemerintah daerah: cara baru yang membuat layanan dan "
            "pengelolaan pemerintahan lebih sederhana, lebih cepat atau lebih murah. Setiap inovasi "
            "wajib dilaporkan kepada Kementerian Dalam Negeri (PP 38/2017), dan inovasi yang baik dapat "
            "menjadi *role model* yang direplikasi daerah lain. Setiap halaman inovasi mencatat apa yang "
            "berubah: langkah, waktu dan biaya sebelum dan sesudah inovasi.",
        ]
        if s.examples or s.summaries:
            held = [f"**{n}** {what}" for n, what in (
                (s.summaries, "ringkasan dari sumber publik (berita dan pengumuman resmi; ditandai label *ringkasan*)"),
                (s.complete, "entri lengkap dari perangkat daerah"),
                (s.examples, "contoh ilustratif yang memperlihatkan bentuk katalog, bukan program nyata (label *contoh*)"))
                if n]
            out.append('!!! info "Apa isi katalog ini"\n    ' + "; ".join(held) + ". "
                       + self.link("Tentang katalog", "tentang.md") + " menjelaskan asal datanya dan cara perangkat "
                       "daerah melengkapi entrinya.")
        out += [
            "## Sekilas angka",
            '<div class="ki-stats">\n'
            + "\n".join(f'<div class="ki-stat"><span class="ki-stat__angka">{v}</span>'
                        f'<span class="ki-stat__label">{label}</span></div>'
                        for v, label in ((s.total, "inovasi"),
                                         (f"{with_entries}/{len(regions)}", "wilayah memiliki inovasi"),
                                         (f"{s.reported_percent}%", "dilaporkan ke Kemendagri"),
                                         (s.by_stage.get("penerapan", 0), "sudah diterapkan")))
            + "\n</div>",
            "### Per bidang",
            self.count_table("Bidang (utama)", [(self.area_link(k), s.by_area.get(k, 0)) for k in ref.areas]),
            "### Per tahapan",
            self.stage_table(entries),
            "## Inovasi terbaru",
            "Menurut waktu penerapan atau uji coba terakhir.",
            "\n".join(self.item_md(e) for e in newest(entries, 10)) if entries else "Belum ada inovasi.",
            "## Wilayah",
            self.region_map(),
            self.count_table("Wilayah", [(self.region_link(r), len(idx.by_region.get(r.code, [])))
                                         for r in regions]),
            "## Bidang inovasi",
            "\n".join(f"- **{self.area_link(k)}** — {esc(a.description)}" for k, a in ref.areas.items()),
            "## Data dan grafik",
            "\n".join([
                f"- {self.link('Statistik', routes.STATS)}: grafik per bidang, wilayah, tahun dan tahapan, "
                "pelaporan ke Kemendagri, serta langkah, waktu dan biaya yang dihemat.",
                f"- {self.link('Role model', routes.ROLE_MODELS)}: inovasi yang paling banyak direplikasi.",
                f"- {self.link('Target SKPD', routes.TARGETS)}: SKPD yang sudah dan belum berinovasi tiap tahun.",
                f"- {self.link('Data terbuka', routes.DATA)}: unduh seluruh katalog (CSV, JSON, format "
                "laporan Kemendagri) dan umpan inovasi terbaru.",
                f"- {self.link('Ajukan inovasi', routes.SUBMIT)}: tambahkan inovasi perangkat daerah Anda.",
            ]),
        ]
        return "\n\n".join(out) + "\n"


class RegionIndexPage(GeneratedPage):
    src_uri = routes.REGIONS

    def markdown(self) -> str:
        idx, ref = self.site.index, self.ref
        rows = ["| Wilayah | Jenis | Kode | Inovasi | Dilaporkan |", "|---|---|---|---:|---:|"]
        for r in ref.regions.values():
            s = idx.stats(idx.by_region.get(r.code, []))
            rows.append(f"| {self.region_link(r)} | {r.kind.capitalize()} | {r.code} | {s.total} | {s.reported} |")
        return "\n\n".join(filter(None, [
            "# Wilayah",
            "Inovasi dikelompokkan menurut pemerintah daerah yang menjalankannya. Angka provinsi "
            "hanya menghitung inovasi perangkat daerah provinsi.",
            self.region_map(),
            "\n".join(rows),
        ])) + "\n"


WAITING_SHOWN = 200  # summaries listed per region page (the rest: Jelajahi's filters)


class RegionPage(ListPage):
    def __init__(self, site, region: Region):
        super().__init__(site)
        self.region = region
        self.src_uri = routes.region(region.slug)

    def resolve(self) -> None:
        entries = self.site.index.by_region.get(self.region.code, [])
        if entries:
            self.paginate(entries, lambda e: e.primary_area, {k: a.label for k, a in self.ref.areas.items()},
                          self.region.name)

    def markdown(self) -> str:
        idx, ref, r = self.site.index, self.ref, self.region
        entries = idx.by_region.get(r.code, [])
        kind = {"provinsi": "Provinsi", "kabupaten": "Kabupaten", "kota": "Kota"}[r.kind]
        lead = f"{kind} · kode wilayah Kemendagri {r.code}"
        parent = ref.regions.get(r.province_code)
        if not r.is_province and parent:
            lead += f" · bagian dari {self.region_link(parent)}"
        out = [f"# {esc(r.name)}", lead]
        if r.is_province:
            children = ref.children(r)
            total = len(idx.by_province.get(r.code, []))
            out += [
                f"Di seluruh provinsi tercatat **{total} inovasi**: {len(entries)} dari perangkat daerah "
                f"provinsi dan {total - len(entries)} dari {len(children)} kabupaten/kota.",
                "## Kabupaten dan kota",
                self.region_map(r),
                self.count_table("Kabupaten/kota", [(self.region_link(c), len(idx.by_region.get(c.code, [])))
                                                    for c in children]),
                "## Inovasi perangkat daerah provinsi",
            ]
        if not entries:
            out.append("Belum ada inovasi yang tercatat untuk wilayah ini. Perangkat daerah dapat "
                       f"menambahkannya melalui halaman {self.link('Ajukan inovasi', routes.SUBMIT)}.")
            return "\n\n".join(out) + "\n"
        out += [self.reported_line(entries), self.stage_table(entries), *self.waiting(entries), "## Inovasi menurut bidang"]
        return "\n\n".join(out) + "\n"

    def waiting(self, entries: list[Entry]) -> list[str]:
        """The region's summaries by work unit, each with its way into the form: where a Dinas finds every
        entry it can complete. Folded, and at most WAITING_SHOWN, so the page does not grow with them."""
        summaries = sorted((e for e in entries if e.is_summary), key=lambda e: (e.perangkat_daerah.lower(), e.title.lower()))
        if not summaries:
            return []
        form = self.href(routes.SUBMIT)
        lines, unit = [], None
        for e in summaries[:WAITING_SHOWN]:
            if e.perangkat_daerah != unit:
                unit = e.perangkat_daerah
                count = sum(x.perangkat_daerah == unit for x in summaries)
                lines += ["", f"**{esc(unit)}** ({count})", ""]
            lines.append(f"- {self.entry_link(e)} · [Lengkapi]({form}?entri={e.id}){{ aria-label=\"Lengkapi lewat "
                         f"formulir: {esc(e.title).replace(chr(34), '&quot;')}\" }}")
        more = len(summaries) - WAITING_SHOWN
        if more > 0:
            lines += ["", f"Dan {more} lainnya: saring {self.link('Jelajahi', routes.BROWSE)} menurut wilayah dan "
                          "kelengkapan *Ringkasan dari sumber publik*."]
        return ["## Inovasi yang menunggu dilengkapi",
                f"{len(summaries)} inovasi di wilayah ini baru berupa ringkasan dari sumber publik. Perangkat daerah "
                "yang menjalankannya dapat melengkapinya lewat formulir, yang terbuka sudah berisi entrinya.",
                f'<details class="ki-menunggu" markdown>\n<summary>Daftar per perangkat daerah ({len(summaries)})</summary>\n'
                + "\n".join(lines) + "\n\n</details>"]


class AreaIndexPage(GeneratedPage):
    src_uri = routes.AREAS

    def markdown(self) -> str:
        idx, ref = self.site.index, self.ref
        out = ["# Bidang inovasi",
               "Inovasi daerah dikelompokkan dalam enam bidang. Satu inovasi dapat mencakup hingga tiga "
               "bidang; yang pertama adalah bidang utamanya."]
        for k, a in ref.areas.items():
            n = len(idx.by_area.get(k, []))
            out.append(f"## {self.area_link(k)}\n\n{esc(a.description)}\n\n{n} inovasi.")
        return "\n\n".join(out) + "\n"


class AreaPage(ListPage):
    def __init__(self, site, key: str):
        super().__init__(site)
        self.key = key
        self.src_uri = routes.area(key)

    def resolve(self) -> None:
        entries = self.site.index.by_area.get(self.key, [])
        if entries:
            self.paginate(entries, lambda e: e.region_code, {c: r.name for c, r in self.ref.regions.items()},
                          f"Bidang {self.ref.areas[self.key].label}", area=self.key)

    def markdown(self) -> str:
        idx, area = self.site.index, self.ref.areas[self.key]
        entries = idx.by_area.get(self.key, [])
        primary = sum(1 for e in entries if e.primary_area == self.key)
        out = [f"# Bidang {esc(area.label)}", f"> {esc(area.description)}"]
        if not entries:
            out.append("Belum ada inovasi yang tercatat dalam bidang ini.")
            return "\n\n".join(out) + "\n"
        out += [self.reported_line(entries) + f" Untuk {primary} di antaranya, ini bidang utamanya.",
                self.stage_table(entries), "## Inovasi menurut wilayah"]
        return "\n\n".join(out) + "\n"
