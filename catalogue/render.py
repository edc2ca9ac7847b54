"""Innovation pages, rendered outside MkDocs' page loop: by forked worker processes when there are many.

MkDocs renders pages one after another in one process, and at national scale nine pages in ten are
innovation pages. They do not depend on each other, so the plugin takes them out of MkDocs' file list
and renders them here, once the nav and the theme environment are ready: in worker processes forked
from the build (they share its config, nav and theme), using MkDocs' own page stages, so every plugin
event still runs for them. Two things are leaner than MkDocs' Page.render: one Markdown instance per
process, reset between pages, and no link rewriting, because the page's links are already final
relative URLs (pages.EntryPage).

This uses two internal MkDocs functions (`_populate_page`, `_build_page`); mkdocs is pinned to 1.x.
"""

from __future__ import annotations

import html
import logging
import multiprocessing
import os
import traceback

import markdown
from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from . import pages

# Below this many innovations forking costs more than it saves; CATALOGUE_PROSES overrides.
PARALLEL_FROM = 1000
CHUNK = 100  # innovations per task: small enough to balance the workers, large enough to be cheap


def processes(entries: int, setting: int = 0) -> int:
    """How many processes render innovation pages: the setting, else every usable core for big catalogues."""
    if setting > 0:
        return setting
    if entries < PARALLEL_FROM:
        return 1
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


class EntryDocument(Page):
    """An innovation page: MkDocs' Page with a reused Markdown converter and the title known up front."""

    _converters: dict[int, markdown.Markdown] = {}

    def __init__(self, file: File, config, generated: pages.EntryPage):
        super().__init__(None, file, config)
        self.catalogue_page = generated  # its entry and HTML blocks, for the plugin's page events
        # MkDocs' titles are HTML (taken from the rendered <h1>) and themes print them unescaped.
        self._known_title = html.escape(generated.entry.nama, quote=False)

    def render(self, config, files) -> None:
        md = self._converters.get(id(config))
        if md is None:
            self._converters.clear()
            md = self._converters[id(config)] = markdown.Markdown(
                extensions=config["markdown_extensions"], extension_configs=config["mdx_configs"] or {})
        self.content = md.reset().convert(self.markdown)
        self.toc = get_toc(getattr(md, "toc_tokens", []))
        self._title_from_render = self._known_title
        self.present_anchor_ids = set()


class _Counter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record):
        self.count += 1


# What the workers need, set before they are forked (fork shares it; nothing is pickled but indexes).
_state: dict = {}


def _render(start: int, stop: int) -> tuple[int, str | None]:
    """Render innovations [start, stop): (warnings logged, error text or None)."""
    s = _state
    counter = _Counter()
    logging.getLogger("mkdocs").addHandler(counter)
    entry = None
    try:
        for entry in s["entries"][start:stop]:
            page = pages.EntryPage(s["site"], entry)
            file = File.generated(s["config"], page.src_uri, content=page.render())
            doc = EntryDocument(file, s["config"], page)
            _populate_page(doc, s["config"], s["files"])
            _build_page(doc, s["config"], s["doc_files"], s["nav"], s["env"])
        return counter.count, None
    except Exception as exc:  # noqa: BLE001  reported by the parent, which decides what to do
        where = entry.source if entry is not None else "?"
        detail = traceback.format_exc() if os.environ.get("CATALOGUE_DEBUG") else f"{type(exc).__name__}: {exc}"
        return counter.count, f"{where}: {detail}"
    finally:
        logging.getLogger("mkdocs").removeHandler(counter)


class EntryRenderer:
    """Renders every innovation page, in `workers` forked processes or (workers == 1) in this one."""

    def __init__(self, site, entries, config, files, nav, env, workers: int):
        _state.update(site=site, entries=entries, config=config, files=files, nav=nav, env=env,
                      doc_files=files.documentation_pages())
        self.workers, self.pool, self.pending = workers, None, None
        ranges = [(i, min(i + CHUNK, len(entries))) for i in range(0, len(entries), CHUNK)]
        if workers > 1 and ranges:
            self.pool = multiprocessing.get_context("fork").Pool(workers)
            self.pending = self.pool.starmap_async(_render, ranges, chunksize=1)
            self.results = None
        else:  # small catalogues: no fork, same code
            self.results = [_render(a, b) for a, b in ranges]

    def wait(self) -> tuple[int, list[str]]:
        """(warnings logged while rendering, errors)."""
        if self.pool is not None:
            try:
                self.results = self.pending.get()
            finally:
                self.pool.close()
                self.pool.join()
                self.pool = None
        _state.clear()
        results = self.results or []
        return sum(w for w, _ in results), [e for _, e in results if e]

    def abort(self) -> None:
        if self.pool is not None:
            self.pool.terminate()
            self.pool.join()
            self.pool = None
        _state.clear()
