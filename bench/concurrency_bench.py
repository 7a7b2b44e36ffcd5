"""50 chats asking at once, a fake LLM taking 1 s per answer (issue: the Telegram bot).

The real Application polls a fake Telegram Bot API on 127.0.0.1 and answers through a fake
OpenAI-compatible server that sleeps 1 s per request. Serial handling would take 50 s.

  python bench/concurrency_bench.py [--chats 50]
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

from common import ROOT, line

from bot.answer import Answerer
from bot.llm import OpenAIChat
from bot.telegram.app import build_application
from retrieval.embeddings import CachedEmbedder, LocalE5Embedder
from retrieval.index import Index
from retrieval.ingest import ingest
from retrieval.loaders import load_corpus
from tests.fake_openai import FakeOpenAI
from tests.fake_telegram import FakeTelegram
from tests.telegram_harness import RunningBot, bot_settings

KEY = re.compile(r'key="(ref-[0-9a-z]{4})"')


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--llm-seconds", type=float, default=1.0)
    args = parser.parse_args()
    tg, llm_server = FakeTelegram(), FakeOpenAI()
    llm_server.default = lambda body: {"delay": args.llm_seconds,
                                       "content": f"جواب [{KEY.findall(body['messages'][-1]['content'])[0]}]."}
    questions = ["متى عقد الاجتماع الثلاثي في مينسك؟", "من أصدر بيان محادثات بوتين وباشينيان؟",
                 "ماذا قال بيسكوف عن تنفيذ الاتفاقات الثلاثية؟", "على ماذا ركزت محادثات واشنطن؟",
                 "What did Russia deploy in Nagorno-Karabakh after the 2020 ceasefire?"]
    with tempfile.TemporaryDirectory(prefix="talks-bench-") as tmp:
        tmp = Path(tmp)
        index = Index(tmp / "index", CachedEmbedder(LocalE5Embedder(), tmp / "emb.sqlite"))
        ingest(index, load_corpus(ROOT / "corpus").articles)
        settings = bot_settings(tg, tmp, rate_limit_per_minute=100)
        answerer = Answerer(index, OpenAIChat("fake", llm_server.base_url, "k", timeout=30, max_retries=0))
        with RunningBot(build_application(settings, answerer)):
            start = time.monotonic()
            for chat in range(1, args.chats + 1):
                tg.message(questions[chat % len(questions)], chat_id=chat)

            def answered() -> set[int]:
                return {int(c["params"]["chat_id"]) for c in tg.calls if "reply_markup" in c["params"]}

            tg.wait_for(lambda: len(answered()) == args.chats, timeout=120)
            finish = {}
            for c in tg.calls:
                if "reply_markup" in c["params"]:
                    finish.setdefault(int(c["params"]["chat_id"]), c["time"])
    tg.close()
    llm_server.close()
    composed = sum(1 for c in tg.calls if "reply_markup" in c["params"] and "«" not in c["params"]["text"])
    total = max(finish.values()) - start
    print(f"concurrency benchmark: {args.chats} chats at once, fake LLM {args.llm_seconds:.1f} s per answer")
    line(f"all {args.chats} answered (with sources)", f"{total:.2f} s", "<= 5 s", total <= 5)
    line("answers composed by the LLM (not quotations)", f"{composed}/{args.chats}", "all", composed == args.chats)
    line("serial handling would take", f"{args.chats * args.llm_seconds:.0f} s", "(baseline)")
    line("first answer", f"{min(finish.values()) - start:.2f} s", "(for reference)")


if __name__ == "__main__":
    main()
