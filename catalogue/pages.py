"""Generated pages: one class per kind of page, each rendering Markdown.

Every value that comes from an entry passes through `esc()` (Markdown text)
or `html.escape` (raw HTML). Links to region, area and other generated pages are
relative Markdown links to their source files, so MkDocs checks and rewrites them;
links to innovation pages are relative URLs in raw HTML, because innovation pages
are rendered outside MkDocs' page loop (catalogue/render.py) and long lists are
raw HTML blocks, which Python-Markdown passes through without parsing.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from datetime import date

from . import content, guide, schema, search
from . import aggregate, charts
from .aggregate import Index, group, newest, stats
from .model import Entry, Measure
from .reference import Region
from .repository import Repository

BLOCK = "KIBLOK{}ZX"  # placeholder paragraph for a generated HTML block on innovation pages
BLOCK_HTML = re.compile(r"<p>KIBLOK(\d+)ZX</p>")
IMAGE_DIR = "gambar"  # images from entries/ are published under /gambar/<path inside entries>/
_MD_INLINE = re.compile(r"([\\`*_{}\[\]()!|~])")
_MD_START = re.compile(r"^([#+\-.>=]|\d+[.)])")


def esc(text: str) -> str:
    """Plain text for a Markdown line: no HTML, no Markdown syntax."""
    text = html.escape(" ".join(str(text).split()), quote=False)
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_START.sub(lambda m: "\\" + m.group(0), text)


def number(x: float) -> str:
    """Indonesian number format: 1.250.000 and 2,5."""
    if float(x).is_integer():
        return f"{int(x):,}".replace(",", ".")
    whole, _, frac = f"{x:,.2f}".rstrip("0").partition(".")
    return whole.replace(",", ".") + ("," + frac if frac else "")


def with_unit(x: float, unit: str) -> str:
    return f"Rp {number(x)}" if unit == "rupiah" else f"{number(x)} {unit}"


@dataclass
class Site:
    """What pages need besides the data: names, paths and the edit-link template."""
    index: Index
    site_name: str
    repo: Repository | None = None
    added: dict = field(default_factory=dict)  # entry id -> date added (git, else stable)
    today: date | None = None  # the tracker's current year; None: the build date

    @property
    def ref(self):
        return self.index.catalogue.reference

    use_directory_urls: bool = True

    def url(self, src_uri: str) -> str:
        """The URL MkDocs gives a page (relative to the site root): for links in raw HTML."""
        stem = src_uri[:-3]
        if stem == "index" or stem.endswith("/index"):
            return stem[:-5]
        return stem + "/" if self.use_directory_urls else stem + ".html"

    def edit_url(self, entry: Entry) -> str | None:
        return self.repo.edit_url(entry.source) if self.repo else None


@dataclass(frozen=True)
class Group:
    """Part of a grouped innovation list on one page: its heading's label and the group's full count."""
    label: str
    count: int
    continued: bool  # the group started on an earlier page
    entries: list[Entry]


class Page:
    src_uri: str

    def __init__(self, site: Site):
        self.site = site
        self._blocks: list[str] | None = None

    def block(self, html_block: str) -> str:
        """A placeholder paragraph for a generated HTML block, swapped in after Markdown (fill_blocks):
        Python-Markdown never parses long generated HTML such as 200-item lists."""
        if self._blocks is None:
            self._blocks = []
        self._blocks.append(html_block)
        return BLOCK.format(len(self._blocks) - 1)

    def blocks(self) -> list[str]:
        return self._blocks or []

    def link(self, label_md: str, target_uri: str) -> str:
        rel = posixpath.relpath(target_uri, posixpath.dirname(self.src_uri) or ".")
        return f"[{label_md}]({rel})"

    def href(self, target_uri: str) -> str:
        """Relative URL from this page to another, for raw HTML (MkDocs rewrites only Markdown links)."""
        there = self.site.url(target_uri)
        rel = self.href_file(there) if there else self.href_file(".")
        return rel + "/" if (there.endswith("/") or not there) and not rel.endswith("/") else rel

    def href_file(self, path: str) -> str:
        """Relative URL from this page to a published path (a page URL or a file such as an image)."""
        here = self.site.url(self.src_uri)
        base = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
        return posixpath.relpath("/" + path, "/" + base) if base else (path or ".")

    def a(self, text: str, target_uri: str) -> str:
        return f'<a href="{html.escape(self.href(target_uri))}">{html.escape(text)}</a>'

    def entry_link(self, e: Entry) -> str:
        """Inline HTML for a Markdown line (the name stays Markdown-escaped: text between tags is parsed)."""
        return f'<a href="{html.escape(self.href(EntryPage.uri(e.id)))}">{esc(e.nama)}</a>'

    def region_link(self, r: Region) -> str:
        return self.link(esc(r.name), RegionPage.uri(r))

    def area_link(self, key: str) -> str:
        return self.link(esc(self.site.ref.areas[key].label), AreaPage.uri(key))

    def item(self, e: Entry, *, show_region: bool = True, area: str | None = None) -> str:
        """One <li> of an innovation list (raw HTML: lists are long and need no Markdown)."""
        ref, h = self.site.ref, html.escape
        bits = [h(ref.regions[e.region_code].name)] if show_region else []
        bits.append(h(e.perangkat_daerah))
        bits.append(h(ref.choices["tahapan"][e.tahapan]))
        if e.year:
            bits.append(str(e.year))
        if area and e.primary_area != area:
            bits.append("bidang pendukung")
        badges = "".join(
            f' <span class="ki-badge ki-badge--{cls}">{label}</span>'
            for cls, label, on in (("contoh", "contoh", e.contoh), ("henti", "dihentikan", e.status == "dihentikan"))
            if on)
        return f"<li>{self.a(e.nama, EntryPage.uri(e.id))} — {' · '.join(bits)}{badges}</li>"

    def item_list(self, entries: list[Entry], **kw) -> str:
        return self.block('<ul class="ki-daftar">' + "".join(self.item(e, **kw) for e in entries) + "</ul>")

    @staticmethod
    def grouped_pages(entries: list[Entry], key, labels: dict[str, str]) -> list[list[Group]]:
        """Grouped lists (a heading with its count per group, in `labels` order), split into pages of
        PAGE_SIZE items so that no page grows with the catalogue. Rendered by the page that shows them
        (group_blocks), so that its links are relative to that page."""
        pages: list[list[Group]] = [[]]
        room = PAGE_SIZE
        for k, items in group(entries, key, labels):
            start = 0
            while start < len(items):
                if room == 0:
                    pages.append([])
                    room = PAGE_SIZE
                chunk = items[start:start + room]
                pages[-1].append(Group(labels[k], len(items), start > 0, chunk))
                start += len(chunk)
                room -= len(chunk)
        return pages

    def group_blocks(self, groups: list["Group"], area: str | None = None) -> list[str]:
        out = []
        for g in groups:
            out.append(f"### {esc(g.label)} ({g.count}){' (lanjutan)' if g.continued else ''}")
            out.append(self.item_list(g.entries, show_region=False, area=area))
        return out

    def paged(self, pages: list[list["Group"]], head: list[str], title: str, area: str | None = None) -> list[str]:
        """Page 1's blocks; the other pages become ContinuationPages (see extra_pages)."""
        self.continuations = []
        if len(pages) <= 1:
            return head + (self.group_blocks(pages[0], area) if pages else [])
        base = self.src_uri[:-3]
        uris = [self.src_uri] + [f"{base}/{n}.md" for n in range(2, len(pages) + 1)]
        for n, groups in enumerate(pages[1:], 2):
            page = ContinuationPage(self.site, uris[n - 1], f"{title} — halaman {n}")
            page.body = [f"# {esc(title)} — halaman {n}", page.pager(uris, n), *page.group_blocks(groups, area),
                         page.pager(uris, n)]
            self.continuations.append(page)
        return head + [self.pager(uris, 1), *self.group_blocks(pages[0], area), self.pager(uris, 1)]

    def pager(self, uris: list[str], current: int) -> str:
        parts = [f"**{n}**" if n == current else self.link(str(n), uri) for n, uri in enumerate(uris, 1)]
        return "Halaman: " + " · ".join(parts)

    def extra_pages(self) -> list["Page"]:
        return getattr(self, "continuations", [])

    def count_table(self, heading: str, rows: list[tuple[str, int]]) -> str:
        lines = [f"| {heading} | Jumlah |", "|---|---:|"]
        lines += [f"| {label} | {count} |" for label, count in rows]
        return "\n".join(lines)

    def stage_table(self, entries: list[Entry]) -> str:
        s = stats(entries)
        return self.count_table("Tahapan", [(esc(label), s.by_stage.get(k, 0))
                                            for k, label in self.site.ref.choices["tahapan"].items()])

    def reported_line(self, entries: list[Entry]) -> str:
        s = stats(entries)
        return (f"**{s.total} inovasi** tercatat; {s.reported} di antaranya sudah dilaporkan ke "
                f"Kemendagri ({s.reported_percent}%).")

    def render(self) -> str:
        raise NotImplementedError


