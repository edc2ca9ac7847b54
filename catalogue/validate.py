"""Check entries against the schema and each other; build the catalogue model.

`validate()` never raises for bad input: every problem of every file is
collected into one Report. Deciding what is fatal (errors; warnings with
--strict) is the caller's job (`Report.ok`).
"""

from __future__ import annotations

import difflib
import functools
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import links, schema
from .load import SourceFile, discover, display_path, read_entry
from .model import Catalogue, Entry, Indicator, Link, Measure, Tanggal, sections
from .problems import Problem, Report, problem
from .reference import Reference

ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DATE_RE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")
URL_RE = re.compile(r"^https?://[^\s/?#<>\"']+\.[^\s/?#<>\"']+([/?#][^\s<>\"']*)?$")
_SKIP = object()  # a value that failed its check


def slugify(text: str) -> str:
    import unicodedata
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")[:60].strip("-") or "inovasi-baru"


def _type_name(value: object) -> str:
    if value is None:
        return "kosong"
    if isinstance(value, bool):
        return f"nilai benar/salah ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"angka ({value})"
    if isinstance(value, str):
        return "teks"
    if isinstance(value, list):
        return "daftar"
    if isinstance(value, dict):
        return "pasangan kunci: nilai"
    return type(value).__name__


def _closest(word: str, options) -> str | None:
    found = difflib.get_close_matches(str(word).lower(), list(options), n=1, cutoff=0.6)
    return found[0] if found else None


IMAGE_TYPES = (".png", ".jpg", ".jpeg", ".webp", ".gif")  # no SVG: it can carry script
IMAGE_MAX_KB = 500
SITE_PATH = re.compile(r"^/(inovasi|wilayah|bidang)/([a-z0-9-]+)/?(#.*)?$")


@dataclass
class Checked:
    source: SourceFile
    entry: Entry | None = None
    problems: list[Problem] = field(default_factory=list)
    entry_links: list[tuple[int, str, str]] = field(default_factory=list)  # (line, as written, entry id)


_HEADING_LINE = re.compile(r"^[^\S\n]*#.*$", re.M)


@functools.lru_cache(maxsize=8)
def _resolved(path: Path) -> Path:
    return path.resolve()


