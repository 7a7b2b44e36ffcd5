"""`talks ask`, `talks chat`, `talks bot` and `talks start`: the bot's main job from a terminal."""

from __future__ import annotations

import asyncio
import json
import sys
import threading
from pathlib import Path

from retrieval.normalize import language_of

from .cli_common import EXIT_USAGE, conversation, ready_index
from .config import Settings
from .corpus_admin import LATENT_STEP
from .errors import BadQuestion
from .messages import t


TERMINAL = 0  # the terminal chat's id in the conversation service


def register(command) -> None:
    p = command("ask", cmd_ask, "answer one question with cited sources")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="text, sources, passages, mode as JSON")
    command("chat", cmd_chat, "a terminal chat with history (/new forgets it, /quit leaves)")
    command("bot", cmd_bot, "run the Telegram bot (needs TELEGRAM_BOT_TOKEN)")
    command("start", cmd_start, "the Telegram bot when TELEGRAM_BOT_TOKEN is set, else the terminal chat")


def format_answer(answer) -> str:
    lines = [answer.text]
    if answer.sources:
        lines.append("")
        lines.append(t("sources", answer.language) + ":")
        for s in answer.sources:
            meta = " · ".join(x for x in (s.title, s.source, s.date) if x)
            lines.append(f"[{s.n}] {meta}" + (f" — {s.url}" if s.url else "") + f"  ({s.passage_id})")
    return "\n".join(lines)


def bad_question_message(exc: BadQuestion, question: str, settings: Settings) -> str:
    return t(exc.code, exc.language, n=len((question or "").strip()), max=settings.max_question_chars)


def cmd_ask(args, settings: Settings) -> int:
    from .runtime import make_answerer

    answerer = make_answerer(settings, ready_index(settings))
    try:
        answer = asyncio.run(answerer.answer(args.question))
    except BadQuestion as exc:
        print(bad_question_message(exc, args.question, settings), file=sys.stderr)
        return EXIT_USAGE
    if args.json:
        print(json.dumps(answer.as_dict(), ensure_ascii=False, indent=2))
    else:
        print(format_answer(answer))
    return 0


def cmd_chat(args, settings: Settings) -> int:
    # The conversation service as the bot uses it; history lives for this session only.
    index = ready_index(settings, latent=False)
    # As the bot does, the chat answers at once and fills in the latent terms the index lacks (a
    # first indexing of the corpus) meanwhile, a batch of the model at a time; a question that
    # meets a few candidates without them computes those itself (search.LATENT_ON_DEMAND).
    threading.Thread(target=index.ensure_latent, kwargs={"batch": LATENT_STEP}, daemon=True,
                     name="latent-fill").start()
    conv = conversation(settings, index, chats=Path(":memory:"))
    mode = "LLM" if conv.answerer.llm else "quotations only (no LLM configured)"
    print(f"talks chat — {conv.archive().articles} articles, answers: {mode}. "
          "/sources shows the last answer's passages, /new forgets the conversation, /quit leaves.")
    while True:
        try:
            question = input("\n> ")
        except (EOFError, KeyboardInterrupt):
            print()
            return 0
        command = question.strip()
        if command in ("/quit", "/exit"):
            return 0
        if command == "/new":
            conv.forget(TERMINAL)
            print("(new conversation)")
            continue
        if command == "/sources":
            last = conv.last_sources(TERMINAL)
            print("\n\n".join(f"[{s['n']}] {s['title']}\n{s['quote']}" for s in last[1]) if last else
                  t("no_sources", language_of(command)))
            continue
        try:
            asked = asyncio.run(conv.ask(TERMINAL, question))
        except BadQuestion as exc:
            print(bad_question_message(exc, question, settings))
            continue
        print(format_answer(asked.answer))


def cmd_bot(args, settings: Settings) -> int:
    if not settings.telegram_bot_token:
        print("error: TELEGRAM_BOT_TOKEN is not set (see .env.example); `talks chat` runs without it",
              file=sys.stderr)
        return 2
    from .telegram.app import run

    return run(settings)


def cmd_start(args, settings: Settings) -> int:
    if settings.telegram_bot_token:
        return cmd_bot(args, settings)
    print("TELEGRAM_BOT_TOKEN is not set: starting the terminal chat.", file=sys.stderr)
    return cmd_chat(args, settings)
