"""Checks of one value against its declared kind (schema.Field.kind, schema.Part.kind).

A mixin of FileChecker: each `_kind_<kind>` returns the checked value, or _SKIP after reporting why it
is unusable. Reporting (`report`, `wrong_type`) and the source (`src`, `ref`, `today`) come from FileChecker.
"""

from __future__ import annotations

import math
import re
from datetime import date

from ..bahasa import number, read_date, read_number
from ..entry import schema
from ..entry.model import RECORDS, Indicator, Measure, Tanggal
from ..entry.problems import problem
from .words import closest, slugify, type_name

_SKIP = object()  # a value that failed its check
CURLY = "“”‘’„«»"


def field_name(path: str) -> str:
    """The key as written on its line: hasil.langkah.sebelum -> sebelum."""
    return re.split(r"[.\[]", path)[-1]


def _meant_date(text: str) -> str | None:
    """The date a clerk meant, as the entry needs it: '17/05/2022' -> 2022-05-17, 'Mei 2022' -> "2022-05"."""
    meant = read_date(text)
    return None if meant is None else meant.isoformat() if isinstance(meant, date) else f'"{meant}"'


def _decimal_commas(value: dict, keys) -> dict:
    """{sebelum: 2,5, sesudah: 1} reads as {sebelum: 2, 5: null, sesudah: 1}: put the "2,5" back together,
    so that it is reported as a number written with a decimal comma, on its own key."""
    digits = lambda k: (isinstance(k, int) and not isinstance(k, bool)) or (isinstance(k, str) and k.isdigit())  # noqa: E731
    if not any(digits(k) and v is None for k, v in value.items()):
        return value
    out, prev = {}, None
    for k, v in value.items():
        if digits(k) and v is None and prev in keys \
                and isinstance(out.get(prev), int) and not isinstance(out[prev], bool):
            out[prev] = f"{out[prev]},{k}"
            continue
        out[k], prev = v, k
    return out


