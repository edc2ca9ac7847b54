"""Search: Pagefind records built from the validated data, indexed while MkDocs renders.

Each innovation, region and area becomes one record (searchable text, filters, metadata, sort key);
no HTML is parsed, so contributor markup and page boilerplate never reach the index. Pagefind stems
Indonesian (everything is indexed as `id`) and the browser loads only the chunks a query needs.
"""

from __future__ import annotations

import base64
import json
import subprocess
import time
from pathlib import Path

from .model import Entry, link_texts
from .reference import Reference

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
    sort = {"tahun": f"{e.latest.iso if e.latest else '0000'}"}
    return {"filters": {k: v for k, v in filters.items() if v}, "meta": meta, "sort": sort}


def page_meta(kind: str, summary: str) -> dict:
    """Region and area pages: findable by text, never mixed into the innovation facets."""
    return {"filters": {"halaman": [kind]}, "meta": {"ringkasan": summary}, "sort": {}}


class SearchIndexError(Exception):
    pass


# --- indexing from the data (records), not from the built HTML ----------------------------------------
# Punctuation and Markdown marks become spaces (str.translate: one C pass); hyphens stay (e-KTP).
_SPACES = str.maketrans({c: " " for c in "!\"#$%&'()*+,./:;<=>?@[\\]^_`{|}~“”‘’«»…–—•·"})


def distinct_words(text: str, synonyms: dict[str, tuple[str, ...]] | None = None) -> str:
    """Each word once (lower case, punctuation dropped), in first-occurrence order, followed by the
    synonyms (reference data, sinonim.yml) of words it has, so that either word finds the record. Matching
    needs only which words a record has; the results show the summary, not a Pagefind excerpt. A 700-word
    body has ~150 distinct words, and Pagefind's time, memory and index size grow with the words it gets."""
    words = dict.fromkeys(text.lower().translate(_SPACES).split())
    if synonyms:
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
                          ref.synonyms)
    return {"url": f"/inovasi/{e.id}/", "content": text, "meta": {"title": e.title, **meta["meta"]},
            "filters": meta["filters"], "sort": meta["sort"]}


def page_record(url: str, title: str, kind: str, text: str) -> dict:
    meta = page_meta(kind, text[:180])
    return {"url": url, "content": f"{title} {text}", "meta": {"title": title, **meta["meta"]},
            "filters": meta["filters"], "sort": meta["sort"]}


def records(catalogue) -> list[dict]:
    ref = catalogue.reference
    out = [entry_record(e, ref) for e in catalogue.entries]
    out += [page_record(f"/wilayah/{r.slug}/", r.name, KIND_REGION,
                        f"{r.name} kode wilayah {r.code} {r.kind}") for r in ref.regions.values()]
    out += [page_record(f"/bidang/{k}/", f"Bidang {a.label}", KIND_AREA, a.description) for k, a in ref.areas.items()]
    return out


class _Service:
    """A minimal synchronous client of `pagefind --service` (the binary from pagefind[bin]).

    The official Python client reads one response per 0.1 s poll, i.e. 50 minutes for 30,000 records;
    this one streams every request, then reads the responses back to back. Protocol: base64-encoded
    JSON messages, each followed by a comma, on stdin/stdout."""

    def __init__(self):
        from pagefind.service import get_executable
        binary = get_executable()
        if binary is None:
            raise SearchIndexError("program Pagefind tidak ditemukan (paket pagefind[bin])")
        self.proc = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.next_id = 0
        self.buffer = b""

    def send(self, payload: dict) -> int:
        self.next_id += 1
        body = json.dumps({"message_id": self.next_id, "payload": payload}).encode("utf-8")
        self.proc.stdin.write(base64.b64encode(body) + b",")
        return self.next_id

    def receive(self) -> dict:
        while b"," not in self.buffer:
            chunk = self.proc.stdout.read1(1 << 16)
            if not chunk:
                raise SearchIndexError("Pagefind berhenti tanpa jawaban")
            self.buffer += chunk
        raw, _, self.buffer = self.buffer.partition(b",")
        payload = json.loads(base64.b64decode(raw)).get("payload") or {}
        if payload.get("type") == "Error":
            raise SearchIndexError(f"Pagefind: {payload.get('message')}")
        return payload

    def close(self) -> None:
        try:
            self.proc.stdin.close()
        finally:
            self.proc.wait(timeout=60)


def write_index(items: list[dict], out_dir: Path) -> None:
    service = _Service()
    try:
        service.send({"type": "NewIndex", "config": {"force_language": "id"}})
        service.proc.stdin.flush()
        index_id = service.receive()["index_id"]
        import threading

        def feed():
            for item in items:
                service.send({"type": "AddRecord", "index_id": index_id, "language": "id", **item})
            service.proc.stdin.flush()
        writer = threading.Thread(target=feed, daemon=True)
        writer.start()  # write and read at once, so neither pipe fills up
        for _ in items:
            service.receive()
        writer.join()
        service.send({"type": "WriteFiles", "index_id": index_id, "output_path": str(out_dir)})
        service.proc.stdin.flush()
        service.receive()
    finally:
        service.close()


class BackgroundIndex:
    """Builds the Pagefind bundle from records in a thread while MkDocs renders pages: the Pagefind
    process works on the second core, and it never parses the site's HTML (memory stays bounded)."""

    def __init__(self, catalogue, out_dir: Path):
        import threading
        self.out_dir, self.error, self.seconds = out_dir, None, 0.0
        self.items = records(catalogue)
        self.thread = threading.Thread(target=self._run, name="pagefind", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        started = time.perf_counter()
        try:
            write_index(self.items, self.out_dir)
        except Exception as exc:  # noqa: BLE001  reported by wait()
            self.error = exc
        self.seconds = time.perf_counter() - started
        self.items = []

    def wait(self) -> float:
        self.thread.join()
        if self.error is not None or not (self.out_dir / "pagefind.js").is_file():
            raise SearchIndexError(f"pengindeksan pencarian (Pagefind) gagal: {self.error}")
        return self.seconds
