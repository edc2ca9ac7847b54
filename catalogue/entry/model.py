"""The validated catalogue: plain, immutable records and pure helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import digests
from ..bahasa import MONTHS
from .reference import Reference, Region


class cached_property:  # noqa: N801  named as functools' (and used the same way)
    """functools.cached_property without its lock: Python 3.11 takes an RLock on every first read, a third
    of the time the aggregate pages spend on 30,000 entries' derived values. Entries are read by one
    thread; two threads computing the same pure value would store the same thing."""

    def __init__(self, func):
        self.func, self.name, self.__doc__ = func, func.__name__, func.__doc__

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value



@dataclass(frozen=True, order=True)
class Tanggal:
    """A date written as YYYY-MM-DD or YYYY-MM (day unknown)."""
    year: int
    month: int
    day: int | None = None

    @property
    def iso(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" + (f"-{self.day:02d}" if self.day else "")

    @property
    def label(self) -> str:
        month = f"{MONTHS[self.month - 1]} {self.year}"
        return f"{self.day} {month}" if self.day else month

    def key(self) -> tuple[int, int, int]:
        return (self.year, self.month, self.day or 0)


@dataclass(frozen=True)
class Measure:
    """A measured result (hasil.langkah, hasil.waktu_hari, hasil.biaya_rp): before and after."""
    sebelum: float
    sesudah: float


@dataclass(frozen=True)
class Indicator:
    """Another measured indicator (hasil.lainnya[]), with its own unit."""
    indikator: str
    satuan: str
    sebelum: float
    sesudah: float


@dataclass(frozen=True)
class Link:
    """A public page about the innovation (tautan[])."""
    judul: str
    url: str


@dataclass(frozen=True)
class Award:
    """An award the innovation won (penghargaan[])."""
    tahun: int
    nama: str
    tingkat: str  # kabupaten_kota | provinsi | nasional | internasional
    peringkat: str | None = None


@dataclass(frozen=True)
class Regulation:
    """A regulation the innovation rests on (regulasi[]): Perda, Perkada, SK, …"""
    jenis: str
    tahun: int
    nomor: str | None = None
    judul: str | None = None


AWARD_LEVELS = {"kabupaten_kota": 1, "provinsi": 2, "nasional": 3, "internasional": 4}

@dataclass(frozen=True)
class Source:
    """A public source of an entry's facts (sumber[])."""
    judul: str
    url: str
    diakses: Tanggal | None = None


# Model class of each list-of-records field (schema.Field.kind == "records").
RECORDS = {"tautan": Link, "penghargaan": Award, "regulasi": Regulation, "sumber": Source}


@dataclass(frozen=True)
class Entry:
    id: str
    source: str  # path relative to the project root, POSIX form (for edit links)
    region_code: str
    nama: str
    perangkat_daerah: str
    bidang: tuple[str, ...]
    bentuk: str | None = None  # None only in a summary (kelengkapan: ringkasan)
    jenis: str | None = None
    tahapan: str | None = None
    inisiator: str | None = None
    urusan: tuple[str, ...] = ()
    waktu_uji_coba: Tanggal | None = None
    waktu_penerapan: Tanggal | None = None
    dilaporkan_kemendagri: Tanggal | None = None
    hasil: tuple[tuple[str, Measure], ...] = ()
    hasil_lainnya: tuple[Indicator, ...] = ()
    replikasi_dari: str | None = None
    status: str = "aktif"
    kontak: tuple[tuple[str, str], ...] = ()
    tautan: tuple[Link, ...] = ()
    tag: tuple[str, ...] = ()
    contoh: bool = False
    singkatan: str | None = None
    penghargaan: tuple[Award, ...] = ()
    regulasi: tuple[Regulation, ...] = ()
    sumber: tuple[Source, ...] = ()
    kelengkapan: str = "lengkap"
    body: str = ""
    # Targets as written in the body -> where they point in the site (checked by the validator):
    images: tuple[tuple[str, str], ...] = ()  # -> path relative to entries/
    links: tuple[tuple[str, str], ...] = ()  # -> page src_uri, e.g. "inovasi/x.md", "wilayah/banjar.md"

    # Derived values are cached on the (frozen) entry: the aggregate pages read them ~200,000 times at
    # 30,000 entries. They are stored beside the fields, never in repr, eq or the caches.
    @cached_property
    def is_summary(self) -> bool:
        return self.kelengkapan == "ringkasan"

    @cached_property
    def title(self) -> str:
        """The name as shown and searched: with its acronym, unless the name already holds it."""
        if self.singkatan and self.singkatan.lower() not in self.nama.lower().split():
            return f"{self.nama} ({self.singkatan})"
        return self.nama

    @cached_property
    def award_level(self) -> int:
        """The highest award level won: 0 none, 1 kabupaten/kota … 4 internasional."""
        return max((AWARD_LEVELS.get(a.tingkat, 0) for a in self.penghargaan), default=0)

    @cached_property
    def primary_area(self) -> str:
        return self.bidang[0]

    @cached_property
    def start(self) -> Tanggal | None:
        return self.waktu_uji_coba or self.waktu_penerapan

    @cached_property
    def latest(self) -> Tanggal | None:
        return self.waktu_penerapan or self.waktu_uji_coba

    @cached_property
    def year(self) -> int | None:
        return self.start.year if self.start else None

    @cached_property
    def reported(self) -> bool:
        return self.dilaporkan_kemendagri is not None

    @cached_property
    def fingerprint(self) -> str:
        """A digest of every field and the body: what the caches key an innovation's outputs on."""
        return digests.of(repr(self))

    @property
    def urut(self) -> str:
        """The date search sorts it by ("YYYY-MM-DD", "YYYY-MM", "YYYY"; "0000" undated), also kept with its
        cached validation result, so the search index can start before the entries are decoded."""
        return self.latest.iso if self.latest else "0000"

    @cached_property
    def summary(self) -> str:
        return summarise(self.body)

    @cached_property
    def list_key(self) -> tuple:
        """Order inside a list: implemented first, then newest, then by name (aggregate.list_order); kept,
        since one innovation is sorted into its region's, its province's and each of its areas' lists."""
        latest = tuple(-x for x in self.latest.key()) if self.latest else (0, 0, 0)
        return (STAGE_ORDER.get(self.tahapan, 9), latest, self.nama.lower(), self.id)


