"""libyaml's errors explained in Indonesian, on the line where the clerk made the slip.

libyaml speaks English (and the C loader words things differently from pure-Python PyYAML): every
message is explained in Indonesian, and the commonest slips get their fix written out for the line at
hand. libyaml often notices a slip later than it was made (an unclosed quote or bracket at the end of the
file, a value on the next line at the key after it); the line reported is moved back to the slip.
"""

from __future__ import annotations

import re

import yaml

from . import schema

_PHRASES = (  # (part of libyaml's message, explanation)
    ("mapping values are not allowed", "ada titik dua (:) di dalam nilai"),
    ("tab character", "ada karakter tab"),
    ("could not find expected ':'", "tanda titik dua (:) setelah nama isian tidak ditemukan"),
    ("unexpected end of stream", "berkas berakhir sebelum tanda kutip atau kurung ditutup"),
    ("did not find expected key", "indentasi tidak rata, atau tanda kutip tidak ditutup"),
    ("undefined alias", "alias YAML (*) tidak dikenal"),
    ("expected ',' or ']'", "daftar [ ... ] tidak ditutup dengan benar"),
    ("expected ',' or '}'", "pasangan { ... } tidak ditutup dengan benar"),
    ("expected node content", "nilai tidak ditemukan"),
    ("expected '-' indicator", "indentasi daftar (-) tidak rata"),
    ("unknown escape character", "garis miring terbalik (\\) di dalam tanda kutip ganda tidak dikenal"),
    ("control characters are not allowed", "ada karakter kendali yang tidak terlihat"),
    ("expected <block end>", "indentasi tidak rata"),
    ("found unexpected ':'", "ada titik dua (:) yang tidak pada tempatnya"),
    ("cannot start any token", "nilai diawali karakter yang tidak boleh berada di awal (misalnya @, ` atau %)"),
    ("block sequence entries are not allowed", "tanda '-' di awal nilai dibaca sebagai awal daftar"),
)
_QUOTE_IT = ("mapping values are not allowed", "cannot start any token", "block sequence entries are not allowed")
_GENERAL = "Periksa titik dua, tanda kutip dan indentasi (gunakan spasi, bukan tab) di baris ini dan baris sebelumnya."
_KEY = r"[A-Za-z_][\w-]*"
_NO_SPACE = re.compile(rf"^(\s*(?:-\s+)?)({_KEY}):([^\s/].*)$")
_KEY_VALUE = re.compile(rf"^(\s*(?:-\s+)?)({_KEY}):\s+(.+?)\s*$")
_KEY_ONLY = re.compile(rf"^\s*(?:-\s+)?({_KEY}):\s*(.*?)\s*$")
_QUOTED = re.compile(rf"^(\s*(?:-\s+)?)({_KEY}):\s+(['\"])(.*?)\s*$")  # a value that starts with a quote
_BULLET = re.compile(rf"^-\s+({_KEY}:.*?)\s*$")
# Keys whose value is a group of keys: `kontak: email: …` means `kontak: {email: …}`.
_GROUPS = {f.name for f in schema.FIELDS if f.kind in ("contact", "results")} | set(schema.RESULT_KEYS)


def explain(text: str, exc: yaml.YAMLError) -> tuple[int | None, int | None, str, str]:
    """(line, column, Indonesian explanation, advice) for a libyaml error in `text` (lines 1-based)."""
    if isinstance(exc, yaml.reader.ReaderError):  # its position counts UTF-8 bytes, not characters
        before = text.encode("utf-8")[:exc.position].decode("utf-8", "ignore")
        advice = ("Karakter seperti ini biasanya terbawa saat menyalin dari PDF atau pengolah kata: hapus lalu "
                  "ketik ulang nilai di baris ini.")
        detail = "ada karakter kendali yang tidak terlihat"
        return before.count("\n") + 1, len(before) - before.rfind("\n"), detail, advice
    marked = isinstance(exc, yaml.MarkedYAMLError)
    english = " ".join(filter(None, [exc.context, exc.problem])) if marked else str(exc)
    mark = (exc.problem_mark or exc.context_mark) if marked else None
    start = exc.context_mark if marked else None  # where what is unclosed was opened
    lines = text.split("\n")
    line = mark.line + 1 if mark else None
    col = mark.column + 1 if mark else None
    at = lines[line - 1] if line and line <= len(lines) else ""
    detail = next((idn for en, idn in _PHRASES if en in english), "susunan YAML tidak dapat dibaca di sini")
    advice = _GENERAL
    upto = lines[:line] if line else lines
    tabbed = next((i for i, s in enumerate(upto, 1) if s.startswith("\t") or "\t" in s.split(":", 1)[0]), None)
    squeezed = next((i for i, s in enumerate(upto, 1) if _NO_SPACE.match(s)), None)
    if "tab character" in english or tabbed:
        line, col = (tabbed or line), 1
        detail, advice = "ada karakter tab", "YAML hanya menerima spasi: ganti tab di awal baris ini dengan spasi."
    elif squeezed:
        m = _NO_SPACE.match(lines[squeezed - 1])
        line, col = squeezed, len(m.group(1)) + len(m.group(2)) + 2
        detail = "tidak ada spasi setelah titik dua"
        advice = f'Tulis satu spasi setelah titik dua: {m.group(2)}: {m.group(3)}'
    elif found := _open_quote(lines, english, start, line):
        line, col, detail, advice = found
    elif "expected ',' or" in english and start and (found := _open_bracket(lines, start)):
        line, col, detail, advice = found
    elif "could not find expected ':'" in english and start:
        line, col = start.line + 1, start.column + 1
        detail, advice = "baris ini tidak berbentuk 'nama isian: nilai'", _lone_line(lines, line)
    elif found := _closed_early(at):
        detail, advice = found
    elif ("expected key" in english or "block end" in english) and (m := _BULLET.match(at)):
        detail = "baris isian diawali tanda '-'"
        advice = f"Hapus tanda '-' di awal baris ini: {m.group(1)}"
    elif ("expected key" in english or "block end" in english) and (n := _sibling_indent(lines, line)) is not None:
        detail = "indentasi tidak rata"
        advice = f"Tulis baris ini dengan {n} spasi di awal, sama seperti baris isian di atasnya."
    elif any(en in english for en in _QUOTE_IT) and (m := _KEY_VALUE.match(at)):
        key, value = m.group(2), m.group(3)
        inner = value.split(":", 1)[0].strip()
        if "mapping values" in english and (key in _GROUPS or inner in _GROUPS) and value[:1] not in "{[":
            advice = f"Tulis isian di dalamnya dalam kurung kurawal: {key}: {{{value}}}"
        elif "mapping values" in english or value[:1] not in "{[":
            advice = f"Beri tanda kutip pada seluruh nilainya: {key}: {_quote(value)}"
    return line, col, detail, advice


