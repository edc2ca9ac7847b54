"""National-scale benchmark: build synthetic catalogues and print stage times, memory and baselines.

    python scripts/bench.py            # 3,000, 10,000 and 30,000 entries (long: tens of minutes)
    python scripts/bench.py --quick    # 3,000 entries (make bench-quick)
    python scripts/bench.py --sizes 500,2000

For each size, on this machine and in the same run: our `catalogue validate` and `catalogue build`
(stage times from `--timings`), a bare `mkdocs build` of equally many plain Markdown pages with the same
theme, Pagefind over that bare site, and a bare YAML parse of the same front matter with the C loader.
Prints figures and ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from synth import write_project  # noqa: E402

PY = sys.executable


# A fresh wrapper process per command, so its RUSAGE_CHILDREN peak belongs to that command alone.
WRAP = ("import resource, subprocess, sys; rc = subprocess.run(sys.argv[1:]).returncode; "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(rc)")


def run(cmd: list[str], cwd: Path) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall seconds and peak RSS (MB) of the largest process the command started."""
    t = time.perf_counter()
    out = subprocess.run([PY, "-c", WRAP, *cmd], cwd=cwd, capture_output=True, text=True,
                         env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO)})  # this checkout
    secs = time.perf_counter() - t
    if out.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{out.stdout[-2000:]}\n{out.stderr[-2000:]}")
    return secs, int(out.stderr.strip().splitlines()[-1]) / 1024, out


def bare_site(root: Path, bodies: list[str]) -> Path:
    """One plain Markdown page per entry, carrying that entry's body (the same words, headings and lists),
    out of the nav, same theme and features: what MkDocs and Pagefind cost for the same text."""
    docs = root / "docs"
    (docs / "p").mkdir(parents=True)
    (docs / "index.md").write_text("# Beranda\n\nHalaman awal.\n")
    for i, body in enumerate(bodies):
        (docs / "p" / f"halaman-{i:06d}.md").write_text(f"# Halaman {i}\n\n{body}\n")
    (root / "mkdocs.yml").write_text(
        "site_name: Dasar\ntheme:\n  name: material\n  language: id\n  font: false\n"
        "  features: [navigation.prune]\nplugins: []\nnav:\n  - Beranda: index.md\n"
        "validation:\n  nav:\n    omitted_files: ignore\n")
    return root