class FileChecker:
    """All per-file checks of one entry; pure apart from the already-read SourceFile."""

    def __init__(self, src: SourceFile, ref: Reference, entries_dir: Path, root: Path, today: date):
        self.src, self.ref, self.today = src, ref, today
        # Resolved once per run (a syscall per path component), not once per file.
        self.entries_dir, self.root = _resolved(entries_dir), _resolved(root)
        self.problems: list[Problem] = list(src.problems)
        try:  # discovered files sit under the entries folder as given: no resolution needed
            self.rel = src.path.relative_to(entries_dir)
        except ValueError:
            try:
                self.rel = src.path.resolve().relative_to(self.entries_dir)
            except ValueError:
                self.rel = None

    # --- reporting -------------------------------------------------------------
    def report(self, code: str, field_path: str | None, **params) -> None:
        loc = self.src.loc(field_path) if field_path else None
        line = loc.line if loc else 1
        col = loc.column if loc else None
        self.problems.append(problem(code, self.src.display, line, col, field_path, **params))

    def wrong_type(self, path: str, value: object, expected: str, extra: str = "") -> object:
        raw = self.src.loc(path).raw
        if not extra and isinstance(value, (int, float)) and not isinstance(value, bool) and raw is not None and "teks" in expected:
            extra = f'Tulis dalam tanda kutip agar terbaca sebagai teks: {path.rsplit(".", 1)[-1]}: "{raw}".'
        top = re.split(r"[.\[]", path)[0]
        if not extra and top in schema.BY_NAME:
            extra = f"Contoh penulisan: {top}: {schema.BY_NAME[top].example}"
        self.report("wrong-type", path, expected=expected, actual=_type_name(value), extra=extra)
        return _SKIP

    # --- entry point -----------------------------------------------------------
    def run(self) -> Checked:
        checked = self.checked = Checked(self.src)
        self.images: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self._check_path()
        front = self.src.front
        if isinstance(front, dict):
            values = self._check_fields(front)
            self._check_relations(values)
            self._check_body()
            self._check_content()
            checked.entry = self._build(values)
        checked.problems = self.problems
        return checked

    # --- file name and folder ----------------------------------------------------
    def _check_path(self) -> None:
        if self.src.path.is_symlink() and not _inside(self.src.path.resolve(), self.entries_dir):
            self.report("path-outside", None, value=self.src.display)
        stem = self.src.path.stem
        if not ID_RE.match(stem):
            self.report("invalid-id", None, value=self.src.path.name, suggestion=slugify(stem))
        parts = self.rel.parts if self.rel else ()
        if len(parts) != 2:
            self.report("misplaced-file", None, suggestion=f"<wilayah>/{self.src.path.name}")
        elif parts[0] not in self.ref.by_slug:
            near = _closest(parts[0], self.ref.by_slug)
            extra = f"Mungkin maksud Anda folder '{near}'? " if near else ""
            self.report("unknown-region-folder", None, value=parts[0],
                        extra=extra + "Nama folder wilayah ada di kolom slug pada catalogue/data/wilayah.yml.")

    # --- fields ------------------------------------------------------------------
    def _check_fields(self, front: dict) -> dict:
        values: dict = {}
        suggested: set[str] = set()
        for key in front:
            if str(key) not in schema.BY_NAME:
                near = _closest(key, schema.BY_NAME)
                extra = (f"Mungkin maksud Anda '{near}'?" if near
                         else "Isian yang dikenal: " + ", ".join(schema.BY_NAME) + ".")
                if near:
                    suggested.add(near)
                self.report("unknown-field", str(key), extra=extra)
        for f in schema.FIELDS:
            if f.name not in front:
                if f.required and f.name not in suggested:
                    self.problems.append(problem(
                        "missing-field", self.src.display, self.src.end_line, 1, f.name,
                        extra=f"Contoh: {f.name}: {f.example}"))
                continue
            value = getattr(self, f"_kind_{f.kind}")(f, f.name, front[f.name])
            if value is not _SKIP:
                values[f.name] = value
        return values

    def _text(self, path: str, value: object, min_len: int = 1, max_len: int = 200) -> object:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # a number where text is expected is harmless ("2024", a year in a name)
        if not isinstance(value, str):
            return self.wrong_type(path, value, "teks")
        value = " ".join(value.split())
        if not value:
            self.report("empty-value", path)
            return _SKIP
        if not min_len <= len(value) <= max_len:
            self.report("invalid-length", path, length=len(value), minimum=min_len, maximum=max_len)
            return _SKIP
        return value

    def _kind_text(self, f: schema.Field, path: str, value: object) -> object:
        return self._text(path, value, f.min_len, f.max_len)

    def _kind_region(self, f: schema.Field, path: str, value: object) -> object:
        if not isinstance(value, str):
            return self.wrong_type(path, value, 'teks kode wilayah, misalnya "63.03"')
        code = value.strip()
        if code in self.ref.regions:
            return code
        named = self.ref.region_for(code)
        if named:
            extra = f'Gunakan kode wilayahnya: wilayah: "{named.code}" ({named.name}).'
        else:
            sample = next((r for r in self.ref.regions.values() if not r.is_province), None)
            extra = ("Kode wilayah yang dikenal ada di catalogue/data/wilayah.yml"
                     + (f', misalnya "{sample.code}" untuk {sample.name}.' if sample else "."))
        self.report("unknown-region", path, value=code, extra=extra)
        return _SKIP

    def _choice(self, path: str, value: object, options: dict[str, str]) -> object:
        if not isinstance(value, str):
            return self.wrong_type(path, value, "teks")
        if value in options:
            return value
        norm = re.sub(r"[\s-]+", "_", value.strip().lower())
        near = norm if norm in options else _closest(norm, options)
        extra = f"Mungkin maksud Anda '{near}'? " if near else ""
        self.report("invalid-choice", path, value=value, extra=extra, choices=", ".join(options))
        return _SKIP

    def _options(self, f: schema.Field) -> dict[str, str]:
        if f.choices == "bidang":
            return {k: a.label for k, a in self.ref.areas.items()}
        if f.choices == "urusan":
            return self.ref.urusan
        return self.ref.choices[f.choices]

    def _kind_choice(self, f: schema.Field, path: str, value: object) -> object:
        return self._choice(path, value, self._options(f))

    def _list(self, f: schema.Field, path: str, value: object, item) -> object:
        """A single value or a list of them; each checked by `item`, no repeats, at most max_items."""
        items = [value] if isinstance(value, (str, dict)) else value
        if not isinstance(items, list):
            return self.wrong_type(path, value, "daftar, misalnya [a, b]")
        if not items:
            self.report("empty-value", path)
            return _SKIP
        if len(items) > f.max_items:
            self.report("too-many-items", path, count=len(items), maximum=f.max_items)
        out, ok = [], True
        for i, v in enumerate(items):
            sub = f"{path}[{i}]" if items is value else path
            checked = item(sub, v)
            if checked is _SKIP:
                ok = False
            elif checked in out:
                self.report("duplicate-value", sub, value=checked)
                ok = False
            else:
                out.append(checked)
        return tuple(out) if ok else _SKIP

    def _kind_areas(self, f: schema.Field, path: str, value: object) -> object:
        options = self._options(f)
        return self._list(f, path, value, lambda p, v: self._choice(p, v, options))

    _kind_choices = _kind_areas

    def _kind_tags(self, f: schema.Field, path: str, value: object) -> object:
        return self._list(f, path, value, lambda p, v: self._text(p, v, 1, f.max_len))

    def _kind_date(self, f: schema.Field, path: str, value: object) -> object:
        text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        m = DATE_RE.match(text or "")
        try:
            t = Tanggal(int(m[1]), int(m[2]), int(m[3]) if m[3] else None) if m else None
            if t:
                date(t.year, t.month, t.day or 1)
        except ValueError:
            t = None
        if t is None:
            self.report("invalid-date", path, value=text if text is not None else _type_name(value))
            return _SKIP
        if t.key()[:2] > (self.today.year, self.today.month) or (t.day and date(t.year, t.month, t.day) > self.today):
            self.report("future-date", path, value=t.iso, today=self.today.isoformat())
            return _SKIP
        return t

    def _number(self, path: str, value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or value != value or value in (float("inf"),):
            self.report("invalid-number", path, value=repr(value) if isinstance(value, str) else _type_name(value))
            return _SKIP
        return value

    def _mapping(self, path: str, value: object, keys, required=()) -> dict | None:
        if not isinstance(value, dict):
            self.wrong_type(path, value, "pasangan kunci: nilai")
            return None
        for k in value:
            if k not in keys:
                near = _closest(k, keys)
                self.report("unknown-field", f"{path}.{k}",
                            extra=f"Mungkin maksud Anda '{near}'?" if near else "Yang dikenal: " + ", ".join(keys) + ".")
        for k in required:
            if k not in value:
                loc = self.src.loc(path)
                self.problems.append(problem("missing-field", self.src.display, loc.line, loc.column,
                                             f"{path}.{k}", extra=""))
        return value

    def _measure(self, path: str, value: object) -> object:
        m = self._mapping(path, value, ("sebelum", "sesudah"), ("sebelum", "sesudah"))
        if m is None or "sebelum" not in m or "sesudah" not in m:
            return _SKIP
        a, b = self._number(f"{path}.sebelum", m["sebelum"]), self._number(f"{path}.sesudah", m["sesudah"])
        return _SKIP if _SKIP in (a, b) else Measure(a, b)

    def _kind_results(self, f: schema.Field, path: str, value: object) -> object:
        m = self._mapping(path, value, (*schema.RESULT_KEYS, "lainnya"))
        if m is None:
            return _SKIP
        measures, indicators = [], []
        for key in schema.RESULT_KEYS:
            if key in m:
                got = self._measure(f"{path}.{key}", m[key])
                if got is not _SKIP:
                    measures.append((key, got))
        if "lainnya" in m:
            def indicator(p: str, v: object) -> object:
                d = self._mapping(p, v, schema.INDICATOR_KEYS, schema.INDICATOR_KEYS)
                if d is None or not all(k in d for k in schema.INDICATOR_KEYS):
                    return _SKIP
                parts = (self._text(f"{p}.indikator", d["indikator"], 2, 150), self._text(f"{p}.satuan", d["satuan"], 1, 60),
                         self._number(f"{p}.sebelum", d["sebelum"]), self._number(f"{p}.sesudah", d["sesudah"]))
                return _SKIP if _SKIP in parts else Indicator(*parts)
            got = self._list(schema.Field("lainnya", "results", "", "", "", max_items=10), f"{path}.lainnya", m["lainnya"], indicator)
            if got is not _SKIP:
                indicators = list(got)
        return (tuple(measures), tuple(indicators))

    def _kind_id(self, f: schema.Field, path: str, value: object) -> object:
        if not isinstance(value, str):
            return self.wrong_type(path, value, "teks id inovasi")
        if not ID_RE.match(value.strip()):
            self.report("invalid-id", path, value=value, suggestion=slugify(value))
            return _SKIP
        return value.strip()

    def _kind_contact(self, f: schema.Field, path: str, value: object) -> object:
        m = self._mapping(path, value, schema.CONTACT_KEYS)
        if m is None:
            return _SKIP
        out = []
        for k in schema.CONTACT_KEYS:
            if k not in m:
                continue
            v = m[k]
            if k == "telepon" and isinstance(v, int) and not isinstance(v, bool):
                self.wrong_type(f"{path}.{k}", v, "teks", f'Tulis nomor dalam tanda kutip agar angka 0 di depan tidak hilang: telepon: "{self.src.loc(f"{path}.{k}").raw}".')
                continue
            v = self._text(f"{path}.{k}", v, 3, 150)
            if v is not _SKIP and k == "email" and not EMAIL_RE.match(v):
                self.report("invalid-email", f"{path}.{k}", value=v)
                continue
            if v is not _SKIP:
                out.append((k, v))
        return tuple(out)

    def _kind_links(self, f: schema.Field, path: str, value: object) -> object:
        def link(p: str, v: object) -> object:
            d = self._mapping(p, v, schema.LINK_KEYS, schema.LINK_KEYS)
            if d is None or not all(k in d for k in schema.LINK_KEYS):
                return _SKIP
            title = self._text(f"{p}.judul", d["judul"], 2, 150)
            url = self._text(f"{p}.url", d["url"], 8, 500)
            if url is not _SKIP and not URL_RE.match(url):
                self.report("invalid-url", f"{p}.url", value=url)
                return _SKIP
            return _SKIP if _SKIP in (title, url) else Link(title, url)
        return self._list(f, path, value, link)

    def _kind_flag(self, f: schema.Field, path: str, value: object) -> object:
        if not isinstance(value, bool):
            return self.wrong_type(path, value, "true atau false")
        return value

    # --- relations between fields and the body -----------------------------------
    def _check_relations(self, v: dict) -> None:
        trial, impl = v.get("waktu_uji_coba"), v.get("waktu_penerapan")
        front = self.src.front
        if "waktu_uji_coba" not in front and "waktu_penerapan" not in front:
            self.problems.append(problem("missing-date", self.src.display, self.src.end_line, 1, "waktu_uji_coba"))
        if trial and impl and _later(trial, impl):
            self.report("date-order", "waktu_penerapan", trial=trial.iso, implementation=impl.iso)
        if v.get("tahapan") == "penerapan" and "waktu_penerapan" not in front:
            self.report("stage-date-mismatch", "tahapan")
        code = v.get("wilayah")
        folder = self.rel.parts[0] if self.rel and len(self.rel.parts) > 1 else None
        if code and folder in self.ref.by_slug and self.ref.regions[code].slug != folder:
            region = self.ref.regions[code]
            self.report("region-folder-mismatch", "wilayah", value=code, name=region.name,
                        folder=folder, expected=region.slug)

    def _check_body(self) -> None:
        found = sections(self.src.body)
        for title in schema.REQUIRED_SECTIONS:
            if title.lower() not in found:
                self.problems.append(problem("missing-section", self.src.display, self.src.body_line, 1,
                                             "isi", section=title))
        # Whitespace-separated words outside headings: cheap enough for 30,000 entries.
        body = self.src.body
        words = len(body.split()) - sum(len(h.split()) for h in _HEADING_LINE.findall(body))
        if words < schema.MIN_WORDS:
            self.problems.append(problem("body-too-short", self.src.display, self.src.body_line, 1, "isi",
                                         count=words, minimum=schema.MIN_WORDS))

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
        if not _inside(path, self.entries_dir):
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
            if not path.is_file():
                return self._body_problem("broken-link", ref.line, value=target)
            self.checked.entry_links.append((ref.line, target, path.stem))
            self.links[target] = f"inovasi/{path.stem}.md"
            return
        self._body_problem("broken-link", ref.line, value=target)

    def _build(self, v: dict) -> Entry | None:
        required = [f.name for f in schema.FIELDS if f.required]
        if not all(k in v for k in required):
            return None
        measures, indicators = v.get("hasil", ((), ()))
        try:
            source = (self.entries_dir / self.rel).relative_to(self.root).as_posix() if self.rel else self.src.display
        except ValueError:
            source = self.src.display
        return Entry(
            id=self.src.id, source=source, region_code=v["wilayah"], nama=v["nama"],
            perangkat_daerah=v["perangkat_daerah"], bidang=v["bidang"], bentuk=v["bentuk"],
            jenis=v["jenis"], tahapan=v["tahapan"], inisiator=v.get("inisiator"),
            urusan=v.get("urusan", ()), waktu_uji_coba=v.get("waktu_uji_coba"),
            waktu_penerapan=v.get("waktu_penerapan"), dilaporkan_kemendagri=v.get("dilaporkan_kemendagri"),
            hasil=measures, hasil_lainnya=indicators, replikasi_dari=v.get("replikasi_dari"),
            status=v.get("status", "aktif"), kontak=v.get("kontak", ()), tautan=v.get("tautan", ()),
            tag=v.get("tag", ()), contoh=v.get("contoh", False), body=self.src.body,
            images=tuple(sorted(self.images.items())), links=tuple(sorted(self.links.items())),
        )


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _later(a: Tanggal, b: Tanggal) -> bool:
    """a is after b; with a month-only date, compare months only."""
    if a.day and b.day:
        return a.key() > b.key()
    return (a.year, a.month) > (b.year, b.month)


def check_relations(checked: list[Checked]) -> list[Problem]:
    """Checks across entries: unique ids, replication targets, no self-replication, no cycles."""
    problems: list[Problem] = []
    by_id: dict[str, list[Checked]] = {}
    for c in checked:
        by_id.setdefault(c.source.id, []).append(c)
    for ident, group in by_id.items():
        if len(group) > 1:
            for c in group:
                others = ", ".join(o.source.display for o in group if o is not c)
                problems.append(problem("duplicate-id", c.source.display, 1, None, None, value=ident, other=others))
    lowered: dict[str, set[str]] = {}
    for ident in by_id:
        lowered.setdefault(ident.lower(), set()).add(ident)
    for idents in lowered.values():
        if len(idents) > 1:  # they collide on case-insensitive file systems
            for ident in idents:
                for c in by_id[ident]:
                    others = ", ".join(o.source.display for i in idents - {ident} for o in by_id[i])
                    problems.append(problem("id-case-collision", c.source.display, 1, None, None,
                                            value=ident, other=others))
    for c in checked:
        for line, written, target in c.entry_links:
            if target not in by_id:
                problems.append(problem("broken-link", c.source.display, c.source.body_line + line - 1, None,
                                        "isi", value=written))
    parent: dict[str, str] = {}
    for c in checked:
        front = c.source.front if isinstance(c.source.front, dict) else {}
        target = front.get("replikasi_dari")
        if not isinstance(target, str) or not ID_RE.match(target.strip()):
            continue  # a malformed value is already reported by the per-file check
        target = target.strip()
        loc = c.source.loc("replikasi_dari")
        if target == c.source.id:
            problems.append(problem("self-replication", c.source.display, loc.line, loc.column, "replikasi_dari"))
        elif target not in by_id:
            near = _closest(target, by_id)
            problems.append(problem("unknown-replication-target", c.source.display, loc.line, loc.column,
                                    "replikasi_dari", value=target,
                                    extra=(f"Mungkin maksud Anda '{near}'? " if near else "")
                                    + "Isi dengan nama berkas inovasi acuan tanpa .md."))
        else:
            parent[c.source.id] = target
    # Follow each chain once; a node seen in the current walk closes a cycle.
    state: dict[str, int] = {}  # 1 = on the current walk, 2 = done
    for start in sorted(parent):
        walk: list[str] = []
        node = start
        while node in parent and state.get(node) is None:
            state[node] = 1
            walk.append(node)
            node = parent[node]
        if state.get(node) == 1:
            cycle = walk[walk.index(node):]
            text = " → ".join([*cycle, node])
            for member in cycle:
                for c in by_id[member]:
                    loc = c.source.loc("replikasi_dari")
                    problems.append(problem("replication-cycle", c.source.display, loc.line, loc.column,
                                            "replikasi_dari", cycle=text))
        for n in walk:
            state[n] = 2
    return problems


PARALLEL_FROM = 2000  # below this, starting worker processes costs more than it saves


def _slim(c: Checked) -> Checked:
    """Keep what the cross-entry checks need, so results cross process boundaries cheaply."""
    src = c.source
    front = src.front if isinstance(src.front, dict) else {}
    src.front = {k: front[k] for k in ("replikasi_dari",) if k in front}
    src.locations = {k: v for k, v in src.locations.items() if k == "replikasi_dari"}
    return c


def _check_paths(args) -> list[Checked]:
    paths, ref, entries_dir, root, today = args
    # Display paths from one relative path of the folder: os.path.relpath per file costs syscalls.
    base, prefix = display_path(entries_dir), str(entries_dir) + os.sep
    base = "" if base == "." else base + "/"
    shown = lambda p: base + str(p)[len(prefix):].replace(os.sep, "/") if str(p).startswith(prefix) else None  # noqa: E731
    return [_slim(FileChecker(read_entry(p, shown(p)), ref, entries_dir, root, today).run()) for p in paths]


def check_files(paths: list[Path], ref: Reference, entries_dir: Path, root: Path, today: date) -> list[Checked]:
    """Per-file checks; on large catalogues split over the machine's cores (files are independent)."""
    workers = min(os.cpu_count() or 1, 4)
    if len(paths) < PARALLEL_FROM or workers < 2:
        return _check_paths((paths, ref, entries_dir, root, today))
    size = -(-len(paths) // (workers * 4))  # contiguous chunks: results come back in order
    chunks = [paths[i:i + size] for i in range(0, len(paths), size)]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        parts = list(pool.map(_check_paths, [(c, ref, entries_dir, root, today) for c in chunks]))
    return [c for part in parts for c in part]


def validate(entries_dir: Path, ref: Reference, *, only: list[Path] | None = None,
             today: date | None = None, root: Path | None = None,
             folders: list[str] | None = None) -> tuple[Catalogue, Report]:
    """Check every entry (cross-entry checks always see the whole folder); report on `only` if given.

    `folders` (region folder names or innovation ids) restricts everything to those folders and files:
    the quick preview of `make serve WILAYAH=… INOVASI=…`, where links to innovations elsewhere cannot be
    checked."""
    today = today or date.today()
    root = root or entries_dir.parent
    paths = discover(entries_dir) if entries_dir.is_dir() else []
    if folders:
        paths = [p for p in paths if p.relative_to(entries_dir).parts[0] in folders or p.stem in folders]
    extra: list[Path] = []
    if only:
        known = {q.resolve() for q in paths}
        guide_file = (entries_dir / "README.md").resolve()  # the folder's own guide is not an entry
        extra = [p for p in only if p.resolve() not in known and p.resolve() != guide_file]
    checked = check_files([*paths, *extra], ref, entries_dir, root, today)
    problems = [p for c in checked for p in c.problems] + check_relations(checked)
    if folders:
        problems = [p for p in problems if p.code not in ("unknown-replication-target", "broken-link")]
    files = len(checked)
    if only is not None:
        only_real = {p.resolve() for p in only}
        wanted = {c.source.display for c in checked if c.source.path.resolve() in only_real}
        problems = [p for p in problems if p.file in wanted]
        files = len(wanted)
    catalogue = Catalogue(ref, [c.entry for c in checked if c.entry])
    return catalogue, Report(problems, files)
