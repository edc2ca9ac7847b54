"""Generated pages as MkDocs sees them: ordinary MkDocs pages (in Files, the nav, the sitemap, link and
anchor validation) whose Markdown and template data come from our page classes when MkDocs reads them.

MkDocs renders every page, innovation pages included, through its own stages, so every plugin event
runs once per page. Innovation pages differ in three ways: their Markdown is the contributor's body and
is never read for front matter; link and image targets are mapped to the site's pages before MkDocs
resolves and checks them; and the converted body is sanitised before any plugin or template sees it.
"""

from __future__ import annotations

import html

import logging

from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import File
from mkdocs.structure.toc import AnchorLink, TableOfContents, get_toc

from .. import bodies
from .base import GeneratedPage
from .innovation import InnovationPage

log = logging.getLogger("mkdocs.structure.pages")


class CatalogueDocument(mkdocs_pages.Page):
    def __init__(self, generated: GeneratedPage, file: File, config):
        super().__init__(generated.title, file, config)
        self.catalogue_page = generated
        self.daftar = None

    def read_source(self, config) -> None:
        self.markdown = self.catalogue_page.markdown()
        self.meta = self.catalogue_page.meta()
        self.daftar = self.catalogue_page.listing  # list pages: set by their resolve()

    def render(self, config, files) -> None:
        super().render(config, files)
        if self.daftar:  # the template's group headings, under the page's last section
            groups = [AnchorLink(html.escape(f"{g.label} ({g.count})"), g.anchor, 3) for g in self.daftar.groups]
            if self.toc.items:
                self.toc.items[-1].children.extend(groups)
            self.present_anchor_ids |= {g.anchor for g in self.daftar.groups}


class InnovationDocument(CatalogueDocument):
    """An innovation page. Its body is converted (and sanitised) by bodies.Converter, on big catalogues in
    worker processes ahead of MkDocs' loop; links to other pages were checked by the validator and are
    checked again here against MkDocs' files, anchors by MkDocs' own anchor validation."""
    catalogue_page: InnovationPage

    def __init__(self, generated: InnovationPage, file: File, config, converter: bodies.Converter):
        super().__init__(generated, file, config)
        # MkDocs page titles are HTML (taken from a rendered <h1>), and themes print them unescaped.
        self.title = html.escape(generated.entry.title, quote=False)
        self.inovasi = None
        self.converter = converter

    def read_source(self, config) -> None:
        super().read_source(config)
        self.inovasi = self.catalogue_page.view()
        self.edit_url = self.inovasi.edit_url

    def render(self, config, files) -> None:
        done = self.converter.get(self.file.src_uri)
        if self.markdown is not self.catalogue_page.markdown():  # a plugin's on_page_markdown changed it
            page = self.catalogue_page
            done = bodies.convert([bodies.Body(self.file.src_uri, self.markdown, page.link_targets(),
                                               page.raw_image_sources())], *self.converter.settings)[0]
        self.content = done.content
        self._title_from_render = self.title
        sections = self.inovasi.sections()
        first = [AnchorLink(t, a, 2) for a, t in sections if a == "ki-hasil-terukur"]
        rest = [AnchorLink(t, a, 2) for a, t in sections if a != "ki-hasil-terukur"]
        self.toc = TableOfContents(first + get_toc(done.toc_tokens).items + rest)
        self.present_anchor_ids = set(done.anchor_ids) | {a for a, _ in sections}
        self.links_to_anchors = {}
        for uri, anchor, written in done.linked_anchors:
            target = files.get_file_from_path(uri)
            if target is None:  # the validator checked it; this would be a bug, reported like MkDocs does
                log.log(config.validation.links.not_found, f"Doc file '{self.file.src_uri}' contains a link "
                        f"'{written}', but the target '{uri}' is not found among documentation files.")
                continue
            self.links_to_anchors.setdefault(target, {}).setdefault(anchor, written)