PAGE_SIZE = 200  # list items per region/area page; longer lists continue on numbered pages


class ContinuationPage(Page):
    """Page 2, 3, … of a long region or area list."""

    def __init__(self, site: Site, src_uri: str, title: str):
        super().__init__(site)
        self.src_uri, self.title = src_uri, title
        self.body: list[str] = []

    def render(self) -> str:
        return "\n\n".join(self.body) + "\n"


class HomePage(Page):
    src_uri = "index.md"
    title = "Beranda"

    def render(self) -> str:
        idx, ref = self.site.index, self.site.ref
        entries = idx.catalogue.entries
        s = stats(entries)
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
        if s.examples:
            out.append(
                '!!! warning "Berisi entri contoh"\n'
                f"    {s.examples} dari {s.total} inovasi di katalog ini adalah **contoh ilustratif** "
                "yang dibuat untuk memperlihatkan bentuk katalog, bukan program nyata. Entri contoh "
                "ditandai label *contoh*.")
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
            self.item_list(newest(entries, 10)) if entries else "Belum ada inovasi.",
            "## Wilayah",
            self.count_table("Wilayah", [(self.region_link(r), len(idx.by_region.get(r.code, [])))
                                         for r in regions]),
            "## Bidang inovasi",
            "\n".join(f"- **{self.area_link(k)}** — {esc(a.description)}" for k, a in ref.areas.items()),
            "## Data dan grafik",
            "\n".join([
                f"- {self.link('Statistik', StatsPage.src_uri)}: grafik per bidang, wilayah, tahun dan tahapan, "
                "pelaporan ke Kemendagri, serta langkah, waktu dan biaya yang dihemat.",
                f"- {self.link('Role model', RoleModelPage.src_uri)}: inovasi yang paling banyak direplikasi.",
                f"- {self.link('Target SKPD', TargetPage.src_uri)}: SKPD yang sudah dan belum berinovasi tiap tahun.",
                f"- {self.link('Data terbuka', DataPage.src_uri)}: unduh seluruh katalog (CSV, JSON, format "
                "laporan Kemendagri) dan umpan inovasi terbaru.",
                f"- {self.link('Ajukan inovasi', SubmitPage.src_uri)}: tambahkan inovasi perangkat daerah Anda.",
            ]),
        ]
        return "\n\n".join(out) + "\n"


