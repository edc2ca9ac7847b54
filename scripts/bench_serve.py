"""How long `mkdocs serve` takes to rebuild after one entry is edited, on a synthetic catalogue.

    python scripts/bench_serve.py --entries 30000                # the whole catalogue
    python scripts/bench_serve.py --entries 30000 --preview one  # CATALOGUE_PRATINJAU=<its region folder>

Starts `mkdocs serve` in a synthetic project, waits for the first build, appends a sentence to one
entry and prints MkDocs' own "Documentation built in N seconds" for the rebuild. Prints; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from synth import write_project  # noqa: E402

BUILT = re.compile(r"Documentation built in ([\d.]+) seconds")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=30000)
    parser.add_argument("--preview", choices=("none", "region", "entry"), default="none")
    parser.add_argument("--project", type=Path, help="reuse this synthetic project instead of writing one")
    args = parser.parse_args()
    project = args.project or Path(tempfile.mkdtemp(prefix="serve-")) / "katalog"
    if not (project / "entries").is_dir():
        write_project(project, args.entries)
    entry = sorted((project / "entries").rglob("*.md"))[len(list((project / "entries").rglob("*.md"))) // 2]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if args.preview == "region":
        env["CATALOGUE_PRATINJAU"] = entry.parent.name
    elif args.preview == "entry":
        env["CATALOGUE_PRATINJAU"] = entry.stem
    proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", "127.0.0.1:8765"],  # --dirty as make serve
                            cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    times: list[float] = []
    edited = 0.0
    try:
        for line in proc.stdout:
            m = BUILT.search(line)
            if m:
                times.append(float(m.group(1)))
                if len(times) == 1:
                    time.sleep(5)  # a person saves an edit seconds after the page is served
                    edited = time.perf_counter()
                    with entry.open("a", encoding="utf-8") as fh:
                        fh.write("\nKalimat tambahan untuk mengukur waktu pembangunan ulang.\n")
                else:
                    wall = time.perf_counter() - edited
                    break
    finally:
        proc.terminate()
        proc.wait(timeout=60)
    print(f"entries: {args.entries:,}  preview: {args.preview}")
    print(f"first build (s): {times[0]:.1f}")
    print(f"rebuild after editing {entry.relative_to(project)} (s): {times[1]:.1f} (MkDocs), {wall:.1f} from save to built")


if __name__ == "__main__":
    main()
