"""Data pages: open data downloads, statistics, role models and the annual SKPD target."""

from __future__ import annotations

import html

from ...entry import schema
from ...entry.model import AWARD_LEVELS, Entry
from ...opendata import datapackage
from .. import aggregate, charts
from . import routes
from .base import GeneratedPage
from .markup import esc, number, size, table, with_unit

DOWNLOADS = (  # (path in the site, label, what it is)
    ("data/katalog.xlsx", "Seluruh katalog (Excel)",
     "untuk dibuka dan disaring di Excel atau LibreOffice: semua isian dengan label, ditambah lembar daftar kode."),
    ("data/katalog.csv.gz", "Seluruh katalog (CSV, dimampatkan gzip)",
     "untuk pengolahan data (R, Python, spreadsheet besar): satu baris per inovasi, semua isian; UTF-8 dengan BOM."),
    ("data/katalog.json.gz", "Seluruh katalog (JSON, dimampatkan gzip)",
     "untuk program: struktur lengkap per inovasi, termasuk alamat halaman dan tanggal ditambahkan."),
    ("data/laporan-kemendagri.csv.gz", "Format laporan Kemendagri (CSV, dimampatkan gzip)",
     "untuk menyusun laporan inovasi daerah: kolom mengikuti butir laporan (nama, tahapan, inisiator, jenis, "
     "bentuk, urusan, waktu uji coba, waktu penerapan, rancang bangun, tujuan, manfaat, hasil)."),
    ("data/datapackage.json", "Paket data Frictionless",
     "daftar setiap berkas data di halaman ini beserta lisensinya, jenis setiap kolom, kunci utama (id) dan "
     "kolom yang merujuk ke daftar kode, untuk pemeriksaan otomatis (frictionless validate)."),
    (routes.SCHEMA, "JSON Schema entri", "aturan isian berkas entri."),
    ("data/terbaru.atom", "Umpan Atom inovasi terbaru", "untuk pembaca umpan; tanggal dari riwayat repositori."),
    ("data/id.json", "Daftar id inovasi (JSON)", "id (nama berkas) setiap inovasi; dipakai formulir Ajukan inovasi."),
)


LICENCE_TERMS = {  # what a reuser may do, for the usual open-data licences (SPDX id); {sumber}: the site
    "CC-BY-4.0": "Anda boleh menyalin, membagikan dan mengolahnya untuk keperluan apa pun, termasuk komersial, "
                 "asalkan menyebut sumbernya ({sumber}) dan lisensinya.",
    "CC-BY-SA-4.0": "Anda boleh menyalin, membagikan dan mengolahnya untuk keperluan apa pun, asalkan menyebut "
                    "sumbernya ({sumber}) dan membagikan hasil olahannya dengan lisensi yang sama.",
    "CC0-1.0": "Anda boleh memakainya untuk keperluan apa pun tanpa syarat; menyebut sumbernya ({sumber}) tetap "
               "dihargai.",
}