class RegionIndexPage(Page):
    src_uri = "wilayah/index.md"
    title = "Semua wilayah"

    def render(self) -> str:
        idx, ref = self.site.index, self.site.ref
        rows = ["| Wilayah | Jenis | Kode | Inovasi | Dilaporkan |", "|---|---|---|---:|---:|"]
        for r in ref.regions.values():
            entries = idx.by_region.get(r.code, [])
            s = stats(entries)
            rows.append(f"| {self.region_link(r)} | {r.kind.capitalize()} | {r.code} | {s.total} | {s.reported} |")
        return "\n\n".join([
            "# Wilayah",
            "Inovasi dikelompokkan menurut pemerintah daerah yang menjalankannya. Angka provinsi "
            "hanya menghitung inovasi perangkat daerah provinsi.",
            "\n".join(rows),
        ]) + "\n"


class RegionPage(Page):
    def __init__(self, site: Site, region: Region):
        super().__init__(site)
        self.region = region
        self.src_uri = self.uri(region)
        self.title = region.name

    @staticmethod
    def uri(region: Region) -> str:
        return f"wilayah/{region.slug}.md"

    def render(self) -> str:
        idx, ref, r = self.site.index, self.site.ref, self.region
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
                self.count_table("Kabupaten/kota", [(self.region_link(c), len(idx.by_region.get(c.code, [])))
                                                    for c in children]),
                "## Inovasi perangkat daerah provinsi",
            ]
        if not entries:
            out.append("Belum ada inovasi yang tercatat untuk wilayah ini. Perangkat daerah dapat "
                       "menambahkannya sebagai berkas baru di folder "
                       f"`entries/{r.slug}/`.")
            return "\n\n".join(out) + "\n"
        out += [self.reported_line(entries), self.stage_table(entries), "## Inovasi menurut bidang"]
        blocks = self.grouped_pages(entries, lambda e: e.primary_area, {k: a.label for k, a in ref.areas.items()})
        return "\n\n".join(self.paged(blocks, out, r.name)) + "\n"


class AreaIndexPage(Page):
    src_uri = "bidang/index.md"
    title = "Semua bidang"

    def render(self) -> str:
        idx, ref = self.site.index, self.site.ref
        out = ["# Bidang inovasi",
               "Inovasi daerah dikelompokkan dalam enam bidang. Satu inovasi dapat mencakup hingga tiga "
               "bidang; yang pertama adalah bidang utamanya."]
        for k, a in ref.areas.items():
            n = len(idx.by_area.get(k, []))
            out.append(f"## {self.area_link(k)}\n\n{esc(a.description)}\n\n{n} inovasi.")
        return "\n\n".join(out) + "\n"


class AreaPage(Page):
    def __init__(self, site: Site, key: str):
        super().__init__(site)
        self.key = key
        self.src_uri = self.uri(key)
        self.title = site.ref.areas[key].label

    @staticmethod
    def uri(key: str) -> str:
        return f"bidang/{key}.md"

    def render(self) -> str:
        idx, ref, area = self.site.index, self.site.ref, self.site.ref.areas[self.key]
        entries = idx.by_area.get(self.key, [])
        primary = sum(1 for e in entries if e.primary_area == self.key)
        out = [f"# Bidang {esc(area.label)}", f"> {esc(area.description)}"]
        if not entries:
            out.append("Belum ada inovasi yang tercatat dalam bidang ini.")
            return "\n\n".join(out) + "\n"
        out += [self.reported_line(entries) + f" Untuk {primary} di antaranya, ini bidang utamanya.",
                self.stage_table(entries), "## Inovasi menurut wilayah"]
        blocks = self.grouped_pages(entries, lambda e: e.region_code, {c: r.name for c, r in ref.regions.items()})
        return "\n\n".join(self.paged(blocks, out, f"Bidang {area.label}", area=self.key)) + "\n"


class GuidePage(Page):
    """The contributor guide, generated from the same schema as the validator (see guide.py)."""
    src_uri = "panduan.md"
    title = "Panduan kontributor"

    def render(self) -> str:
        return guide.render(self.site.ref, self.site.repo, for_site=True)


class SubmitPage(Page):
    """Ajukan inovasi: a form that assembles a valid entry file (theme_overrides/assets/ajukan.js)."""
    src_uri = "ajukan.md"
    title = "Ajukan inovasi"

    def render(self) -> str:
        repo = self.site.repo
        config = {"repo": {"url": repo.url, "branch": repo.branch, "kind": repo.kind} if repo else None}
        config_json = json.dumps(config, ensure_ascii=True).replace("</", "<\\/")
        host = {"github": "GitHub", "gitlab": "GitLab"}[repo.kind] if repo else None
        return "\n\n".join([
            front_matter(ki_ajukan=True, hide=["toc"]),
            "# Ajukan inovasi",
            "Isi formulir ini untuk menyusun berkas entri inovasi. Formulir memeriksa isian dengan aturan yang "
            "sama seperti pemeriksaan otomatis katalog. Setelah berkas siap, "
            + (f"tekan **Buka di {host}** untuk membuat *pull request* tanpa memasang apa pun, atau "
               if host else "")
            + "unduh atau salin berkasnya. Langkah lengkapnya ada di "
            + self.link("panduan kontributor", GuidePage.src_uri) + ".",
            "Tulis data nyata dan kontak kantor saja; jangan menulis data pribadi warga.",
            f'<script type="application/json" id="ki-ajukan-konfigurasi">{config_json}</script>',
            '<div id="ki-ajukan" class="ki-ajukan"><p>Memuat formulir…</p></div>',
            "<noscript markdown>\n\nFormulir ini memerlukan JavaScript. Tanpa JavaScript, ikuti "
            + self.link("panduan kontributor", GuidePage.src_uri) + " untuk membuat berkas lewat editor web.\n\n</noscript>",
        ]) + "\n"


