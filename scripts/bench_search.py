"""Search benchmark: index time and the bytes a reader downloads, on a synthetic catalogue.

    python scripts/bench_search.py [--entries 10000] [--keep DIR]

Builds a synthetic catalogue (scripts/synth.py) with `catalogue build`, serves it on 127.0.0.1
through a server that counts the bytes it sends, and drives headless Chromium through the browse
page: a first query on a fresh browser, then a facet change. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from synth import write_project  # noqa: E402


class CountingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site like an ordinary static host (gzip for text files) and logs bytes sent."""
    log: list[tuple[str, int]] = []
    TEXT = (".html", ".js", ".css", ".json", ".svg", ".xml")

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if path.is_file() and path.suffix in self.TEXT and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(path.read_bytes(), 6, mtime=0)
            self.send_response(200)
            self.send_header("Content-Type", self.guess_type(str(path)))
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            self.log.append((self.path, len(body)))
            return
        super().do_GET()

    def copyfile(self, source, outputfile):
        data = source.read()
        outputfile.write(data)
        self.log.append((self.path, len(data)))


def kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


def browse(base: str, chromium: str, driver: str, size: str, query: str, verbose: bool = False) -> dict:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", f"--window-size={size}",
                f"--user-data-dir={tempfile.mkdtemp(prefix='bench-chromium-')}"):
        options.add_argument(arg)
    d = webdriver.Chrome(service=Service(driver), options=options)

    def wait(previous):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            mark = d.execute_script("return document.documentElement.dataset.kiRender || null")
            if mark and mark != previous:
                return mark
            time.sleep(0.05)
        raise SystemExit("browse page did not render")

    def taken(since: int) -> tuple[int, int, int]:
        reqs = CountingHandler.log[since:]
        if verbose:
            for p, n in sorted(reqs, key=lambda r: -r[1]):
                print(f"    {n:>9,d}  {p}")
        search = sum(n for p, n in reqs if p.startswith("/pagefind/"))
        return search, sum(n for _, n in reqs), len(reqs)

    out = {}
    try:
        mark0 = len(CountingHandler.log)
        t = time.perf_counter()
        d.get(base + "/jelajahi/?q=" + query.replace(" ", "+"))
        mark = wait(None)
        out["first"] = (*taken(mark0), time.perf_counter() - t, d.find_element(By.ID, "ki-status").text)
        mark1 = len(CountingHandler.log)
        if not d.find_element(By.ID, "ki-saring").get_attribute("open"):
            before = mark
            d.find_element(By.CSS_SELECTOR, "#ki-saring > summary").click()  # a phone user opens the filters
            mark = wait(before)
            out["open"] = (*taken(mark1), 0.0, "filter panel opened")
            mark1 = len(CountingHandler.log)
        box = d.find_elements(By.CSS_SELECTOR, "#ki-facet input[data-facet='bidang']")[0]
        t = time.perf_counter()
        box.click()
        mark = wait(mark)
        out["facet"] = (*taken(mark1), time.perf_counter() - t, d.find_element(By.ID, "ki-status").text)
        mark2 = len(CountingHandler.log)
        d.find_element(By.ID, "ki-q").clear()
        d.find_element(By.ID, "ki-q").send_keys("pendaftaran sekolah\n")
        wait(mark)
        out["second"] = (*taken(mark2), 0.0, d.find_element(By.ID, "ki-status").text)
    finally:
        d.quit()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=10000)
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: a temporary folder)")
    parser.add_argument("--measure-only", type=Path, metavar="SITE",
                        help="skip generating and building; measure an already built site folder")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every file each step downloads")
    args = parser.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="bench-search-"))
    if args.measure_only:
        site = args.measure_only
        measure(site, args.verbose)
        return

    t = time.perf_counter()
    write_project(root, args.entries)
    print(f"synthetic catalogue: {args.entries} entries in {time.perf_counter() - t:.1f} s")

    t = time.perf_counter()
    run = subprocess.run([sys.executable, "-m", "catalogue", "build"], cwd=root, capture_output=True, text=True)
    total = time.perf_counter() - t
    if run.returncode != 0:
        raise SystemExit(run.stdout + run.stderr)
    index = float(re.search(r"([\d.]+) di antaranya indeks pencarian", run.stdout).group(1))
    site = root / "site"
    print(f"catalogue build:           {total:.1f} s total")
    print(f"search indexing (Pagefind): {index:.1f} s")
    measure(site, args.verbose)
    if not args.keep:
        shutil.rmtree(root, ignore_errors=True)


def measure(site: Path, verbose: bool = False) -> None:
    folder = site / "pagefind"
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
    files = sum(1 for p in folder.rglob("*") if p.is_file())
    pages = sum(1 for _ in site.rglob("index.html"))

    print(f"site:                      {pages} pages")
    print(f"search folder:             {size / 1048576:.1f} MB in {files} files")

    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        print("transfer sizes: skipped (no chromium/chromedriver)")
    else:
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(CountingHandler, directory=str(site)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            runs = (("phone (390 px)", "390,844", "akta kelahiran"),   # words in a few % of entries
                    ("phone (390 px)", "390,844", "layanan kesehatan"),  # words in nearly every entry
                    ("desktop (1280 px)", "1280,1400", "akta kelahiran"))
            for device, size, query in runs:
                print(f"{device}, cold browser, first query “{query}” (bytes as sent by a gzip-serving host)")
                res = browse(base, chromium, driver, size, query, verbose)
                for key, label in (("first", "first query"), ("open", "then open the filters"),
                                   ("facet", "then a facet change"), ("second", "then a new text query")):
                    if key not in res:
                        continue
                    search, everything, n, secs, status = res[key]
                    print(f"  {label:27s} search files {kb(search):>10s} (all files {kb(everything)}, {n} requests)"
                          + (f", {secs:.2f} s" if secs else "") + f"  [{status}]")
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