class DataPage(GeneratedPage):
    """Data Terbuka: every download generated at build time, with its size. The sizes are known before the
    page is read: MkDocs reads it last (see pages.generate) and it waits for the exports."""
    src_uri = routes.DATA
    cacheable = False  # shows the sizes of this build's downloads

    def markdown(self) -> str:
        sizes = self.site.downloads() if self.site.downloads else {}
        ref = self.ref

        def download(path: str, label: str) -> str:
            # Downloads are files, not pages: a plain link to the published path, with its size.
            found = f" ({size(sizes[path])})" if path in sizes else ""
            return f'<a href="{html.escape(self.href_file(path))}">{html.escape(label)}</a>{found}'

        regions = [[self.region_link(r), download(f"data/wilayah/{r.slug}.csv", "CSV")] for r in ref.regions.values()]
        codes = [f"- {download(c.path, c.title)} — {', '.join(n for n, _ in c.columns)}"
                 for c in datapackage.code_lists(ref)]
        return "\n\n".join([
            "# Data terbuka",
            "Seluruh isi katalog dapat diunduh dan dipakai ulang. Berkas dibuat ulang setiap kali situs "
            "diterbitkan, dari berkas entri yang sama dengan halaman-halaman situs. Kolom `kelengkapan` "
            "membedakan ringkasan dari sumber publik (`ringkasan`, sumbernya di kolom `sumber`) dari entri "
            "lengkap" + ("; entri dengan `contoh` bernilai true adalah ilustrasi, bukan program nyata."  # a demo catalogue
                         if self.site.index.catalogue.examples else "."),
            self.licence_text(),
            "## Unduhan",
            # A download the build did not write (sizes known, path absent) is not offered.
            "\n".join(f"- {download(path, label)} — {about}" for path, label, about in DOWNLOADS
                      if not sizes or path in sizes),
            "Berkas *.gz* dimampatkan agar cepat diunduh; bukalah dengan 7-Zip, WinRAR atau pengelola arsip "
            "bawaan komputer, atau baca langsung dengan R, Python (pandas) dan program data lain. Untuk membuka "
            "data satu wilayah langsung di Excel, pakai daftar per wilayah di bawah ini.",
            "## Per wilayah",
            "Daftar inovasi satu wilayah, satu baris per inovasi: semua kolom seluruh katalog kecuali isi "
            "uraiannya (kolom `rancang_bangun`: latar belakang, tujuan, manfaat, hasil). Uraian itu ada di "
            "halaman setiap inovasi dan di unduhan seluruh katalog di atas. Untuk laporan Kemendagri satu "
            "wilayah, ekstrak berkas format laporan Kemendagri, buka di Excel, lalu saring kolom *Pemerintah "
            "Daerah*.",
            table(["Wilayah", "Daftar inovasi"], regions),
            "Kolom berisi beberapa nilai (bidang, urusan, kata kunci) dipisahkan titik koma. Sel yang diawali "
            "`=`, `+`, `-` atau `@` diberi tanda petik di depannya agar tidak dijalankan sebagai rumus.",
            "## Daftar kode",
            "Kolom berkode pada CSV (wilayah_kode, bidang, bentuk, jenis, tahapan, inisiator, urusan, status, "
            "penghargaan_tingkat_tertinggi) memakai kode dari daftar berikut; labelnya ada di kolom label. "
            "Di paket data, kolom yang berisi satu kode dirujuk ke daftarnya (*foreign key*), sehingga kode yang "
            "tidak dikenal ditolak pemeriksaan otomatis; bidang dan urusan dapat berisi beberapa kode yang "
            "dipisahkan titik koma.",
            "\n".join(codes),
        ]) + "\n"

    def licence_text(self) -> str:
        lic = self.site.licence
        terms = LICENCE_TERMS.get(lic.nama, "Syarat pemakaiannya mengikuti lisensi itu.")
        return (f'**Lisensi.** Data terbuka ini dilisensikan dengan <a href="{html.escape(lic.url)}">'
                f"{esc(lic.judul)}</a> ({esc(lic.nama)}). {terms.format(sumber=esc(self.site.site_name))}")


class StatsPage(GeneratedPage):
    """Statistik: charts (inline SVG with a table alternative) and the measured results."""
    src_uri = routes.STATS

    def chart(self, ident: str, title: str, head: str, rows: list[tuple[str, float]], percent: bool = False,
              extra: list[list] | None = None, extra_head: list[str] | None = None) -> str:
        chart = charts.bar_chart(ident, title, rows, percent=percent)
        head_row = [head, "Persen" if percent else "Jumlah", *(extra_head or [])]
        body = [[esc(label), f"{value:.0f}%" if percent else number(value), *((extra or [])[i] if extra else [])]
                for i, (label, value) in enumerate(rows)]
        return (f"### {esc(title)}\n\n<figure class=\"ki-figur\">\n{chart}\n</figure>\n\n"
                f'<details class="ki-tabel" markdown>\n<summary>Tabel: {html.escape(title)}</summary>\n\n'
                f"{table(head_row, body, '-' + 'r' * (len(head_row) - 1))}\n\n</details>")

    def markdown(self) -> str:
        idx, ref = self.site.index, self.ref
        entries = idx.catalogue.entries
        s = idx.stats(entries)
        reported, reported_extra = [], []
        for r in ref.regions.values():
            own = idx.by_region.get(r.code, [])
            rs = idx.stats(own)
            reported.append((r.name, rs.reported_percent if own else 0))
            reported_extra.append([f"{rs.reported} dari {rs.known}"])
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
                       [(str(y), s.by_year[y]) for y in sorted(s.by_year)]),
            self.chart("tahapan", "Inovasi per tahapan", "Tahapan",
                       [(label, s.by_stage.get(k, 0)) for k, label in ref.choices["tahapan"].items()]),
            "## Pelaporan ke Kemendagri",
            self.chart("lapor", "Bagian inovasi yang sudah dilaporkan ke Kemendagri, per wilayah", "Wilayah",
                       reported, percent=True, extra=reported_extra, extra_head=["Dilaporkan"]),
            "## Hasil yang terukur",
            results_section(entries, "Seluruh katalog"),
        ]
        rows = []
        for r in ref.regions.values():
            cells = {st.key: st for st in aggregate.result_stats(idx.by_region.get(r.code, []), schema.RESULT_KEYS)}
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
    # Results in an entry's own indicators (hasil.lainnya: accidents, infant deaths …) have units of their own
    # and are not summed here; the page must not say that nothing was measured when they exist.
    others = sum(1 for e in entries if e.hasil_lainnya)
    other = (f"{number(others)} inovasi mencatat hasil terukur lain dengan satuannya sendiri; angkanya ada di "
             "halaman masing-masing." if others else "")
    if not found:
        return " ".join(filter(None, ["Belum ada inovasi yang mencatat langkah, waktu layanan atau biaya sebelum "
                                      "dan sesudah.", other]))
    rows = []
    for st in found:
        unit = schema.RESULT_KEYS[st.key][1]
        pct = f"{st.percent_median:.0f}%" if st.percent_median is not None else "—"
        rows.append([_SAVED[st.key], st.count, with_unit(st.saved_total, unit), with_unit(st.saved_median, unit), pct])
    return (f"{scope}: hanya inovasi yang mencatat angka sebelum dan sesudah yang dihitung.\n\n"
            + table(["Hasil", "Inovasi", "Jumlah", "Median per inovasi", "Median penurunan"], rows, "-rrrr")
            + (f"\n\n{other}" if other else ""))