class BrowsePage(Page):
    """Jelajahi: free text plus facets over the Pagefind index (theme_overrides/assets/jelajahi.js)."""
    src_uri = "jelajahi.md"
    title = "Jelajahi"

    def render(self) -> str:
        ref = self.site.ref
        order = {name: list(ref.choices[name].values()) for name in ("tahapan", "bentuk", "jenis", "status")}
        order["bidang"] = [a.label for a in ref.areas.values()]
        config = {"facets": list(search.FACETS.items()), "order": order,
                  "kinds": [search.KIND_REGION, search.KIND_AREA]}
        config_json = json.dumps(config, ensure_ascii=True).replace("</", "<\\/")
        lists = ", ".join([self.link("daftar per wilayah", RegionIndexPage.src_uri),
                           self.link("daftar per bidang", AreaIndexPage.src_uri)])
        return "\n\n".join([
            front_matter(ki_jelajahi=True, hide=["toc"]),
            "# Jelajahi inovasi",
            "Cari inovasi menurut apa yang dilakukannya, lalu saring menurut wilayah, bidang, tahapan, tahun, "
            "bentuk, jenis, perangkat daerah atau status. Alamat halaman ini menyimpan pilihan Anda, sehingga "
            "dapat dibagikan atau ditandai.",
            f'<script type="application/json" id="ki-konfigurasi">{config_json}</script>',
            BROWSE_HTML,
            f"<noscript markdown>\n\nPenelusuran memerlukan JavaScript. Tanpa JavaScript, semua inovasi tetap dapat dibaca "
            f"melalui {lists}.\n\n</noscript>",
        ]) + "\n"


BROWSE_HTML = """<div class="ki-jelajahi" id="ki-jelajahi" hidden>
<form class="ki-jelajahi__form" id="ki-form" role="search">
<div class="ki-jelajahi__q"><label for="ki-q">Kata kunci</label>
<input id="ki-q" name="q" type="search" autocomplete="off" placeholder="misalnya: layanan akta kelahiran"></div>
<div class="ki-jelajahi__urut"><label for="ki-urut">Urutkan</label>
<select id="ki-urut" name="urut"><option value="">Paling sesuai</option><option value="terbaru">Terbaru</option><option value="terlama">Terlama</option></select></div>
<button type="submit" class="md-button md-button--primary">Cari</button>
</form>
<div class="ki-jelajahi__isi">
<details class="ki-saring" id="ki-saring"><summary>Saring hasil</summary><div id="ki-facet"></div>
<button type="button" class="ki-saring__hapus" id="ki-hapus" hidden>Hapus semua saringan</button></details>
<section class="ki-jelajahi__hasil" aria-label="Hasil penelusuran">
<p id="ki-status" class="ki-status" role="status" aria-live="polite">Memuat pencarian…</p>
<ul id="ki-halaman-lain" class="ki-halaman-lain"></ul>
<ol id="ki-hasil" class="ki-hasil-daftar"></ol>
<nav id="ki-paging" class="ki-paging" aria-label="Halaman hasil"></nav>
</section>
</div>
</div>"""


def table(header: list[str], rows: list[list], align: str = "") -> str:
    align = align or "-" * len(header)
    sep = ["---:" if a == "r" else "---" for a in align.ljust(len(header), "-")]
    return "\n".join(["| " + " | ".join(header) + " |", "| " + " | ".join(sep) + " |"]
                     + ["| " + " | ".join(str(c) for c in r) + " |" for r in rows])


def size(n: int) -> str:
    return f"{n / 1024:.1f} KB".replace(".", ",") if n < 1048576 else f"{n / 1048576:.1f} MB".replace(".", ",")


SIZE_MARKER = re.compile(r"KIUKURAN:([\w./-]+):ZX")


def size_marker(path: str) -> str:
    return f"KIUKURAN:{path}:ZX"


def fill_sizes(rendered: str, sizes: dict[str, int]) -> str:
    """The data page's size markers, replaced by the written files' sizes."""
    return SIZE_MARKER.sub(lambda m: size(sizes[m.group(1)]) if m.group(1) in sizes else "?", rendered)


class DataPage(Page):
    """Data Terbuka: every download generated at build time."""
    src_uri = "data.md"
    title = "Data terbuka"

    def render(self) -> str:
        """The downloads are written while the site renders, so their sizes are markers that the plugin
        replaces once they exist (fill_sizes); links to them are plain URLs, not MkDocs files."""
        ref = self.site.ref

        def item(path: str, label: str, about: str) -> str:
            return f'<li><a href="{html.escape(self.href_file(path))}">{label}</a> ({size_marker(path)}) — {about}</li>'

        def csv(path: str) -> str:
            return f'<a href="{html.escape(self.href_file(path))}">CSV</a>'
        regions = [[self.region_link(r), csv(f"data/wilayah/{r.slug}.csv"), csv(f"data/kemendagri/{r.slug}.csv")]
                   for r in ref.regions.values()]
        return "\n\n".join([
            "# Data terbuka",
            "Seluruh isi katalog dapat diunduh dan dipakai ulang. Berkas dibuat ulang setiap kali situs "
            "diterbitkan, dari berkas entri yang sama dengan halaman-halaman situs. Entri dengan `contoh = true` "
            "adalah ilustrasi, bukan program nyata.",
            "## Unduhan",
            self.block("<ul>" + "".join([
                item("data/katalog.csv", "Seluruh katalog (CSV)", "satu baris per inovasi, semua isian; UTF-8 "
                     "dengan BOM sehingga huruf tampil benar di Excel."),
                item("data/katalog.json", "Seluruh katalog (JSON)", "struktur lengkap untuk program, termasuk "
                     "alamat halaman dan tanggal ditambahkan."),
                item("data/laporan-kemendagri.csv", "Format laporan Kemendagri (CSV)", "kolom mengikuti butir "
                     "laporan inovasi daerah: nama, tahapan, inisiator, jenis, bentuk, urusan, waktu uji coba, "
                     "waktu penerapan, rancang bangun, tujuan, manfaat, hasil."),
                item("data/datapackage.json", "Paket data Frictionless", "deskripsi kolom CSV untuk "
                     "pemeriksaan otomatis (frictionless validate)."),
                item("skema/inovasi.schema.json", "JSON Schema entri", "aturan isian berkas entri."),
                item("data/terbaru.atom", "Umpan Atom inovasi terbaru", "untuk pembaca umpan; tanggal dari "
                     "riwayat repositori."),
            ]) + "</ul>"),
            "## Per wilayah",
            table(["Wilayah", "Seluruh isian", "Format Kemendagri"], regions),
            "Kolom berisi beberapa nilai (bidang, urusan, kata kunci) dipisahkan titik koma. Sel yang diawali "
            "`=`, `+`, `-` atau `@` diberi tanda petik di depannya agar tidak dijalankan sebagai rumus.",
        ]) + "\n"


