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
from .validate import DATE_RE, EMAIL_RE, ID_RE, URL_RE

SCHEMA_ID = "skema/inovasi.schema.json"


def _text(f: schema.Field) -> dict:
    return {"type": "string", "minLength": f.min_len, "maxLength": f.max_len, "pattern": r"\S"}


def _enum(options: dict[str, str]) -> dict:
    return {"type": "string", "enum": list(options),
            "x-labels": dict(options)}  # labels for forms; ignored by validators


def _one_or_list(item: dict, max_items: int) -> dict:
    return {"anyOf": [item, {"type": "array", "items": item, "minItems": 1, "maxItems": max_items,
                             "uniqueItems": True}]}


def _measure() -> dict:
    number = {"type": "number", "minimum": 0}
    return {"type": "object", "additionalProperties": False, "required": ["sebelum", "sesudah"],
            "properties": {"sebelum": number, "sesudah": number}}


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
        out = {"type": "string", "pattern": DATE_RE.pattern}
    elif f.kind == "results":
        number = {"type": "number", "minimum": 0}
        indicator = {"type": "object", "additionalProperties": False, "required": list(schema.INDICATOR_KEYS),
                     "properties": {"indikator": {"type": "string", "minLength": 2, "maxLength": 150},
                                    "satuan": {"type": "string", "minLength": 1, "maxLength": 60},
                                    "sebelum": number, "sesudah": number}}
        props = {key: {**_measure(), "title": label} for key, (label, _) in schema.RESULT_KEYS.items()}
        props["lainnya"] = {"type": "array", "items": indicator, "maxItems": 10}
        out = {"type": "object", "additionalProperties": False, "properties": props}
    elif f.kind == "id":
        out = {"type": "string", "pattern": ID_RE.pattern}
    elif f.kind == "contact":
        out = {"type": "object", "additionalProperties": False, "properties": {
            "unit": {"type": "string", "minLength": 3, "maxLength": 150},
            "email": {"type": "string", "pattern": EMAIL_RE.pattern},
            "telepon": {"type": "string", "minLength": 3, "maxLength": 150}}}
    elif f.kind == "links":
        link = {"type": "object", "additionalProperties": False, "required": list(schema.LINK_KEYS),
                "properties": {"judul": {"type": "string", "minLength": 2, "maxLength": 150},
                               "url": {"type": "string", "pattern": URL_RE.pattern}}}
        out = _one_or_list(link, f.max_items)
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
        "x-min-words": schema.MIN_WORDS,
        "x-region-folders": {code: r.slug for code, r in ref.regions.items()},
    }


def dumps(ref: Reference, site_url: str = "") -> str:
    return json.dumps(build(ref, site_url), ensure_ascii=False, indent=2) + "\n"
