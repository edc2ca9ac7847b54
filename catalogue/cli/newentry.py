"""`catalogue new` without click: its options (generated from schema.FIELDS), reading what a clerk
typed (choices and regions in any case), every problem of one run at once, and the next step.

Problems name the command-line option (--waktu-uji-coba), never the YAML field or a file that does not
exist yet. cli.py declares the command and writes the file.
"""

from __future__ import annotations

import difflib
import re
import shlex
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import click
import yaml

from ..entry import scaffold, schema
from ..entry.load import SourceFile, display_path, parse_text
from ..entry.reference import Reference, Region
from ..project import Project
from ..validate import FileChecker, slugify
from .common import invocation, shell_path

# The fields `new` takes as options, in the order of the help; fields added to the schema later are
# simply not asked for (a field missing from the schema is skipped).
OPTION_FIELDS = ("nama", "wilayah", "perangkat_daerah", "bidang", "bentuk", "jenis", "tahapan", "inisiator",
                 "waktu_uji_coba", "waktu_penerapan")
DATES = schema.DATE_ORDER  # one of the two is required (as the validator says)
METAVARS = {"text": "TEKS", "region": "WILAYAH", "areas": "BIDANG", "choice": "PILIHAN", "date": "TANGGAL"}
ID_FLAG = "--id"
# The stage that needs the implementation date (the validator's stage-date-mismatch).
(IMPLEMENTED, _), = schema.STAGE_NEEDS_DATE.items()
BOTH_DATES = f"--{DATES[0].replace('_', '-')} atau --{DATES[1].replace('_', '-')}"


def fields() -> list[schema.Field]:
    return [schema.BY_NAME[n] for n in OPTION_FIELDS if n in schema.BY_NAME]


def flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def as_options(text: str) -> str:
    """A message written for the YAML file, with field names turned into option names."""
    for f in fields():
        text = re.sub(rf"'{f.name}'|\b{f.name}\b" if "_" in f.name else rf"'{f.name}'", flag(f.name), text)
    return text


def _example(f: schema.Field) -> str:
    value = yaml.safe_load(f"x: {f.example}")["x"]
    value = value[0] if isinstance(value, list) else value
    value = value.isoformat() if isinstance(value, date) else str(value)
    return f"{flag(f.name)} {shlex.quote(value) if ' ' not in value else chr(34) + value + chr(34)}"


def choices(f: schema.Field, ref: Reference) -> dict[str, str]:
    """Key -> label of what a choice option accepts (empty for free text)."""
    if f.kind == "areas":
        return ref.options("bidang")
    if f.kind == "choice":
        return ref.choices.get(f.choices or f.name, {})
    return {}


def _norm(text: str) -> str:
    return re.sub(r"[\s_\-]+", "_", text.strip().lower()).strip("_")


def choice_list(options: dict[str, str]) -> str:
    """tata_kelola (Inovasi tata kelola …), digital, … (a label only where it says more than the key)."""
    return ", ".join(k if _norm(k) == _norm(v) else f"{k} ({v})" for k, v in options.items())


def match_choice(text: str, options: dict[str, str]) -> str | None:
    """The key for what was typed: 'Pelayanan Publik', 'pelayanan-publik' and 'NON_DIGITAL' all count."""
    typed = _norm(text)
    return next((k for k, label in options.items() if typed in (_norm(k), _norm(label))), None)


_PREFIXES = {"kab.": "kabupaten", "kab": "kabupaten", "kabupaten": "kabupaten", "kota": "kota",
             "prov.": "provinsi", "prov": "provinsi", "provinsi": "provinsi"}


def match_region(text: str, ref: Reference) -> Region | None:
    """A region by code ("63.03"), folder ("banjar", "Hulu-Sungai-Selatan") or name ("Kabupaten Banjar",
    "Kab. Banjar", or just "Banjar" when only one region has that name), in any case."""
    typed = " ".join(text.replace("-", " ").lower().split())
    if text.strip() in ref.regions:
        return ref.regions[text.strip()]
    for r in ref.regions.values():
        if typed in (r.slug.replace("-", " "), r.name.lower()):
            return r
    first, _, rest = typed.partition(" ")
    if first in _PREFIXES and rest:
        return next((r for r in ref.regions.values() if r.name.lower() == f"{_PREFIXES[first]} {rest}"), None)
    named = [r for r in ref.regions.values() if r.name.lower().partition(" ")[2] == typed]
    return named[0] if len(named) == 1 else None


