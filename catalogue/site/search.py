"""Search: Pagefind records built from the validated data, indexed while MkDocs renders.

Each innovation, region and area becomes one record (searchable text, filters, metadata, sort key);
no HTML is parsed, so contributor markup and page boilerplate never reach the index. Pagefind stems
Indonesian (everything is indexed as `id`) and the browser loads only the chunks a query needs.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import threading
from pathlib import Path

from ..entry.model import Entry, link_texts
from ..entry.reference import Reference

# Facet keys, in the order the browse page shows them, with their labels.
FACETS = {
    "wilayah": "Wilayah",
    "bidang": "Bidang",
    "tahapan": "Tahapan",
    "tahun": "Tahun",
    "bentuk": "Bentuk",
    "jenis": "Jenis",
    "perangkat_daerah": "Perangkat daerah",
    "status": "Status",
    "penghargaan": "Penghargaan",
    "kelengkapan": "Kelengkapan",
}
KIND_EXAMPLE = "Contoh ilustratif"  # the kelengkapan facet keeps examples apart from real entries
NO_AWARD = "Belum ada"  # the "other" bucket of the awards facet
KIND_REGION, KIND_AREA = "Wilayah", "Bidang"


def entry_meta(e: Entry, ref: Reference) -> dict:
    region = ref.regions[e.region_code]
    # Entries carry no "halaman" filter: only the few aggregate pages do, so the browse page
    # excludes them with a `none` filter whose data stays tiny at any catalogue size.
    filters = {
        "wilayah": [region.name],
        "bidang": [ref.areas[a].label for a in e.bidang],
        "tahapan": [ref.choices["tahapan"][e.tahapan]] if e.tahapan else [],
        "tahun": [str(e.year)] if e.year else [],
        "bentuk": [ref.choices["bentuk"][e.bentuk]] if e.bentuk else [],
        "jenis": [ref.choices["jenis"][e.jenis]] if e.jenis else [],
        "perangkat_daerah": [e.perangkat_daerah],
        "status": [ref.choices["status"][e.status]],
        "penghargaan": sorted({ref.choices["tingkat"][a.tingkat] for a in e.penghargaan}) or [NO_AWARD],
        "kelengkapan": [KIND_EXAMPLE if e.contoh else ref.choices["kelengkapan"][e.kelengkapan]],
    }
    meta = {
        "wilayah": region.name,
        "bidang": ref.areas[e.primary_area].label,
        "tahapan": ref.choices["tahapan"][e.tahapan] if e.tahapan else "",
        "tahun": str(e.year or ""),
        "ringkasan": e.summary,
        "contoh": "ya" if e.contoh else "",
        "singkatan": e.singkatan or "",
    }
    # One sort key only: each key adds a page-order table to the metadata every reader downloads.
    sort = {"tahun": e.urut}
    return {"filters": {k: v for k, v in filters.items() if v}, "meta": meta, "sort": sort}


def page_meta(kind: str, summary: str) -> dict:
    """Region and area pages: findable by text, never mixed into the innovation facets."""
    return {"filters": {"halaman": [kind]}, "meta": {"ringkasan": summary}, "sort": {}}


class SearchIndexError(Exception):
    pass


# --- indexing from the data (records), not from the built HTML ----------------------------------------
# Punctuation and Markdown marks become spaces (str.translate: one C pass); hyphens stay (e-KTP).
_SPACES = str.maketrans({c: " " for c in "!\"#$%&'()*+,./:;<=>?@[\\]^_`{|}~“”‘’«»…–—•·"})


def distinct_words(text: str, ref: Reference | None = None) -> str:
    """Each word once (lower case, punctuation dropped), in first-occurrence order, followed by what else
    finds it: for a long form the text has, its abbreviation ("administrasi kependudukan" -> adminduk), for
    an abbreviation its long form's words (singkatan.yml), and the synonyms of every word (sinonim.yml).
    Matching needs only which words a record has; the results show the summary, not a Pagefind excerpt. A
    700-word body has ~150 distinct words, and Pagefind's time, memory and index size grow with the words
    it gets."""
    tokens = text.lower().translate(_SPACES).split()
    words = dict.fromkeys(tokens)
    if ref is None:
        return " ".join(words)
    long_forms, extra = ref.long_forms, []
    if not long_forms.keys().isdisjoint(words):  # most texts start no long form: no pass over every token
        for i, token in enumerate(tokens):
            for form, short in long_forms.get(token, ()):
                if tuple(tokens[i:i + len(form)]) == form:
                    extra.append(short)
    abbreviations = ref.abbreviations
    if not abbreviations.keys().isdisjoint(words):  # the passes below only for a text that has one
        for w in list(words):
            for long in abbreviations.get(w, ()):
                extra.extend(long.split())
    words.update(dict.fromkeys(extra))
    synonyms = ref.synonyms
    if not synonyms.keys().isdisjoint(words):
        words.update(dict.fromkeys(s for w in list(words) for s in synonyms.get(w, ())))
    return " ".join(words)


def entry_record(e: Entry, ref: Reference) -> dict:
    """What Pagefind needs for one innovation: searchable text, filters, metadata, sort key."""
    region = ref.regions[e.region_code]
    meta = entry_meta(e, ref)
    # Custom records carry no weights: the acronym is repeated, as a heading's weight would count it, so
    # that a search for it ranks its own innovation above pages that only mention it.
    acronym = (e.singkatan.lower() + " ") * 5 if e.singkatan else ""
    text = acronym + distinct_words(" ".join([e.nama, region.name, e.perangkat_daerah, *(ref.areas[a].label for a in e.bidang),
                                    *(ref.urusan[u] for u in e.urusan), *e.tag, *(a.nama for a in e.penghargaan), link_texts(e.body)]),
                          ref)
    return {"url": f"/inovasi/{e.id}/", "content": text, "meta": {"title": e.title, **meta["meta"]},
            "filters": meta["filters"], "sort": meta["sort"]}


def page_record(url: str, title: str, kind: str, text: str) -> dict:
    meta = page_meta(kind, text[:180])
    return {"url": url, "content": f"{title} {text}", "meta": {"title": title, **meta["meta"]},
            "filters": meta["filters"], "sort": meta["sort"]}


# --- shards ---------------------------------------------------------------------------------------------
# The index is written in parts, each by its own Pagefind process: the innovations are split by the date
# they are sorted on (the "tahun" sort key) into shards; the newest is the primary bundle (pagefind/, with
# the region and area pages), the others go under pagefind/bagian-<name>/ and the browse page merges them
# with mergeIndex. A changed entry re-indexes only its shard (the others come from the cache), and no
# process holds more than about SHARD_ENTRIES records. Date ranges rather than hashed ids because Pagefind
# merges shards by score, and for a sorted search the score is the position inside each shard: the browse
# page restores the exact order by reading the shards in date order (jelajahi.js). Every shard costs each
# query its own metadata and index chunks, hence few, large shards (10,000 entries: two).
SHARD_ENTRIES = 7000  # CATALOGUE_SEARCH_SHARD overrides it (a smaller runner, or tests)
SINGLE = "semua"  # the one shard of a catalogue with at most SHARD_ENTRIES innovations


GRID = 1 << 15  # months from January of year 0: the date range halved until each part is small enough


def _month(e: Entry) -> int:
    v = e.urut  # "YYYY-MM-DD", "YYYY-MM" or "0000" (undated: month 0, the oldest)
    return int(v[:4]) * 12 + (int(v[5:7]) - 1 if len(v) >= 7 else 0)


def shard_names(entries: list[Entry]) -> list[str]:
    """The shard of each entry, in the same order. Up to shard_size() innovations: one shard. Beyond, the
    range of months is halved, and halved again wherever a part holds more than shard_size(), on a fixed
    grid: each shard is a range of months named after its first ("2021-07"). The split depends only on the
    counts, so the same entries give the same shards; a new innovation changes its own shard, and splits it
    only when it overflows. (A single month with more than shard_size() stays one shard.)"""
    size = shard_size()
    if len(entries) <= size:
        return [SINGLE] * len(entries)
    months = [_month(e) for e in entries]
    counts: dict[int, int] = {}
    for m in months:
        counts[m] = counts.get(m, 0) + 1
    start: dict[int, int] = {}  # month -> first month of its shard

    def split(lo: int, hi: int, present: list[int]) -> None:
        if not present:
            return
        if sum(counts[m] for m in present) <= size or hi - lo == 1:
            start.update((m, lo) for m in present)
            return
        mid = (lo + hi) // 2
        split(lo, mid, [m for m in present if m < mid])
        split(mid, hi, [m for m in present if m >= mid])
    split(0, GRID, sorted(counts))
    return [f"{start[m] // 12:04d}-{start[m] % 12 + 1:02d}" for m in months]


def shard_size() -> int:
    value = os.environ.get("CATALOGUE_SEARCH_SHARD", "")
    return int(value) if value.isdigit() and int(value) > 0 else SHARD_ENTRIES


def shard_folder(name: str) -> str:
    return f"bagian-{name}"


def page_records(ref: Reference) -> list[dict]:
    """Region and area pages, indexed in the primary bundle."""
    pages = [page_record(f"/wilayah/{r.slug}/", r.name, KIND_REGION,
                         f"{r.name} kode wilayah {r.code} {r.kind}") for r in ref.regions.values()]
    return pages + [page_record(f"/bidang/{k}/", f"Bidang {a.label}", KIND_AREA, a.description)
                    for k, a in ref.areas.items()]


def shards(catalogue) -> dict[str, list[Entry]]:
    """{name: entries} in date order. The newest shard is the primary bundle (pagefind/, with the region and
    area pages too: one bundle less to fetch per query); the others are merged from pagefind/bagian-<name>/."""
    out: dict[str, list[Entry]] = {}
    for e, name in zip(catalogue.entries, shard_names(catalogue.entries)):
        out.setdefault(name, []).append(e)
    return dict(sorted(out.items())) or {SINGLE: []}


def shard_folders(catalogue) -> list[tuple[str, str]]:
    """[(name, folder under pagefind/)] in date order; the primary's folder is ""."""
    names = list(shards(catalogue))
    return [(name, "" if name == names[-1] else shard_folder(name) + "/") for name in names]