class StatsPage(Page):
    """Statistik: charts (inline SVG with a table alternative) and the measured results."""
    src_uri = "statistik.md"
    title = "Statistik"

    def chart(self, ident: str, title: str, head: str, rows: list[tuple[str, float]], percent: bool = False,
              extra: list[list] | None = None, extra_head: list[str] | None = None) -> str:
        svg = charts.bar_chart(ident, title, rows, percent=percent)
        head_row = [head, "Persen" if percent else "Jumlah", *(extra_head or [])]
        body = [[esc(label), f"{value:.0f}%" if percent else number(value), *((extra or [])[i] if extra else [])]
                for i, (label, value) in enumerate(rows)]
        return (f"### {esc(title)}\n\n<figure class=\"ki-figur\">\n{svg}\n</figure>\n\n"
                f'<details class="ki-tabel" markdown>\n<summary>Tabel: {html.escape(title)}</summary>\n\n'
                f"{table(head_row, body, '-' + 'r' * (len(head_row) - 1))}\n\n</details>")

    def render(self) -> str:
        idx, ref = self.site.index, self.site.ref
        entries = idx.catalogue.entries
        s = stats(entries)
        years = sorted(s.by_year)
        reported = []
        reported_extra = []
        for r in ref.regions.values():
            own = idx.by_region.get(r.code, [])
            rs = stats(own)
            reported.append((r.name, rs.reported_percent if own else 0))
            reported_extra.append([f"{rs.reported} dari {rs.total}"])
        out = [
            "# Statistik",
            f"Angka dari {s.total} inovasi di katalog" + (f", {s.examples} di antaranya entri contoh" if s.examples else "")
            + ". Setiap grafik disertai tabel dengan angka yang sama.",
            "## Inovasi",
            self.chart("bidang", "Inovasi per bidang (bidang utama)", "Bidang",
                       [(a.label, s.by_area.get(k, 0)) for k, a in ref.areas.items()]),
            self.chart("wilayah", "Inovasi per wilayah", "Wilayah",
                       [(r.name, len(idx.by_region.get(r.code, []))) for r in ref.regions.values()]),
            self.chart("tahun", "Inovasi per tahun mulai (uji coba atau penerapan)", "Tahun",
                       [(str(y), s.by_year[y]) for y in years]),
            self.chart("tahapan", "Inovasi per tahapan", "Tahapan",
                       [(label, s.by_stage.get(k, 0)) for k, label in ref.choices["tahapan"].items()]),
            "## Pelaporan ke Kemendagri",
            self.chart("lapor", "Bagian inovasi yang sudah dilaporkan ke Kemendagri, per wilayah", "Wilayah",
                       reported, percent=True, extra=reported_extra, extra_head=["Dilaporkan"]),
            "## Hasil yang terukur",
            results_section(entries, "Seluruh katalog"),
        ]
        per_region = [(r, idx.by_region.get(r.code, [])) for r in ref.regions.values()]
        rows = []
        for r, own in per_region:
            cells = {st.key: st for st in aggregate.result_stats(own, schema.RESULT_KEYS)}
            if cells:
                rows.append([self.region_link(r)] + [
                    f"{with_unit(cells[k].saved_total, schema.RESULT_KEYS[k][1])} ({cells[k].count})" if k in cells else "—"
                    for k in schema.RESULT_KEYS])
        if rows:
            out += ["### Per wilayah", "Jumlah yang dihemat; dalam kurung, banyaknya inovasi yang mengukurnya.",
                    table(["Wilayah", "Langkah dipangkas", "Waktu layanan dihemat", "Biaya dihemat"], rows, "-rrr")]
        return "\n\n".join(out) + "\n"


_SAVED = {"langkah": "Langkah dipangkas", "waktu_hari": "Waktu layanan dihemat", "biaya_rp": "Biaya dihemat"}


def results_section(entries: list[Entry], scope: str) -> str:
    found = aggregate.result_stats(entries, schema.RESULT_KEYS)
    if not found:
        return "Belum ada inovasi yang mencatat hasil sebelum dan sesudah."
    rows = []
    for st in found:
        unit = schema.RESULT_KEYS[st.key][1]
        pct = f"{st.percent_median:.0f}%" if st.percent_median is not None else "—"
        rows.append([_SAVED[st.key], st.count, with_unit(st.saved_total, unit), with_unit(st.saved_median, unit), pct])
    return (f"{scope}: hanya inovasi yang mencatat angka sebelum dan sesudah yang dihitung.\n\n"
            + table(["Hasil", "Inovasi", "Jumlah", "Median per inovasi", "Median penurunan"], rows, "-rrrr"))


