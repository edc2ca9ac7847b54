"""A catalogue build, as a straight line of stages (after mkdocs/commands/build.py).

    1. load      validate the entries (or take the CLI's validated catalogue), limit a preview
    2. aggregate the one-pass index, dates added, the repository for edit links; the downloads start in
                 a background process (straight into the site folder)
    3. search    the search index in Pagefind processes (shards from the cache), straight into the site
                 folder while the pages are generated and MkDocs renders
    4. generate  every generated page as an MkDocs file and page, and the nav; pages found in the page
                 cache are placed; the bodies of the others start converting in worker processes
       (MkDocs reads and renders every page, innovation pages included; the data page is read last and
       waits for the downloads, so it shows their sizes)
    5. finish    wait for the search index

MkDocs drives the order: plugin.py calls each stage from its event. command.py is what `catalogue build`
runs around MkDocs: validate, build into a scratch folder, publish it over the old site (incremental/publish.py).
"""

from __future__ import annotations

import dataclasses
import gc
import logging
import os
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

from . import PLUGIN_LOG
from .. import __version__, digests, parallel, repository
from ..entry import json_schema
from ..entry.model import Catalogue
from ..entry.problems import Report
from ..entry.reference import Reference
from ..entry.reports import summary
from ..incremental import pagecache, publish, searchcache, similarcache, validation_cache
from ..memory import lasting_objects
from ..opendata.datapackage import Licence
from ..validate import validate
from . import bodies, downloads, gitdates, pages, search, similar
from .aggregate import build_index
from .engine import BuildError, CatalogueDocument, Files, InnovationDocument, generated_file, skip

log = logging.getLogger(PLUGIN_LOG)


@dataclass(frozen=True)
class Options:
    """How to build, decided at the edge (CLI flags, environment) and handed to the plugin explicitly."""
    preview: tuple[str, ...] = ()  # region folders and/or innovation ids: build only those
    processes: int = 0  # 0: parallel.processes() decides
    today: date | None = None  # the build date; None: from SOURCE_DATE_EPOCH, else today
    validated: tuple[Catalogue, Report] | None = None  # set by `catalogue build`, which validated already
    page_cache: Path | None = None  # set by `catalogue build`: keep innovation pages there (incremental/pagecache.py)
    previous: publish.Previous | None = None  # set by `catalogue build`: what the site folder holds already
    index: object = None  # set by `catalogue build`: the search index it started during validation (command.py)

    @classmethod
    def from_env(cls, env=None) -> "Options":
        """The environment, read once: CATALOGUE_PRATINJAU (make serve WILAYAH=… INOVASI=…),
        CATALOGUE_PROSES, SOURCE_DATE_EPOCH."""
        env = os.environ if env is None else env
        preview = tuple(f for f in env.get("CATALOGUE_PRATINJAU", "").replace(" ", "").split(",") if f)
        procs = env.get("CATALOGUE_PROSES", "").strip()
        epoch = env.get("SOURCE_DATE_EPOCH", "").strip()
        today = datetime.fromtimestamp(int(epoch), tz=timezone.utc).date() if epoch.isdigit() else None
        return cls(preview, int(procs) if procs.isdigit() else 0, today)


