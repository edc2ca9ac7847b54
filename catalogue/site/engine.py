"""The seam to the site engine, MkDocs 1.6 with the Material theme. Apart from plugin.py (the MkDocs plugin
class and its settings), this is the only module that imports MkDocs; nothing imports Material. What the
catalogue takes from the engine, by name:

- configuration: read_config() and the errors it raises (EngineError, ConfigError, Aborted)
- a build: build(config, dirty), with MkDocs' dirty-mode notice silenced (quiet_dirty_mode)
- files: generated_file() for a page or image the catalogue makes, skip() for one MkDocs must not write
- pages: CatalogueDocument and InnovationDocument, our generated pages as MkDocs pages
- Markdown as MkDocs converts it: anchor_collectors() for an innovation body converted elsewhere

Private or undocumented MkDocs APIs used here are marked "private:" in place and listed, with why, in
ARCHITECTURE.md ("The engine seam"), which also says what moving to another engine would touch.
"""

from __future__ import annotations

import html
import logging
from contextlib import contextmanager

from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException, PluginError
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import File, Files  # noqa: F401  (Files: the type build.py receives)
from mkdocs.structure.toc import AnchorLink, TableOfContents, get_toc

from . import ENGINE

log = logging.getLogger(mkdocs_pages.__name__)  # "properdocs.structure.pages" under ProperDocs
EngineError = MkDocsException  # anything MkDocs raises for a configuration or a build it cannot do
ConfigError = ConfigurationError
Aborted = Abort  # MkDocs has logged what is wrong


class BuildError(PluginError):
    """The build cannot go on; the message is for people (Indonesian). MkDocs reports it and aborts."""


# --- configuration and the build -------------------------------------------------------------------
def read_config(config_file: str, **overrides):
    from mkdocs.config import load_config  # imported when used: `catalogue validate` reads no MkDocs config
    return load_config(config_file, **overrides)


def build(config, dirty: bool) -> None:
    """MkDocs' build of a loaded configuration; `dirty`: pages whose file says it is unmodified are skipped
    (see skip())."""
    from mkdocs.commands.build import build as mkdocs_build
    with quiet_dirty_mode():
        mkdocs_build(config, dirty=dirty)


def _not_dirty_notice(record: logging.LogRecord) -> bool:
    """MkDocs warns that a dirty build may leave stale navigation; ours starts in an empty scratch folder (or
    is a preview) and only cached pages, keyed on the navigation too, are skipped."""
    return not record.getMessage().startswith(("A 'dirty' build is being performed", "The directory contains stale"))


@contextmanager
def quiet_dirty_mode():
    logger = logging.getLogger(f"{ENGINE}.commands.build")
    logger.addFilter(_not_dirty_notice)
    try:
        yield
    finally:
        logger.removeFilter(_not_dirty_notice)


def silence_dirty_mode() -> None:
    """For the life of the process (`mkdocs serve --dirty`, where MkDocs runs the builds)."""
    logging.getLogger(f"{ENGINE}.commands.build").addFilter(_not_dirty_notice)


# --- files ---------------------------------------------------------------------------------------------
def generated_file(config, src_uri: str, abs_src_path: str | None = None) -> File:
    """A file of the site that is not in docs/: a page whose Markdown a page class gives when MkDocs reads it
    (no abs_src_path), or an entry's image."""
    if abs_src_path is None:
        return File.generated(config, src_uri, content="")
    return File.generated(config, src_uri, abs_src_path=abs_src_path)


def skip(file: File) -> None:
    """MkDocs' dirty mode neither reads nor writes this file's page (it is in the site folder already). Private:
    dirty mode asks File.is_modified(), which compares modification times; ours says no."""
    file.is_modified = lambda: False