ROLE_MODELS_SHOWN = 100


class RoleModelPage(Page):
    """Role model: innovations ranked by how often they were replicated, and the regions that adopt most."""
    src_uri = "role-model.md"
    title = "Role model"

    def render(self) -> str:
        cat, ref = self.site.index.catalogue, self.site.ref
        total = aggregate.descendants_count(cat)
        models = [e for e in cat.entries if total.get(e.id)]
        models.sort(key=lambda e: (-total[e.id], -len(cat.replicated_by.get(e.id, [])), e.nama.lower()))
        out = ["# Role model",
               "Inovasi yang baik direplikasi daerah lain. Peringkat ini menghitung replikasi langsung dan "
               "replikasi dari replikasinya (rantai `replikasi_dari`), di wilayah mana pun."]
        if not models:
            out.append("Belum ada inovasi yang direplikasi.")
            return "\n\n".join(out) + "\n"
        shown = models[:ROLE_MODELS_SHOWN]
        if len(models) > len(shown):
            out.append(f"Ditampilkan {len(shown)} teratas dari {len(models)} inovasi yang pernah direplikasi; "
                       "semuanya ada di data terbuka (kolom replikasi_dari).")
        rows = []
        for rank, e in enumerate(shown, 1):
            tree = aggregate.descendants(cat, e)
            regions = {c.region_code for _, c in tree} - {e.region_code}
            rows.append([rank, self.entry_link(e), esc(ref.regions[e.region_code].name),
                         len(cat.replicated_by.get(e.id, [])), total[e.id], len(regions)])
        out += ["## Peringkat", table(["#", "Inovasi", "Asal", "Langsung", "Seluruh rantai", "Wilayah lain"], rows,
                                      "r--rrr")]
        adopted: dict[str, int] = {}
        for e in cat.entries:
            if e.replikasi_dari in cat.by_id:
                adopted[e.region_code] = adopted.get(e.region_code, 0) + 1
        ranking = sorted(adopted.items(), key=lambda kv: (-kv[1], ref.regions[kv[0]].name))[:ROLE_MODELS_SHOWN]
        out += ["## Wilayah yang paling banyak mengadopsi",
                "Banyaknya inovasi di wilayah itu yang mereplikasi inovasi lain.",
                table(["Wilayah", "Inovasi hasil replikasi"], [[self.region_link(ref.regions[c]), n] for c, n in ranking], "-r")]
        return "\n\n".join(out) + "\n"


class TargetPage(Page):
    """Target tahunan: which SKPDs have at least one innovation each year, per region."""
    src_uri = "target.md"
    title = "Target SKPD"
    YEARS = 5

    def render(self) -> str:
        idx, ref = self.site.index, self.site.ref
        this_year = (self.site.today or date.today()).year
        years = list(range(this_year - self.YEARS + 1, this_year + 1))
        out = ["# Target: satu SKPD, satu inovasi per tahun",
               "Provinsi meminta setiap perangkat daerah (SKPD) menghasilkan paling sedikit satu inovasi setiap "
               "tahun dan melaporkannya ke Kemendagri. Tabel ini menghitung inovasi menurut tahun mulai (uji coba, "
               "atau penerapan bila tanpa uji coba) dan mencocokkan nama perangkat daerah pada entri dengan daftar "
               "SKPD wilayahnya (catalogue/data/skpd.yml).",
               '!!! warning "Daftar SKPD"\n    Daftar SKPD yang ditandai *belum lengkap* bukan daftar resmi; SKPD yang '
               "tidak ada di daftar tidak dapat dinilai. Peninjau dapat melengkapinya."]
        for r in ref.regions.values():
            own = idx.by_region.get(r.code, [])
            t = aggregate.tracker(own, r.code, ref.skpd.get(r.code), years)
            rs = stats(own)
            out.append(f"## {esc(r.name)}")
            status = ("Daftar SKPD belum tersedia." if not t.listed else
                      "Daftar SKPD lengkap." if t.complete else "**Daftar SKPD belum lengkap.**")
            out.append(f"{status} {rs.reported} dari {rs.total} inovasi sudah dilaporkan ke Kemendagri"
                       f" ({rs.reported_percent}%)." if own else f"{status} Belum ada inovasi.")
            if t.listed:
                rows = [[esc(n), *[(f"✓ {t.counts[n][y]}" if t.counts[n][y] else "—") for y in years]] for n in t.listed]
                met = [sum(1 for n in t.listed if t.counts[n][y]) for y in years]
                rows.append(["**SKPD dengan inovasi**", *[f"**{m} dari {len(t.listed)}**" for m in met]])
                out.append(table(["SKPD", *map(str, years)], rows, "-" + "r" * len(years)))
            if t.unlisted:
                out.append("Perangkat daerah pada entri yang tidak ada di daftar: " + ", ".join(
                    f"{esc(n)} ({c})" for n, c in t.unlisted.items()) + ".")
        return "\n\n".join(out) + "\n"


_RESULT_VERBS = {"langkah": "dipangkas", "waktu_hari": "lebih cepat", "biaya_rp": "dihemat"}


