"""Article -> passages: sentence-aware, never cutting a word, offsets back into the article text.

Passage ids are "{article_id}:{n}", stable for the same text and settings, so a citation made
yesterday still points at the same passage after a reindex.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends after . ! ? ؟ ; ؛ … (and closing quotes/brackets) followed by space, or at a newline.
# Passage size in characters, and sentences shared with the previous passage (Settings reads
# CHUNK_SIZE / CHUNK_OVERLAP from the environment with these defaults).
CHUNK_SIZE = 900
CHUNK_OVERLAP = 1
_SENTENCE_END = re.compile(r"(?:[.!?؟;؛…]+[\"'»”)\]]*(?=\s)|\n+)")


@dataclass(frozen=True)
class Passage:
    id: str
    article_id: str
    n: int
    start: int
    end: int
    text: str


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence, whitespace trimmed, covering every non-space character."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _SENTENCE_END.finditer(text):
        spans.append((pos, match.end()))
        pos = match.end()
    spans.append((pos, len(text)))
    trimmed = []
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            trimmed.append((start, end))
    return trimmed


def _split_long(text: str, start: int, end: int, size: int) -> list[tuple[int, int]]:
    """Split an over-long sentence at whitespace; a single word longer than size stays whole."""
    pieces = []
    while end - start > size:
        cut = text.rfind(" ", start, start + size)
        if cut <= start:
            cut = text.find(" ", start + size)
            if cut == -1:
                break
        pieces.append((start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        pieces.append((start, end))
    return pieces


def chunk(article_id: str, text: str, size: int = CHUNK_SIZE, overlap: int = CHUNK_OVERLAP) -> list[Passage]:
    """Pack whole sentences into passages of about `size` characters.

    `overlap` sentences are repeated at the start of the next passage so a fact that spans a
    boundary is still found whole in one of them.
    """
    units: list[tuple[int, int]] = []
    for start, end in sentence_spans(text):
        units.extend(_split_long(text, start, end, size))
    passages: list[Passage] = []
    i = 0
    while i < len(units):
        j = i
        while j + 1 < len(units) and units[j + 1][1] - units[i][0] <= size:
            j += 1
        start, end = units[i][0], units[j][1]
        passages.append(Passage(f"{article_id}:{len(passages)}", article_id, len(passages), start, end, text[start:end]))
        if j + 1 >= len(units):
            break
        # Step forward, keeping `overlap` sentences, but always make progress.
        i = max(j + 1 - overlap, i + 1)
    return passages