# --- pages -----------------------------------------------------------------------------------------------
class CatalogueDocument(mkdocs_pages.Page):
    """A generated page as MkDocs sees it: an ordinary page (in Files, the nav, the sitemap, link and anchor
    validation) whose Markdown and template data come from our page class (pages/) when MkDocs reads it."""

    def __init__(self, generated, file: File, config):
        super().__init__(generated.title, file, config)
        self.catalogue_page = generated
        self.daftar = None

    def read_source(self, config) -> None:
        self.markdown = self.catalogue_page.markdown()
        self.meta = self.catalogue_page.meta()
        self.daftar = self.catalogue_page.listing  # list pages: set by their resolve()

    def as_read(self, markdown: str, meta: dict, title: str | None) -> None:
        """What MkDocs would have read, for a page skipped in dirty mode: other pages' navigation shows its
        title. Private: Page._title_from_render is where MkDocs keeps a title taken from the rendered page."""
        self.markdown, self.meta, self._title_from_render = markdown, meta, title

    def render(self, config, files) -> None:
        super().render(config, files)
        if self.daftar:  # the template's group headings, under the page's last section
            groups = [AnchorLink(html.escape(f"{g.label} ({g.count})"), g.anchor, 3) for g in self.daftar.groups]
            if self.toc.items:
                self.toc.items[-1].children.extend(groups)
            self.present_anchor_ids |= {g.anchor for g in self.daftar.groups}


class InnovationDocument(CatalogueDocument):
    """An innovation page. Its Markdown is the contributor's body, never read for front matter; the body is
    converted (and sanitised) by bodies.Converter, on big catalogues in worker processes ahead of MkDocs'
    loop; links to other pages were checked by the validator and are checked again here against MkDocs'
    files, anchors by MkDocs' own anchor validation. Every plugin event runs for it as for any page."""

    def __init__(self, generated, file: File, config, converter):
        super().__init__(generated, file, config)
        # MkDocs page titles are HTML (taken from a rendered <h1>), and themes print them unescaped.
        self.title = html.escape(generated.entry.title, quote=False)
        self.inovasi = None
        self.converter = converter

    def read_source(self, config) -> None:
        super().read_source(config)
        self.inovasi = self.catalogue_page.view()
        self.edit_url = self.inovasi.edit_url

    def written(self) -> None:
        """The page's HTML is made (on_post_page): MkDocs keeps every page to the end of the build, and an
        innovation page's article and template data are ~20 KB that nothing reads again (0.8 GB at 40,000).
        Its title, links and anchors stay: the navigation, sitemap and anchor validation read them."""
        self.content = None
        self.inovasi = None

    def render(self, config, files) -> None:
        done = self.converter.get(self.file.src_uri)
        if self.markdown is not self.catalogue_page.markdown():  # a plugin's on_page_markdown changed it
            done = self.converter.again(self.file.src_uri, self.markdown, self.catalogue_page)
        self.content = done.content
        self._title_from_render = self.title
        sections = self.inovasi.sections()
        first = [AnchorLink(t, a, 2) for a, t in sections if a == "ki-hasil-terukur"]
        rest = [AnchorLink(t, a, 2) for a, t in sections if a != "ki-hasil-terukur"]
        self.toc = TableOfContents(first + get_toc(done.toc_tokens).items + rest)
        # Undocumented: the ids a page has and the anchors it links to, as MkDocs' anchor validation reads them.
        self.present_anchor_ids = set(done.anchor_ids) | {a for a, _ in sections}
        self.links_to_anchors = {}
        for uri, anchor, written in done.linked_anchors:
            target = files.get_file_from_path(uri)
            if target is None:  # the validator checked it; this would be a bug, reported like MkDocs does
                log.log(config.validation.links.not_found, f"Doc file '{self.file.src_uri}' contains a link "
                        f"'{written}', but the target '{uri}' is not found among documentation files.")
                continue
            self.links_to_anchors.setdefault(target, {}).setdefault(anchor, written)


# --- Markdown, as MkDocs converts a page -------------------------------------------------------------------
def anchor_collectors(md) -> tuple:
    """MkDocs' collectors of the ids a page has (headings, raw HTML), registered on a Markdown instance that
    converts innovation bodies outside MkDocs' page loop. Private: mkdocs.structure.pages'
    _RawHTMLPreprocessor and _ExtractAnchorsTreeprocessor, so the ids are found exactly as for other pages.
    Each has a present_anchor_ids set, to be emptied before every body."""
    raw_html = mkdocs_pages._RawHTMLPreprocessor()
    raw_html._register(md)
    anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(None, None, None)
    anchors._register(md)
    return raw_html, anchors
