"""Shared helpers for the benchmarks: distractor articles and percentile printing."""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from retrieval.article import Article  # noqa: E402


def distractors(n: int, skip: int = 0):
    """The first n articles of the SaudiNewsNet sample (test data only, never in corpus/)."""
    path = SHARED / "data" / "saudinewsnet.jsonl.gz"
    if not path.exists():
        raise SystemExit(f"missing benchmark data: {path} (the shared folder beside the repository)")
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for i, line in enumerate(fh):
            if i < skip:
                continue
            if i >= skip + n:
                break
            r = json.loads(line)
            yield Article(id=f"snn{i:05d}", text=r.get("content") or "", title=r.get("title") or "",
                          date=(r.get("date_extracted") or "")[:10], source=r.get("source") or "",
                          url=r.get("url") or "")


def pct(values, p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def line(name: str, value: str, bar: str, ok: bool | None = None) -> None:
    mark = "" if ok is None else ("  PASS" if ok else "  FAIL")
    print(f"{name:<46} {value:>14}   bar: {bar}{mark}", flush=True)


def peak_mb() -> float:
    """This process's peak resident memory (VmHWM; unlike ru_maxrss it is not inherited across exec)."""
    for line_ in Path("/proc/self/status").read_text().splitlines():
        if line_.startswith("VmHWM:"):
            return int(line_.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