def _quote(inner: str) -> str:
    """`inner` in double quotes, or in single quotes when it holds a double quote."""
    if '"' not in inner:
        return f'"{inner}"'
    return "'" + inner.replace("'", "''") + "'"


def _open_quote(lines: list[str], english: str, start, line: int | None):
    """A quote opened and never closed: libyaml reads on to the end of the file (or to the next quote,
    on a later line) and complains there; the slip is on the line where the quote was opened."""
    opened = None
    if "while scanning a quoted scalar" in english and start:
        opened = start.line + 1
    elif line:  # the quote closes on the error line, opened on an earlier line with no quote in between
        for k in range(line - 1, 0, -1):
            m = _QUOTED.match(lines[k - 1])
            if m and m.group(4).count(m.group(3)) % 2 == 0 and m.group(3) in lines[line - 1]:
                if all(m.group(3) not in s for s in lines[k:line - 1]):
                    opened = k
                break
    if not opened:
        return None
    detail = "tanda kutip yang dibuka di baris ini tidak ditutup"
    m = _QUOTED.match(lines[opened - 1])
    if not m:  # inside [ ] or { }: the place, without a rewritten line
        return opened, start.column + 1, detail, _GENERAL
    q, inner = m.group(3), m.group(4)
    if inner and inner[-1] in "'\"" and inner[-1] != q:
        inner = inner[:-1]
        detail += f" (dibuka dengan {q} tetapi ditutup dengan {m.group(4)[-1]})"
    return opened, m.start(3) + 1, detail, f"Tutup tanda kutipnya di akhir nilai: {m.group(2)}: {_quote(inner)}"


def _open_bracket(lines: list[str], start):
    """A [ or { not closed on its line: libyaml complains on a later line."""
    line = start.line + 1
    text = lines[line - 1] if line <= len(lines) else ""
    opener = text[start.column:start.column + 1]
    closer = {"[": "]", "{": "}"}.get(opener)
    if not closer or text.count(closer) >= text.count(opener):
        return None
    what = "daftar [ ... ]" if opener == "[" else "pasangan { ... }"
    fixed = text.rstrip().rstrip(",") + closer * (text.count(opener) - text.count(closer))
    return (line, start.column + 1, f"{what} yang dibuka di baris ini tidak ditutup dengan {closer}",
            f"Tutup dengan {closer} di akhir baris: {fixed.strip()}")


def _lone_line(lines: list[str], line: int) -> str:
    """Advice for a line without 'key:' that belongs to the line above (a value typed on the next line)."""
    prev = _KEY_ONLY.match(lines[line - 2]) if line >= 2 else None
    if prev:
        value = " ".join(filter(None, [prev.group(2), lines[line - 1].strip()]))
        return f"Tulis nilainya di baris yang sama dengan nama isiannya: {prev.group(1)}: {value}"
    return "Setiap baris ditulis sebagai nama isian, titik dua, spasi, lalu nilainya, misalnya 'nama: Antar Obat'."


def _closed_early(at: str):
    """A value that starts with a quote and goes on after the closing quote: 'Jum'at Bersih', "Layanan" Antar."""
    m = _QUOTED.match(at)
    if not m:
        return None
    q, rest = m.group(3), m.group(4)
    end = rest.find(q)
    after = rest[end + 1:].strip() if end >= 0 else ""
    if not after or after.startswith("#"):
        return None
    inner = rest[:-1] if rest.endswith(q) else q + rest
    return ("teks berlanjut setelah tanda kutip penutup",
            f"Beri tanda kutip pada seluruh nilainya: {m.group(2)}: {_quote(inner)}")


def _sibling_indent(lines: list[str], line: int | None) -> int | None:
    """The indentation of the key line above when the key line at `line` is indented differently."""
    if not line or line < 2 or not _KEY_VALUE.match(lines[line - 1]):
        return None
    prev = next((s for s in reversed(lines[:line - 1]) if s.strip()), "")
    indent = len(prev) - len(prev.lstrip(" "))
    if not _KEY_VALUE.match(prev) or indent == len(lines[line - 1]) - len(lines[line - 1].lstrip(" ")):
        return None
    return indent
