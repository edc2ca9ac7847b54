"""Render a validation Report as text, GitHub annotations, GitLab Code Quality or JSON."""

from __future__ import annotations

import hashlib
import json

from .problems import PROBLEM_TYPES, Problem, Report


def _where(p: Problem) -> str:
    return ":".join([p.file, *(str(x) for x in (p.line, p.column) if x is not None)])


def summary(report: Report, strict: bool = False) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    if not errors and not warnings:
        return f"Semua {report.files_checked} berkas sah."
    files = len({p.file for p in report.problems})
    verdict = "" if report.ok(strict) else " Perbaiki lalu jalankan lagi."
    if not errors and strict:
        verdict = " Mode --strict: peringatan dianggap galat."
    return (f"{errors} galat dan {warnings} peringatan di {files} dari {report.files_checked} berkas."
            + verdict)


def format_text(report: Report, strict: bool = False) -> str:
    lines = []
    for p in report.problems:
        field = f"{p.field}: " if p.field else ""
        lines.append(f"{_where(p)}: {p.severity} [{p.code}] {field}{p.message}")
        if p.hint:
            lines.append(f"    petunjuk: {p.hint}")
    lines.append(summary(report, strict))
    return "\n".join(lines) + "\n"


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def format_github(report: Report, strict: bool = False) -> str:
    """GitHub Actions workflow commands: one ::error/::warning line per problem."""
    out = []
    for p in report.problems:
        props = [f"file={_escape_property(p.file)}"]
        if p.line is not None:
            props.append(f"line={p.line}")
        if p.column is not None:
            props.append(f"col={p.column}")
        props.append(f"title={_escape_property(PROBLEM_TYPES[p.code].title + ' [' + p.code + ']')}")
        field = f"{p.field}: " if p.field else ""
        text = f"{field}{p.message}" + (f"\nPetunjuk: {p.hint}" if p.hint else "")
        out.append(f"::{p.severity} {','.join(props)}::{_escape_data(text)}")
    out.append(summary(report, strict))
    return "\n".join(out) + "\n"


def format_json(report: Report, strict: bool = False) -> str:
    return report.to_json()


def format_gitlab(report: Report, strict: bool = False) -> str:
    """GitLab Code Quality report (a Code Climate subset): shown in the merge request, on the lines."""
    issues = []
    for p in report.problems:
        field = f"{p.field}: " if p.field else ""
        key = f"{p.code}|{p.file}|{p.line}|{p.field}|{p.message}"
        issues.append({
            "description": f"[{p.code}] {field}{p.message} — {p.hint}",
            "check_name": p.code,
            "fingerprint": hashlib.sha256(key.encode()).hexdigest()[:32],
            "severity": "major" if p.is_error else "minor",
            "location": {"path": p.file, "lines": {"begin": p.line or 1}},
        })
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


FORMATS = {"text": format_text, "github": format_github, "gitlab": format_gitlab, "json": format_json}
