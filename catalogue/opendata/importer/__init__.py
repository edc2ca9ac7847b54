"""`catalogue import`: a spreadsheet of innovations -> entry files, checked by the validator first.

plan() reads the sheet and returns what would be written, with every problem located by cell; write()
writes all the files or none. Library first: the CLI only prints the plan and calls write().
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ...entry import scaffold, schema
from ...entry.load import SourceFile, discover, parse_text, read_entry
from ...entry.model import sections as split_sections
from ...entry.problems import Problem, Report, problem
from ...entry.reference import Reference
from ...validate import FileChecker, slugify
from ..spreadsheet import HEADERS
from .rows import Row, read_row
from .sheets import SheetError, Table, letter, read

__all__ = ["Output", "Plan", "SheetError", "plan", "write"]


@dataclass
class Output:
    path: Path
    text: str
    status: str  # baru | diperbarui | sama | dilewati
    row: str  # "daftar.xlsx › Inovasi, baris 12"
    changed: tuple[str, ...] = ()


@dataclass
class Plan:
    outputs: list[Output] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def to_write(self) -> list[Output]:
        return [o for o in self.outputs if o.status in ("baru", "diperbarui")]


def _where(path: Path, table: Table) -> str:
    return f"{path.name} › {table.name}" if table.name else path.name


def plan(path: Path, entries_dir: Path, root: Path, ref: Reference, today: date, update: bool = False) -> Plan:
    tables = read(path)
    existing = {p.stem: p for p in discover(entries_dir)} if entries_dir.is_dir() else {}
    out = Plan(tables=tables)
    problems: list[Problem] = []
    taken: dict[str, str] = {}  # id -> the row that took it
    rows: list[tuple[Row, str]] = []
    for table in tables:
        where = _where(path, table)
        if table.unknown:
            out.notes.append(f"{where}: kolom berikut tidak dikenal dan tidak dibaca: " + ", ".join(table.unknown) + ".")
        if not any(k.startswith("isi_") or k == "rancang_bangun" for k in table.columns.values()):
            out.notes.append(f"{where}: tidak ada kolom rancang bangun (latar belakang, tujuan, manfaat, hasil); "
                             "setiap berkas mendapat kerangka bagian teks yang harus diisi sebelum diajukan.")
        for number, cells in table.rows:
            row = read_row(where, number, cells, table.columns, ref)
            if "nama" not in row.values and len(cells) < 3:
                continue  # a footnote or a total line under the table
            ident = _id(row, existing, taken, ref)
            if ident:
                taken[ident] = f"baris {number}"
                rows.append((row, ident))
            problems += row.problems
    for row, ident in rows:
        problems += _entry(out, row, ident, existing, set(existing) | set(taken), entries_dir, root, ref, today, update)
    out.report = Report(problems, files_checked=len(rows))
    return out


def _id(row: Row, existing: dict[str, Path], taken: dict[str, str], ref: Reference) -> str | None:
    """The row's id: its id column, or one made from its name, with collisions resolved."""
    given = row.values.pop("id", None)
    col = row.cells.get("id")
    if given:
        if not schema.ID_RE.match(given):
            row.report(col, "invalid-id", "id", value=given, advice="Gunakan huruf kecil a–z, angka dan tanda hubung "
                       f"saja, misalnya {slugify(given)}.")
            return None
        if given in taken:
            row.report(col, "duplicate-id", "id", value=given, other=taken[given])
            return None
        return given
    if "nama" not in row.values:
        return slugify(f"baris-{row.number}")
    base = slugify(row.values["nama"])
    if base in existing and base not in taken and _same_name(existing[base], row.values["nama"]):
        return base  # the same innovation, already in the catalogue
    region = ref.regions[row.values["wilayah"]].slug if row.values.get("wilayah") in ref.regions else ""
    candidates = [base, *([f"{base}-{region}"] if region else []), *(f"{base}-{n}" for n in range(2, 1000))]
    return next(c for c in candidates if c not in taken and c not in existing)


def _same_name(path: Path, name: str) -> bool:
    front = read_entry(path).front
    return isinstance(front, dict) and str(front.get("nama", "")).strip().lower() == name.strip().lower()


def _body(row: Row, old_body: str | None) -> str | None:
    if row.body is not None:
        return row.body
    if not row.sections:
        return old_body
    if old_body:  # update: replace the sections the sheet has, keep the others
        body = old_body
        for title, text in row.sections.items():
            pattern = re.compile(rf"(^## {re.escape(title)}[ \t]*\n)(.*?)(?=^## |\Z)", re.M | re.S)
            body, n = pattern.subn(lambda m, t=text: f"{m[1]}\n{t}\n\n", body)
            if not n:
                body = body.rstrip() + f"\n\n## {title}\n\n{text}\n"
        return body
    return "\n".join(f"## {s.title}\n\n{row.sections[s.title]}\n" for s in schema.SECTIONS if row.sections.get(s.title))