class _Service:
    """A minimal synchronous client of `pagefind --service` (the binary from pagefind[bin]).

    The official Python client reads one response per 0.1 s poll, i.e. 50 minutes for 30,000 records;
    this one streams every request, then reads the responses back to back. Protocol: base64-encoded
    JSON messages, each followed by a comma, on stdin/stdout."""

    def __init__(self):
        binary = _binary()
        self.proc = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0
        self.buffer, self.pos = b"", 0  # what was read from Pagefind, and where the next message starts

    def send(self, payload: dict) -> int:
        self.next_id += 1
        body = json.dumps({"message_id": self.next_id, "payload": payload}).encode("utf-8")
        self.proc.stdin.write(base64.b64encode(body) + b",")
        return self.next_id

    def receive(self) -> dict:
        # Messages are found from a read position, and a long one (a bundle from GetFiles: megabytes) is
        # gathered in a list: growing one bytes object and searching it all again per read is quadratic.
        end = self.buffer.find(b",", self.pos)
        if end < 0:
            parts = [self.buffer[self.pos:]]
            while True:
                chunk = self.proc.stdout.read1(1 << 20)
                if not chunk:
                    raise SearchIndexError("Pagefind berhenti tanpa jawaban")
                parts.append(chunk)
                if b"," in chunk:
                    break
            self.buffer, self.pos = b"".join(parts), 0
            end = self.buffer.find(b",")
        raw, self.pos = self.buffer[self.pos:end], end + 1
        payload = json.loads(base64.b64decode(raw)).get("payload") or {}
        if payload.get("type") == "Error":
            raise SearchIndexError(f"Pagefind: {payload.get('message')}")
        return payload

    def close(self) -> None:
        try:
            self.proc.stdin.close()
        finally:
            self.proc.wait(timeout=60)