STAGE_ORDER = {"penerapan": 0, "uji_coba": 1, "inisiatif": 2}  # lists: implemented first


@dataclass
class Catalogue:
    reference: Reference
    entries: list[Entry] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.entries = sorted(self.entries, key=lambda e: e.id)
        self.by_id = {e.id: e for e in self.entries}
        # One pass, so "replicated by" lookups stay linear in the number of entries.
        self.replicated_by: dict[str, list[Entry]] = {}
        self.similar: dict[str, tuple[str, ...]] = {}  # Inovasi serupa: set by the build (site/similar.py)
        for e in self.entries:
            if e.replikasi_dari in self.by_id:
                self.replicated_by.setdefault(e.replikasi_dari, []).append(e)

    def region(self, entry: Entry) -> Region:
        return self.reference.regions[entry.region_code]

    @property
    def examples(self) -> int:
        return sum(e.contoh for e in self.entries)

    @property
    def summaries(self) -> int:
        return sum(e.is_summary and not e.contoh for e in self.entries)


_SECTION = re.compile(r"^##\s+(.+?)\s*#*\s*$")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARK = re.compile(r"[*_`>#]+")
_SENTENCE = re.compile(r"(.+?[.!?])(\s|$)")


# A level-2 heading line, or a code fence line (headings inside fences do not count).
_HEADING_OR_FENCE = re.compile(r"^(?:[^\S\n]*(?:```|~~~).*|##[^\S\n]+(.+?)[^\S\n]*#*[^\S\n]*)$", re.M)


def sections(body: str) -> dict[str, str]:
    """The body split at level-2 headings (outside code fences): title (lower case) -> text."""
    out: dict[str, list[str]] = {}
    current: str | None = None
    start = 0
    fence = False
    for m in _HEADING_OR_FENCE.finditer(body):
        if m.group(1) is None:
            fence = not fence
            continue
        if fence:
            continue
        if current is not None:
            out[current].append(body[start:m.start()].removesuffix("\n"))
        current = m.group(1).strip().lower()
        out.setdefault(current, [])
        start = m.end() + 1
    if current is not None:
        out[current].append(body[start:])
    return {k: "\n".join(v) for k, v in out.items()}


def link_texts(markdown_text: str) -> str:
    """Markdown links and images reduced to their text (their targets are not words of the body)."""
    return _MD_LINK.sub(r"\1", markdown_text) if "](" in markdown_text else markdown_text


def plain(markdown_text: str) -> str:
    text = _MD_LINK.sub(r"\1", markdown_text)
    text = _MD_MARK.sub("", text)
    return " ".join(text.split())


def summarise(body: str, limit: int = 180) -> str:
    """One line for lists: the first sentence of 'Tujuan', else of the whole body."""
    parts = sections(body)
    source = parts.get("tujuan") or body
    paras = [p for p in (plain(re.sub(r"^\s*([-*+]|\d+[.)])\s+", "", p, flags=re.M)) for p in source.split("\n\n")) if p]
    if not paras:
        return ""
    m = _SENTENCE.match(paras[0])
    text = m.group(1) if m else paras[0]
    if text.endswith(":") and len(paras) > 1:  # "bertujuan:" followed by a list: keep what follows
        text = f"{text} {paras[1]}"
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"
