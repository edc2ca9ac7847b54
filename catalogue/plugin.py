"""MkDocs glue: validate entries and add the generated pages to the build.

Stages, in MkDocs' order: on_config resolves paths and reads the reference
data; on_files validates (or takes the catalogue `catalogue build` already
validated), writes the downloads and generates the aggregate pages and the nav;
on_env (last, once nav and theme are ready) starts rendering the innovation pages
(render.py, in worker processes for big catalogues) and the search index;
on_page_content sanitises innovation pages; on_post_build waits for both. The
entries folder is added to config.watch so `mkdocs serve` rebuilds on an edit.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import time
from datetime import date, datetime, timezone
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from . import export, gitdates, json_schema, pages, render, repository, sanitize, search
from .aggregate import build_index
from .formats import summary
from .model import Catalogue
from .problems import Report
from .reference import ReferenceError, load_reference
from .validate import validate

log = logging.getLogger("mkdocs.plugins.catalogue")


def build_date() -> date:
    """Today, or the day SOURCE_DATE_EPOCH names, so a rebuild of the same commit gives the same pages."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    return datetime.fromtimestamp(int(epoch), tz=timezone.utc).date() if epoch.isdigit() else date.today()


def _preview_catalogue(catalogue: Catalogue, folders: list[str]) -> Catalogue:
    """A preview shows only the regions it covers (and their provinces): with 552 regions, their pages
    and nav would cost more than the few innovations being previewed."""
    ref = catalogue.reference
    keep = {e.region_code for e in catalogue.entries} | {r.code for r in ref.regions.values() if r.slug in folders}
    keep |= {ref.regions[c].province_code for c in keep}
    regions = {code: r for code, r in ref.regions.items() if code in keep}
    return Catalogue(dataclasses.replace(ref, regions=regions), catalogue.entries)


class CatalogueConfig(base.Config):
    entries_dir = c.Type(str, default="entries")
    reference_dir = c.Optional(c.Type(str))
    # The source repository (edit links, the "Ajukan inovasi" form, the contributor guide).
    # Empty: taken from GitHub Actions' or GitLab CI's environment; otherwise no links.
    repo_url = c.Type(str, default="")
    repo_branch = c.Type(str, default="main")
    repo_kind = c.Choice(("auto", "github", "gitlab"), default="auto")
    # Build the Pagefind search bundle (from the data, alongside MkDocs). Off under `mkdocs serve`.
    search = c.Type(bool, default=True)
    # Processes rendering innovation pages; 0: every core once there are 1,000 innovations or more.
    # The environment variable CATALOGUE_PROSES overrides it.
    processes = c.Type(int, default=0)
    # CODEOWNERS: who reviews each region's folder ({slug} is the region's folder) and everything else.
    review_team = c.Type(str, default="@ORGANISASI/inovasi-{slug}")
    maintainers = c.Type(str, default="@ORGANISASI/pengelola-katalog")