def _binary() -> Path:
    from pagefind.service import get_executable
    binary = get_executable()
    if binary is None:
        raise SearchIndexError("program Pagefind tidak ditemukan (paket pagefind[bin])")
    return Path(binary)


def write_index(items: list[dict], out_dir: Path, wanted=None) -> None:
    """One Pagefind process makes one bundle; it exits afterwards, so its memory goes with it. `wanted(path)`
    (relative to the bundle) chooses the files written; default all."""
    service = _Service()
    try:
        service.send({"type": "NewIndex", "config": {"force_language": "id"}})
        service.proc.stdin.flush()
        index_id = service.receive()["index_id"]

        def feed():
            for item in items:
                service.send({"type": "AddRecord", "index_id": index_id, "language": "id", **item})
            service.proc.stdin.flush()
        writer = threading.Thread(target=feed, daemon=True)
        writer.start()  # write and read at once, so neither pipe fills up
        for _ in items:
            service.receive()
        writer.join()
        # The bundle comes back in the response and is written here: Pagefind's own WriteFiles does not wait
        # for its writes (tokio files, never flushed), so a file could stay empty once the process exits.
        service.send({"type": "GetFiles", "index_id": index_id})
        service.proc.stdin.flush()
        files = service.receive().get("files") or []
    finally:
        service.close()
    made: set[Path] = set()
    for f in files:
        rel = Path(f["path"])
        if rel.is_absolute() or ".." in rel.parts:
            raise SearchIndexError(f"Pagefind: berkas di luar folder indeks ({rel})")
        if wanted is not None and not wanted(rel):
            continue
        path = out_dir / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_bytes(base64.b64decode(f["content"]))


