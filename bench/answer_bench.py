"""Question -> rendered answer latency, LLM excluded (issue: cited answers).

A fake chat model answers instantly (citing the first passage), so what is timed is the bot's
own work: checks, query embedding, hybrid search, the relevance gate, prompt rendering,
citation resolution and Telegram HTML rendering. Corpus: the seed articles plus the first 500
SaudiNewsNet articles; passage vectors are random unit vectors (embedding 3,000 passages with
the bundled model takes about ten minutes here), queries are embedded by the real model.

  python bench/answer_bench.py
"""

from __future__ import annotations

import asyncio
import json
import re
import statistics
import tempfile
import time
from pathlib import Path

from common import ROOT, SHARED, distractors, line, pct

from bot.answer import Answerer
from bot.telegram.render import answer_messages
from retrieval.index import Index
from retrieval.ingest import ingest
from retrieval.loaders import load_corpus
from retrieval_bench import RandomPassagesRealQueries


class InstantLLM:
    async def complete(self, system, user, on_text=None):
        key = re.search(r'key="(ref-[0-9a-z]{4})"', user).group(1)
        return f"جواب مختصر مستند إلى المقطع [{key}]."


def main() -> None:
    questions = [json.loads(x)["question"] for x in (SHARED / "eval" / "dev_qa.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    squad = json.loads((SHARED / "eval" / "arcd-train.json").read_text(encoding="utf-8"))
    questions += [qa["question"] for d in squad["data"] for p in d["paragraphs"] for qa in p["qas"]][:84]
    with tempfile.TemporaryDirectory(prefix="talks-bench-") as tmp:
        index = Index(Path(tmp), RandomPassagesRealQueries())
        ingest(index, load_corpus(ROOT / "corpus").articles + [a for a in distractors(500) if a.text.strip()])
        print(f"answer benchmark: {index.catalog.count_articles()} articles, {index.catalog.count_passages()} passages, "
              f"{len(questions)} questions")
        for label, llm in (("LLM mode (instant fake LLM)", InstantLLM()), ("extractive mode (no LLM)", None)):
            answerer = Answerer(index, llm)

            async def run(answerer=answerer, label=label) -> list[float]:
                await answerer.answer("تحمية")  # load the model
                times, modes = [], {}
                for q in questions:
                    t = time.perf_counter()
                    answer = await answerer.answer(q)
                    answer_messages(answer)
                    times.append((time.perf_counter() - t) * 1000)
                    modes[answer.mode] = modes.get(answer.mode, 0) + 1
                print(f"  {label}: modes {modes}")
                return times

            times = asyncio.run(run())
            line(f"{label} p50", f"{pct(times, 50):.1f} ms", "<= 50 ms", pct(times, 50) <= 50)
            line(f"{label} p95", f"{pct(times, 95):.1f} ms", f"(mean {statistics.mean(times):.1f} ms)")


if __name__ == "__main__":
    main()
