"""Time features (issue: dates and a timeline). Prints each figure beside today's.

  python bench/time_bench.py                  # 50,000 passages (several minutes on 2 cores)
  python bench/time_bench.py --passages 5000  # a quicker run

- date extraction at ingest: microseconds per passage, and its share of ingest time without
  model time (random vectors, as in the retrieval bench);
- `talks timeline` over the scale index: the whole corpus, one year, and a topic.
Corpus: the seed articles plus SaudiNewsNet distractors, as the retrieval bench's scale run.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from common import ROOT, line, pct

from retrieval.dates import passage_dates
from retrieval.index import Index
from retrieval.loaders import load_corpus
from retrieval.search import hybrid
from retrieval.timeline import timeline
from retrieval_bench import build_scale_index, RandomPassagesRealQueries

import retrieval.ingest as ingest_module


def extraction_cost(index: Index) -> None:
    rows = index.catalog.passage_texts()
    start = time.perf_counter()
    found = sum(len(passage_dates(text, date)) for _, text, date in rows)
    secs = time.perf_counter() - start
    line(f"date extraction, {len(rows):,} passages", f"{secs / len(rows) * 1e6:.0f} µs/passage",
         f"{found:,} dates found")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passages", type=int, default=50_000)
    parser.add_argument("--keep", type=Path, help="build the index here once and reuse it (timeline figures only)")
    args = parser.parse_args()
    if args.keep and (args.keep / "catalog.sqlite").exists():
        index = Index(args.keep, RandomPassagesRealQueries())
        print(f"time benchmark (kept index): {index.catalog.count_passages():,} passages")
        timeline_figures(index)
        return
    with tempfile.TemporaryDirectory(prefix="talks-time-") as tmp:
        if args.keep:
            args.keep.mkdir(parents=True, exist_ok=True)
            tmp = str(args.keep)
        spent = [0.0]
        original = ingest_module.passage_dates

        def timed(text, date=""):
            t = time.perf_counter()
            try:
                return original(text, date)
            finally:
                spent[0] += time.perf_counter() - t

        ingest_module.passage_dates = timed
        index = Index(Path(tmp), RandomPassagesRealQueries())
        ingest_module.ingest(index, load_corpus(ROOT / "corpus").articles)
        n, secs = build_scale_index(Path(tmp), args.passages)
        ingest_module.passage_dates = original
        print(f"time benchmark: {index.catalog.count_articles():,} articles, {n:,} passages (indexed in {secs:.0f} s)")
        line("date extraction share of ingest (no model time)", f"{spent[0] / secs:.1%}", "ingest +10% at most",
             spent[0] / secs <= 0.10)
        extraction_cost(index)
        timeline_figures(Index(Path(tmp), RandomPassagesRealQueries()))  # reopened, as a command would


def timeline_figures(index: Index) -> None:
    runs = (("whole corpus", {}), ("one year (--from 2021 --to 2021)", {"date_from": "2021", "date_to": "2021"}),
            ("topic 'اجتماع مينسك'", {"topic": "اجتماع مينسك"}))
    for label, kwargs in runs:
        times, events = [], 0
        for _ in range(3):
            t = time.perf_counter()
            events = len(timeline(index, **kwargs))
            times.append(time.perf_counter() - t)
        line(f"talks timeline, {label}", f"{statistics.median(times) * 1000:.0f} ms",
             f"{events:,} events; before: no timeline")
    times = []
    for q in ("متى عقد الاجتماع الثلاثي في مينسك؟", "ماذا نشرت روسيا في قره باغ؟"):
        t = time.perf_counter()
        hybrid(index, q, 5)
        times.append((time.perf_counter() - t) * 1000)
    line("hybrid search beside it (for scale)", f"{pct(times, 50):.1f} ms", "")


if __name__ == "__main__":
    main()
