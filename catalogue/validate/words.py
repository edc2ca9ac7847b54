"""Small helpers for messages about what was written: ids from names, type names, near matches."""

from __future__ import annotations

import difflib
import re
import unicodedata


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-") or "inovasi-baru"


def type_name(value: object) -> str:
    if value is None:
        return "kosong"
    if isinstance(value, bool):
        return f"nilai benar/salah ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"angka ({value})"
    return {str: "teks", list: "daftar", dict: "pasangan kunci: nilai"}.get(type(value), type(value).__name__)


def closest(word: str, options) -> str | None:
    found = difflib.get_close_matches(str(word).lower(), list(options), n=1, cutoff=0.6)
    return found[0] if found else None
