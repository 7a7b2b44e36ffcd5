"""Near-duplicate detection: MinHash over word 3-shingles of the normalised text.

The same wire story republished by another outlet differs by a headline, a dateline or a
closing line; its shingles still overlap heavily. An estimated Jaccard similarity of 0.6 or more
marks a near duplicate.
"""

from __future__ import annotations

import hashlib

import numpy as np

from .normalize import normalize

NUM_PERM = 64
SHINGLE = 3
THRESHOLD = 0.6
_PRIME = (1 << 61) - 1
_rng = np.random.default_rng(20211014)
_A = _rng.integers(1, _PRIME, NUM_PERM, dtype=np.uint64)
_B = _rng.integers(0, _PRIME, NUM_PERM, dtype=np.uint64)


def signature(text: str) -> np.ndarray:
    words = [w for w in normalize(text).split() if any(ch.isalnum() for ch in w)]
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    hashes = np.array([int.from_bytes(hashlib.blake2b(s.encode(), digest_size=7).digest(), "little")
                       for s in shingles], dtype=np.uint64)
    # (a*x + b) mod p with 56-bit inputs: multiply in object space would be slow, so fold to 32 bits.
    x = (hashes & np.uint64(0xFFFFFFFF))[:, None]
    perm = (x * (_A[None, :] & np.uint64(0xFFFFFFFF)) + _B[None, :]) % np.uint64(_PRIME)
    return perm.min(axis=0).astype(np.uint64)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.mean(a == b))


def most_similar(sig: np.ndarray, others: dict[str, np.ndarray]) -> tuple[str, float] | None:
    if not others:
        return None
    ids = list(others)
    matrix = np.vstack([others[i] for i in ids])
    scores = (matrix == sig[None, :]).mean(axis=1)
    best = int(np.argmax(scores))
    return ids[best], float(scores[best])
