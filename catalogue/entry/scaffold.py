"""The one generator of entry files: front matter in schema order, then the required body sections.

`catalogue new` writes a new entry with it, the contributor guide shows its example, and the form on the
site gets the same section prompts through the published JSON Schema (x-section-prompts).
"""

from __future__ import annotations

from datetime import date

import yaml

from . import schema
from .model import Entry, Tanggal

# The guide's example entry: every field's declared example, with a fuller `hasil`.
_LEFT_OUT = ("replikasi_dari", "status", "kontak", "tautan", "contoh", "kelengkapan")  # they need context the example lacks
EXAMPLE_RESULTS = {
    "langkah": {"sebelum": 5, "sesudah": 3},
    "waktu_hari": {"sebelum": 3, "sesudah": 1},
    "biaya_rp": {"sebelum": 50000, "sesudah": 0},
    "lainnya": [{"indikator": "Lansia yang terlayani", "satuan": "orang per bulan", "sebelum": 120, "sesudah": 310}],
}


class _Dumper(yaml.SafeDumper):
    """Double quotes where quotes are needed ("63.03"), as the guide and the error hints write them."""

    def choose_scalar_style(self):
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


def example_values() -> dict:
    out = {}
    for f in schema.FIELDS:
        if f.name not in _LEFT_OUT:
            value = yaml.safe_load(f"{f.name}: {f.example}")[f.name]
            out[f.name] = value.isoformat() if isinstance(value, date) else value
    out["hasil"] = EXAMPLE_RESULTS
    return out


# Values equal to the field's default are left out, so an entry says only what it adds.
_DEFAULTS = {"status": "aktif", "contoh": False, "kelengkapan": "lengkap"}


def _ordered(f: schema.Field, value):
    """A field's value with its keys in schema order (records, contact, results), as every writer puts them."""
    def parts(item: dict, declared) -> dict:
        return {p.name: item[p.name] for p in declared if item.get(p.name) not in (None, "")}
    if isinstance(value, tuple):
        value = list(value)
    if f.parts and isinstance(value, list):
        return [parts(v, f.parts) if isinstance(v, dict) else v for v in value]
    if f.kind == "contact" and isinstance(value, dict):
        return parts(value, schema.CONTACT)
    if f.kind == "results" and isinstance(value, dict):
        out = {k: parts(value[k], schema.MEASURE) for k in schema.RESULT_KEYS if isinstance(value.get(k), dict)}
        if value.get("lainnya"):
            out["lainnya"] = [parts(i, schema.INDICATOR) if isinstance(i, dict) else i for i in value["lainnya"]]
        return out
    return value


def written(values: dict) -> dict:
    """The fields an entry file holds, in schema order: empty ones and defaults left out."""
    return {f.name: _ordered(f, v) for f in schema.FIELDS
            if (v := values.get(f.name)) not in (None, (), [], {}, "") and _DEFAULTS.get(f.name, ...) != v}


def front_text(values: dict) -> str:
    """The front matter lines (without the --- lines) of an entry: the fields in schema order, empty ones
    and defaults left out."""
    fields = written(values)
    # Block style at the top, flow style inside ([a, b], {sebelum: 5, sesudah: 3}), as the guide shows
    # it; PyYAML quotes whatever would otherwise be read as something else ("63.03", "2022-03-01" as text).
    return "".join(yaml.dump({k: v}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000,
                             default_flow_style=None if isinstance(v, (list, dict)) else False)
                   for k, v in fields.items())


def entry_file(values: dict, body: str) -> str:
    """An entry file as every writer of the project writes it (import, normalising, `catalogue new`)."""
    return f"---\n{front_text(values)}---\n{body.strip()}\n"


def entry_text(values: dict, sections: dict[str, str] | None = None) -> str:
    """An entry file: the fields in `values`, then every required section with its text, or its prompt
    (schema.SECTIONS) for the contributor to replace."""
    body = "\n".join(f"## {s.title}\n\n{(sections or {}).get(s.title) or s.prompt}\n" for s in schema.SECTIONS)
    return f"---\n{front_text(values)}---\n{body}"


def _date(t: Tanggal | None):
    """A full date as a date (written unquoted, 2022-03-01), a month as text (2022-03)."""
    return None if t is None else date(t.year, t.month, t.day) if t.day else t.iso


def values_of(e: Entry) -> dict:
    """An entry's values as an entry file holds them (the inverse of reading one)."""
    record = lambda r: {k: v for k, v in vars(r).items() if v is not None}  # noqa: E731
    hasil = {k: {"sebelum": m.sebelum, "sesudah": m.sesudah} for k, m in e.hasil}
    if e.hasil_lainnya:
        hasil["lainnya"] = [record(i) for i in e.hasil_lainnya]
    return {
        "nama": e.nama, "singkatan": e.singkatan, "wilayah": e.region_code, "perangkat_daerah": e.perangkat_daerah,
        "bidang": list(e.bidang), "bentuk": e.bentuk, "jenis": e.jenis, "tahapan": e.tahapan,
        "inisiator": e.inisiator, "urusan": list(e.urusan), "waktu_uji_coba": _date(e.waktu_uji_coba),
        "waktu_penerapan": _date(e.waktu_penerapan), "dilaporkan_kemendagri": _date(e.dilaporkan_kemendagri),
        "hasil": hasil, "replikasi_dari": e.replikasi_dari, "status": e.status, "kontak": dict(e.kontak),
        "penghargaan": [record(a) for a in e.penghargaan], "regulasi": [record(r) for r in e.regulasi],
        "tautan": [record(t) for t in e.tautan], "tag": list(e.tag), "contoh": e.contoh,
        "kelengkapan": e.kelengkapan,
        "sumber": [{**record(s), **({"diakses": _date(s.diakses)} if s.diakses else {})} for s in e.sumber],
    }
