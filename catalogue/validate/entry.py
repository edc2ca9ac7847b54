"""Per-file checks of one entry: its path, every field and part against the schema, dates and folder;
the body is checked by BodyChecks (body.py)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .. import schema
from ..load import SourceFile
from ..model import Entry, Indicator, Link, Measure, Tanggal
from ..problems import Problem, problem
from ..reference import Reference
from .body import BodyChecks, inside
from .words import closest, slugify, type_name  # noqa: F401  (slugify: re-exported)

_SKIP = object()  # a value that failed its check


def field_name(path: str) -> str:
    """The key as written on its line: hasil.langkah.sebelum -> sebelum."""
    return re.split(r"[.\[]", path)[-1]
CURLY = "“”‘’„«»"


@dataclass
class Checked:
    source: SourceFile
    entry: Entry | None = None
    problems: list[Problem] = field(default_factory=list)
    entry_links: list[tuple[int, str, str]] = field(default_factory=list)  # (line, as written, entry id)


@functools.lru_cache(maxsize=8)
def _resolved(path: Path) -> Path:
    return path.resolve()


class FileChecker(BodyChecks):
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
        self.report("wrong-type", path, expected=expected, actual=type_name(value), extra=extra)
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
            self._check_dates_and_folder(values)
            self._check_body()
            self._check_content()
            checked.entry = self._build(values)
        checked.problems = self.problems
        return checked

    # --- file name and folder ----------------------------------------------------
    def _check_path(self) -> None:
        if self.src.path.is_symlink() and not inside(self.src.path.resolve(), self.entries_dir):
            self.report("path-outside", None, value=self.src.display)
        stem = self.src.path.stem
        if not schema.ID_RE.match(stem):
            self.report("invalid-id", None, value=self.src.path.name, suggestion=slugify(stem))
        parts = self.rel.parts if self.rel else ()
        if len(parts) != 2:
            self.report("misplaced-file", None, suggestion=f"<wilayah>/{self.src.path.name}")
        elif parts[0] not in self.ref.by_slug:
            near = closest(parts[0], self.ref.by_slug)
            extra = f"Mungkin maksud Anda folder '{near}'? " if near else ""
            self.report("unknown-region-folder", None, value=parts[0],
                        extra=extra + "Nama folder wilayah ada di kolom slug pada catalogue/data/wilayah.yml.")

    # --- fields ------------------------------------------------------------------
    def _check_fields(self, front: dict) -> dict:
        values: dict = {}
        suggested: set[str] = set()
        for key in front:
            if str(key) not in schema.BY_NAME:
                near = closest(key, schema.BY_NAME)
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

    def _curly(self, path: str, value: object) -> bool:
        """A value wrapped in curly quotes (a word processor's): reported with the straight-quoted form."""
        if isinstance(value, str) and value.strip()[:1] in CURLY and value.strip()[-1:] in CURLY:
            self.report("curly-quotes", path, value=value.strip()[1:-1])
            return True
        return False

    def _kind_region(self, f: schema.Field, path: str, value: object) -> object:
        if self._curly(path, value):
            return _SKIP
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
        if self._curly(path, value):
            return _SKIP
        if not isinstance(value, str):
            return self.wrong_type(path, value, "teks")
        if value in options:
            return value
        norm = re.sub(r"[\s-]+", "_", value.strip().lower())
        near = norm if norm in options else closest(norm, options)
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

    def _list(self, path: str, value: object, item, max_items: int) -> object:
        """A single value or a list of them; each checked by `item`, no repeats, at most max_items."""
        if isinstance(value, str) and "," in value and max_items > 1:
            parts = [p.strip() for p in value.split(",") if p.strip()]
            self.report("comma-list", path, items=", ".join(parts))
            return _SKIP
        items = [value] if isinstance(value, (str, dict)) else value
        if not isinstance(items, list):
            return self.wrong_type(path, value, "daftar, misalnya [a, b]")
        if not items:
            self.report("empty-value", path)
            return _SKIP
        if len(items) > max_items:
            self.report("too-many-items", path, count=len(items), maximum=max_items)
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
        return self._list(path, value, lambda p, v: self._choice(p, v, options), f.max_items)

    _kind_choices = _kind_areas

    def _kind_tags(self, f: schema.Field, path: str, value: object) -> object:
        return self._list(path, value, lambda p, v: self._text(p, v, 1, f.max_len), f.max_items)

    def _kind_date(self, f: schema.Field, path: str, value: object) -> object:
        if self._curly(path, value):
            return _SKIP
        text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        m = schema.DATE_RE.match(text or "")
        try:
            t = Tanggal(int(m[1]), int(m[2]), int(m[3]) if m[3] else None) if m else None
            if t:
                date(t.year, t.month, t.day or 1)
        except ValueError:
            t = None
        if t is None:
            # The usual Indonesian order, 17/05/2022 or 17-05-2022: write out the date it means.
            dmy = re.match(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$", text or "")
            extra = f"Untuk {text} tulis {field_name(path)}: {dmy[3]}-{int(dmy[2]):02d}-{int(dmy[1]):02d}. " if dmy else ""
            self.report("invalid-date", path, value=text if text is not None else type_name(value), extra=extra)
            return _SKIP
        if t.key()[:2] > (self.today.year, self.today.month) or (t.day and date(t.year, t.month, t.day) > self.today):
            self.report("future-date", path, value=t.iso, today=self.today.isoformat())
            return _SKIP
        return t

    def _number(self, path: str, value: object) -> object:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0 or value != value or value in (float("inf"),):
            self.report("invalid-number", path, value=repr(value) if isinstance(value, str) else type_name(value))
            return _SKIP
        return value

    def _mapping(self, path: str, value: object, keys, required=()) -> dict | None:
        if not isinstance(value, dict):
            self.wrong_type(path, value, "pasangan kunci: nilai")
            return None
        for k in value:
            if k not in keys:
                near = closest(k, keys)
                self.report("unknown-field", f"{path}.{k}",
                            extra=f"Mungkin maksud Anda '{near}'?" if near else "Yang dikenal: " + ", ".join(keys) + ".")
        for k in required:
            if k not in value:
                loc = self.src.loc(path)
                self.problems.append(problem("missing-field", self.src.display, loc.line, loc.column,
                                             f"{path}.{k}", extra=""))
        return value

    def _parts(self, path: str, value: object, parts: tuple[schema.Part, ...]) -> dict | None:
        """A mapping of declared parts (schema.Part): unknown and missing keys reported, each value checked by
        its kind. Returns the valid values, or None when the mapping itself or a required part is unusable."""
        m = self._mapping(path, value, [p.name for p in parts], [p.name for p in parts if p.required])
        if m is None:
            return None
        out, ok = {}, True
        for p in parts:
            if p.name in m:
                got = self._part(f"{path}.{p.name}", p, m[p.name])
                if got is not _SKIP:
                    out[p.name] = got
                    continue
            if p.required:
                ok = False
        return out if ok else None

    def _part(self, path: str, part: schema.Part, value: object) -> object:
        if part.kind == "number":
            return self._number(path, value)
        if part.name == "telepon" and isinstance(value, int) and not isinstance(value, bool):
            return self.wrong_type(path, value, "teks", "Tulis nomor dalam tanda kutip agar angka 0 di depan "
                                   f'tidak hilang: telepon: "{self.src.loc(path).raw}".')
        text = self._text(path, value, part.min_len, part.max_len)
        pattern, code = {"email": (schema.EMAIL_RE, "invalid-email"), "url": (schema.URL_RE, "invalid-url")}.get(
            part.kind, (None, None))
        if text is not _SKIP and pattern and not pattern.match(text):
            self.report(code, path, value=text)
            return _SKIP
        return text

    def _kind_results(self, f: schema.Field, path: str, value: object) -> object:
        m = self._mapping(path, value, (*schema.RESULT_KEYS, "lainnya"))
        if m is None:
            return _SKIP
        measures = []
        for key in schema.RESULT_KEYS:
            got = self._parts(f"{path}.{key}", m[key], schema.MEASURE) if key in m else None
            if got is not None:
                measures.append((key, Measure(**got)))
        indicators = ()
        if "lainnya" in m:
            def indicator(p: str, v: object) -> object:
                got = self._parts(p, v, schema.INDICATOR)
                return _SKIP if got is None else Indicator(**got)
            got = self._list(path + ".lainnya", m["lainnya"], indicator, schema.MAX_INDICATORS)
            indicators = () if got is _SKIP else got
        return (tuple(measures), tuple(indicators))

    def _kind_id(self, f: schema.Field, path: str, value: object) -> object:
        if not isinstance(value, str):
            return self.wrong_type(path, value, "teks id inovasi")
        if not schema.ID_RE.match(value.strip()):
            self.report("invalid-id", path, value=value, suggestion=slugify(value))
            return _SKIP
        return value.strip()

    def _kind_contact(self, f: schema.Field, path: str, value: object) -> object:
        got = self._parts(path, value, schema.CONTACT)
        return _SKIP if got is None else tuple(got.items())

    def _kind_links(self, f: schema.Field, path: str, value: object) -> object:
        def link(p: str, v: object) -> object:
            got = self._parts(p, v, schema.LINK)
            return _SKIP if got is None else Link(**got)
        return self._list(path, value, link, f.max_items)

    def _kind_flag(self, f: schema.Field, path: str, value: object) -> object:
        if not isinstance(value, bool):
            return self.wrong_type(path, value, "true atau false")
        return value

    # --- relations between fields and the body -----------------------------------
    def _check_dates_and_folder(self, v: dict) -> None:
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


def _later(a: Tanggal, b: Tanggal) -> bool:
    """a is after b; with a month-only date, compare months only."""
    if a.day and b.day:
        return a.key() > b.key()
    return (a.year, a.month) > (b.year, b.month)
