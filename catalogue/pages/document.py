"""Generated pages as MkDocs sees them: ordinary MkDocs pages (in Files, the nav, the sitemap, link and
anchor validation) whose Markdown and template data come from our page classes when MkDocs reads them.

MkDocs renders every page, innovation pages included, through its own stages, so every plugin event
runs once per page. Innovation pages differ in three ways: their Markdown is the contributor's body and
is never read for front matter; link and image targets are mapped to the site's pages before MkDocs
resolves and checks them; and the converted body is sanitised before any plugin or template sees it.
"""

from __future__ import annotations

import html

import markdown
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import File
from mkdocs.structure.toc import AnchorLink, TableOfContents, get_toc

from .. import links, sanitize
from .base import GeneratedPage
from .innovation import InnovationPage


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
    catalogue_page: InnovationPage

    def __init__(self, generated: InnovationPage, file: File, config):
        super().__init__(generated, file, config)
        # MkDocs page titles are HTML (taken from a rendered <h1>), and themes print them unescaped.
        self.title = html.escape(generated.entry.nama, quote=False)
        self.inovasi = None

    def read_source(self, config) -> None:
        super().read_source(config)
        self.inovasi = self.catalogue_page.view()
        self.edit_url = self.inovasi.edit_url

    def render(self, config, files) -> None:
        """MkDocs' Page.render (mkdocs/structure/pages.py, 1.6), plus the link map and the sanitiser."""
        md = markdown.Markdown(extensions=[*config["markdown_extensions"],
                                           links.TargetMap(self.catalogue_page.link_targets())],
                               extension_configs=config["mdx_configs"] or {})
        raw_html = mkdocs_pages._RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(self.file, files, config)
        anchors._register(md)
        relative = mkdocs_pages._RelativePathTreeprocessor(self.file, files, config)
        relative._register(md)
        self.content = sanitize.clean(md.convert(self.markdown), self.catalogue_page.raw_image_sources())
        self._title_from_render = self.title
        sections = self.inovasi.sections()
        body = get_toc(getattr(md, "toc_tokens", []))
        self.toc = TableOfContents([AnchorLink(t, a, 2) for a, t in sections[:1] if a == "ki-hasil-terukur"]
                                   + body.items + [AnchorLink(t, a, 2) for a, t in sections if a != "ki-hasil-terukur"])
        self.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids | {a for a, _ in sections}
        self.links_to_anchors = relative.links_to_anchors
