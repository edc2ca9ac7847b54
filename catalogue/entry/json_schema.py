"""JSON Schema of an entry's front matter, generated from schema.FIELDS and the reference data.

Published with the site (skema/inovasi.schema.json) for editors and for the "Ajukan inovasi" form;
`catalogue schema` prints it. The validator stays the authority: it also checks what a schema cannot
(dates not in the future, trial before implementation, folders, ids, replication targets), and it
accepts a number where text is expected, which the schema does not.
"""

from __future__ import annotations

import json

from . import problems, schema
from .reference import Reference

SCHEMA_ID = "skema/inovasi.schema.json"  # where the site publishes it (pages.routes.SCHEMA)
# Problems a form can meet in one entry (the rest concern files, folders, YAML or other entries).
FORM_CODES = frozenset({
    "missing-field", "empty-value", "invalid-length", "invalid-choice", "too-many-items", "duplicate-value",
    "invalid-date", "future-date", "date-order", "missing-date", "stage-date-mismatch", "invalid-number",
    "invalid-year", "result-worse", "invalid-url", "invalid-email", "invalid-id", "duplicate-id",
    "missing-section", "template-text", "body-too-short", "image-external", "heading-level", "unknown-region",
    "wrong-type", "comma-list", "body-missing", "unknown-field"})


def _text(f: schema.Field) -> dict:
    return {"type": "string", "minLength": f.min_len, "maxLength": f.max_len, "pattern": r"\S"}


def _enum(options: dict[str, str]) -> dict:
    return {"type": "string", "enum": list(options),
            "x-labels": dict(options)}  # labels for forms; ignored by validators


def _one_or_list(item: dict, max_items: int) -> dict:
    return {"anyOf": [item, {"type": "array", "items": item, "minItems": 1, "maxItems": max_items,
                             "uniqueItems": True}]}


def _part(p: schema.Part, ref: Reference) -> dict:
    if p.kind == "number":
        return {"type": "number", "minimum": 0}
    if p.kind == "year":
        # The upper bound is the build year; the validator uses the day it runs.
        return {"type": "integer", "minimum": schema.FIRST_YEAR, "title": p.label, "x-max-today": True}
    if p.kind == "choice":
        return {**_enum(ref.choices[p.choices]), "title": p.label}
    out = {"type": "string", "minLength": p.min_len, "maxLength": p.max_len, "title": p.label}
    if p.kind in ("email", "url"):
        out["pattern"] = (schema.EMAIL_RE if p.kind == "email" else schema.URL_RE).pattern
        out["x-code"] = f"invalid-{p.kind}"  # the validator's problem code when the pattern fails
    return out


def _object(parts: tuple[schema.Part, ...], ref: Reference) -> dict:
    """A mapping of schema.Part, with their limits and patterns."""
    return {"type": "object", "additionalProperties": False,
            "required": [p.name for p in parts if p.required], "properties": {p.name: _part(p, ref) for p in parts}}


def field_schema(f: schema.Field, ref: Reference) -> dict:
    if f.kind == "text":
        out = _text(f)
    elif f.kind == "region":
        out = {**_enum(ref.options("wilayah")), "x-code": "unknown-region"}
    elif f.kind == "choice":
        out = _enum(ref.choices[f.choices])
    elif f.kind in ("areas", "choices"):
        options = ref.options(f.choices)
        out = _one_or_list(_enum(options), f.max_items)
        if f.choices == "urusan":  # for forms: the urusan in their groups (UU 23/2014 Pasal 12)
            out["x-groups"] = [{"label": label, "keys": keys} for label, keys in ref.urusan_groups.values()]
    elif f.kind == "date":
        out = {"type": "string", "pattern": schema.DATE_RE.pattern, "x-code": "invalid-date", "x-max-today": True}
    elif f.kind == "results":
        props = {key: {**_object(schema.MEASURE, ref), "title": label, "x-unit": unit,
                       "x-lower-is-better": key in schema.LOWER_IS_BETTER}
                 for key, (label, unit) in schema.RESULT_KEYS.items()}
        props["lainnya"] = {"type": "array", "items": _object(schema.INDICATOR, ref), "maxItems": schema.MAX_INDICATORS}
        out = {"type": "object", "additionalProperties": False, "properties": props}
    elif f.kind == "id":
        out = {"type": "string", "pattern": schema.ID_RE.pattern, "x-code": "invalid-id"}
    elif f.kind == "contact":
        out = _object(schema.CONTACT, ref)
    elif f.kind == "records":
        out = _one_or_list(_object(f.parts, ref), f.max_items)
    elif f.kind == "tags":
        out = _one_or_list({"type": "string", "minLength": 1, "maxLength": f.max_len}, f.max_items)
    elif f.kind == "flag":
        out = {"type": "boolean"}
    else:  # a new kind must be described here before it can ship
        raise ValueError(f"no JSON Schema for field kind {f.kind!r}")
    return {"title": f.label, "description": f.help, **out}


def build(ref: Reference, site_url: str = "") -> dict:
    """The schema; its `$id` is the published URL when the site's URL is known, else absent (a relative
    `$id` would resolve against the schema's own address, skema/, and name a file that does not exist)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **({"$id": site_url.rstrip("/") + "/" + SCHEMA_ID} if site_url else {}),
        "title": "Entri Katalog Inovasi Daerah",
        "description": "Front matter YAML satu berkas entries/<wilayah>/<id>.md.",
        "type": "object",
        "additionalProperties": False,
        # Always required; a complete entry (kelengkapan absent or lengkap) needs more, a summary a source.
        "required": [f for f in schema.SUMMARY_REQUIRED if f != "sumber"],
        "if": {"required": ["kelengkapan"], "properties": {"kelengkapan": {"const": schema.SUMMARY}}},
        "then": {"required": ["sumber"]},
        "else": {"required": [f.name for f in schema.FIELDS if f.required],
                 "anyOf": [{"required": [d]} for d in schema.DATE_ORDER]},
        "x-required": [f.name for f in schema.FIELDS if f.required],  # for forms: what a complete entry needs
        "properties": {f.name: field_schema(f, ref) for f in schema.FIELDS},
        "x-sections": list(schema.REQUIRED_SECTIONS),
        "x-section-prompts": {s.title: s.prompt for s in schema.SECTIONS},
        "x-min-words": schema.MIN_WORDS,
        "x-summary-min-words": schema.SUMMARY_MIN_WORDS,
        "x-region-folders": {code: r.slug for code, r in ref.regions.items()},
        "x-date-order": list(schema.DATE_ORDER),
        "x-stage-needs-date": schema.STAGE_NEEDS_DATE,
        "x-id-pattern": schema.ID_RE.pattern,
        # The validator's messages, so that a form says what `catalogue validate` would say.
        "x-problems": {code: {"severity": t.severity, "message": t.message, "hint": t.hint}
                       for code, t in sorted(problems.PROBLEM_TYPES.items()) if code in FORM_CODES},
    }


def dumps(ref: Reference, site_url: str = "") -> str:
    return json.dumps(build(ref, site_url), ensure_ascii=False, indent=2) + "\n"
