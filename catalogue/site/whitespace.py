"""Whitespace the theme's templates leave between tags, collapsed: every run of spaces, tabs and newlines that
holds a newline becomes one newline. The browser renders both the same (such a run is one space, or nothing
between blocks), except where whitespace is kept as typed, so <pre>, <textarea>, <code>, <script> and
<style> are left alone. Material's nested navigation makes an innovation page ~2.3 KB (14 %) smaller this
way, a region page ~40 %; at 40,000 innovations that is ~100 MB of a site GitHub Pages caps at 1 GB (issue 26).
A minifier (minify-html) saves ~0.5 KB more per page by dropping quotes and optional tags, at 4x the time
in the build's one rendering process, and as a new dependency."""

from __future__ import annotations

import re

_KEPT = re.compile("(" + "|".join(rf"<{tag}\b.*?</{tag}\s*>" for tag in ("pre", "textarea", "code", "script", "style"))
                   + ")", re.S | re.I)
_RUN = re.compile(r"[ \t\r\f]*\n[ \t\r\n\f]*")  # not \s: a no-break space (U+00A0) is text


def collapse(html: str) -> str:
    parts = _KEPT.split(html)  # [text, kept, text, …]
    parts[::2] = [_RUN.sub("\n", text) for text in parts[::2]]
    return "".join(parts)