def shard_file(rel: Path) -> bool:
    """A merged shard needs only its entry file, metadata, index, fragments and filters: the script, the UI
    files and the WebAssembly come from the primary bundle."""
    top = rel.parts[0]
    return top in ("pagefind-entry.json", "index", "fragment", "filter") or (
        top.startswith("pagefind.") and top.endswith(".pf_meta"))


def write_bundles(catalogue, out_dir: Path, cache=None, previous=None) -> dict:
    """Every bundle: kept where the site folder holds it (incremental/publish.py), else placed from the cache
    (incremental/searchcache.py), else indexed by Pagefind. Runs in its own process; returns what happened, for the
    build to record: counts, the units written ((unit, key, files)), those kept, the cache's notice."""
    ref, out = catalogue.reference, {"indexed": 0, "cached": 0, "kept": {}, "units": [], "notice": ""}
    pages, parts = page_records(ref), shards(catalogue)
    primary = list(parts)[-1]
    make = lambda some: [entry_record(e, ref) for e in _entries(catalogue, some)]  # noqa: E731
    if cache:
        cache.shards = set(parts)
    for name, entries in parts.items():
        records = pages if name == primary else []
        dest = out_dir if name == primary else out_dir / shard_folder(name)
        key, unit = "", f"pagefind:{name}"
        if cache:
            key = cache.key(name, [e.fingerprint for e in entries] + records)
            kept = previous.keep(unit, key) if previous is not None else None
            if kept is not None:
                cache.used.add(key)
                out["kept"][unit] = kept
                continue
        if cache and cache.place(key, dest):
            out["cached"] += 1
        else:
            write_index((cache.records(name, entries, make) if cache else make(entries)) + records, dest,
                        None if name == primary else shard_file)
            out["indexed"] += 1
            if cache:
                cache.store(key, dest)
        if cache:
            site = out_dir.parent
            out["units"].append((unit, key, sorted(p.relative_to(site).as_posix() for p in dest.rglob("*") if
                                                   p.is_file() and not p.relative_to(dest).parts[0].startswith("bagian-"))))
    if cache:
        out["notice"] = cache.finish()
    return out


def _entries(catalogue, some: list) -> list[Entry]:
    """Entries for records to be made: a search started from the changed files (command.EarlySearch) has
    the others as cache.Known, decoded here from the validation cache when their record was not kept."""
    from ..incremental.validation_cache import Known, load_entries
    rows = [e.path for e in some if isinstance(e, Known)]
    found = load_entries(catalogue.rows, rows) if rows else {}
    return [found[e.path] if isinstance(e, Known) else e for e in some]


class BackgroundIndex:
    """Builds the Pagefind bundles from records in a process of its own while MkDocs renders pages (so that
    making and sending 5,000 records does not take turns with the page work for Python's lock): one
    Pagefind process at a time, none parsing the site's HTML, each bundle taken from the cache (see
    searchcache) when its records are unchanged."""

    def __init__(self, catalogue, out_dir: Path, cache=None, previous=None, record=None, separate: bool = True):
        from .. import parallel
        self.out_dir, self.seconds = out_dir, 0.0
        self.previous, self.record = previous, record  # incremental/publish.py: bundles the site folder holds
        self.indexed = self.cached = self.kept = 0  # bundles written by Pagefind / taken from the cache / kept
        self.notice = ""
        self.work = parallel.Background(write_bundles, (catalogue, out_dir, cache, previous), separate=separate,
                                        name="pagefind")

    def wait(self) -> float:
        from .. import parallel
        try:
            done = self.work.wait()
        except parallel.WorkerError as exc:
            raise SearchIndexError(f"pengindeksan pencarian (Pagefind) gagal: {exc}") from None
        self.seconds = self.work.seconds
        self.indexed, self.cached, self.kept, self.notice = done["indexed"], done["cached"], len(done["kept"]), done["notice"]
        if self.previous is not None:
            self.previous.kept.update(done["kept"])
        if self.record is not None:
            for unit in done["units"]:
                self.record.add(*unit)
        if not (self.kept or (self.out_dir / "pagefind.js").is_file()):
            raise SearchIndexError("pengindeksan pencarian (Pagefind) gagal: pagefind.js tidak dibuat")
        return self.seconds

    def abort(self) -> None:
        self.work.abort()