class EntryPage(Page):
    def __init__(self, site: Site, entry: Entry):
        super().__init__(site)
        self.entry = entry
        self.src_uri = self.uri(entry.id)
        self.title = entry.nama

    @staticmethod
    def uri(entry_id: str) -> str:
        return f"inovasi/{entry_id}.md"

    def render(self) -> str:
        """Markdown for MkDocs: front matter, headings and the contributor's body; every generated block is
        a placeholder paragraph that the plugin swaps for its HTML after rendering (fill_blocks), so
        Python-Markdown never parses the generated HTML."""
        e = self.entry
        # Material prints meta description unescaped into an attribute: escape it here.
        out = [front_matter(description=html.escape(e.summary or e.nama, quote=True), ki_entri=True)]
        self._blocks = None
        for kind, text in self._parts():
            if kind == "html":
                out.append(self.block(text))
            else:
                out.append(self._body() if kind == "body" else text)
        return "\n\n".join(out) + "\n"

    def _parts(self):
        """("md", markdown) and ("html", trusted generated HTML) in page order."""
        e = self.entry
        yield "md", f"# {esc(e.nama)}"
        if e.contoh:
            yield "html", ('<div class="admonition example"><p class="admonition-title">Entri contoh</p>'
                           "<p>Isi halaman ini adalah <strong>contoh ilustratif</strong> untuk memperlihatkan bentuk "
                           "katalog, bukan program nyata pemerintah daerah.</p></div>")
        if e.status == "dihentikan":
            yield "html", ('<div class="admonition warning"><p class="admonition-title">Dihentikan</p>'
                           "<p>Inovasi ini sudah tidak dijalankan lagi.</p></div>")
        yield "html", '<div class="ki-meta"><dl>' + "".join(
            f"<dt>{html.escape(label)}</dt><dd>{value}</dd>" for label, value in self._facts()) + "</dl></div>"
        if e.hasil or e.hasil_lainnya:
            yield "md", "## Hasil terukur"
            yield "html", self._results()
        yield "body", None  # rendered only by render(): blocks() does not need it
        replication = self._replication()
        if replication:
            yield "md", replication[0]
            yield "html", "".join(replication[1:])
        if e.kontak:
            labels = {"unit": "Unit", "email": "Surel", "telepon": "Telepon"}
            yield "md", "## Kontak"
            yield "html", "<ul>" + "".join(
                f"<li>{labels[k]}: " + (f'<a href="mailto:{html.escape(v)}">{html.escape(v)}</a>' if k == "email"
                                        else html.escape(v)) + "</li>" for k, v in e.kontak) + "</ul>"
        if e.tautan:
            yield "md", "## Tautan"
            yield "html", "<ul>" + "".join(
                f'<li><a href="{html.escape(t.url)}" rel="nofollow noopener">{html.escape(t.judul)}</a></li>'
                for t in e.tautan) + "</ul>"
        source = f"Berkas sumber: <code>{html.escape(e.source)}</code>"
        edit = self.site.edit_url(e)
        if edit:
            source += f' · <a href="{html.escape(edit)}">Sunting berkas ini</a>'
        yield "html", f'<div class="ki-sumber"><p>{source}</p></div>'

    def _body(self) -> str:
        """The contributor's body, with checked links and images pointed at their pages and copies."""
        e = self.entry
        if not e.images and not e.links:  # nothing to rewrite: skip scanning the body
            return e.body.strip()
        images, links = dict(e.images), dict(e.links)

        # Final relative URLs: innovation pages are converted without MkDocs' link rewriting (render.py).
        def target(written: str, kind: str) -> str | None:
            key = written.strip()
            if kind == "link" and key in links:
                anchor = "#" + key.split("#", 1)[1] if "#" in key else ""
                return self.href(links[key]) + anchor
            if kind in ("image", "html-image") and key in images:
                return self.href_file(f"{IMAGE_DIR}/{images[key]}")
            return None
        return content.rewrite(e.body.strip(), target)

    def _facts(self) -> list[tuple[str, str]]:
        e, ref = self.entry, self.site.ref
        label = {f.name: f.label for f in schema.FIELDS}
        region = ref.regions[e.region_code]
        esc = html.escape  # raw HTML here, not Markdown
        areas = [self.a(ref.areas[a].label, AreaPage.uri(a)) + (" (utama)" if i == 0 and len(e.bidang) > 1 else "")
                 for i, a in enumerate(e.bidang)]
        facts = [
            (label["wilayah"], self.a(region.name, RegionPage.uri(region))),
            (label["perangkat_daerah"], esc(e.perangkat_daerah)),
            (label["bidang"], ", ".join(areas)),
            (label["bentuk"], esc(ref.choices["bentuk"][e.bentuk])),
            (label["jenis"], esc(ref.choices["jenis"][e.jenis])),
            (label["tahapan"], esc(ref.choices["tahapan"][e.tahapan])),
        ]
        if e.inisiator:
            facts.append((label["inisiator"], esc(ref.choices["inisiator"][e.inisiator])))
        if e.urusan:
            facts.append((label["urusan"], ", ".join(esc(ref.urusan[u]) for u in e.urusan)))
        for key in ("waktu_uji_coba", "waktu_penerapan"):
            if getattr(e, key):
                facts.append((label[key], getattr(e, key).label))
        facts.append((label["dilaporkan_kemendagri"], e.dilaporkan_kemendagri.label if e.reported
                      else '<span class="ki-badge ki-badge--belum">Belum dilaporkan</span>'))
        facts.append((label["status"], esc(ref.choices["status"][e.status])))
        if e.replikasi_dari and e.replikasi_dari in self.site.index.catalogue.by_id:
            parent = self.site.index.catalogue.by_id[e.replikasi_dari]
            facts.append((label["replikasi_dari"], self.a(parent.nama, EntryPage.uri(parent.id))))
        if e.tag:
            facts.append((label["tag"], ", ".join(esc(t) for t in e.tag)))
        return facts

    def _results(self) -> str:
        e = self.entry
        rows = []
        for key, m in e.hasil:
            title, unit = schema.RESULT_KEYS[key]
            rows.append(_measure_html(title, unit, m, _RESULT_VERBS[key]))
        for ind in e.hasil_lainnya:
            rows.append(_measure_html(ind.indikator, ind.satuan, Measure(ind.sebelum, ind.sesudah), None))
        return '<div class="ki-hasil">\n' + "\n".join(rows) + "\n</div>"

    def _replication(self) -> list[str]:
        """The replication tree: the role-model chain above, and every innovation that descends from it."""
        e, cat = self.entry, self.site.index.catalogue
        ref = cat.reference
        above = aggregate.ancestors(cat, e)
        below = aggregate.descendants(cat, e)
        if not above and not below:
            return []
        out = ["## Replikasi"]
        link = lambda x: self.a(x.nama, EntryPage.uri(x.id))  # noqa: E731
        region = lambda x: html.escape(ref.regions[x.region_code].name)  # noqa: E731
        if above:
            chain = " → ".join(f"{link(a)} ({region(a)})" for a in reversed(above))
            first = ref.regions[above[0].region_code]
            out.append(f"<p>Inovasi ini mereplikasi {link(above[0])} dari {self.a(first.name, RegionPage.uri(first))}. "
                       f"Rantai acuannya: {chain} → <strong>{html.escape(e.nama)}</strong>.</p>")
        if below:
            direct = sum(1 for d, _ in below if d == 1)
            items, depth = [], 0
            for d, c in below:  # depth-first list -> nested <ul>
                while depth < d:
                    items.append("<ul>")
                    depth += 1
                while depth > d:
                    items.append("</ul>")
                    depth -= 1
                items.append(f"<li>{link(c)} — {region(c)}</li>")
            items += ["</ul>"] * depth
            out.append(f"<p>Inovasi ini menjadi acuan (<em>role model</em>): direplikasi langsung oleh {direct} "
                       f"inovasi, {len(below)} inovasi bila replikasi dari replikasinya dihitung:</p>")
            out.append("".join(items))
        return out