class ValueChecks:
    def _text(self, path: str, value: object, min_len: int = 1, max_len: int = 200) -> object:
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # a number where text is expected is harmless ("2024", a year in a name)
        if not isinstance(value, str):
            return self.wrong_type(path, value, "teks")
        value = " ".join(value.split())
        if not value:
            self.report("empty-value", path)
            return _SKIP
        if not min_len <= len(value) <= max_len:
            self.report("invalid-length", path, length=len(value), minimum=min_len, maximum=max_len)
            return _SKIP
        return value

    def _kind_text(self, f: schema.Field, path: str, value: object) -> object:
        return self._text(path, value, f.min_len, f.max_len)

    def _curly(self, path: str, value: object) -> bool:
        """A value wrapped in curly quotes (a word processor's): reported with the straight-quoted form."""
        if isinstance(value, str) and value.strip()[:1] in CURLY and value.strip()[-1:] in CURLY:
            self.report("curly-quotes", path, value=value.strip()[1:-1])
            return True
        return False

    def _kind_region(self, f: schema.Field, path: str, value: object) -> object:
        if self._curly(path, value):
            return _SKIP
        if not isinstance(value, str):
            return self.wrong_type(path, value, 'teks kode wilayah, misalnya "63.03"')
        code = value.strip()
        if code in self.ref.regions:
            return code
        named = self.ref.region_for(code)
        if named:
            extra = f'Gunakan kode wilayahnya: wilayah: "{named.code}" ({named.name}).'
        else:
            sample = next((r for r in self.ref.regions.values() if not r.is_province), None)
            extra = ("Kode wilayah yang dikenal ada di catalogue/data/wilayah.yml"
                     + (f', misalnya "{sample.code}" untuk {sample.name}.' if sample else "."))
        self.report("unknown-region", path, value=code, extra=extra)
        return _SKIP

    def _choice(self, path: str, value: object, options: dict[str, str]) -> object:
        if self._curly(path, value):
            return _SKIP
        if not isinstance(value, str):
            return self.wrong_type(path, value, "teks")
        if value in options:
            return value
        norm = re.sub(r"[\s-]+", "_", value.strip().lower())
        near = norm if norm in options else closest(norm, options)
        extra = f"Mungkin maksud Anda '{near}'? " if near else ""
        self.report("invalid-choice", path, value=value, extra=extra, choices=", ".join(options))
        return _SKIP

    def _kind_choice(self, f: schema.Field, path: str, value: object) -> object:
        return self._choice(path, value, self.ref.options(f.choices))

    def _list(self, path: str, value: object, item, max_items: int) -> object:
        """A single value or a list of them; each checked by `item`, no repeats, at most max_items."""
        if isinstance(value, str) and "," in value and max_items > 1:
            parts = [p.strip() for p in value.split(",") if p.strip()]
            self.report("comma-list", path, items=", ".join(parts))
            return _SKIP
        items = [value] if isinstance(value, (str, dict)) else value
        if not isinstance(items, list):
            return self.wrong_type(path, value, "daftar, misalnya [a, b]")
        if not items:
            self.report("empty-value", path)
            return _SKIP
        if len(items) > max_items:
            self.report("too-many-items", path, count=len(items), maximum=max_items)
        out, ok = [], True
        for i, v in enumerate(items):
            sub = f"{path}[{i}]" if items is value else path
            checked = item(sub, v)
            if checked is _SKIP:
                ok = False
            elif checked in out:
                self.report("duplicate-value", sub, value=checked)
                ok = False
            else:
                out.append(checked)
        return tuple(out) if ok else _SKIP

    def _kind_areas(self, f: schema.Field, path: str, value: object) -> object:
        options = self.ref.options(f.choices)
        return self._list(path, value, lambda p, v: self._choice(p, v, options), f.max_items)

    _kind_choices = _kind_areas

    def _kind_tags(self, f: schema.Field, path: str, value: object) -> object:
        return self._list(path, value, lambda p, v: self._text(p, v, 1, f.max_len), f.max_items)

    def _kind_date(self, f: schema.Field, path: str, value: object) -> object:
        if self._curly(path, value):
            return _SKIP
        text = str(value).strip() if isinstance(value, (str, int)) and not isinstance(value, bool) else None
        m = schema.DATE_RE.match(text or "")
        try:
            t = Tanggal(int(m[1]), int(m[2]), int(m[3]) if m[3] else None) if m else None
            if t:
                date(t.year, t.month, t.day or 1)
        except ValueError:
            t = None
        if t is None:
            meant = _meant_date(text or "")  # 17/05/2022, 2022/05/17, Mei 2022: write out the date it means
            extra = f"Untuk {text} tulis {field_name(path)}: {meant}. " if meant else ""
            self.report("invalid-date", path, value=text if text is not None else type_name(value), extra=extra)
            return _SKIP
        if t.key()[:2] > (self.today.year, self.today.month) or (t.day and date(t.year, t.month, t.day) > self.today):
            self.report("future-date", path, value=t.iso, today=self.today.isoformat())
            return _SKIP
        return t

    def _number(self, path: str, value: object) -> object:
        if (isinstance(value, bool) or not isinstance(value, (int, float))
                or (isinstance(value, float) and not math.isfinite(value)) or value < 0):
            meant = read_number(value) if isinstance(value, str) else None  # Rp 1.500.000, 150.000, 2,5
            extra = f"Untuk {value} tulis {field_name(path)}: {meant}. " if meant is not None else ""
            self.report("invalid-number", path, value=repr(value) if isinstance(value, str) else type_name(value),
                        extra=extra)
            return _SKIP
        return value

    def _year(self, path: str, value: object) -> object:
        year = value if isinstance(value, int) and not isinstance(value, bool) else None
        if isinstance(value, str) and value.strip().isdigit():
            year = int(value.strip())
        if year is None or not schema.FIRST_YEAR <= year <= self.today.year:
            self.report("invalid-year", path, value=value if isinstance(value, (str, int)) else type_name(value),
                        first=schema.FIRST_YEAR, last=self.today.year)
            return _SKIP
        return year

    def _mapping(self, path: str, value: object, keys, required=()) -> dict | None:
        if not isinstance(value, dict):
            self.wrong_type(path, value, "pasangan kunci: nilai")
            return None
        value = _decimal_commas(value, keys)
        for k in value:
            if k not in keys:
                near = closest(k, keys)
                self.report("unknown-field", f"{path}.{k}",
                            extra=f"Mungkin maksud Anda '{near}'?" if near else "Yang dikenal: " + ", ".join(keys) + ".")
        for k in required:
            if k not in value:
                loc = self.src.loc(path)
                self.problems.append(problem("missing-field", self.src.display, loc.line, loc.column,
                                             f"{path}.{k}", extra=""))
        return value

    def _parts(self, path: str, value: object, parts: tuple[schema.Part, ...]) -> dict | None:
        """A mapping of declared parts (schema.Part): unknown and missing keys reported, each value checked by
        its kind. Returns the valid values, or None when the mapping itself or a required part is unusable."""
        m = self._mapping(path, value, [p.name for p in parts], [p.name for p in parts if p.required])
        if m is None:
            return None
        out, ok = {}, True
        for p in parts:
            if p.name in m:
                got = self._part(f"{path}.{p.name}", p, m[p.name])
                if got is not _SKIP:
                    out[p.name] = got
                    continue
            if p.required:
                ok = False
        return out if ok else None

    def _part(self, path: str, part: schema.Part, value: object) -> object:
        if part.kind == "number":
            return self._number(path, value)
        if part.kind == "choice":
            return self._choice(path, value, self.ref.choices[part.choices])
        if part.kind == "year":
            return self._year(path, value)
        if part.kind == "date":
            return self._kind_date(None, path, value)
        if part.name == "telepon" and isinstance(value, int) and not isinstance(value, bool):
            return self.wrong_type(path, value, "teks", "Tulis nomor dalam tanda kutip agar angka 0 di depan "
                                   f'tidak hilang: telepon: "{self.src.loc(path).raw}".')
        text = self._text(path, value, part.min_len, part.max_len)
        pattern, code = {"email": (schema.EMAIL_RE, "invalid-email"), "url": (schema.URL_RE, "invalid-url")}.get(
            part.kind, (None, None))
        if text is not _SKIP and pattern and not pattern.match(text):
            self.report(code, path, value=text)
            return _SKIP
        return text

    def _kind_results(self, f: schema.Field, path: str, value: object) -> object:
        if isinstance(value, dict):  # "langkah:" with its sebelum/sesudah written at the same depth, not under it
            orphans = [k for k in value if k in ("sebelum", "sesudah")]
            empty = next((k for k in schema.RESULT_KEYS if k in value and value[k] is None), None)
            if orphans and empty:
                self.wrong_type(f"{path}.{empty}", None, "pasangan sebelum dan sesudah",
                                f"Baris {' dan '.join(o + ':' for o in orphans)} di bawahnya harus menjorok lebih dalam "
                                f"daripada '{empty}:' (tambahkan 2 spasi di depannya), atau tulis dalam satu baris: "
                                f"{empty}: {{sebelum: 5, sesudah: 3}}.")
                value = {k: v for k, v in value.items() if k not in orphans and k != empty}
        m = self._mapping(path, value, (*schema.RESULT_KEYS, "lainnya"))
        if m is None:
            return _SKIP
        measures = []
        for key in schema.RESULT_KEYS:
            got = self._parts(f"{path}.{key}", m[key], schema.MEASURE) if key in m else None
            if got is not None:
                measures.append((key, Measure(**got)))
                if key in schema.LOWER_IS_BETTER and got["sesudah"] > got["sebelum"]:
                    self.report("result-worse", f"{path}.{key}.sesudah", before=number(got["sebelum"]),
                                after=number(got["sesudah"]), measure=schema.RESULT_KEYS[key][0].lower())
        indicators = ()
        if "lainnya" in m:
            def indicator(p: str, v: object) -> object:
                got = self._parts(p, v, schema.INDICATOR)
                return _SKIP if got is None else Indicator(**got)
            got = self._list(path + ".lainnya", m["lainnya"], indicator, schema.MAX_INDICATORS)
            indicators = () if got is _SKIP else got
        return (tuple(measures), tuple(indicators))

    def _kind_id(self, f: schema.Field, path: str, value: object) -> object:
        if not isinstance(value, str):
            return self.wrong_type(path, value, "teks id inovasi")
        if not schema.ID_RE.match(value.strip()):
            self.report("invalid-id", path, value=value, advice="Tulis id inovasi acuan, yaitu nama berkasnya tanpa "
                        f".md, dengan huruf kecil dan tanda hubung: {field_name(path)}: "
                        f"{slugify(value.strip().removesuffix('.md'))}")
            return _SKIP
        return value.strip()

    def _kind_contact(self, f: schema.Field, path: str, value: object) -> object:
        got = self._parts(path, value, schema.CONTACT)
        return _SKIP if got is None else tuple(got.items())

    def _kind_records(self, f: schema.Field, path: str, value: object) -> object:
        """A list of mappings of f.parts (tautan, penghargaan, regulasi), each made into its model record."""
        record = RECORDS[f.name]

        def item(p: str, v: object) -> object:
            got = self._parts(p, v, f.parts)
            return _SKIP if got is None else record(**got)
        return self._list(path, value, item, f.max_items)

    def _kind_flag(self, f: schema.Field, path: str, value: object) -> object:
        if not isinstance(value, bool):
            return self.wrong_type(path, value, "true atau false")
        return value
