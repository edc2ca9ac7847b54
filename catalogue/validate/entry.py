"""Per-file checks of one entry: its path, every field and part against the schema, dates and folder;
the body is checked by BodyChecks (body.py)."""

from __future__ import annotations

import functools
import re
from datetime import date
from pathlib import Path

from ..entry import schema
from ..entry.checked import Checked
from ..entry.load import SourceFile
from ..entry.model import Entry, Tanggal
from ..entry.problems import Problem, problem
from ..entry.reference import Reference
from .body import BodyChecks, inside
from .values import _SKIP, ValueChecks
from .words import closest, slugify, type_name


@functools.lru_cache(maxsize=8)
def _resolved(path: Path) -> Path:
    return path.resolve()


class FileChecker(ValueChecks, BodyChecks):
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
        self.summary = False
        self.images: dict[str, str] = {}
        self.probes: list[tuple[str, int]] = []
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
        checked.probes = self.probes
        return checked

    # --- file name and folder ----------------------------------------------------
    def _check_path(self) -> None:
        if self.src.path.is_symlink() and not inside(self.src.path.resolve(), self.entries_dir):
            self.report("path-outside", None, value=self.src.display)
        stem = self.src.path.stem
        if not schema.ID_RE.match(stem):
            self.report("invalid-id", None, value=self.src.path.name, advice="Gunakan huruf kecil a–z, angka dan "
                        f"tanda hubung saja; ubah nama berkas menjadi '{slugify(stem)}.md'.")
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
        self.summary = front.get("kelengkapan") == schema.SUMMARY
        required = {f.name for f in schema.FIELDS if f.required} if not self.summary else set(schema.SUMMARY_REQUIRED)
        for f in schema.FIELDS:
            if f.name in front and front[f.name] is None:  # "isian:" with nothing after it
                if f.name in required:
                    self.report("empty-value", f.name)
                continue  # an optional field left empty is a field not filled in ("Kosongkan jika …")
            if f.name not in front:
                if f.name in required and f.name not in suggested:
                    self.problems.append(problem(
                        "missing-field", self.src.display, self.src.end_line, 1, f.name,
                        extra=f"Contoh: {f.name}: {f.example}"))
                continue
            value = getattr(self, f"_kind_{f.kind}")(f, f.name, front[f.name])
            if value is not _SKIP:
                values[f.name] = value
        return values

    # --- relations between fields and the body -----------------------------------
    def _check_dates_and_folder(self, v: dict) -> None:
        first, second = schema.DATE_ORDER
        trial, impl = v.get(first), v.get(second)
        front = {k: v for k, v in self.src.front.items() if v is not None}
        if first not in front and second not in front and not self.summary:
            self.problems.append(problem("missing-date", self.src.display, self.src.end_line, 1, first))
        if trial and impl and _later(trial, impl):
            self.report("date-order", second, trial=trial.iso, implementation=impl.iso)
        if schema.STAGE_NEEDS_DATE.get(v.get("tahapan")) not in (None, *front) and not self.summary:
            self.report("stage-date-mismatch", "tahapan")
        code = v.get("wilayah")
        folder = self.rel.parts[0] if self.rel and len(self.rel.parts) > 1 else None
        if code and folder in self.ref.by_slug and self.ref.regions[code].slug != folder:
            region = self.ref.regions[code]
            self.report("region-folder-mismatch", "wilayah", value=code, name=region.name,
                        folder=folder, expected=region.slug)

    def _build(self, v: dict) -> Entry | None:
        required = schema.SUMMARY_REQUIRED if self.summary else [f.name for f in schema.FIELDS if f.required]
        if not all(k in v for k in required):
            return None
        measures, indicators = v.get("hasil", ((), ()))
        try:
            source = (self.entries_dir / self.rel).relative_to(self.root).as_posix() if self.rel else self.src.display
        except ValueError:
            source = self.src.display
        return Entry(
            id=self.src.id, source=source, region_code=v["wilayah"], nama=v["nama"],
            perangkat_daerah=v["perangkat_daerah"], bidang=v["bidang"], bentuk=v.get("bentuk"),
            jenis=v.get("jenis"), tahapan=v.get("tahapan"), inisiator=v.get("inisiator"),
            urusan=v.get("urusan", ()), waktu_uji_coba=v.get("waktu_uji_coba"),
            waktu_penerapan=v.get("waktu_penerapan"), dilaporkan_kemendagri=v.get("dilaporkan_kemendagri"),
            hasil=measures, hasil_lainnya=indicators, replikasi_dari=v.get("replikasi_dari"),
            status=v.get("status", "aktif"), kontak=v.get("kontak", ()), tautan=v.get("tautan", ()),
            tag=v.get("tag", ()), contoh=v.get("contoh", False), singkatan=v.get("singkatan"),
            penghargaan=v.get("penghargaan", ()), regulasi=v.get("regulasi", ()), sumber=v.get("sumber", ()),
            kelengkapan=v.get("kelengkapan", "lengkap"), body=self.src.body,
            images=tuple(sorted(self.images.items())), links=tuple(sorted(self.links.items())),
        )


def _later(a: Tanggal, b: Tanggal) -> bool:
    """a is after b; with a month-only date, compare months only."""
    if a.day and b.day:
        return a.key() > b.key()
    return (a.year, a.month) > (b.year, b.month)
