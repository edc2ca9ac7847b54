"""One small file per innovation (entri/<id>.json.gz) for the form's "Lengkapi lewat formulir": the values
its file holds and its body, so the form opens filled in without the whole catalogue's download.
theme_overrides/assets/tulis.js writes them back exactly as scaffold.entry_file does. Gzipped (the form
unpacks it with the browser's DecompressionStream): at 40,000 entries of 714 words the plain files were
198 MB of the site, a fifth of GitHub Pages' 1 GB."""

from __future__ import annotations

import gzip
import json
from datetime import date

from ..entry import scaffold
from ..entry.model import Catalogue, Entry

FOLDER = "entri"  # beside inovasi/<id>/, outside data/ (the data package's tables)


def path(entry_id: str) -> str:
    return f"{FOLDER}/{entry_id}.json.gz"


def jsonable(value):
    """Values as JSON holds them: dates as text; a whole number written with a decimal point (2.0) as
    {"pecahan": "2.0"}, since JSON would give the browser 2 and the file says 2.0."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return {"pecahan": repr(value)}
    return value


def entry_json(e: Entry, folder: str) -> bytes:
    """{id, berkas (the file's path in the repository), nilai (its fields), isi (its body)}."""
    record = {"id": e.id, "berkas": f"entries/{folder}/{e.id}.md",
              "nilai": jsonable(scaffold.written(scaffold.values_of(e))), "isi": e.body.strip()}
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)  # mtime 0: the same bytes every build


def iter_files(cat: Catalogue, skip=frozenset()):
    """(path, bytes) of every innovation's file but those of the ids in `skip`."""
    regions = cat.reference.regions
    for e in cat.entries:
        if e.id not in skip:
            yield path(e.id), entry_json(e, regions[e.region_code].slug)
