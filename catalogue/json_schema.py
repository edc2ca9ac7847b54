"""JSON Schema of an entry's front matter, generated from schema.FIELDS and the reference data.

Published with the site (skema/inovasi.schema.json) for editors and for the "Ajukan inovasi" form;
`catalogue schema` prints it. The validator stays the authority: it also checks what a schema cannot
(dates not in the future, trial before implementation, folders, ids, replication targets), and it
accepts a number where text is expected, which the schema does not.
"""

from __future__ import annotations

import json

from . import schema
from .reference import Reference

SCHEMA_ID = "skema/inovasi.schema.json"


def _text(f: schema.Field) -> dict:
    return {"type": "string", "minLength": f.min_len, "maxLength": f.max_len, "pattern": r"\S"}


def _enum(options: dict[str, str]) -> dict:
    return {"type": "string", "enum": list(options),
            "x-labels": dict(options)}  # labels for forms; ignored by validators


def _one_or_list(item: dict, max_items: int) -> dict:
    return {"anyOf": [item, {"type": "array", "items": item, "minItems": 1, "maxItems": max_items,
                             "uniqueItems": True}]}


def _part(p: schema.Part) -> dict:
    if p.kind == "number":
        return {"type": "number", "minimum": 0}
    out = {"type": "string", "minLength": p.min_len, "maxLength": p.max_len, "title": p.label}
    if p.kind in ("email", "url"):
        out["pattern"] = (schema.EMAIL_RE if p.kind == "email" else schema.URL_RE).pattern
    return out


def _object(parts: tuple[schema.Part, ...]) -> dict:
    """A mapping of schema.Part, with their limits and patterns."""
    return {"type": "object", "additionalProperties": False,
            "required": [p.name for p in parts if p.required], "properties": {p.name: _part(p) for p in parts}}


def field_schema(f: schema.Field, ref: Reference) -> dict:
    if f.kind == "text":
        out = _text(f)
    elif f.kind == "region":
        out = _enum({code: r.name for code, r in ref.regions.items()})
    elif f.kind == "choice":
        out = _enum(ref.choices[f.choices])
    elif f.kind in ("areas", "choices"):
        options = {k: a.label for k, a in ref.areas.items()} if f.choices == "bidang" else ref.urusan
        out = _one_or_list(_enum(options), f.max_items)
    elif f.kind == "date":
        out = {"type": "string", "pattern": schema.DATE_RE.pattern}
    elif f.kind == "results":
        props = {key: {**_object(schema.MEASURE), "title": label, "x-unit": unit}
                 for key, (label, unit) in schema.RESULT_KEYS.items()}
        props["lainnya"] = {"type": "array", "items": _object(schema.INDICATOR), "maxItems": schema.MAX_INDICATORS}
        out = {"type": "object", "additionalProperties": False, "properties": props}
    elif f.kind == "id":
        out = {"type": "string", "pattern": schema.ID_RE.pattern}
    elif f.kind == "contact":
        out = _object(schema.CONTACT)
    elif f.kind == "links":
        out = _one_or_list(_object(schema.LINK), f.max_items)
    elif f.kind == "tags":
        out = _one_or_list({"type": "string", "minLength": 1, "maxLength": f.max_len}, f.max_items)
    elif f.kind == "flag":
        out = {"type": "boolean"}
    else:  # a new kind must be described here before it can ship
        raise ValueError(f"no JSON Schema for field kind {f.kind!r}")
    return {"title": f.label, "description": f.help, **out}


def build(ref: Reference, site_url: str = "") -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": (site_url.rstrip("/") + "/" + SCHEMA_ID) if site_url else SCHEMA_ID,
        "title": "Entri Katalog Inovasi Daerah",
        "description": "Front matter YAML satu berkas entries/<wilayah>/<id>.md.",
        "type": "object",
        "additionalProperties": False,
        "required": [f.name for f in schema.FIELDS if f.required],
        "anyOf": [{"required": ["waktu_uji_coba"]}, {"required": ["waktu_penerapan"]}],
        "properties": {f.name: field_schema(f, ref) for f in schema.FIELDS},
        "x-sections": list(schema.REQUIRED_SECTIONS),
        "x-section-prompts": {s.title: s.prompt for s in schema.SECTIONS},
        "x-min-words": schema.MIN_WORDS,
        "x-region-folders": {code: r.slug for code, r in ref.regions.items()},
    }


def dumps(ref: Reference, site_url: str = "") -> str:
    return json.dumps(build(ref, site_url), ensure_ascii=False, indent=2) + "\n"