ROLE_MODELS_SHOWN = 100


class RoleModelPage(GeneratedPage):
    """Role model: innovations that others replicated or that won an award, ranked by both, each with the
    reason it is there; then the regions that adopt most."""
    src_uri = routes.ROLE_MODELS

    def markdown(self) -> str:
        cat, ref = self.site.index.catalogue, self.ref
        total = aggregate.descendants_count(cat)
        models = [e for e in cat.entries if total.get(e.id) or e.penghargaan]
        score = {e.id: total.get(e.id, 0) + e.award_level for e in models}
        models.sort(key=lambda e: (-score[e.id], -total.get(e.id, 0), -e.award_level, e.nama.lower(), e.id))
        levels = ", ".join(f"{label.lower()} {n}" for n, label in enumerate(ref.choices["tingkat"].values(), 1))
        out = ["# Role model",
               "Role model adalah inovasi yang ditiru daerah lain (direplikasi) atau yang meraih penghargaan. "
               "Skornya: satu poin untuk setiap inovasi yang mereplikasinya, termasuk replikasi dari replikasinya, "
               f"ditambah poin penghargaan tertingginya ({levels}). Kolom terakhir menyebut alasannya."]
        if not models:
            out.append("Belum ada inovasi yang direplikasi atau meraih penghargaan.")
            return "\n\n".join(out) + "\n"
        shown = models[:ROLE_MODELS_SHOWN]
        if len(models) > len(shown):
            out.append(f"Ditampilkan {len(shown)} teratas dari {len(models)} role model; semuanya ada di data terbuka.")
        rows = [[rank, self.entry_link(e), esc(ref.regions[e.region_code].name), score[e.id],
                 esc(self._why(e, total.get(e.id, 0)))] for rank, e in enumerate(shown, 1)]
        # On a phone the ranking is a compact list (catalogue.css, .ki-peringkat), not a card per row.
        out += ["## Peringkat", '<div class="ki-peringkat" markdown>\n\n'
                + table(["#", "Inovasi", "Asal", "Skor", "Mengapa role model"], rows, "r--r-") + "\n\n</div>"]
        adopted: dict[str, int] = {}
        for e in cat.entries:
            if e.replikasi_dari in cat.by_id:
                adopted[e.region_code] = adopted.get(e.region_code, 0) + 1
        ranking = sorted(adopted.items(), key=lambda kv: (-kv[1], ref.regions[kv[0]].name))[:ROLE_MODELS_SHOWN]
        out += ["## Wilayah yang paling banyak mengadopsi",
                "Banyaknya inovasi di wilayah itu yang mereplikasi inovasi lain.",
                table(["Wilayah", "Inovasi hasil replikasi"], [[self.region_link(ref.regions[c]), n] for c, n in ranking], "-r")]
        return "\n\n".join(out) + "\n"


    def _why(self, e, chain: int) -> str:
        """Direplikasi 3 inovasi (2 langsung) di 2 wilayah lain; penghargaan nasional: IGA 2023 (Terbaik 1)"""
        cat, why = self.site.index.catalogue, []
        if chain:
            direct = len(cat.replicated_by.get(e.id, []))
            regions = {c.region_code for _, c in aggregate.descendants(cat, e)} - {e.region_code}
            why.append(f"direplikasi {chain} inovasi ({direct} langsung)"
                       + (f" di {len(regions)} wilayah lain" if regions else " di wilayah yang sama"))
        if e.penghargaan:
            best = max(e.penghargaan, key=lambda a: (AWARD_LEVELS[a.tingkat], a.tahun))
            more = f", dan {len(e.penghargaan) - 1} penghargaan lain" if len(e.penghargaan) > 1 else ""
            why.append(f"penghargaan {self.ref.choices['tingkat'][best.tingkat].lower()}: {best.nama} {best.tahun}"
                       + (f" ({best.peringkat})" if best.peringkat else "") + more)
        text = "; ".join(why)
        return text[:1].upper() + text[1:]


