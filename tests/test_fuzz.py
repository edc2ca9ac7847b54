"""Property-based fuzzing of the validator: whatever the bytes, it returns problems with file and line
and never raises. Bounded by default; FUZZ_EXAMPLES=5000 make test (or `make fuzz`) runs more."""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

import yaml
from conftest import body, entry_text, front
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.entry import schema
from catalogue.entry.reference import load_reference
from catalogue.validate import validate

REF = load_reference()
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "120"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize="FUZZ_SEED" not in os.environ,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ROOT = Path(tempfile.mkdtemp(prefix="fuzz-"))
ENTRIES = ROOT / "entries"
TARGET = ENTRIES / "banjar" / "fuzz.md"
TARGET.parent.mkdir(parents=True)
VALID = entry_text(front(hasil={"langkah": {"sebelum": 5, "sesudah": 3}}, tag=["a", "b"]))


def check(data: bytes) -> None:
    TARGET.write_bytes(data)
    _, report = validate(ENTRIES, REF, today=date(2026, 11, 29), root=ROOT)  # must not raise
    for p in report.problems:
        assert p.file.endswith("fuzz.md") and isinstance(p.line, int) and p.line >= 1, p
        assert p.message and p.code and p.severity in ("error", "warning")


@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes(data):
    check(data)


@FUZZ
@given(st.binary(max_size=2048))
def test_random_bytes_after_a_valid_opening(data):
    check(b"---\nnama: x\n" + data)


@FUZZ
@given(st.integers(0, len(VALID)), st.integers(0, 40), st.text(max_size=40))
def test_mutated_valid_entries(at, cut, insert):
    check((VALID[:at] + insert + VALID[at + cut:]).encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.integers(0, len(VALID)))
def test_truncated_entries(at):
    check(VALID[:at].encode())


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**30, 10**30) | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30) | st.sampled_from(["63.03", "2023-05-01", "2023-13-45", "penerapan", "", " ", "1e400"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=12)


@FUZZ
@given(st.sampled_from([f.name for f in schema.FIELDS]), yaml_values)
def test_wrong_types_at_every_key(key, value):
    data = front(hasil={"langkah": {"sebelum": 5, "sesudah": 3}})
    data[key] = value
    try:
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    except yaml.YAMLError:
        return
    check(f"---\n{text}---\n{body()}".encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.sampled_from(["langkah", "waktu_hari", "biaya_rp"]), st.sampled_from(["sebelum", "sesudah"]),
       st.one_of(st.integers(-10**400, 10**400), st.floats(), st.text(max_size=5)))
def test_huge_and_odd_numbers(key, when, value):
    data = front(hasil={key: {"sebelum": 1, "sesudah": 1}})
    data["hasil"][key][when] = value
    check(f"---\n{yaml.safe_dump(data, sort_keys=False)}---\n{body()}".encode("utf-8", "surrogatepass"))


@FUZZ
@given(st.integers(1, 3000), st.sampled_from(["[", "{a: ", "- "]))
def test_deep_nesting(depth, opener):
    if opener == "- ":
        nested = "".join("  " * i + "-\n" for i in range(min(depth, 400)))
        check(f"---\nnama: x\ntag:\n{nested}---\n".encode())
    else:
        check(f"---\nnama: {opener * depth}\n---\n".encode())
