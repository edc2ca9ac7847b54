"""What an entry's body links to, as Python-Markdown reads it, and the map that points those links at
the site's pages when the innovation page is rendered.

The validator and the page use the same parse, so they agree on what a link is: a link inside a code
block is not a link, and `[a](b_(c).md)` points at `b_(c).md`. Raw HTML (kept aside by Python-Markdown)
is scanned for what the sanitiser will drop and for <img> tags. Line numbers are found by looking the
written text up in the body, since Python-Markdown's tree does not keep them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AMP_SUBSTITUTE

from . import sanitize

# The site's Markdown extensions: MkDocs' built-in ones and those of mkdocs.yml (a test keeps them equal).
EXTENSIONS = ["toc", "tables", "fenced_code", "admonition", "attr_list", "def_list", "md_in_html", "catalogue.site.tabel"]
SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")
URL_ATTRS = {"href", "src", "cite", "action", "formaction", "poster", "background", "xlink:href", "srcset"}


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based, within the body
    what: str


@dataclass(frozen=True)
class Reference:
    line: int
    target: str
    text: str
    image: bool


@dataclass
class Scan:
    findings: list[Finding]  # raw HTML or URL schemes the sanitiser removes
    links: list[Reference]  # links and images: Markdown, and <img> in raw HTML


def is_external(target: str) -> bool:
    return bool(SCHEME.match(target)) or target.startswith("//")


class _Collect(Treeprocessor):
    def run(self, root):
        found = self.md.found_links = []
        for el in root.iter():
            if el.tag == "a" and el.get("href") is not None:
                found.append((el.get("href"), "".join(el.itertext()), False))
            elif el.tag == "img" and el.get("src") is not None:
                found.append((el.get("src"), el.get("alt") or "", True))


class _CollectExtension(Extension):
    def extendMarkdown(self, md):
        md.treeprocessors.register(_Collect(md), "ki_collect", 0)


class TargetMap(Extension):
    """Points link and image targets at their final URLs: `targets` maps a target as written to (URL,
    the target page's src_uri or None, anchor). What the links point at is recorded in `linked` and
    `self_links`, for MkDocs' anchor validation."""

    def __init__(self, targets: dict):
        super().__init__()
        self.processor = _Map(None, targets)

    def extendMarkdown(self, md):
        self.processor.md = md
        md.treeprocessors.register(self.processor, "ki_targets", 1)


class _Map(Treeprocessor):
    def __init__(self, md, targets):
        super().__init__(md)
        self.targets = targets
        self.linked: list[tuple[str, str, str]] = []  # (target src_uri, anchor, as written)
        self.self_links: list[str] = []  # "#anchor" links within the page

    def run(self, root):
        for el in root.iter():
            key = "href" if el.tag == "a" else "src" if el.tag == "img" else None
            written = (el.get(key) or "").strip() if key else ""
            if not written:
                continue
            if written in self.targets:
                url, uri, anchor = self.targets[written]
                el.set(key, url)
                if uri and anchor:
                    self.linked.append((uri, anchor, written))
            elif key == "href" and written.startswith("#") and len(written) > 1 and el.get("class") != "headerlink":
                self.self_links.append(written)


class _TagScanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        # per start tag: (the tag as written, what the sanitiser drops from it, (src, alt) for <img>)
        self.tags: list[tuple[str, list[str], tuple[str, str] | None]] = []

    def handle_starttag(self, tag, attrs):
        written, dropped = self.get_starttag_text() or f"<{tag}", []
        if tag not in sanitize.TAGS:
            dropped.append(f"<{tag}>")
        else:
            allowed = sanitize.ATTRIBUTES.get(tag, set()) | sanitize.ATTRIBUTES["*"]
            for name, value in attrs:
                if name not in allowed:
                    dropped.append(f"atribut {name} pada <{tag}>")
                elif name in URL_ATTRS and value and (m := SCHEME.match(value)) \
                        and m.group(1).lower() not in sanitize.URL_SCHEMES:
                    dropped.append(f"alamat {m.group(1).lower()}: pada <{tag}>")
        image = (dict(attrs).get("src") or "", dict(attrs).get("alt") or "") if tag == "img" else None
        if dropped or image:
            self.tags.append((written, dropped, image))

    handle_startendtag = handle_starttag


_converter: markdown.Markdown | None = None  # one per process, reset between bodies


def _parse(body: str) -> markdown.Markdown:
    global _converter
    if _converter is None:
        _converter = markdown.Markdown(extensions=[*EXTENSIONS, _CollectExtension()])
    _converter.reset()
    _converter.found_links = []
    _converter.convert(body)
    return _converter


class _Lines:
    """Finds the line of a piece of written text, each occurrence claimed once, in order."""

    def __init__(self, body: str):
        self.body, self.claimed = body, set()

    def of(self, *needles: str) -> int:
        for needle in needles:
            if not needle:
                continue
            start = self.body.find(needle)
            while start != -1 and start in self.claimed:
                start = self.body.find(needle, start + 1)
            if start != -1:
                self.claimed.add(start)
                return self.body.count("\n", 0, start) + 1
        return 1


def scan(body: str) -> Scan:
    if "<" not in body and "](" not in body and "]:" not in body:  # no link, image or HTML at all
        return Scan([], [])
    md = _parse(body)
    lines = _Lines(body)
    findings, refs = [], []
    for target, text, image in md.found_links:
        if AMP_SUBSTITUTE in target:  # an obfuscated e-mail autolink
            continue
        line = lines.of(f"({target}", f"({target.strip()}", f"<{target}>", f": {target}", target, f"[{text}]")
        refs.append(Reference(line, target, text, image))
        if (m := SCHEME.match(target)) and m.group(1).lower() not in sanitize.URL_SCHEMES:
            findings.append(Finding(line, f"alamat {m.group(1).lower()}: pada tautan"))
    html_lines = _Lines(body)
    for block in md.htmlStash.rawHtmlBlocks:
        scanner = _TagScanner()
        try:
            scanner.feed(str(block))
            scanner.close()
        except Exception:  # noqa: BLE001  html.parser is lenient; never let odd markup stop validation
            pass
        for written, dropped, image in scanner.tags:
            line = html_lines.of(written, written[:40])
            findings += [Finding(line, what) for what in dropped]
            if image:
                refs.append(Reference(line, image[0], image[1], True))
    return Scan(sorted(findings, key=lambda f: f.line), sorted(refs, key=lambda r: r.line))
