"""Reference data: regions, areas, choice lists and urusan, read from YAML.

Reviewers extend these files (e.g. add a province's regions); nothing here
hard-codes Kalimantan Selatan. A malformed reference file is reported as
problems with the file and line, like an entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem, problem

DEFAULT_DIR = Path(__file__).parent.parent / "data"
REGION_CODE = re.compile(r"^\d{2}(\.\d{2})?$")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
REGION_KINDS = ("provinsi", "kabupaten", "kota")
CHOICE_LISTS = ("bentuk", "jenis", "tahapan", "inisiator", "status", "tingkat", "kelengkapan")


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    kind: str
    slug: str
    tile: tuple[int, int] | None = None  # [column, row] on the region map (peta), if placed

    @property
    def is_province(self) -> bool:
        return self.kind == "provinsi"

    @property
    def province_code(self) -> str:
        return self.code[:2]


@dataclass(frozen=True)
class Area:
    key: str
    label: str
    description: str


@dataclass
class Reference:
    regions: dict[str, Region] = field(default_factory=dict)  # by code, in file order
    areas: dict[str, Area] = field(default_factory=dict)
    choices: dict[str, dict[str, str]] = field(default_factory=dict)  # list name -> key -> label
    urusan: dict[str, str] = field(default_factory=dict)  # key -> label
    urusan_groups: dict[str, tuple[str, list[str]]] = field(default_factory=dict)
    skpd: dict[str, tuple[bool, list[str]]] = field(default_factory=dict)  # code -> (complete, names)
    synonyms: dict[str, tuple[str, ...]] = field(default_factory=dict)  # word -> the other words of its group
    abbreviations: dict[str, tuple[str, ...]] = field(default_factory=dict)  # singkatan.yml: word -> long forms

    def __post_init__(self) -> None:
        self.by_slug = {r.slug: r for r in self.regions.values()}
        # A long form's first word -> (its words, the abbreviation): finding long forms in a text costs one
        # dictionary look-up per word.
        self.long_forms: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for short, longs in self.abbreviations.items():
            for long in longs:
                words = tuple(long.split())
                self.long_forms.setdefault(words[0], []).append((words, short))

    def options(self, name: str) -> dict[str, str]:
        """Code -> label of one code list: "wilayah", "bidang", "urusan", or a list of pilihan.yml."""
        if name == "wilayah":
            return {code: r.name for code, r in self.regions.items()}
        if name == "bidang":
            return {k: a.label for k, a in self.areas.items()}
        return self.urusan if name == "urusan" else self.choices[name]

    def region_for(self, text: str) -> Region | None:
        """A region by code, slug or name (case-insensitive): used for hints and `new`."""
        if text in self.regions:
            return self.regions[text]
        low = text.strip().lower()
        for r in self.regions.values():
            names = {r.slug, r.name.lower(), r.name.lower().removeprefix("kabupaten ").removeprefix("kota ")}
            if low in names:
                return r
        return None

    def provinces(self) -> list[Region]:
        return [r for r in self.regions.values() if r.is_province]

    def children(self, province: Region) -> list[Region]:
        return [r for r in self.regions.values()
                if not r.is_province and r.province_code == province.code]


class ReferenceError(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


def _read(path: Path, problems: list[Problem]):
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(problem("invalid-reference", str(path), detail=str(exc)))
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        problems.append(problem("invalid-reference", str(path), line, detail=exc.problem or str(exc)))
    return None


def load_reference(directory: Path | str | None = None) -> Reference:
    """Read and check the reference YAML files; raise ReferenceError listing every problem."""
    d = Path(directory) if directory else DEFAULT_DIR
    problems: list[Problem] = []

    def bad(name: str, detail: str) -> None:
        problems.append(problem("invalid-reference", str(d / name), detail=detail))

    regions: dict[str, Region] = {}
    raw = _read(d / "wilayah.yml", problems)
    if raw is not None and not isinstance(raw, list):
        bad("wilayah.yml", "isi berkas harus berupa daftar wilayah")
        raw = None
    slugs: set[str] = set()
    for i, item in enumerate(raw or []):
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in ("kode", "nama", "jenis", "slug")):
            bad("wilayah.yml", f"wilayah ke-{i + 1} harus memiliki kode, nama, jenis dan slug berupa teks")
            continue
        code, kind, slug = item["kode"], item["jenis"], item["slug"]
        if not REGION_CODE.match(code):
            bad("wilayah.yml", f"kode \"{code}\" tidak berbentuk \"63\" atau \"63.01\"")
        elif kind not in REGION_KINDS:
            bad("wilayah.yml", f"jenis \"{kind}\" untuk {code} harus salah satu dari {', '.join(REGION_KINDS)}")
        elif (kind == "provinsi") != ("." not in code):
            bad("wilayah.yml", f"kode \"{code}\" tidak cocok dengan jenis \"{kind}\"")
        elif not SLUG.match(slug):
            bad("wilayah.yml", f"slug \"{slug}\" hanya boleh berisi huruf kecil, angka dan tanda hubung")
        elif code in regions or slug in slugs:
            bad("wilayah.yml", f"kode \"{code}\" atau slug \"{slug}\" ditulis lebih dari sekali")
        else:
            tile = item.get("peta")
            if tile is not None and not (isinstance(tile, list) and len(tile) == 2
                                         and all(isinstance(v, int) and 0 <= v < 40 for v in tile)):
                bad("wilayah.yml", f"peta untuk {code} harus berupa [kolom, baris], dua bilangan 0–39")
                tile = None
            regions[code] = Region(code, item["nama"], kind, slug, tuple(tile) if tile else None)
            slugs.add(slug)
    for r in regions.values():
        if not r.is_province and r.province_code not in regions:
            bad("wilayah.yml", f"provinsi \"{r.province_code}\" untuk {r.code} belum terdaftar")

    areas: dict[str, Area] = {}
    raw = _read(d / "bidang.yml", problems)
    for key, item in (raw or {}).items() if isinstance(raw, dict) else []:
        if not (isinstance(item, dict) and isinstance(item.get("label"), str) and isinstance(item.get("deskripsi"), str)):
            bad("bidang.yml", f"bidang \"{key}\" harus memiliki label dan deskripsi")
        elif not SLUG.match(str(key)):
            bad("bidang.yml", f"kunci bidang \"{key}\" hanya boleh huruf kecil, angka dan tanda hubung")
        else:
            areas[key] = Area(key, item["label"], item["deskripsi"])

    choices: dict[str, dict[str, str]] = {}
    raw = _read(d / "pilihan.yml", problems)
    for name in CHOICE_LISTS:
        values = raw.get(name) if isinstance(raw, dict) else None
        if not isinstance(values, dict) or not values:
            bad("pilihan.yml", f"daftar \"{name}\" tidak ada atau kosong")
        else:
            choices[name] = {str(k): str(v) for k, v in values.items()}

    urusan: dict[str, str] = {}
    groups: dict[str, tuple[str, list[str]]] = {}
    raw = _read(d / "urusan.yml", problems)
    for gkey, group in (raw or {}).items() if isinstance(raw, dict) else []:
        if not (isinstance(group, dict) and isinstance(group.get("isi"), dict)):
            bad("urusan.yml", f"kelompok \"{gkey}\" harus memiliki label dan isi")
            continue
        groups[gkey] = (str(group.get("label", gkey)), [str(k) for k in group["isi"]])
        urusan.update({str(k): str(v) for k, v in group["isi"].items()})

    skpd: dict[str, tuple[bool, list[str]]] = {}
    raw = _read(d / "skpd.yml", problems) if (d / "skpd.yml").is_file() else {}
    for code, item in (raw or {}).items() if isinstance(raw, dict) else []:
        names = item.get("skpd") if isinstance(item, dict) else None
        if str(code) not in regions:
            bad("skpd.yml", f"kode wilayah \"{code}\" tidak ada di wilayah.yml")
        elif not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            bad("skpd.yml", f"wilayah \"{code}\" harus memiliki daftar skpd berupa teks")
        else:
            skpd[str(code)] = (item.get("lengkap") is True, names)

    synonyms: dict[str, tuple[str, ...]] = {}
    raw = _read(d / "sinonim.yml", problems) if (d / "sinonim.yml").is_file() else []
    for i, group in enumerate(raw or []) if isinstance(raw, list) else []:
        words = [str(w).strip().lower() for w in group] if isinstance(group, list) else []
        if len(words) < 2 or any(not w or " " in w for w in words):
            bad("sinonim.yml", f"kelompok ke-{i + 1} harus berisi paling sedikit dua kata tunggal")
            continue
        for w in words:
            synonyms[w] = tuple(dict.fromkeys([*synonyms.get(w, ()), *(o for o in words if o != w)]))

    abbreviations: dict[str, tuple[str, ...]] = {}
    raw = _read(d / "singkatan.yml", problems) if (d / "singkatan.yml").is_file() else {}
    for short, longs in (raw or {}).items() if isinstance(raw, dict) else []:
        short = str(short).strip()
        forms = [str(x).strip() for x in longs] if isinstance(longs, list) else []
        if not _ABBREVIATION.match(short):
            bad("singkatan.yml", f"singkatan \"{short}\" harus satu kata huruf kecil (boleh angka dan tanda hubung)")
        elif not forms or not all(_LONG_FORM.match(x) for x in forms):
            bad("singkatan.yml", f"bentuk panjang \"{short}\" harus daftar frasa huruf kecil, masing-masing paling "
                                 "sedikit dua kata, tanpa tanda baca")
        else:
            abbreviations[short] = tuple(forms)
    if raw is not None and not isinstance(raw, dict):
        bad("singkatan.yml", "isi berkas harus berupa pasangan singkatan: [bentuk panjang]")

    if problems:
        raise ReferenceError(problems)
    return Reference(regions, areas, choices, urusan, groups, skpd, synonyms, abbreviations)


_ABBREVIATION = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_LONG_FORM = re.compile(r"^[a-z0-9-]+( [a-z0-9-]+)+$")
