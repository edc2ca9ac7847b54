"""The one generator of entry files: front matter in schema order, then the required body sections.

`catalogue new` writes a new entry with it, the contributor guide shows its example, and the form on the
site gets the same section prompts through the published JSON Schema (x-section-prompts).
"""

from __future__ import annotations

from datetime import date

import yaml

from . import schema

# The guide's example entry: every field's declared example, with a fuller `hasil`.
_LEFT_OUT = ("replikasi_dari", "status", "kontak", "tautan", "contoh")  # they need context the example lacks
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


def entry_text(values: dict, sections: dict[str, str] | None = None) -> str:
    """An entry file: the fields in `values` (schema order, empty ones left out), then every required
    section with its text, or its prompt (schema.SECTIONS) for the contributor to replace."""
    fields = {f.name: list(v) if isinstance(v, tuple) else v
              for f in schema.FIELDS if (v := values.get(f.name)) not in (None, (), [], "", False)}
    # Block style at the top, flow style inside ([a, b], {sebelum: 5, sesudah: 3}), as the guide shows
    # it; PyYAML quotes whatever would otherwise be read as something else ("63.03", "2022-03-01").
    lines = [yaml.dump({k: v}, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000,
                       default_flow_style=None if isinstance(v, (list, dict)) else False)
             for k, v in fields.items()]
    front = "".join(lines)
    body = "\n".join(f"## {s.title}\n\n{(sections or {}).get(s.title) or s.prompt}\n" for s in schema.SECTIONS)
    return f"---\n{front}---\n{body}"
