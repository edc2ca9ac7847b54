"""What an entry's Markdown body contains: raw HTML the sanitiser will drop, images and links.

Pure text scanning with line numbers (relative to the body); the validator turns findings into
problems and the entry page uses `rewrite` for the same links, so both agree on what a link is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

from . import sanitize

# Inline links and images: [text](target "title") and ![alt](src); reference definitions [x]: target
LINK = re.compile(r"(?P<bang>!?)\[(?P<text>[^\]\n]*)\]\(\s*<?(?P<target>[^)\s>]*)>?(?:\s+[\"'][^\"'\n]*[\"'])?\s*\)")
REFDEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:\s*<?(?P<target>\S+?)>?(?:\s+.*)?$", re.M)
SCHEME = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")
FENCE = re.compile(r"^( {0,3})(```|~~~).*?^\1\2[^\n]*$", re.S | re.M)
CODE_SPAN = re.compile(r"(`+)(?!`).+?(?<!`)\1", re.S)
URL_ATTRS = {"href", "src", "cite", "action", "formaction", "poster", "background", "xlink:href", "srcset"}


@dataclass(frozen=True)
class Finding:
    line: int  # 1-based, within the body
    kind: str  # element | attribute | scheme
    what: str


@dataclass(frozen=True)
class Reference:
    line: int
    target: str
    text: str
    image: bool


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def without_code(body: str) -> str:
    """The body with code blocks and code spans blanked out (same length and lines): not HTML, not links."""
    return CODE_SPAN.sub(_blank, FENCE.sub(_blank, body))


def _line_of(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


class _TagScanner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings: list[Finding] = []
        self.images: list[Reference] = []

    def handle_starttag(self, tag, attrs):
        line = self.getpos()[0]
        if tag not in sanitize.TAGS:
            self.findings.append(Finding(line, "element", f"<{tag}>"))
            return
        allowed = sanitize.ATTRIBUTES.get(tag, set()) | sanitize.ATTRIBUTES["*"]
        for name, value in attrs:
            if name not in allowed:
                self.findings.append(Finding(line, "attribute", f"atribut {name} pada <{tag}>"))
            elif name in URL_ATTRS and value and (m := SCHEME.match(value)) \
                    and m.group(1).lower() not in sanitize.URL_SCHEMES:
                self.findings.append(Finding(line, "scheme", f"alamat {m.group(1).lower()}: pada <{tag}>"))
        if tag == "img":
            values = dict(attrs)
            self.images.append(Reference(line, values.get("src") or "", values.get("alt") or "", True))

    handle_startendtag = handle_starttag


@dataclass
class Scan:
    findings: list[Finding]
    links: list[Reference]  # links and images, Markdown and <img>


def scan(body: str) -> Scan:
    text = without_code(body) if "`" in body or "~~~" in body else body
    parser = _TagScanner()
    if "<" in text:  # most bodies have no HTML at all: skip the parser (validation speed at 30,000 entries)
        try:
            parser.feed(text)
            parser.close()
        except Exception:  # noqa: BLE001  html.parser is lenient; never let odd markup stop validation
            pass
    links = list(parser.images)
    for m in LINK.finditer(text) if "](" in text else ():
        links.append(Reference(_line_of(text, m.start()), m.group("target"), m.group("text"), bool(m.group("bang"))))
    for m in REFDEF.finditer(text) if "]:" in text else ():
        links.append(Reference(_line_of(text, m.start()), m.group("target"), "", False))
    findings = list(parser.findings)
    for ref in links:
        if (m := SCHEME.match(ref.target)) and m.group(1).lower() not in sanitize.URL_SCHEMES:
            findings.append(Finding(ref.line, "scheme", f"alamat {m.group(1).lower()}: pada tautan"))
    return Scan(sorted(findings, key=lambda f: f.line), sorted(links, key=lambda r: r.line))


def is_external(target: str) -> bool:
    return bool(SCHEME.match(target)) or target.startswith("//")


def rewrite(body: str, fn) -> str:
    """Replace link/image targets outside code: fn(target, kind) returns the new target or None.

    kind is "link" or "image" for Markdown (MkDocs then resolves and checks them) and "html-image" for
    <img src> in raw HTML, which MkDocs leaves alone."""
    code = without_code(body)

    def sub(m: re.Match) -> str:
        if code[m.start():m.end()] != m.group(0):  # inside code: leave as written
            return m.group(0)
        new = fn(m.group("target"), "image" if m.group("bang") else "link")
        if new is None:
            return m.group(0)
        start, end = m.span("target")
        return m.group(0)[: start - m.start()] + new + m.group(0)[end - m.start():]
    body = LINK.sub(sub, body)
    return re.sub(r'(<img\b[^>]*?\bsrc=")([^"]*)(")',
                  lambda m: m.group(1) + (fn(m.group(2), "html-image") or m.group(2)) + m.group(3), body)
