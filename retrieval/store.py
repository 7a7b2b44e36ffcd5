"""The only module that imports chromadb: passage vectors and their filterable metadata.

A persistent directory by default; a Chroma server when a host is given. Texts live in the
catalog (SQLite), so Chroma holds only what dense search and its filters need.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Sequence

import chromadb
import numpy as np
from chromadb.config import Settings

from .errors import StoreUnavailable

log = logging.getLogger(__name__)

# Chroma's HNSW search is approximate, and at its default breadth (ef_search 100, twice the 50
# dense candidates we ask for) the last places of the list differed between processes on the
# same index: about one run in eight, at seed + 300, so a borderline decision could flip
# between two runs of the same question. 200 gave the same list in every process tried.
EF_SEARCH = 200


class ChromaStore:
    def __init__(self, path: Path | None = None, host: str | None = None, port: int | None = None,
                 collection: str = "passages", ssl: bool = False):
        settings = Settings(anonymized_telemetry=False)  # no phoning home from an offline bot
        try:
            if host:
                self._client = chromadb.HttpClient(host=host, port=port or 8000, ssl=ssl, settings=settings)
                self._client.heartbeat()
                self.where = f"Chroma server {host}:{port or 8000}"
            else:
                if path is None:
                    raise ValueError("a persistent path or a server host is required")
                path.mkdir(parents=True, exist_ok=True)
                self._client = chromadb.PersistentClient(path=str(path), settings=settings)
                self.where = str(path)
            # embedding_function=None: we always pass vectors; Chroma's default would download a model.
            self._col = self._client.get_or_create_collection(
                collection, embedding_function=None, metadata={"hnsw:space": "cosine"}
            )
            self._widen_search()
        except StoreUnavailable:
            raise
        except Exception as exc:  # chromadb raises many types for an unreachable server
            where = f"{host}:{port or 8000}" if host else str(path)
            raise StoreUnavailable(f"cannot open the Chroma store at {where}: {exc}") from exc

    def _widen_search(self) -> None:
        """Search breadth is a collection setting: set it on new and existing collections alike
        (an index built before this setting is widened when it is next opened, no rebuild)."""
        hnsw = (self._col.configuration or {}).get("hnsw") or {}
        if hnsw.get("ef_search", EF_SEARCH) < EF_SEARCH:
            self._col.modify(configuration={"hnsw": {"ef_search": EF_SEARCH}})

    def search_breadth(self) -> int | None:
        """The collection's ef_search: how many neighbours Chroma's HNSW search weighs."""
        return ((self._col.configuration or {}).get("hnsw") or {}).get("ef_search")

    def count(self) -> int:
        return self._call(self._col.count)

    def upsert(self, ids: Sequence[str], vectors: np.ndarray, metadatas: Sequence[dict]) -> None:
        if not ids:
            return
        step = 1000  # stay under Chroma's max batch size
        for i in range(0, len(ids), step):
            self._call(
                self._col.upsert,
                ids=list(ids[i : i + step]),
                embeddings=np.asarray(vectors[i : i + step], dtype=np.float32),
                metadatas=list(metadatas[i : i + step]),
            )

    def update_metadata(self, ids: Sequence[str], metadatas: Sequence[dict]) -> None:
        """Set these metadata fields of existing records (others kept: Chroma merges)."""
        for i in range(0, len(ids), 1000):
            self._call(self._col.update, ids=list(ids[i : i + 1000]), metadatas=list(metadatas[i : i + 1000]))

    def metadata(self, ids: Sequence[str]) -> dict[str, dict]:
        got = self._call(self._col.get, ids=list(ids), include=["metadatas"])
        return dict(zip(got["ids"], got["metadatas"]))

    def delete(self, ids: Sequence[str]) -> None:
        ids = list(ids)
        for i in range(0, len(ids), 1000):
            self._call(self._col.delete, ids=ids[i : i + 1000])

    def vectors(self, ids: Sequence[str]) -> dict[str, np.ndarray]:
        """These records' stored vectors (a record Chroma does not hold is left out)."""
        if not ids:
            return {}
        got = self._call(self._col.get, ids=list(ids), include=["embeddings"])
        return {rid: np.asarray(vec, dtype=np.float32) for rid, vec in zip(got["ids"], got["embeddings"])}

    def ids(self) -> list[str]:
        return self._call(self._col.get, include=[])["ids"]

    def query(self, vector: np.ndarray, k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """(record id, cosine similarity), best first."""
        n = self.count()
        if n == 0:
            return []
        res = self._call(
            self._col.query,
            query_embeddings=[np.asarray(vector, dtype=np.float32)],
            n_results=min(k, n),
            where=where or None,
            include=["distances"],
        )
        return [(rid, 1.0 - float(d)) for rid, d in zip(res["ids"][0], res["distances"][0])]

    def _call(self, fn, *args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            if type(exc).__name__ in {"ConnectError", "ConnectionError", "ReadTimeout", "ConnectTimeout"}:
                raise StoreUnavailable(f"the Chroma store at {self.where} stopped answering: {exc}") from exc
            raise