# Material's JavaScript takes every <link rel="alternate"> for another language's copy of the site and
# fetches sitemap.xml beside it, so on every page the feed link (theme_overrides/main.html) costs a
# request for data/sitemap.xml: an empty sitemap there answers it (a 404 would be an error in the console).
FEED_SITEMAP = "data/sitemap.xml"
EMPTY_SITEMAP = (b'<?xml version="1.0" encoding="UTF-8"?>\n<!-- Kosong: peta situs ada di ../sitemap.xml. -->\n'
                 b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"></urlset>\n')


@dataclass
class Build:
    """One build. Each method is a stage; plugin.py calls them in this order."""
    page_cache = None  # pagecache.PageCache when `catalogue build` keeps pages (not a dataclass field)
    options: Options
    reference: Reference
    root: Path
    entries_dir: Path
    search: bool = True
    processes_setting: int = 0
    licence: Licence = field(default_factory=Licence)  # of the open data: mkdocs.yml extra.katalog.lisensi
    timings: dict = field(default_factory=dict)
    fragments: dict = field(default_factory=dict)  # see once()
    record: publish.Record = field(default_factory=publish.Record)  # what this build published (incremental/publish.py)

    # 1. load ----------------------------------------------------------------------------------------
    def load(self) -> Catalogue:
        gc.unfreeze()  # the objects of an earlier build in this process (mkdocs serve) may be garbage now
        started = time.perf_counter()
        if self.options.validated is not None:
            catalogue, report = self.options.validated
            started = None  # validated (and timed) by the caller
        else:
            preview = list(self.options.preview)
            if preview:
                log.info(f"Pratinjau: hanya {', '.join(preview)}")
            cache = validation_cache.for_project(self.root, self.reference, date.today())
            with lasting_objects():
                catalogue, report = validate(self.entries_dir, self.reference, root=self.root,
                                             folders=preview or None, processes=self.processes, cache=cache)
            for p in report.problems:
                where = ":".join(str(x) for x in (p.file, p.line, p.column) if x is not None)
                (log.error if p.is_error else log.warning)(
                    f"{where}: [{p.code}] {p.field + ': ' if p.field else ''}{p.message} — {p.hint}")
            if report.errors:
                raise BuildError(summary(report) + " Jalankan 'catalogue validate' untuk rinciannya.")
        if self.options.preview:
            catalogue = preview_catalogue(catalogue, self.options.preview)
        self.catalogue = catalogue
        if started is not None:
            self.timings["validate"] = time.perf_counter() - started
        return catalogue

    @property
    def processes(self) -> int:
        return self.options.processes or self.processes_setting

    @property
    def today(self) -> date:
        return self.options.today or date.today()

    # 2. aggregate -----------------------------------------------------------------------------------
    def aggregate(self, config, repo_settings: tuple[str, str, str]) -> pages.Site:
        started = time.perf_counter()
        self.added = gitdates.added_dates(self.catalogue, self.root, self.entries_dir)
        # Inovasi serupa, read by the pages and their cache keys (incremental/similarcache.py keeps them). On a
        # big catalogue in a process of its own, while this one builds the index: its terms and vectors
        # (~300 MB at 40,000 entries) go with that process instead of raising this one's peak.
        near = parallel.Background(
            similarcache.lists, (None if self.options.preview else self.options.page_cache, self.catalogue,
                                 similar.terms_of, similar.compute),
            separate=parallel.processes(len(self.catalogue.entries), self.processes) > 1, name="serupa")
        self.site = pages.Site(build_index(self.catalogue), config.site_name,
                               repo=repository.resolve(*repo_settings), today=self.today,
                               use_directory_urls=config.use_directory_urls, downloads=self.downloads,
                               licence=self.licence,
                               site_url=(config.site_url or "").rstrip("/") + "/" if config.site_url else "")
        waited = time.perf_counter()
        self.catalogue.similar = near.wait()
        self.timings["similar"], self.timings["similar_wait"] = near.seconds, time.perf_counter() - waited
        self.timings["aggregate"] = time.perf_counter() - started
        return self.site

    # 3. generate ------------------------------------------------------------------------------------
    def generate(self, files: Files, config) -> Files:
        started = time.perf_counter()
        with lasting_objects():
            generated = pages.generate(self.site)
        documents: list[InnovationDocument] = []
        others: list[CatalogueDocument] = []
        taken = files.src_uris  # src_uri -> File (get_file_from_path makes a PurePath per call: 30,000 here)
        for page in generated:
            if page.src_uri in taken:
                raise BuildError(f"Berkas {config.docs_dir}/{page.src_uri} bentrok dengan halaman yang dibuat "
                                 "katalog; ubah nama atau hapus berkas itu.")
            file = generated_file(config, page.src_uri)  # the page class gives the Markdown
            if isinstance(page, pages.InnovationPage):
                documents.append(InnovationDocument(page, file, config, None))
            else:
                others.append(CatalogueDocument(page, file, config))
            files.append(file)
        for rel in sorted({rel for e in self.catalogue.entries for _, rel in e.images}):
            files.append(generated_file(config, pages.routes.image(rel), str(self.entries_dir / rel)))
        config.nav = pages.nav(self.site) + (config.nav if config.nav is not None
                                             else [f.src_uri for f in files.documentation_pages()
                                                   if not isinstance(f.page, CatalogueDocument)])
        cat = self.catalogue
        config.extra["catalogue"] = {"entries": len(cat.entries), "examples": cat.examples, "summaries": cat.summaries,
                                     "complete": len(cat.entries) - cat.examples - cat.summaries}
        cached = self._place_cached(documents, others, config)
        # Bodies are converted in worker processes from now on, while MkDocs reads the other pages.
        self.workers = parallel.processes(len(self.catalogue.entries), self.processes)
        todo = [d.catalogue_page for d in documents if d.file.src_uri not in cached]
        self.converter = bodies.Converter(
            [bodies.Body(p.src_uri, p.markdown(), p.link_targets(), p.raw_image_sources()) for p in todo],
            config, parallel.processes(len(todo), self.processes))  # a few changed pages: no workers to start
        for d in documents:
            d.converter = self.converter
        self.files = files
        self.timings["pages"] = time.perf_counter() - started
        self.timings["pages_built"] = len(files.documentation_pages())
        return files

    def _place_cached(self, documents, others, config) -> set[str]:
        """Pages found in the page cache are put in the site now; MkDocs' dirty mode skips them."""
        self.page_cache = None
        if self.options.page_cache is None or self.options.preview:
            return set()
        banner = config.extra["catalogue"]  # only the home page shows how many; the others which kinds
        kinds = {k: bool(banner[k]) for k in ("examples", "summaries", "complete")}
        kinds["all_examples"] = banner["examples"] == banner["entries"]
        key, kin = pagecache.global_keys(config, kinds, self.reference)
        cache = self.page_cache = pagecache.PageCache(self.options.page_cache, key, kin)
        previous = self.options.previous
        jobs = [(d, cache.page_key(self.catalogue, d.catalogue_page), None) for d in documents]
        shown = lambda d: banner if d.file.src_uri == pages.routes.HOME else kinds  # noqa: E731  counts: home only
        for d in others:
            if d.catalogue_page.cacheable:
                markdown, meta = d.catalogue_page.markdown(), d.catalogue_page.meta()
                jobs.append((d, cache.listing_key(d.catalogue_page, markdown, meta, shown(d)), (markdown, meta)))
        todo = []
        for job in jobs:
            d, key, _ = job
            kept = previous.keep(d.file.dest_uri, key) if previous is not None else None
            if kept is not None:  # the site folder has this page as it would be made: not written at all
                cache.kept(d.file.src_uri, key, kept.get("title"))
                self._skip(job, cache)
            else:
                todo.append(job)
        placed = cache.place_many([(d.file.src_uri, key, Path(d.file.abs_dest_path)) for d, key, _ in todo])
        for job, ok in zip(todo, placed):
            if ok:
                self._skip(job, cache)
        self.timings["pages_cached"] = len(cache.hits)
        self.timings["innovations_cached"] = sum(1 for d in documents if d.file.src_uri in cache.hits)
        self.timings["pages_rendered"] = sorted(cache.misses)  # generated pages rendered (not cached)
        self.timings["pages_kept"] = len(jobs) - len(todo)
        return set(cache.hits)

    @staticmethod
    def _skip(job, cache) -> None:
        """A page placed from the cache or kept in the site folder: MkDocs' dirty mode neither reads nor writes it."""
        d, _, listing = job
        skip(d.file)
        if listing is not None:  # other pages' navigation shows this page's title
            d.as_read(*listing, cache.titles[d.file.src_uri])

    # side work: downloads (stage 2) and search (stage 3) -------------------------------------------------
    def start_exports(self, config) -> None:
        """Downloads (data/, skema/), written straight into the site folder (which MkDocs cleaned before
        on_files) by a background process from before the pages are generated: a warm build spends most of
        its time placing cached pages, and the data page, read last, waits for the downloads."""
        site_dir = Path(config.site_dir)
        base_url = (config.site_url or "").rstrip("/") + "/" if config.site_url else ""
        if not config.site_url:
            log.info("site_url belum diatur: sitemap.xml dibuat tanpa alamat halaman, umpan Atom memakai "
                     "tautan relatif, dan pratinjau tautan (og:url, og:image) tidak dibuat. Atur CATALOGUE_SITE_URL "
                     "(misalnya https://contoh.go.id/katalog/) atau site_url di mkdocs.yml.")
        schema = json_schema.dumps(self.reference, config.site_url or "").encode("utf-8")
        extra = {pages.routes.SCHEMA: schema, FEED_SITEMAP: EMPTY_SITEMAP}
        self.sizes: dict[str, int] | None = None
        self.exports = None
        self.exports_key = None if self.options.preview or self.options.page_cache is None else digests.of(
            digests.source("opendata/*.py", "site/downloads.py", "site/previews.py", "incremental/exportcache.py",
                           "incremental/splice.py",
                           "entry/model.py", "bahasa.py"),
            __version__, repr(self.reference), config.site_name, base_url, repr(self.licence), *extra, *extra.values(),
            *(f"{e.fingerprint} {self.added.get(e.id)}" for e in self.catalogue.entries))
        previous = self.options.previous if self.exports_key else None
        kept = previous.keep("unduhan", self.exports_key) if previous is not None else None
        if kept is not None:  # the site folder holds these very downloads: nothing to write
            self.sizes = {rel: stat[0] for rel, stat in kept["files"].items()}
            self.timings["exports_kept"] = True
            return
        # Older downloads still there as recorded: the export cache splices the new ones from them.
        old = previous.intact("unduhan") if previous is not None else None
        self.exports = parallel.Background(
            downloads.write, (site_dir, self.catalogue, self.added, config.site_name, base_url, extra, self.licence,
                           None if self.options.preview else self.options.page_cache,
                           (previous.site_dir, old["key"]) if old else None, self.exports_key),
            separate=parallel.processes(len(self.catalogue.entries), self.processes) > 1, name="ekspor",
            # Spliced from the old ones, the downloads are seconds of work that the data page (read last)
            # waits for; the search shard being indexed again beside them is what the build waits for
            # last: niced, they take the cores' spare time (0.8 s of a one-entry build at 30,000).
            nice=10 if old else 0)

    def start_search(self, config) -> None:
        """The search index (pagefind/), in a background process from before the pages are generated until
        MkDocs has rendered them (in this process for small catalogues, as the downloads)."""
        if self.options.index is not None and self.search:  # already started from validation
            self.index = self.options.index
            self.index.record = self.record
            self.timings["index_early"] = True
            return
        cache = (searchcache.SearchCache(self.options.page_cache, self.reference)
                 if self.options.page_cache is not None else None)
        self.index = (search.BackgroundIndex(
            self.catalogue, Path(config.site_dir) / "pagefind", cache, self.options.previous, self.record,
            separate=parallel.processes(len(self.catalogue.entries), self.processes) > 1) if self.search else None)

    def downloads(self) -> dict[str, int]:
        """{path: size} of every download, waiting for them if they are still being written."""
        if self.sizes is None:
            started = time.perf_counter()
            try:
                self.sizes = self.exports.wait()
            except parallel.WorkerError as exc:
                raise BuildError(f"berkas unduhan tidak dapat dibuat: {exc}") from None
            notice = self.sizes.pop(downloads.NOTICE, None)
            if self.exports_key:
                self.record.add("unduhan", self.exports_key, sorted(self.sizes))
            if notice:
                self.timings["exports_cached"] = notice["hits"]
                self.timings["exports_spliced"] = notice["spliced"]
                if notice["message"]:
                    log.warning(notice["message"])
            self.timings["exports_wait"] = time.perf_counter() - started
            self.timings["exports"] = self.exports.seconds
        return self.sizes

    # 5. finish --------------------------------------------------------------------------------------
    def finish(self) -> None:
        self.downloads()  # normally long done (the data page waited for them)
        if self.page_cache is not None:
            self.page_cache.store(self.files)
            for dest_uri, key, title in self.page_cache.published(self.files):
                self.record.add(dest_uri, key, [dest_uri], title)
        self.converter.close()
        self.timings["bodies"] = self.converter.seconds
        if self.index is not None:
            started = time.perf_counter()
            try:
                self.index.wait()
            except search.SearchIndexError as exc:
                raise BuildError(str(exc)) from None
            if self.index.notice:
                log.warning(self.index.notice)
            self.timings["index_wait"] = time.perf_counter() - started
            self.timings["index"] = self.index.seconds
            self.timings["index_parts"] = self.index.indexed + self.index.cached + self.index.kept
            self.timings["index_parts_kept"] = self.index.kept
            self.timings["index_parts_indexed"] = self.index.indexed

    def once(self, key: str, render) -> str:
        """Template global ki_sekali: a fragment that is the same on many pages, rendered once per build."""
        if key not in self.fragments:
            self.fragments[key] = render()
        return self.fragments[key]

    def failed(self, page) -> None:
        """A page failed (in a plugin, a hook or a template): name the entry file behind it."""
        entry = getattr(getattr(page, "catalogue_page", None), "entry", None)
        if entry is not None:
            log.error(f"Halaman inovasi dari {entry.source} gagal dibuat.")

    def abort(self) -> None:
        if getattr(self, "converter", None) is not None:
            self.converter.close()
        if getattr(self, "exports", None) is not None:
            self.exports.abort()
        if getattr(self, "index", None) is not None:
            self.index.abort()


def preview_catalogue(catalogue: Catalogue, folders) -> Catalogue:
    """A preview shows only the regions it covers (and their provinces): with 552 regions, their pages
    and nav would cost more than the few innovations being previewed."""
    ref = catalogue.reference
    keep = {e.region_code for e in catalogue.entries} | {r.code for r in ref.regions.values() if r.slug in folders}
    keep |= {ref.regions[c].province_code for c in keep}
    regions = {code: r for code, r in ref.regions.items() if code in keep}
    return Catalogue(dataclasses.replace(ref, regions=regions), catalogue.entries)

