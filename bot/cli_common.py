"""What every `talks` command shares: exit codes, the progress bar, an index ready to use."""

from __future__ import annotations

import sys

from retrieval.loaders import load_corpus

from .config import Settings
from .runtime import ensure_indexed, needs_indexing, open_index

EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, EXIT_UNAVAILABLE = 0, 1, 2, 3


def progress_bar(total: int, desc: str):
    """A tqdm bar on stderr for long runs; None (no output) for short ones."""
    if total < 20:
        return None, lambda: None
    from tqdm import tqdm

    bar = tqdm(total=total, desc=desc, unit="article", file=sys.stderr, mininterval=1.0,
               disable=not sys.stderr.isatty())
    return (lambda done, _total, _id: bar.update(done - bar.n)), bar.close


def ready_index(settings: Settings):
    index = open_index(settings)
    total = len(load_corpus(settings.corpus_dir).articles) if needs_indexing(index) else 0
    update, close = progress_bar(total, "first-time indexing of the corpus")
    try:
        ensure_indexed(index, settings.corpus_dir, progress=update)
    finally:
        close()
    return index