def fill_blocks(rendered: str, blocks: list[str]) -> str:
    """Put an innovation page's generated HTML blocks in place of their placeholder paragraphs."""
    return BLOCK_HTML.sub(lambda m: blocks[int(m.group(1))] if int(m.group(1)) < len(blocks) else "", rendered)


def front_matter(**meta) -> str:
    """YAML front matter for a generated page; JSON (ASCII-escaped) is valid YAML, whatever the text."""
    return "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=True)}\n" for k, v in meta.items()) + "---"


def _measure_html(title: str, unit: str, m: Measure, verb: str | None) -> str:
    top = max(m.sebelum, m.sesudah) or 1
    width = lambda v: int(round(20 * v / top)) * 5  # noqa: E731  bars in 5% steps, styled by class
    diff = m.sesudah - m.sebelum
    if diff == 0:
        change = "Tidak berubah"
    else:
        pct = f" ({'−' if diff < 0 else '+'}{number(round(abs(diff) * 100 / m.sebelum))}%)" if m.sebelum else ""
        if verb and diff < 0:
            change = f"{with_unit(-diff, unit)} {verb}{pct}"
        else:
            amount = f"{number(abs(diff))} poin persen" if unit.lower() in ("persen", "%") else with_unit(abs(diff), unit)
            change = f"{'Turun' if diff < 0 else 'Naik'} {amount}{pct}"
    esc_h = html.escape
    rows = "".join(
        f'<div class="ki-ukur__baris"><span class="ki-ukur__label">{label}</span>'
        f'<span class="ki-bar ki-bar--{cls}" aria-hidden="true"><span class="ki-w-{width(v)}"></span></span>'
        f'<span class="ki-ukur__nilai">{esc_h(with_unit(v, unit))}</span></div>'
        for label, cls, v in (("Sebelum", "sebelum", m.sebelum), ("Sesudah", "sesudah", m.sesudah)))
    return (f'<div class="ki-ukur"><p class="ki-ukur__judul">{esc_h(title)}</p>{rows}'
            f'<p class="ki-ukur__ubah">{esc_h(change)}</p></div>')


def all_pages(site: Site) -> list[Page]:
    ref = site.ref
    pages: list[Page] = [HomePage(site), BrowsePage(site), GuidePage(site), SubmitPage(site), RegionIndexPage(site),
                         DataPage(site), StatsPage(site), RoleModelPage(site), TargetPage(site)]
    pages += [RegionPage(site, r) for r in ref.regions.values()]
    pages += [AreaIndexPage(site)] + [AreaPage(site, k) for k in ref.areas]
    return pages


def render_all(site: Site):
    """(src_uri, markdown, HTML blocks) for every generated page but the innovation pages (render.py
    renders those), continuation pages after their first page."""
    for page in all_pages(site):
        yield page.src_uri, page.render(), page.blocks()
        for extra in page.extra_pages():
            yield extra.src_uri, extra.render(), extra.blocks()


def nav(site: Site) -> list:
    """The generated part of the nav: regions (grouped by province when there are several) and areas.
    Entry pages stay out of the nav so the build stays linear in the number of entries."""
    ref = site.ref
    provinces = ref.provinces()
    if len(provinces) == 1:
        regions: list = [RegionPage.uri(r) for r in ref.regions.values()]
    else:
        regions = [{p.name: [RegionPage.uri(p)] + [RegionPage.uri(c) for c in ref.children(p)]} for p in provinces]
    return [
        {"Beranda": HomePage.src_uri},
        {"Jelajahi": BrowsePage.src_uri},
        {"Wilayah": [RegionIndexPage.src_uri, *regions]},
        {"Bidang": [AreaIndexPage.src_uri, *[AreaPage.uri(k) for k in ref.areas]]},
        {"Data": [StatsPage.src_uri, RoleModelPage.src_uri, TargetPage.src_uri, DataPage.src_uri]},
        {"Kontribusi": [SubmitPage.src_uri, GuidePage.src_uri]},
    ]