def region_list(ref: Reference) -> str:
    return ", ".join(f'"{r.code}" ({r.slug})' for r in ref.regions.values())


def _table(rows: list[tuple[str, ...]]) -> str:
    """Rows in aligned columns, kept as they are by click's help (the \\b paragraph marker)."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]) - 1)] if rows else []
    return "\b\n" + "\n".join("  ".join([*(c.ljust(w) for c, w in zip(r, widths)), r[-1]]).rstrip() for r in rows)


def option_help(f: schema.Field, ref: Reference) -> str:
    """The --help text of one option, from its schema field and the reference lists: what it is, whether
    it is required, and every value it accepts, one a line."""
    other = [flag(d) for d in DATES if d != f.name]
    mark = "[wajib] " if f.required else (f"[wajib: ini atau {other[0]}] " if f.name in DATES else "")
    if f.kind == "region":
        return (f"{mark}{f.label}: kodenya, nama foldernya atau namanya (huruf besar atau kecil sama saja). "
                f"Pilihan:\n\n" + _table([(r.code, r.slug, r.name) for r in ref.regions.values()]))
    if f.kind in ("choice", "areas"):
        text = as_options(f.help) if f.kind == "choice" else (
            f"{f.label}; ulangi opsi ini untuk 2–{f.max_items} bidang (yang pertama bidang utama).")
        rows = [(k, "" if _norm(k) == _norm(v) else v) for k, v in choices(f, ref).items()]
        return f"{mark}{text} Pilihan (huruf besar atau kecil sama saja):\n\n" + _table(rows)
    text = as_options(f.help)
    if f.kind == "date" and "TAHUN" not in text:
        text += " Tulis TAHUN-BULAN-TANGGAL."
    example = _example(f).replace(" ", "\u00a0")  # kept on one line (cli._HelpFormatter)
    return f"{mark}{text} Contoh: {example}"


def _date(f: schema.Field, text: str, today: date, prompt: bool = False) -> tuple[date | str | None, str | None]:
    """(the date as written in the entry, None) or (None, what is wrong with it)."""
    write = "" if prompt else f"{flag(f.name)} "
    text = text.strip()
    m = schema.DATE_RE.match(text)
    try:
        day = date(int(m[1]), int(m[2]), int(m[3] or 1)) if m else None
    except ValueError:
        day = None
    if day is None:
        dmy = re.match(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$", text)
        fix = f"Untuk {text} tulis {write}{dmy[3]}-{int(dmy[2]):02d}-{int(dmy[1]):02d}." if dmy else (
            f"Contoh: {write}2023-05-17 untuk 17 Mei 2023.")
        return None, f'"{text}" bukan tanggal yang sah; tulis TAHUN-BULAN-TANGGAL. {fix}'
    if (day.year, day.month) > (today.year, today.month) or (m[3] and day > today):
        return None, (f"tanggal {text} belum terjadi (hari ini {today.isoformat()}); katalog hanya mencatat "
                      "yang sudah terjadi. Periksa tahun dan bulannya.")
    return (day if m[3] else text), None  # a full date is written unquoted, as the guide shows it


@dataclass
class Draft:
    """What `new` will write, or every reason it will not."""
    values: dict = field(default_factory=dict)
    target: Path | None = None
    problems: list[tuple[str, str]] = field(default_factory=list)  # (option, message)
    missing: set[str] = field(default_factory=set)  # options only left out, which a terminal can ask for

    def add(self, option: str, message: str, missing: bool = False) -> None:
        self.problems.append((option, message))
        if missing:
            self.missing.add(option)

    @property
    def only_missing(self) -> bool:
        return all(option in self.missing for option, _ in self.problems)

    def report(self) -> str:
        lines = [f"  {option}: {message}" for option, message in self.problems]
        return ("berkas belum dibuat. Perbaiki hal berikut, lalu jalankan perintahnya lagi:\n" + "\n".join(lines))


def _leftovers(args: list[str], draft: Draft) -> None:
    """Words click could not place: a misspelt option, or a value of several words without quotes."""
    known = [flag(f.name) for f in fields()] + [ID_FLAG, "--contoh", "--config"]
    words: list[str] = []
    after_option = False
    for arg in args:
        if arg.startswith("-") and len(arg) > 1:
            name = arg.split("=", 1)[0]
            near = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
            draft.add(name, "opsi ini tidak dikenal" + (f"; mungkin maksud Anda {near[0]}?" if near else
                                                         ". Daftar opsi ada di 'catalogue new --help'."))
            after_option = "=" not in arg
        elif after_option:
            after_option = False  # the value of the unknown option
        else:
            words.append(arg)
    if words:
        shown = " ".join(words)
        draft.add("kata berlebih", f'"{shown}" tidak termasuk opsi mana pun. Nilai yang terdiri dari beberapa kata '
                                   'harus ditulis di antara tanda kutip, misalnya --nama "Antar Obat Lansia".')


def prepare(given: dict, entry_id: str | None, contoh: bool, extra_args: list[str],
            project: Project, ref: Reference, today: date) -> Draft:
    """Check everything the clerk gave (given: field name -> str, or a tuple for bidang) in one pass."""
    draft = Draft()
    _leftovers(extra_args, draft)
    values: dict = {}
    region: Region | None = None
    # `--nama --wilayah banjar`: --nama took "--wilayah" as its value; say so once, not "--wilayah missing"
    swallowed = {str(v).split("=")[0] for raw in given.values() for v in (raw if isinstance(raw, tuple) else [raw])
                 if isinstance(v, str) and v.startswith("--")}
    for f in fields():
        raw = given.get(f.name)
        items = [w.strip() for v in raw for w in str(v).split(",")] if isinstance(raw, (list, tuple)) else [raw]
        items = [w.strip() for w in items if w is not None and str(w).strip()]
        option = flag(f.name)
        if not items:
            if f.required and option not in swallowed:
                options = choices(f, ref)
                draft.add(option, "belum diisi; pilih salah satu: " + choice_list(options) + "." if options
                          else f"belum diisi. Contoh: {_example(f)}"
                          + (" atau --wilayah banjar." if f.kind == "region" else ""), missing=True)
            continue
        if any(w.startswith("--") for w in items):
            draft.add(option, f"tidak ada nilai sesudah {option} (yang tertulis sesudahnya langsung "
                              f"{items[0].split()[0]}). Contoh: {_example(f)}")
            continue
        if f.kind == "region":
            region = match_region(items[0], ref)
            if region is None:
                draft.add(option, f'"{items[0]}" tidak dikenal. Tulis kode atau nama folder salah satu wilayah '
                                  f"berikut: {region_list(ref)}.")
            else:
                values[f.name] = region.code
        elif f.kind in ("choice", "areas"):
            options = choices(f, ref)
            keys = [match_choice(w, options) for w in items]
            bad = [w for w, k in zip(items, keys) if k is None]
            for w in bad:
                draft.add(option, f'"{w}" bukan pilihan yang sah. Pilihan: {choice_list(options)}.')
            if not bad:
                values[f.name] = keys if f.kind == "areas" else keys[0]
        elif f.kind == "date":
            value, wrong = _date(f, items[0], today)
            if wrong:
                draft.add(option, wrong)
            else:
                values[f.name] = value
        else:
            values[f.name] = items[0]
    if values.get("tahapan") == IMPLEMENTED and not given.get(DATES[1]):
        draft.add(flag(DATES[1]), f"belum diisi, padahal --tahapan {IMPLEMENTED}. Isi tanggal mulai penerapan "
                                  f"(misalnya {_example(schema.BY_NAME[DATES[1]])}), atau pilih tahapan lain "
                                  "jika inovasi belum diterapkan.", missing=True)
    elif not any(given.get(d) for d in DATES):
        draft.add(BOTH_DATES, f"belum diisi; isi salah satu. Contoh: {_example(schema.BY_NAME[DATES[0]])}",
                  missing=True)
    if contoh:
        values["contoh"] = True

    typed_id = (entry_id or "").strip()
    entry_id = typed_id or (slugify(values["nama"]) if values.get("nama") else None)
    if typed_id and not schema.ID_RE.match(typed_id):
        draft.add(ID_FLAG, f'"{typed_id}" tidak dapat dipakai sebagai nama berkas; gunakan huruf kecil a–z, angka '
                           f"dan tanda hubung saja, misalnya {ID_FLAG} {slugify(typed_id)}.")
        entry_id = None
    if entry_id:
        existing = next(iter(sorted(project.entries_dir.glob(f"*/{entry_id}.md"))), None)
        if existing:
            free = next(c for c in (f"{entry_id}-{region.slug}" if region else None,
                                    *(f"{entry_id}-{n}" for n in range(2, 1000)))
                        if c and not any(project.entries_dir.glob(f"*/{c}.md")))
            draft.add(ID_FLAG, f'id "{entry_id}" sudah dipakai oleh {display_path(existing)}. Jika itu inovasi '
                               f"lain, beri nama berkas lain, misalnya {ID_FLAG} {free}.")
            entry_id = None
    draft.values = values
    _check_as_entry(draft, region, entry_id, project, ref, today)
    return draft


def _check_as_entry(draft: Draft, region: Region | None, entry_id: str | None, project: Project,
                    ref: Reference, today: date) -> None:
    """The validator's own checks of the file about to be written (lengths, date order, …), reported
    against the options; what was reported above, and the body still to be written, are left out."""
    target = project.entries_dir / (region.slug if region else "_") / f"{entry_id or 'inovasi-baru'}.md"
    src = SourceFile(path=target, display=target.name)
    parse_text(src, scaffold.entry_text(draft.values))
    checked = FileChecker(src, ref, project.entries_dir, project.root, today).run()
    reported = {option for option, _ in draft.problems}
    dates_wrong = any(flag(d) in reported for d in DATES) or BOTH_DATES in reported
    # stage-date-mismatch is checked above, as a missing option a terminal can ask for
    names = {f.name for f in fields()}
    for p in checked.problems:
        top = re.split(r"[.\[]", p.field or "")[0]
        if (top not in names or flag(top) in reported or p.code in ("missing-field", "missing-date")
                or p.code == "stage-date-mismatch" or (dates_wrong and p.code == "date-order")):
            continue
        draft.add(flag(top), as_options(f"{p.message}. {p.hint}".strip()))
    if not draft.problems and region and entry_id:
        draft.target = project.entries_dir / region.slug / f"{entry_id}.md"


def ask_missing(given: dict, ref: Reference, today: date) -> None:
    """In a terminal: ask for each required value not given, again until it is usable."""
    for f in fields():
        if f.required and not given.get(f.name):
            given[f.name] = _ask(f, ref, today)
    stage = match_choice(str(given.get("tahapan") or ""), ref.choices.get("tahapan", {}))
    if stage == IMPLEMENTED and not given.get(DATES[1]):
        given[DATES[1]] = _ask(schema.BY_NAME[DATES[1]], ref, today)
    elif not any(given.get(d) for d in DATES):
        given[DATES[0]] = _ask(schema.BY_NAME[DATES[0]], ref, today)


def _ask(f: schema.Field, ref: Reference, today: date):
    options = choices(f, ref)
    if f.kind == "region":
        label = f"{f.label} (kode atau nama, misalnya 63.03 atau banjar)"
    elif f.kind == "areas":
        label = f"{f.label} ({', '.join(options)}; beberapa bidang dipisah koma, yang pertama utama)"
    elif options:
        label = f"{f.label} ({', '.join(options)})"
    else:
        label = f"{f.label} (TAHUN-BULAN-TANGGAL)" if f.kind == "date" else f.label
    while True:
        typed = click.prompt(label).strip()
        if f.kind == "region" and match_region(typed, ref) is None:
            click.echo(f'  "{typed}" tidak dikenal. Wilayah yang dikenal: {region_list(ref)}.', err=True)
        elif options and any(match_choice(w, options) is None
                             for w in (typed.split(",") if f.kind == "areas" else [typed])):
            click.echo(f"  Tulis salah satu dari: {', '.join(options)}.", err=True)
        elif f.kind == "date" and (wrong := _date(f, typed, today, prompt=True)[1]):
            click.echo(f"  {wrong}", err=True)
        elif f.kind == "text" and not f.min_len <= len(typed) <= f.max_len:
            click.echo(f"  Panjangnya {len(typed)} karakter; harus {f.min_len}–{f.max_len} karakter.", err=True)
        else:
            return tuple(typed.split(",")) if f.kind == "areas" else typed


def next_step(target: Path, config_file: Path) -> str:
    shown = display_path(target)
    sections = ", ".join(s.title for s in schema.SECTIONS[:-1]) + f" dan {schema.SECTIONS[-1].title}"
    config = "" if config_file.resolve() == Path("mkdocs.yml").resolve() else f" --config {shell_path(config_file)}"
    return (f"Langkah berikutnya: isi bagian-bagian teks di {shown} (ganti kalimat petunjuk di bawah judul "
            f"{sections} dengan penjelasan Anda sendiri, seluruhnya paling sedikit {schema.MIN_WORDS} kata), "
            f"lalu periksa dengan:\n    {invocation()} validate {shlex.quote(shown)}{config} --strict")
