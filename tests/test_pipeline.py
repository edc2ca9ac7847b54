"""The build pipeline: nothing an entry writes becomes generated markup, every page is known to MkDocs
(sitemap, link and anchor validation), links are what Python-Markdown says they are, parallel work runs
the same with `spawn`, and the package stays small enough to read."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, body, entry_text, front

from catalogue import parallel
from catalogue.entry.reference import load_reference
from catalogue.site import bodies, links
from catalogue.validate import validate

REF = load_reference()

# Every internal marker the pipeline ever used, and look-alikes: placeholders of earlier versions,
# Python-Markdown's own stash placeholders and Jinja syntax.
MARKERS = [
    "KIBLOK0ZX", "KIBLOK1ZX", "<p>KIBLOK0ZX</p>", "KIBLOK99ZX", "KIBLOK{0}ZX",
    "KIUKURAN:data/katalog.csv:ZX", "KIUKURAN:skema/inovasi.schema.json:ZX",
    "\x02wzxhzdk:0\x03", "\x02amp\x03", "{{ page.content }}", "{% raw %}x{% endraw %}", "{{ config.site_name }}",
]


def article(page: Path) -> str:
    return page.read_text(encoding="utf-8").split('<article class="md-content__inner md-typeset">', 1)[1] \
        .split("</article>", 1)[0]


def test_planted_markers_render_as_literal_text(project):
    plain = [m for m in MARKERS if "\x02" not in m]  # YAML refuses control characters in values
    for i, marker in enumerate(plain):
        data = front(nama=f"Layanan {marker}", perangkat_daerah=f"Dinas {marker}", contoh=False,
                     tag=[marker[:40]], kontak={"unit": f"Unit {marker}"},
                     tautan=[{"judul": f"Judul {marker}", "url": "https://example.org/a"}],
                     hasil={"lainnya": [{"indikator": f"Ukuran {marker}", "satuan": marker[:60],
                                         "sebelum": 1, "sesudah": 2}]})
        text = body() + "\n\n" + "\n\n".join(f"Penanda {m} di sini." for m in MARKERS) + "\n"
        project.write(f"banjar/penanda-{i:02d}.md", entry_text(data, text))
    out = project.run("build")
    assert out.returncode == 0, out.stderr
    site = project.root / "site"
    for i, marker in enumerate(plain):
        page = article(site / "inovasi" / f"penanda-{i:02d}" / "index.html")
        assert page.count('class="ki-meta"') == 1 and "admonition example" not in page  # nothing forged
        escaped = html.escape(marker, quote=False)
        for where in (f"<h1>Layanan {escaped}</h1>", f" · Dinas {escaped}</p>", f"Unit: Unit {escaped}",
                      f"Judul {escaped}</a>", f"Ukuran {escaped}</p>"):
            assert where in page, (marker, where)
        for m in plain:  # in the body: as plain text, or as the paragraph the contributor wrote in HTML
            expected = "Penanda </p><p>KIBLOK0ZX</p> di sini." if m.startswith("<p>") else m
            assert f"Penanda {html.escape(m, quote=False)} di sini." in page or expected in page, m
    data_page = (site / "data" / "index.html").read_text(encoding="utf-8")
    assert "KIUKURAN" not in data_page and re.search(r"katalog\.csv\.gz\">[^<]+</a> \(\d+,\d KB\)", data_page)


def test_sitemap_lists_every_page_when_the_site_url_is_known(project):
    project.add("banjar/satu.md")
    project.add("tapin/dua.md", wilayah="63.05", nama="Layanan Dua")
    out = project.run("build", env={"CATALOGUE_SITE_URL": "https://contoh.go.id/katalog/"}, check=True)
    assert "site_url belum diatur" not in out.stderr
    site = project.root / "site"
    listed = set(re.findall(r"<loc>https://contoh\.go\.id/katalog/([^<]*)</loc>",
                            (site / "sitemap.xml").read_text(encoding="utf-8")))
    pages = {p.parent.relative_to(site).as_posix() + "/" for p in site.rglob("index.html")}
    pages = {"" if p == "./" else p for p in pages} - {"pagefind/"}
    assert listed == pages and {"inovasi/satu/", "inovasi/dua/"} <= listed
    # Without a site URL the build says once what that disables and how to set it.
    out = project.run("build", check=True)
    assert out.stderr.count("site_url belum diatur") == 1 and "CATALOGUE_SITE_URL" in out.stderr


def test_links_in_code_are_not_links_and_targets_are_read_as_markdown_reads_them(project):
    from test_hostile import PNG
    (project.entries / "banjar").mkdir()
    (project.entries / "banjar" / "foto_(1).png").write_bytes(PNG)
    text = entry_text(front(), body() + "\n\n    [kode](tidak-ada.md)\n\n```\n[pagar](juga-tidak.md)\n```\n\n"
                      "`[span](tidak.md)` dan ![Foto petugas](foto_(1).png) dan [x](../tapin/lain_(2).md)\n")
    project.write("banjar/x.md", text)
    _, report = validate(project.entries, REF, root=project.root)
    broken = [(p.code, p.message) for p in report.problems]
    assert broken == [("broken-link", 'tautan "../tapin/lain_(2).md" tidak menuju halaman katalog mana pun')]
    project.write("banjar/x.md", text.replace(" dan [x](../tapin/lain_(2).md)", ""))
    project.run("build", "--strict", check=True)
    page = (project.root / "site" / "inovasi" / "x" / "index.html").read_text(encoding="utf-8")
    assert 'src="../../gambar/banjar/foto_(1).png"' in page
    assert (project.root / "site" / "gambar" / "banjar" / "foto_(1).png").read_bytes() == PNG
    assert "<code>[kode](tidak-ada.md)" in page


def test_anchors_in_innovation_pages_are_checked_by_mkdocs(project):
    project.add("tapin/lain.md", wilayah="63.05", nama="Inovasi Lain")
    project.write("banjar/x.md", entry_text(front(), body() + "\n\n[ada](/inovasi/lain/#hasil) dan "
                                            "[tidak ada](../tapin/lain.md#tidak-ada)\n"))
    out = project.run("build", "--strict")
    assert out.returncode == 1
    assert "contains a link '../tapin/lain.md#tidak-ada'" in out.stderr and "#hasil" not in out.stderr


def test_markdown_extensions_of_the_link_scan_are_the_sites():
    from mkdocs.config import load_config
    config = load_config(str(REPO / "mkdocs.yml"))
    assert sorted(links.EXTENSIONS) == sorted(config["markdown_extensions"])


def test_parallel_work_runs_the_same_when_spawned(monkeypatch):
    import multiprocessing
    monkeypatch.setattr(parallel, "context", lambda: multiprocessing.get_context("spawn"))
    assert parallel.map_chunks(sorted, [[3, 1], [2, 0], [5, 4]], 2) == [[1, 3], [0, 2], [4, 5]]
    assert parallel.Background(sorted, ([2, 1],)).wait() == [1, 2]
    if hasattr(os, "nice"):  # a background process asked to be nice runs at a lower priority than this one
        assert parallel.Background(os.nice, (0,), nice=5).wait() == os.nice(0) + 5
    with pytest.raises(parallel.WorkerError, match="ZeroDivisionError"):
        parallel.Background(divmod, (1, 0)).wait()
    config = {"markdown_extensions": links.EXTENSIONS, "mdx_configs": {"toc": {"permalink": True}}}
    items = [bodies.Body(f"inovasi/{i}.md", f"## Hasil {i}\n\n[lain](x.md#hasil) [ini](#hasil-{i})\n",
                         {"x.md#hasil": ("../x/#hasil", "inovasi/x.md", "hasil")}, {}) for i in range(250)]
    here = bodies.Converter(items, config, 1)
    spawned = bodies.Converter(items, config, 2)
    try:
        assert spawned.pool is not None
        results = {}
        for item in reversed(items):  # out of order: a chunk not yet sent is converted when asked for
            results[item.src_uri] = spawned.get(item.src_uri)
            assert here.get(item.src_uri) == results[item.src_uri]
        assert not spawned.done and not here.done  # each result let go once its chunk is taken
        got = results["inovasi/7.md"]
        assert 'href="../x/#hasil"' in got.content and got.anchor_ids == {"hasil-7"}
        assert set(got.linked_anchors) == {("inovasi/x.md", "hasil", "x.md#hasil"), ("inovasi/7.md", "hasil-7", "#hasil-7")}
    finally:
        spawned.close()


@pytest.mark.slow
def test_a_national_sample_builds_with_every_parallel_path(tmp_path):
    """1,500 synthetic entries: parallel validation, body conversion in workers, exports in a background
    process; every innovation in the sitemap and nothing left beside the site."""
    sys.path.insert(0, str(REPO / "scripts"))
    from synth import write_project
    project = write_project(tmp_path / "nasional", 1500)
    out = subprocess.run([sys.executable, "-m", "catalogue", "build"], cwd=project, capture_output=True, text=True,
                         env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "NO_MKDOCS_2_WARNING": "1",
                              "CATALOGUE_SITE_URL": "https://contoh.go.id/"}, timeout=1200)
    assert out.returncode == 0, out.stderr[-3000:]
    sitemap = (project / "site" / "sitemap.xml").read_text(encoding="utf-8")
    assert len(re.findall(r"<loc>https://contoh\.go\.id/inovasi/", sitemap)) == 1500
    assert not [p for p in project.iterdir() if p.name.startswith(".site")]


def test_a_plugin_changing_an_innovation_pages_markdown_is_honoured(project):
    """Bodies are converted ahead of MkDocs' loop; a plugin that rewrites one in on_page_markdown still
    gets its version published."""
    project.add("banjar/satu.md")
    project.add_hook("ubah.py",
                     "def on_page_markdown(markdown, page, config, files):\n"
                     "    if page.file.src_uri == 'inovasi/satu.md':\n"
                     "        return markdown + '\\n\\nDitambahkan oleh plugin.\\n'\n"
                     "    return markdown\n")
    project.run("build", check=True)
    assert "<p>Ditambahkan oleh plugin.</p>" in (project.root / "site" / "inovasi" / "satu" / "index.html").read_text()


def test_relative_urls_are_what_posixpath_relpath_gives():
    import itertools
    import posixpath

    from catalogue.site.pages import routes
    uris = ["/".join(c) for n in range(1, 4) for c in itertools.product(("a", "b", "inovasi", "x.md", "2.md"), repeat=n)]
    for target, base in itertools.product([*uris, *(u + "/" for u in uris), ""], uris):
        assert routes._relative(target, base) == posixpath.relpath("/" + target, "/" + base), (target, base)


def test_fragments_rendered_once_are_what_every_page_would_render(project):
    """The navigation and the blocks of innovation pages that the theme renders once per build (ki_sekali)
    give every page exactly the bytes it gets when each page renders them itself."""
    project.add("banjar/satu.md", nama="Layanan Satu")
    project.add("banjar/dua.md", nama="Layanan Dua", replikasi_dari="satu")
    project.add("tapin/tiga.md", nama="Layanan Tiga", wilayah="63.05")
    env = {"CATALOGUE_CACHE": "0"}
    project.run("build", "--site-dir", str(project.root / "sekali"), env=env, check=True)
    project.add_hook("tanpa_sekali.py", "def on_env(env, config, files):\n"
                                        "    env.globals.pop('ki_sekali', None)\n"
                                        "    return env\n")
    project.run("build", "--site-dir", str(project.root / "setiap"), env=env, check=True)
    pages = lambda root: {p.relative_to(root): p.read_bytes() for p in root.rglob("*.html")}  # noqa: E731
    once, each = pages(project.root / "sekali"), pages(project.root / "setiap")
    assert once.keys() == each.keys() and len(once) > 20
    assert [str(p) for p in once if once[p] != each[p]] == []
    page = once[Path("inovasi/satu/index.html")].decode()
    assert page.count("__config") == 1 and page.count('class="md-footer"') == 1  # the blocks are there
