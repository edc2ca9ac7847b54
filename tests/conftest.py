"""Shared helpers: temporary catalogue projects built from the real project files."""

from __future__ import annotations

import functools
import http.server
import shutil
import subprocess
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pytest
import yaml

from catalogue.site import preview

REPO = Path(__file__).resolve().parent.parent
# The illustrative entries (contoh: true) that demonstrated the format before real content existed: test
# fixtures now, never published (issue 27). Tests that build "the repository's catalogue" get both.
EXAMPLES = REPO / "tests" / "fixtures" / "contoh"


def copy_entries(dest: Path, examples: bool = True) -> None:
    """The repository's entries and, unless asked not to, the illustrative ones, into dest."""
    shutil.copytree(REPO / "entries", dest, dirs_exist_ok=True)
    if examples:
        shutil.copytree(EXAMPLES, dest, dirs_exist_ok=True)
CATALOGUE = [sys.executable, "-m", "catalogue"]

FILLER = ("Pelayanan kepada warga menjadi lebih cepat karena alur kerja disederhanakan dan petugas "
          "bekerja dengan data yang sama. ")  # 17 words


# A valid front matter written by hand, so tests know every line number: line 1 is '---'.
RAW_HEAD = """---
nama: Layanan Contoh
wilayah: "63.03"
perangkat_daerah: Dinas Kesehatan
bidang: sosial
bentuk: pelayanan_publik
jenis: digital
tahapan: uji_coba
waktu_uji_coba: 2022-01-10
"""


def body(words_per_section: int = 85, sections=("Latar Belakang", "Tujuan", "Manfaat", "Hasil")) -> str:
    reps = max(1, words_per_section // 17)
    return "\n".join(f"## {s}\n\n{FILLER * reps}\n" for s in sections)


def front(**overrides) -> dict:
    data = {
        "nama": "Layanan Contoh Antar Berkas",
        "wilayah": "63.03",
        "perangkat_daerah": "Dinas Kependudukan dan Pencatatan Sipil",
        "bidang": ["administrasi", "teknologi"],
        "bentuk": "pelayanan_publik",
        "jenis": "digital",
        "tahapan": "penerapan",
        "waktu_uji_coba": "2022-01-10",
        "waktu_penerapan": "2022-06-01",
        "contoh": True,
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def entry_text(data: dict | None = None, text_body: str | None = None) -> str:
    fm = yaml.safe_dump(front() if data is None else data, allow_unicode=True, sort_keys=False)
    return f"---\n{fm}---\n{body() if text_body is None else text_body}"


class Project:
    """A throw-away copy of the project (config, theme, docs) with its own entries/."""

    def __init__(self, root: Path):
        self.root = root
        self.entries = root / "entries"

    def write(self, rel: str, text: str) -> Path:
        path = self.entries / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def add_hook(self, name: str, code: str) -> None:
        """A MkDocs hook file in the project, registered in its mkdocs.yml."""
        (self.root / name).write_text(code)
        config = self.root / "mkdocs.yml"
        config.write_text(config.read_text() + f"\nhooks:\n  - {name}\n")

    def add(self, rel: str, **overrides) -> Path:
        return self.write(rel, entry_text(front(**overrides)))

    def run(self, *args: str, check: bool = False, env: dict | None = None) -> subprocess.CompletedProcess:
        env = {"PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000",
               "PYTHONPATH": str(REPO), **(env or {})}
        out = subprocess.run([*CATALOGUE, *args], cwd=self.root, capture_output=True, text=True, env=env,
                             timeout=300)
        if check and out.returncode != 0:
            raise AssertionError(f"exit {out.returncode}\n{out.stdout}\n{out.stderr}")
        return out


def new_project(parent: Path) -> Project:
    """A copy of the project's config, docs and theme with an empty entries/ folder."""
    root = parent / "proyek"
    root.mkdir()
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "docs", root / "docs")
    shutil.copytree(REPO / "theme_overrides", root / "theme_overrides")
    (root / "entries").mkdir()
    return Project(root)


class SiteHandler(preview.SiteHandler):
    """Like a static host (`catalogue lihat`'s handler, serving the whole folder): a missing path gets the
    site's own 404 page if `not_found` names one."""
    not_found: str | None = None


@contextmanager
def serving(directory: Path, not_found: str | None = None):
    """Serve a built site on 127.0.0.1; yields its base URL."""
    handler = type("Handler", (SiteHandler,), {"not_found": not_found})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


def built_catalogue(parent: Path, examples: bool = True) -> Project:
    """A project holding the repository's own entries (and the illustrative ones), built into its site/."""
    project = new_project(parent)
    shutil.rmtree(project.entries)
    copy_entries(project.entries, examples)
    project.run("build", check=True)
    return project


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return new_project(tmp_path)