def _entry(out: Plan, row: Row, ident: str, existing: dict[str, Path], ids: set[str], entries_dir: Path, root: Path,
           ref: Reference, today: date, update: bool) -> list[Problem]:
    label = f"{row.where}, baris {row.number}"
    region = ref.regions.get(row.values.get("wilayah", ""))
    old = existing.get(ident)
    target = old or entries_dir / (region.slug if region else "_") / f"{ident}.md"
    values, old_body, status = row.values, None, "baru"
    if old is not None:
        if not update:
            out.outputs.append(Output(old, "", "dilewati", label))
            return []
        src = read_entry(old)
        if not isinstance(src.front, dict):
            return [problem("yaml-syntax", row.where, row.number, None, None, detail=f"{old.name} tidak dapat dibaca",
                            advice="Perbaiki berkas itu dulu (catalogue validate), lalu impor lagi.")]
        values = {**src.front, **{k: v for k, v in row.values.items() if k in row.present}}
        old_body, status = src.body, "diperbarui"
    body = _body(row, old_body)
    text = scaffold.entry_file(values, body) if body is not None else scaffold.entry_text(values)
    problems = _check(row, target, text, ref, entries_dir, root, today, skip_body=body is None)
    target_value = values.get("replikasi_dari")
    if target_value and target_value not in ids and "replikasi_dari" not in {p.field for p in problems}:
        problems.append(problem("unknown-replication-target", row.where, row.number, row.cells.get("replikasi_dari"),
                                "replikasi_dari", value=target_value,
                                extra="Isi dengan id inovasi acuan (nama berkasnya tanpa .md) yang ada di katalog "
                                      "atau di lembar ini. "))
    if old is not None:
        before = old.read_text(encoding="utf-8")
        changed = tuple(k for k in schema.BY_NAME if _front(before).get(k) != _front(text).get(k))
        changed += ("isi",) if split_sections(before.split("\n---\n", 1)[-1]) != split_sections(body or "") else ()
        status = "sama" if before == text else status
        out.outputs.append(Output(old, text, status, label, changed))
    else:
        out.outputs.append(Output(target, text, status, label))
    return problems


def _front(text: str) -> dict:
    src = SourceFile(Path("x.md"), "x.md")
    parse_text(src, text)
    return src.front if isinstance(src.front, dict) else {}


def _check(row: Row, target: Path, text: str, ref: Reference, entries_dir: Path, root: Path, today: date,
           skip_body: bool) -> list[Problem]:
    """The validator's per-file checks on the file the row becomes, each problem moved to its cell."""
    src = SourceFile(target, row.where)
    parse_text(src, text)
    checked = FileChecker(src, ref, entries_dir, root, today).run()
    reported = {(p.field or "").split(".")[0].split("[")[0] for p in row.problems}
    out = []
    for p in checked.problems:
        top = (p.field or "isi").split(".")[0].split("[")[0]
        if top in reported or (skip_body and top == "isi") or p.code in ("misplaced-file", "unknown-region-folder"):
            continue
        col = next((row.cells[k] for k in _prefixes(p.field or "isi") if k in row.cells), None)
        hint = p.hint
        if p.code == "missing-field" and col is None and top in schema.BY_NAME:
            hint = f"Tambahkan kolom '{HEADERS.get(top, top)}' di baris judul, lalu isi sel baris ini."
        out.append(dataclasses.replace(p, file=row.where, line=row.number, column=col, hint=hint))
    return out


def _prefixes(path: str) -> list[str]:
    parts = re.split(r"[.\[]", path)
    return [".".join(parts[:i]) for i in range(len(parts), 0, -1)]


def write(p: Plan) -> list[Path]:
    """Write every file of the plan, or none: all are written beside their targets first, then renamed."""
    temps: list[tuple[Path, Path]] = []
    try:
        for o in p.to_write:
            o.path.parent.mkdir(parents=True, exist_ok=True)
            tmp = o.path.with_name(f".{o.path.name}.impor-{os.getpid()}")
            tmp.write_text(o.text, encoding="utf-8")
            temps.append((tmp, o.path))
        for tmp, final in temps:
            os.replace(tmp, final)
    finally:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
    return [final for _, final in temps]


def describe(p: Plan, fmt: str, will_write: bool) -> str:
    """What the import found and would do. json/github/gitlab: the problems only, for machines."""
    from ...entry.load import display_path
    from ...entry.reports import FORMATS
    if fmt != "text":
        return FORMATS[fmt](p.report)
    lines = [*p.notes]
    for q in p.report.problems:  # located by cell, as the sheet shows it: daftar.xlsx › Inovasi › F12
        field = f"{q.field}: " if q.field else ""
        lines.append(f"{q.file} › {letter(q.column or 1)}{q.line}: {q.severity} [{q.code}] {field}{q.message}")
        if q.hint:
            lines.append(f"    petunjuk: {q.hint}")
    errors = len(p.report.errors)
    if errors:
        lines.append(f"{errors} galat di {len({q.line for q in p.report.errors})} baris dari {p.report.files_checked}. "
                     "Tidak ada berkas yang ditulis; perbaiki lembar kerjanya lalu jalankan lagi.")
        return "\n".join(lines) + "\n"
    for o in p.outputs:
        what = {"baru": "baru      ", "diperbarui": "diperbarui", "sama": "sama      ", "dilewati": "dilewati  "}[o.status]
        extra = {"diperbarui": f" ({', '.join(o.changed)})" if o.changed else "",
                 "dilewati": " sudah ada; tambahkan --perbarui untuk memperbaruinya dari lembar ini",
                 "sama": " tidak berubah"}.get(o.status, "")
        lines.append(f"  {what} {display_path(o.path)}{extra}  ← {o.row}")
    n = len(p.to_write)
    lines.append(f"{n} berkas akan ditulis." if will_write else
                 f"Uji coba: belum ada berkas yang ditulis. Jalankan lagi dengan --tulis untuk menulis {n} berkas.")
    return "\n".join(lines) + "\n"
