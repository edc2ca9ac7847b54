"""Innovation bodies converted to HTML ahead of MkDocs' page loop, in parallel on big catalogues.

At national scale nine pages in ten are innovation pages, and converting their bodies (Python-Markdown,
then the sanitiser) is the one expensive step that depends on nothing but the body itself. So it runs in
worker processes (parallel.py) while MkDocs reads the other pages; MkDocs then renders innovation pages
in its own loop like any page, taking the converted body when it gets there.

Links and images were checked by the validator and are mapped to their final URLs here (links.TargetMap);
the anchors they point at are returned, so that MkDocs' own anchor validation checks them like any link.
"""

from __future__ import annotations

import pickle
import time
from concurrent.futures import Future
from dataclasses import dataclass

import markdown

from .. import parallel
from . import engine, links, sanitize

CHUNK = 100  # bodies per task: small enough to balance the workers, large enough to be cheap
# Chunks converted ahead of the page MkDocs renders: the workers keep converting while MkDocs reads the
# other pages, and a result waits in memory only until its page is rendered (all 40,000 results held
# at once were ~0.5 GB of the build's peak).
AHEAD = 30


@dataclass(frozen=True)
class Body:
    src_uri: str
    markdown: str
    targets: dict  # as written -> (URL, target page src_uri or None, anchor or "")
    images: dict  # <img src> in raw HTML as written -> URL


@dataclass(frozen=True)
class Converted:
    content: str  # sanitised HTML
    toc_tokens: list
    anchor_ids: frozenset  # ids present on the page
    linked_anchors: tuple  # (target src_uri, anchor, link as written)


_converters: dict = {}  # one Markdown instance per process and settings, reset between bodies


def _converter(extensions: list, configs: dict) -> tuple:
    key = repr((extensions, configs))
    if key not in _converters:
        _converters.clear()
        mapper = links.TargetMap({})
        md = markdown.Markdown(extensions=[*extensions, mapper], extension_configs=configs)
        raw_html, anchors = engine.anchor_collectors(md)  # the page's ids, found as MkDocs finds them
        _converters[key] = (md, mapper, raw_html, anchors)
    return _converters[key]


def convert(bodies: list[Body], extensions: list, configs: dict) -> list[Converted]:
    """Convert and sanitise bodies (in a worker process, or here for small catalogues)."""
    md, mapper, raw_html, anchors = _converter(extensions, configs)
    out = []
    for body in bodies:
        md.reset()
        mapper.processor.targets = body.targets
        mapper.processor.linked, mapper.processor.self_links = [], []
        raw_html.present_anchor_ids, anchors.present_anchor_ids = set(), set()
        html = md.convert(body.markdown)
        own = [(body.src_uri, href[1:], href) for href in mapper.processor.self_links]
        out.append(Converted(sanitize.clean(html, body.images), getattr(md, "toc_tokens", []),
                             frozenset(anchors.present_anchor_ids | raw_html.present_anchor_ids),
                             tuple(mapper.processor.linked + own)))
    return out


def _convert_task(args) -> tuple[list[Converted], float]:
    started = time.perf_counter()
    return convert(*args), time.perf_counter() - started


class Converter:
    """Converts every innovation body, in `workers` processes (or on demand in this one); `get(src_uri)`
    returns a body's result, waiting for its chunk if needed."""

    def __init__(self, bodies: list[Body], config, workers: int):
        self.settings = (list(config["markdown_extensions"]), dict(config["mdx_configs"] or {}))
        self.where: dict[str, tuple[int, int]] = {}
        chunks = [bodies[i:i + CHUNK] for i in range(0, len(bodies), CHUNK)]
        for c, chunk in enumerate(chunks):
            for i, body in enumerate(chunk):
                self.where[body.src_uri] = (c, i)
        self.chunks, self.done, self.seconds, self.pool = chunks, {}, 0.0, None
        self.left = [len(chunk) for chunk in chunks]  # results of each chunk not taken yet
        if workers > 1 and len(chunks) > 1 and _picklable(self.settings):
            self.pool = parallel.pool(workers)
            self.futures: list[Future | None] = [None] * len(chunks)
            for c in range(min(AHEAD, len(chunks))):
                self._submit(c)

    def _submit(self, c: int) -> None:
        if c < len(self.chunks) and self.futures[c] is None and self.chunks[c] is not None:
            self.futures[c] = self.pool.submit(_convert_task, (self.chunks[c], *self.settings))

    def get(self, src_uri: str) -> Converted:
        """Each body's result once (a page is rendered once per build): a chunk's results are let go when all
        are taken, so the build does not hold every converted body to its end (~0.3 GB at 40,000)."""
        c, i = self.where.pop(src_uri)
        if c not in self.done:
            if self.pool is not None:
                self._submit(c)  # pages rendered out of order: its chunk now
                self._submit(c + AHEAD)  # one chunk in, the next out: at most AHEAD chunks' results held
                self.done[c], seconds = self.futures[c].result()
                self.futures[c] = None
            else:
                self.done[c], seconds = _convert_task((self.chunks[c], *self.settings))
            self.seconds += seconds
            self.chunks[c] = None  # the Markdown is no longer needed
        found = self.done[c][i]
        self.left[c] -= 1
        if not self.left[c]:
            del self.done[c]
        return found

    def again(self, src_uri: str, markdown: str, page) -> Converted:
        """A body converted here and now, from Markdown a plugin changed (on_page_markdown)."""
        return convert([Body(src_uri, markdown, page.link_targets(), page.raw_image_sources())], *self.settings)[0]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def _picklable(value) -> bool:
    try:
        pickle.dumps(value)
        return True
    except Exception:  # noqa: BLE001  e.g. an extension object a plugin added: convert in this process
        return False
