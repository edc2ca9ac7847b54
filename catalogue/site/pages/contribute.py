"""Pages for contributors and searchers: the guide, the submission form and the browse page."""

from __future__ import annotations

import json

from ...contributors import guide
from .. import search
from . import routes
from .base import GeneratedPage


class GuidePage(GeneratedPage):
    """The contributor guide, generated from the same schema as the validator (see contributors/guide.py)."""
    src_uri = routes.GUIDE

    def meta(self) -> dict:
        return {"ki_kontak": True}  # the contact box under the page (theme_overrides/partials/kontak.html)

    def markdown(self) -> str:
        return guide.render(self.ref, self.site.repo, for_site=True)


class SubmitPage(GeneratedPage):
    """Ajukan inovasi: a form that assembles a valid entry file (theme_overrides/assets/ajukan.js)."""
    src_uri = routes.SUBMIT

    def meta(self) -> dict:
        return {"ki_ajukan": True, "ki_kontak": True, "hide": ["toc"]}

    def markdown(self) -> str:
        repo = self.site.repo
        config = {"repo": {"url": repo.url, "branch": repo.branch, "kind": repo.kind} if repo else None}
        config_json = json.dumps(config, ensure_ascii=True).replace("</", "<\\/")
        host = {"github": "GitHub", "gitlab": "GitLab"}[repo.kind] if repo else None
        return "\n\n".join([
            "# Ajukan inovasi",
            "Isi formulir ini untuk menyusun berkas entri inovasi. Formulir memeriksa isian dengan aturan yang "
            "sama seperti pemeriksaan otomatis katalog. Setelah berkas siap, "
            + (f"tekan **Buka di {host}** untuk membuat *pull request* tanpa memasang apa pun, atau "
               if host else "")
            + "unduh atau salin berkasnya. Langkah lengkapnya ada di "
            + self.link("panduan kontributor", routes.GUIDE) + ".",
            "Tulis data nyata dan kontak kantor saja; jangan menulis data pribadi warga.",
            f"Tidak punya akun {host or 'GitHub'}? Tekan **Unduh berkas**, lalu kirim berkasnya kepada pengelola "
            f"katalog. Alamatnya ada di kotak **{guide.CONTACT_BOX}** di bawah formulir.",
            f'<script type="application/json" id="ki-ajukan-konfigurasi">{config_json}</script>',
            # Empty until the script runs: without JavaScript only the <noscript> guidance shows.
            '<div id="ki-ajukan" class="ki-ajukan" aria-live="polite"></div>',
            "<noscript markdown>\n\nFormulir ini memerlukan JavaScript. Tanpa JavaScript, ikuti "
            + self.link("panduan kontributor", routes.GUIDE) + " untuk membuat berkas lewat editor web, atau kirim "
            "isian Anda sebagai teks biasa kepada pengelola katalog (kontak di bawah).\n\n</noscript>",
        ]) + "\n"


class BrowsePage(GeneratedPage):
    """Jelajahi: free text plus facets over the Pagefind index (theme_overrides/assets/jelajahi.js)."""
    src_uri = routes.BROWSE
    title = "Jelajahi"

    def meta(self) -> dict:
        return {"ki_jelajahi": True, "hide": ["toc"]}

    def markdown(self) -> str:
        ref = self.ref
        order = {name: list(ref.choices[name].values()) for name in ("tahapan", "bentuk", "jenis", "status")}
        order["bidang"] = [a.label for a in ref.areas.values()]
        order["penghargaan"] = [*reversed(ref.choices["tingkat"].values()), search.NO_AWARD]  # highest first
        examples = self.site.index.catalogue.examples  # a demo catalogue (a fork) only
        order["kelengkapan"] = [*ref.choices["kelengkapan"].values(), *([search.KIND_EXAMPLE] if examples else [])]
        config = {"facets": list(search.FACETS.items()), "order": order,
                  "kinds": [search.KIND_REGION, search.KIND_AREA],
                  "shards": [list(pair) for pair in search.shard_folders(self.site.index.catalogue)]}
        config_json = json.dumps(config, ensure_ascii=True).replace("</", "<\\/")
        lists = ", ".join([self.link("daftar per wilayah", routes.REGIONS),
                           self.link("daftar per bidang", routes.AREAS)])
        return "\n\n".join([
            "# Jelajahi inovasi",
            "Cari inovasi menurut apa yang dilakukannya, lalu saring menurut wilayah, bidang, tahapan, tahun, "
            "bentuk, jenis, perangkat daerah, status, penghargaan atau kelengkapan. Alamat halaman ini menyimpan pilihan Anda, sehingga "
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
<div id="ki-aktif" class="ki-aktif"></div>
<ul id="ki-halaman-lain" class="ki-halaman-lain"></ul>
<ol id="ki-hasil" class="ki-hasil-daftar"></ol>
<nav id="ki-paging" class="ki-paging" aria-label="Halaman hasil"></nav>
</section>
</div>
</div>"""
