"""Markdown extension: tables that stack into label/value rows on phones instead of hiding columns.

Every table of three or more columns gets `data-ki-tumpuk`, and each cell the text of its column's header
as `data-label`; catalogue.css turns such tables into one block per row on narrow screens, each value with
its label before it. Done when the HTML is made, so it works without JavaScript. Registered in mkdocs.yml
(`catalogue.tabel`)."""

from __future__ import annotations

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


class _Label(Treeprocessor):
    def run(self, root):
        for table in root.iter("table"):
            head = table.find("thead")
            headers = [" ".join("".join(th.itertext()).split()) for th in (head.iter("th") if head is not None else ())]
            if len(headers) < 3:
                continue
            table.set("data-ki-tumpuk", "")
            for row in table.iter("tr"):
                for cell, label in zip(row.findall("td"), headers):
                    cell.set("data-label", label)


class TableExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_Label(md), "ki_tabel", 4)  # after inline markup, before MkDocs' own


def makeExtension(**kwargs):
    return TableExtension(**kwargs)
