"""What every `talks` command shares: exit codes, the progress bar, an index ready to use."""

from __future__ import annotations

import asyncio
import getpass
import sys
from pathlib import Path

from retrieval.loaders import load_corpus

from .config import Settings
from .runtime import ensure_indexed, needs_indexing, open_index

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_UNAVAILABLE = 0, 1, 2, 3


def progress_bar(total: int, desc: str, unit: str = "article"):
    """A tqdm bar on stderr for long runs; None (no output) for short ones."""
    if total < 20:
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(total=total, desc=desc, unit=unit, file=sys.stderr, mininterval=1.0,
               disable=not sys.stderr.isatty())
    return (lambda done, _total, _id: bar.update(done - bar.n)), bar.close


def ready_index(settings: Settings, latent: bool = True):
    """The index, indexed from the corpus folder on first use; with latent, the latent terms it
    lacks computed too (an answer needs them, the bot would fill them in the background)."""
    index = open_index(settings)
    total = len(load_corpus(settings.corpus_dir).articles) if needs_indexing(index) else 0
    update, close = progress_bar(total, "first-time indexing of the corpus")
    try:
        ensure_indexed(index, settings.corpus_dir, progress=update, latent=False)
    finally:
        close()
    if latent:
        fill_latent(index)
    return index


def fill_latent(index) -> int:
    """Compute the latent terms the index lacks, with a progress bar; how many were computed."""
    missing = index.missing_latent()
    if not missing:
        return 0
    update, close = progress_bar(missing, "latent terms", unit="passage")
    try:
        return index.ensure_latent(progress=(lambda done, total: update(done, total, "")) if update else None)
    finally:
        close()


def conversation(settings: Settings, index, chats: Path | None = None, llm="configured"):
    """The conversation service over this index; chats: where history and held changes live
    (DATA_DIR/chats.sqlite, shared with the bot, by default)."""
    from .conversation import Conversation
    from .corpus_admin import CorpusAdmin
    from .history import ChatStore
    from .runtime import make_answerer

    return Conversation(make_answerer(settings, index, llm=llm), ChatStore(chats or settings.data_dir / "chats.sqlite"),
                        CorpusAdmin(index, settings), settings.history_turns)


def run_settled(conv, coro):
    """Run a conversation step to the end, latent terms included: the bot fills them in after
    replying, but a command's process ends with its reply (the next command or start would fill
    in the rest)."""

    async def step():
        out = await coro
        await conv.corpus.latent_settled()
        return out

    return asyncio.run(step())


def who() -> str:
    """The audit log's "who" for a change made from the terminal."""
    try:
        return f"terminal ({getpass.getuser()})"
    except (KeyError, OSError):
        return "terminal"
