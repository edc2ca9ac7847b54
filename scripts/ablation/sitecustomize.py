"""Imported by Python at start-up when scripts/ablation is on PYTHONPATH (scripts/bench_mechanisms.py sets it):
switches one performance mechanism off (KATALOG_MATI set) or only imports what that would patch."""

import os
import sys

if os.environ.get("KATALOG_MEKANISME"):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    import bench_mechanisms

    bench_mechanisms.apply(os.environ["KATALOG_MEKANISME"], bool(os.environ.get("KATALOG_MATI")))
