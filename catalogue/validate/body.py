"""Checks of an entry's body: required sections, length, raw HTML the sanitiser drops, images and links."""

from __future__ import annotations

import re
from pathlib import Path

from ..entry import schema
from ..entry.checked import probe
from ..entry.model import sections
from ..entry.problems import problem
from ..site import links

IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".webp", ".gif")  # no SVG: it can carry script
IMAGE_MAX_KB = 500
SITE_PATH = re.compile(r"^/(inovasi|wilayah|bidang)/([a-z0-9-]+)/?(#.*)?$")
_H1 = re.compile(r"^ {0,3}#(?!#)\s*\S.*$", re.MULTILINE)
_HEADING_LINE = re.compile(r"^[^\S\n]*#.*$", re.MULTILINE)


_PROMPTS = tuple((s, " ".join(s.prompt.split()), s.prompt.split()[0]) for s in schema.SECTIONS)


def inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


class BodyChecks:
    """Mixed into FileChecker (entry.py): uses its source file, reference data, folders and problem list."""

    def _check_body(self) -> None:
        if not self.src.body.strip():  # one problem, at the file's last line, not one per section
            self.problems.append(problem("body-missing", self.src.display, self.src.end_line, 1, "isi"))
            return
        has_h1 = "#" in self.src.body and _H1.search(self.src.body) is not None  # whole body first: rare
        if has_h1:  # the page's one level-1 heading is the innovation's name
            fence = False
            for n, text in enumerate(self.src.body.split("\n")):
                fence ^= text.lstrip().startswith(("```", "~~~"))
                if not fence and _H1.match(text):
                    self._body_problem("heading-level", n + 1, text=text.strip()[:60])
        if getattr(self, "summary", False):  # a summary: any structure, at least a few sentences
            self._check_template_text(sections(self.src.body))
            words = len(self.src.body.split())
            if words < schema.SUMMARY_MIN_WORDS:
                self.problems.append(problem("summary-too-short", self.src.display, self.src.body_line, 1, "isi",
                                             count=words, minimum=schema.SUMMARY_MIN_WORDS))
            return
        found = sections(self.src.body)
        self._check_template_text(found)
        ones = {h.lstrip(" #").strip().lower() for h in _H1.findall(self.src.body)} if has_h1 else set()
        for title in schema.REQUIRED_SECTIONS:
            if title.lower() not in found and title.lower() not in ones:  # "# Manfaat": reported as heading-level
                self.problems.append(problem("missing-section", self.src.display, self.src.body_line, 1,
                                             "isi", section=title))
        # Whitespace-separated words outside headings: cheap enough for 30,000 entries.
        body = self.src.body
        words = len(body.split()) - sum(len(h.split()) for h in _HEADING_LINE.findall(body))
        if words < schema.MIN_WORDS:
            self.problems.append(problem("body-too-short", self.src.display, self.src.body_line, 1, "isi",
                                         count=words, minimum=schema.MIN_WORDS))

    def _check_template_text(self, found: dict[str, str]) -> None:
        for s, prompt, first in _PROMPTS:  # a prompt from the template left in place would be published as is
            text = found.get(s.title.lower(), "")
            if first in text and prompt in " ".join(text.split()):  # its first word: a cheap test first
                line = self.src.body_line + self.src.body[:self.src.body.find(s.prompt[:30])].count("\n") \
                    if s.prompt[:30] in self.src.body else self.src.body_line
                self.problems.append(problem("template-text", self.src.display, line, 1, "isi", section=s.title,
                                             text=s.prompt[:60] + ("…" if len(s.prompt) > 60 else "")))

    def _body_problem(self, code: str, line: int, **params) -> None:
        self.problems.append(problem(code, self.src.display, self.src.body_line + line - 1, None, "isi", **params))

    def _check_content(self) -> None:
        """Raw HTML the sanitiser will drop (warnings), images and internal links (errors)."""
        found = links.scan(self.src.body)
        for f in found.findings:
            self._body_problem("unsafe-html", f.line, what=f.what)
        folder = self.src.path.parent
        for ref in found.links:
            target = ref.target.strip()
            if ref.image:
                self._check_image(ref, target, folder)
            elif target and not target.startswith("#") and not links.is_external(target):
                self._check_link(ref, target, folder)

    def _local(self, ref, target: str, folder: Path) -> Path | None:
        path = (folder / target.split("#")[0].split("?")[0]).resolve()
        if not inside(path, self.entries_dir):
            self._body_problem("path-outside", ref.line, value=target)
            return None
        return path

    def _check_image(self, ref, target: str, folder: Path) -> None:
        if not target:
            return self._body_problem("image-missing", ref.line, value=target)
        if links.is_external(target):
            return self._body_problem("image-external", ref.line, value=target)
        if not ref.text.strip():
            self._body_problem("image-alt-missing", ref.line, value=target)
        path = self._local(ref, target, folder)
        if path is None:
            return
        if path.suffix.lower() not in IMAGE_TYPES:
            return self._body_problem("image-type", ref.line, value=target, allowed=", ".join(IMAGE_TYPES))
        self.probes.append(probe(path))
        if not path.is_file():
            return self._body_problem("image-missing", ref.line, value=target)
        size = path.stat().st_size // 1024
        if size > IMAGE_MAX_KB:
            return self._body_problem("image-too-large", ref.line, value=target, size=size, limit=IMAGE_MAX_KB)
        self.images[target] = path.relative_to(self.entries_dir).as_posix()

    def _check_link(self, ref, target: str, folder: Path) -> None:
        if m := SITE_PATH.match(target):
            kind, name = m.group(1), m.group(2)
            if kind == "inovasi":
                self.checked.entry_links.append((ref.line, target, name))
                self.links[target] = f"inovasi/{name}.md"
            elif kind == "wilayah" and name in self.ref.by_slug:
                self.links[target] = f"wilayah/{name}.md"
            elif kind == "bidang" and name in self.ref.areas:
                self.links[target] = f"bidang/{name}.md"
            else:
                self._body_problem("broken-link", ref.line, value=target)
            return
        if target.split("#")[0].endswith(".md"):
            path = self._local(ref, target, folder)
            if path is None:
                return
            self.probes.append(probe(path))
            if not path.is_file():
                return self._body_problem("broken-link", ref.line, value=target)
            self.checked.entry_links.append((ref.line, target, path.stem))
            self.links[target] = f"inovasi/{path.stem}.md"
            return
        self._body_problem("broken-link", ref.line, value=target)