def measure(n: int, work: Path, provinces: int = 38) -> dict:
    r: dict = {"n": n}
    project = work / f"katalog-{n}"
    t = time.perf_counter()
    write_project(project, n, provinces=provinces)
    r["synth_s"] = time.perf_counter() - t

    # bare YAML parse of the same front matter (C loader), in this process
    parts = [p.read_text(encoding="utf-8").split("---\n", 2) for p in sorted((project / "entries").rglob("*.md"))]
    blocks, bodies = [b for _, b, _ in parts], [body for _, _, body in parts]
    r["body_words"] = statistics.mean(len(b.split()) for b in bodies)
    t = time.perf_counter()
    for b in blocks:
        yaml.load(b, Loader=yaml.CSafeLoader)
    r["bare_yaml_s"] = time.perf_counter() - t

    r["validate_s"], r["validate_mb"], _ = run([PY, "-m", "catalogue", "validate"], project)  # cold; fills .cache/
    r["validate_warm_s"], _, _ = run([PY, "-m", "catalogue", "validate"], project)  # nothing changed
    one = next((project / "entries").rglob("*.md"))
    one.write_text(one.read_text(encoding="utf-8") + "\nSatu kalimat tambahan.\n", encoding="utf-8")
    r["validate_one_s"], _, _ = run([PY, "-m", "catalogue", "validate"], project)  # one entry changed
    timings = project / "timings.json"
    r["build_s"], _, _ = run([PY, "-m", "catalogue", "build", "--timings", str(timings)], project)
    r |= {f"stage_{k}": v for k, v in json.loads(timings.read_text()).items() if k != "pages_rendered"}
    # Warm: the page cache filled by the build above; then one entry changed, then one region file changed.
    r["build_warm_s"], r["build_warm_mb"], _ = run([PY, "-m", "catalogue", "build"], project)
    one.write_text(one.read_text(encoding="utf-8") + "\nSatu kalimat lagi.\n", encoding="utf-8")
    r["build_one_s"], r["build_one_mb"], _ = run([PY, "-m", "catalogue", "build", "--timings", str(timings)], project)
    r |= {f"one_{k}": v for k, v in json.loads(timings.read_text()).items() if k != "pages_rendered"}
    region = next(p for p in (project / "reference").glob("wilayah.yml"))
    region.write_text(region.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    r["build_region_s"], _, _ = run([PY, "-m", "catalogue", "build"], project)
    site = project / "site"
    files = [p for p in site.rglob("*") if p.is_file()]
    r["site_mb"] = sum(p.stat().st_size for p in files) / 1048576
    r["site_files"] = len(files)
    pages = sorted((site / "inovasi").glob("*/index.html"))
    r["entry_html_kb"] = statistics.median(p.stat().st_size for p in pages) / 1024
    # What the theme adds around the article (header, navigation, footer, scripts), on a sample of pages: the
    # part of a page's weight the catalogue controls, against the budget (PAGE_BUDGET_KB).
    sample = [p.read_text(encoding="utf-8") for p in pages[::max(1, len(pages) // 200)]]
    r["entry_chrome_kb"] = statistics.median(len(h.encode()) - len(h[h.find("<article"):h.find("</article>")].encode())
                                             for h in sample) / 1024
    top = {}
    for p in files:
        part = p.relative_to(site).parts[0] if len(p.relative_to(site).parts) > 1 else "(lain)"
        top[part] = top.get(part, 0) + p.stat().st_size
    r["site_parts_mb"] = {k: v / 1048576 for k, v in sorted(top.items(), key=lambda kv: -kv[1])}
    largest = max(files, key=lambda p: p.stat().st_size)
    r["largest_file"], r["largest_file_mb"] = largest.relative_to(site).as_posix(), largest.stat().st_size / 1048576
    r["data_mb"] = sum(p.stat().st_size for p in files if p.relative_to(site).parts[0] == "data") / 1048576
    cache = [p for p in (project / ".cache" / "katalog").rglob("*") if p.is_file()]
    r["cache_mb"] = sum(p.stat().st_size for p in cache) / 1048576
    r["cache_parts_mb"] = {name: sum(p.stat().st_size for p in cache if p.relative_to(project / ".cache" / "katalog")
                                     .parts[0].startswith(name)) / 1048576
                           for name in ("halaman", "validasi", "ekspor", "cari", "rekaman-cari")}

    bare = bare_site(work / f"dasar-{n}", bodies)
    del parts, blocks, bodies
    r["bare_mkdocs_s"], r["bare_mkdocs_mb"], _ = run([PY, "-m", "mkdocs", "build", "-q"], bare)
    r["bare_index_s"], r["bare_index_mb"], _ = run([PY, "-m", "pagefind", "--site", "site", "--quiet"], bare)
    shutil.rmtree(project, ignore_errors=True)
    shutil.rmtree(bare, ignore_errors=True)
    return r


# KiB of an innovation page outside its article: the theme's header, navigation, footer and scripts, repeated
# on every page (issue 26: 10.5 KB before, 40 % of a 40,000-entry site's pages).
PAGE_BUDGET_KB = 6.0


def table(results: list[dict]) -> str:
    rows = [
        ("entries", lambda r: f"{r['n']:,}"),
        ("body words per entry (mean)", lambda r: f"{r['body_words']:.0f}"),
        ("validate (s)", lambda r: f"{r['validate_s']:.1f}"),
        ("validate entries/s", lambda r: f"{r['n'] / r['validate_s']:,.0f}"),
        ("validate, cache warm, nothing changed (s)", lambda r: f"{r['validate_warm_s']:.1f}"),
        ("validate, cache warm, one entry changed (s)", lambda r: f"{r['validate_one_s']:.1f}"),
        ("  in the build, cache warm (s)", lambda r: f"{r['stage_validate']:.2f}"),
        ("bare YAML parse, C loader (s)", lambda r: f"{r['bare_yaml_s']:.2f}"),
        ("ratio validation / bare parse", lambda r: f"{r['stage_validate'] / r['bare_yaml_s']:.1f}"),
        ("page generation (s)", lambda r: f"{r['stage_pages']:.1f}"),
        ("MkDocs build incl. page generation (s)", lambda r: f"{r['stage_mkdocs']:.1f}"),
        ("  innovation bodies, worker processes (CPU s)", lambda r: f"{r.get('stage_bodies', 0):.1f}"),
        ("  exports, background process (s)", lambda r: f"{r['stage_exports']:.1f}"),
        ("  search indexing, Pagefind process (s)", lambda r: f"{r['stage_index']:.1f}"),
        ("build again, nothing changed (s) / peak MB", lambda r: f"{r['build_warm_s']:.1f} / {r['build_warm_mb']:.0f}"),
        ("build again, one entry changed (s) / peak MB", lambda r: f"{r['build_one_s']:.1f} / {r['build_one_mb']:.0f}"),
        ("  validate / MkDocs / exports (background) (s)",
         lambda r: f"{r['one_validate']:.1f} / {r['one_mkdocs']:.1f} / {r['one_exports']:.1f}"),
        ("  search shards indexed again / all", lambda r: f"{r['one_index_parts_indexed']} / {r['one_index_parts']}"),
        ("  pages left in place in the site folder", lambda r: f"{r.get('one_pages_kept', 0):,}"),
        ("build again, wilayah.yml changed (s)", lambda r: f"{r['build_region_s']:.1f}"),
        ("total catalogue build (s)", lambda r: f"{r['build_s']:.1f}"),
        ("peak RSS build process / largest child (MB)", lambda r: f"{r['stage_rss_build_mb']:.0f} / {r['stage_rss_index_mb']:.0f}"),
        ("peak RSS validate (MB)", lambda r: f"{r['validate_mb']:.0f}"),
        ("site size (MB) / files", lambda r: f"{r['site_mb']:.0f} / {r['site_files']:,}"),
        ("entry page HTML (KB, median)", lambda r: f"{r['entry_html_kb']:.1f}"),
        (f"  around the article (KB, median; budget {PAGE_BUDGET_KB})", lambda r: f"{r['entry_chrome_kb']:.1f}"
         + (" OVER" if r["entry_chrome_kb"] > PAGE_BUDGET_KB else "")),
        ("  innovation pages / search index / region pages (MB)", lambda r: " / ".join(
            f"{r['site_parts_mb'].get(k, 0):.0f}" for k in ("inovasi", "pagefind", "wilayah"))),
        ("  of which data/ downloads (MB)", lambda r: f"{r['data_mb']:.0f}"),
        ("largest file (MB)", lambda r: f"{r['largest_file_mb']:.0f} {r['largest_file']}"),
        ("build cache .cache/katalog (MB)", lambda r: f"{r['cache_mb']:.0f}"),
        ("  pages / validation / exports / search (MB)", lambda r: " / ".join(
            f"{r['cache_parts_mb'][k]:.0f}" for k in ("halaman", "validasi", "ekspor")) +
            f" / {r['cache_parts_mb']['cari'] + r['cache_parts_mb']['rekaman-cari']:.0f}"),
        ("bare mkdocs build (s) / MB", lambda r: f"{r['bare_mkdocs_s']:.1f} / {r['bare_mkdocs_mb']:.0f}"),
        ("bare Pagefind (s) / MB", lambda r: f"{r['bare_index_s']:.1f} / {r['bare_index_mb']:.0f}"),
        ("ratio total / (bare mkdocs + bare index)", lambda r: f"{r['build_s'] / (r['bare_mkdocs_s'] + r['bare_index_s']):.2f}"),
    ]
    width = max(len(name) for name, _ in rows)
    out = [f"{name:<{width}}  " + "  ".join(f"{fn(r):>14}" for r in results) for name, fn in rows]
    if len(results) > 1:
        first, last = results[0], results[-1]
        out.append(f"t({last['n']:,}) / t({first['n']:,}) total build: {last['build_s'] / first['build_s']:.1f}"
                   f" (entries ×{last['n'] / first['n']:.0f})")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="3,000 entries only")
    parser.add_argument("--sizes", default="3000,10000,30000,40000")
    parser.add_argument("--json", type=Path, help="also write the raw figures here")
    parser.add_argument("--provinces", type=int, default=38, help="the first N provinces only (a quick check)")
    args = parser.parse_args()
    sizes = [3000] if args.quick else [int(s) for s in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="bench-"))
    results = []
    try:
        for n in sizes:
            print(f"… {n:,} entries", file=sys.stderr, flush=True)
            results.append(measure(n, work, args.provinces))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")


if __name__ == "__main__":
    main()