class TargetPage(GeneratedPage):
    """Target tahunan: which SKPDs have at least one innovation each year, per region. A one-screen summary
    for this year leads; each region's five-year detail is folded (<details>), so a province fits in a
    few phone screens."""
    src_uri = routes.TARGETS
    YEARS = 5

    def markdown(self) -> str:
        idx, ref = self.site.index, self.ref
        this_year = self.site.today.year
        years = list(range(this_year - self.YEARS + 1, this_year + 1))
        out = ["# Target: satu SKPD, satu inovasi per tahun",
               "Provinsi meminta setiap perangkat daerah (SKPD) menghasilkan paling sedikit satu inovasi setiap "
               "tahun dan melaporkannya ke Kemendagri. Halaman ini menghitung inovasi menurut tahun mulai (uji "
               "coba, atau penerapan bila tanpa uji coba) dan mencocokkan nama perangkat daerah pada entri dengan "
               "daftar SKPD wilayahnya.",
               '!!! warning "Daftar SKPD"\n    Daftar SKPD yang ditandai *belum lengkap* bukan daftar resmi; SKPD yang '
               "tidak ada di daftar tidak dapat dinilai. Peninjau dapat melengkapinya."]
        summary, details = [], []
        for r in ref.regions.values():
            own = idx.by_region.get(r.code, [])
            t = aggregate.tracker(own, r.code, ref.skpd.get(r.code), years)
            rs = idx.stats(own)
            met = [sum(1 for n in t.listed if t.counts[n][y]) for y in years]
            reported = f"{rs.reported} dari {rs.known} ({rs.reported_percent}%)" if rs.known else "—"
            if t.listed:
                summary.append([self.region_link(r), len(t.listed), met[-1], len(t.listed) - met[-1], reported,
                                rs.summaries])
                headline = f"{met[-1]} dari {len(t.listed)} SKPD berinovasi pada {this_year}"
            else:
                summary.append([self.region_link(r), "—", "—", "—", reported, rs.summaries])
                headline = "daftar SKPD belum tersedia"
            status = ("Daftar SKPD belum tersedia." if not t.listed else
                      "Daftar SKPD lengkap." if t.complete else "**Daftar SKPD belum lengkap.**")
            body = [f"{status} {rs.reported} dari {rs.known} inovasi sudah dilaporkan ke Kemendagri"
                    f" ({rs.reported_percent}%)." if rs.known else
                    f"{status} Belum ada inovasi yang status pelaporannya diketahui." if own else
                    f"{status} Belum ada inovasi."]
            if rs.summaries:  # counted as innovations, shown apart: no work unit has completed them yet
                undated = sum(1 for e in own if e.is_summary and not e.year)
                body.append(f"{rs.summaries} dari {rs.total} inovasi adalah ringkasan dari sumber publik: dihitung "
                            "sebagai inovasi, tetapi belum dilengkapi perangkat daerahnya"
                            + (f"; {undated} di antaranya tanpa tahun mulai, sehingga tidak masuk tabel tahunan."
                               if undated else "."))
            if t.listed:
                rows = [[esc(n), *[(f"✓ {t.counts[n][y]}" if t.counts[n][y] else "—") for y in years]] for n in t.listed]
                rows.append(["**SKPD dengan inovasi**", *[f"**{m} dari {len(t.listed)}**" for m in met]])
                body.append(table(["SKPD", *map(str, years)], rows, "-" + "r" * len(years)))
            if t.unlisted:
                body.append("Perangkat daerah pada entri yang tidak ada di daftar: " + ", ".join(
                    f"{esc(n)} ({c})" for n, c in t.unlisted.items()) + ".")
            details.append(f'<details class="ki-rincian" id="rincian-{r.slug}" markdown>\n'
                           f"<summary>{html.escape(r.name)}: {headline}</summary>\n\n" + "\n\n".join(body)
                           + "\n\n</details>")
        out += [f"## Ringkasan {this_year}",
                table(["Wilayah", "SKPD pada daftar", f"Berinovasi {this_year}", f"Belum berinovasi {this_year}",
                       "Dilaporkan ke Kemendagri", "Di antaranya ringkasan"], summary, "-rrrrr"),
                "## Rincian per wilayah",
                f"Buka sebuah wilayah untuk melihat setiap SKPD pada {years[0]}–{this_year}.", *details]
        return "\n\n".join(out) + "\n"