class CataloguePlugin(BasePlugin[CatalogueConfig]):
    # Set by `catalogue build`, which has validated and printed the report already.
    preloaded: tuple[Catalogue, Report] | None = None
    # Seconds per stage of this plugin's work, read by `catalogue build --timings` (scripts/bench.py).
    timings: dict[str, float]

    def on_startup(self, *, command, dirty):
        self.serving = command == "serve"

    def on_config(self, config):
        root = Path(config.config_file_path or ".").resolve().parent
        self.entries_dir = (root / self.config.entries_dir).resolve()
        self.reference_dir = (root / self.config.reference_dir).resolve() if self.config.reference_dir else None
        self.root = root
        # `mkdocs serve` rebuilds when anything in config.watch changes.
        config.watch.append(str(self.entries_dir))
        if self.reference_dir:
            config.watch.append(str(self.reference_dir))
        try:
            self.reference = load_reference(self.reference_dir)
        except ReferenceError as exc:
            for p in exc.problems:
                log.error(f"{p.file}:{p.line or 1}: {p.message}")
            raise PluginError("Data rujukan katalog tidak sah.") from None
        return config

    def on_files(self, files: Files, config) -> Files:
        if self.preloaded is not None:
            catalogue, report = self.preloaded
        else:
            # CATALOGUE_PRATINJAU=banjar,tapin,some-id (make serve WILAYAH=… INOVASI=…): only those region
            # folders and innovations, for a quick preview of a large catalogue.
            folders = [f for f in os.environ.get("CATALOGUE_PRATINJAU", "").replace(" ", "").split(",") if f]
            if folders:
                log.info(f"Pratinjau: hanya {', '.join(folders)}")
            catalogue, report = validate(self.entries_dir, self.reference, root=self.root, folders=folders or None)
            if folders:
                catalogue = _preview_catalogue(catalogue, folders)
            elif getattr(self, "serving", False) and len(catalogue.entries) >= render.PARALLEL_FROM:
                # A full rebuild of a national catalogue takes minutes; a preview takes about a second.
                log.warning(f"Katalog berisi {len(catalogue.entries)} inovasi: setiap perubahan membangun ulang "
                            "seluruh situs (beberapa menit). Untuk pratinjau cepat jalankan misalnya "
                            "'make serve WILAYAH=<folder-wilayah>' atau 'make serve INOVASI=<id-inovasi>'.")
            for p in report.problems:
                where = ":".join(str(x) for x in (p.file, p.line, p.column) if x is not None)
                (log.error if p.is_error else log.warning)(
                    f"{where}: [{p.code}] {p.field + ': ' if p.field else ''}{p.message} — {p.hint}")
        if report.errors:
            raise PluginError(summary(report) + " Jalankan 'catalogue validate' untuk rinciannya.")

        self.timings = {}
        self.index = self.renderer = None
        self.catalogue = catalogue
        for e in catalogue.entries:  # cached on the entry before any fork, so no process computes it again
            e.summary  # noqa: B018
        started = time.perf_counter()
        repo = repository.resolve(self.config.repo_url, self.config.repo_branch, self.config.repo_kind)
        added = gitdates.added_dates(catalogue, self.root, self.entries_dir)
        base_url = (config.site_url or "").rstrip("/") + "/" if config.site_url else ""
        # Downloads are written to a sibling folder by a forked process while the pages are generated and
        # rendered (at 30,000 innovations they are hundreds of MB and take half a minute); on_post_build
        # moves them into the site and writes their sizes into the data page.
        self.data_dir = Path(config.site_dir).parent / f".{Path(config.site_dir).name}-data-{os.getpid()}"
        shutil.rmtree(self.data_dir, ignore_errors=True)
        schema_bytes = json_schema.dumps(self.reference, config.site_url or "").encode("utf-8")

        def produce():
            yield from export.iter_files(catalogue, added, config.site_name, base_url)
            yield json_schema.SCHEMA_ID, schema_bytes
        # Processes for the innovation pages (render.py); more than one also forks the exports.
        setting = os.environ.get("CATALOGUE_PROSES", "").strip()
        setting = int(setting) if setting.isdigit() else self.config.processes
        self.workers = render.processes(len(catalogue.entries), setting)
        self.exports = export.BackgroundWrite(produce, self.data_dir, forked=self.workers > 1)
        started = time.perf_counter()
        site = pages.Site(build_index(catalogue), config.site_name, repo=repo, added=added,
                          today=build_date(), use_directory_urls=config.use_directory_urls)
        self.site = site
        static = [f.src_uri for f in files.documentation_pages()]
        self.page_blocks = {}  # src_uri -> generated HTML blocks, swapped in by on_page_content
        for src_uri, markdown, blocks in pages.render_all(site):
            if files.get_file_from_path(src_uri):
                raise PluginError(f"Berkas {config.docs_dir}/{src_uri} bentrok dengan halaman yang "
                                  "dibuat katalog; ubah nama atau hapus berkas itu.")
            files.append(File.generated(config, src_uri, content=markdown))
            if blocks:
                self.page_blocks[src_uri] = blocks
        # Innovation pages are not MkDocs files: render.py renders them (on_env); links to them are URLs.
        clash = next((e for e in catalogue.entries if files.get_file_from_path(pages.EntryPage.uri(e.id))), None)
        if clash:
            raise PluginError(f"Berkas {config.docs_dir}/{pages.EntryPage.uri(clash.id)} bentrok dengan halaman "
                              "inovasi yang dibuat katalog; ubah nama atau hapus berkas itu.")
        images = sorted({rel for e in catalogue.entries for _, rel in e.images})
        for rel in images:  # checked by the validator: inside entries/, allowed type and size
            files.append(File.generated(config, f"{pages.IMAGE_DIR}/{rel}", abs_src_path=str(self.entries_dir / rel)))
        self.timings["pages"] = time.perf_counter() - started
        config.nav = pages.nav(site) + (config.nav if config.nav is not None else static)
        config.extra["catalogue"] = {"entries": len(catalogue.entries), "examples": catalogue.examples}
        return files

    def on_nav(self, nav, config, files):
        self.nav = nav
        return nav

    @event_priority(-100)  # after every other plugin has set up the theme environment
    def on_env(self, env, config, files):
        entries = self.catalogue.entries
        self.render_started = time.perf_counter()
        # Forked before the search thread starts: a fork copies only the calling thread.
        self.renderer = render.EntryRenderer(self.site, entries, config, files, self.nav, env, self.workers)
        self.timings["pages_built"] = len(files.documentation_pages()) + len(entries)
        if self.config.search and not getattr(self, "serving", False):
            # The bundle goes to a sibling of the site folder and moves in after the build (MkDocs cleans
            # the site folder first); Pagefind indexes from the data while the pages render.
            out = Path(config.site_dir).parent / f".{Path(config.site_dir).name}-pagefind-{os.getpid()}"
            shutil.rmtree(out, ignore_errors=True)
            self.index = search.BackgroundIndex(self.catalogue, out)
        return env

    def on_post_build(self, config):
        self._publish_downloads(config)
        if self.renderer is not None:
            forked = self.renderer.pool is not None
            warnings, errors = self.renderer.wait()
            self.timings["entries"] = time.perf_counter() - self.render_started
            self.renderer = None
            if errors:
                for text in errors:
                    log.error(f"Halaman inovasi gagal dibuat: {text}")
                raise PluginError("Halaman inovasi tidak dapat dibuat; lihat galat di atas.")
            if forked and warnings and config.strict:  # logged by the workers, where --strict cannot count them
                log.warning(f"{warnings} peringatan saat membuat halaman inovasi (lihat di atas).")
        if self.index is None:
            return
        target = Path(config.site_dir) / "pagefind"
        try:
            self.timings["index_wait"] = self.index.wait()
        except search.SearchIndexError as exc:
            shutil.rmtree(self.index.out_dir, ignore_errors=True)
            raise PluginError(str(exc)) from None
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(str(self.index.out_dir), str(target))
        self.timings["index"] = self.index.seconds

    def _publish_downloads(self, config) -> None:
        """Wait for the exports, move them into the site, write their sizes into the data page."""
        started = time.perf_counter()
        try:
            sizes = self.exports.wait()
        except export.ExportError as exc:
            raise PluginError(str(exc)) from None
        self.timings["exports_wait"] = time.perf_counter() - started
        self.timings["exports"] = self.exports.seconds
        site = Path(config.site_dir)
        for path in sizes:
            target = site / path
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.data_dir / path, target)  # a sibling folder: a rename, not a copy
        shutil.rmtree(self.data_dir, ignore_errors=True)
        url = self.site.url(pages.DataPage.src_uri)
        data_page = site / (url + "index.html" if url.endswith("/") else url)
        if data_page.is_file():
            data_page.write_text(pages.fill_sizes(data_page.read_text(encoding="utf-8"), sizes), encoding="utf-8")

    def on_build_error(self, error):
        if getattr(self, "exports", None) is not None:
            self.exports.abort()
        if getattr(self, "renderer", None) is not None:
            self.renderer.abort()
        if getattr(self, "data_dir", None):
            shutil.rmtree(self.data_dir, ignore_errors=True)
        if getattr(self, "index", None) is not None:
            self.index.thread.join()
            shutil.rmtree(self.index.out_dir, ignore_errors=True)

    def on_pre_page(self, page, config, files):
        generated = getattr(page, "catalogue_page", None)  # set on innovation pages by render.py
        if generated is not None:
            page.edit_url = self.site.edit_url(generated.entry)
        return page

    def on_page_content(self, html, page, config, files):
        # Innovation pages carry contributor-written HTML: sanitise, then insert the generated blocks (escaped
        # values, trusted). Everything else is generated from escaped values.
        generated = getattr(page, "catalogue_page", None)
        if generated is not None:
            return pages.fill_blocks(sanitize.clean(html), generated.blocks())
        if page.file.src_uri in getattr(self, "page_blocks", {}):
            return pages.fill_blocks(html, self.page_blocks[page.file.src_uri])
        return html
