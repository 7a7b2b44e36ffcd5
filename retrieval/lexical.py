"""Arabic BM25 (bm25s) over the catalog's normalised, stemmed tokens.

Local Chroma has no keyword search, so this is ours. bm25s cannot add documents to an index,
so it is rebuilt from the stored tokens when the catalog's generation changes (about half a
second per 10k passages) and saved beside the catalog so opening a large index is quick.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import logging

import bm25s
import numpy as np

logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at INFO


def date_key(date: str) -> int:
    """yyyy-mm-dd -> yyyymmdd as an int (0 when unknown), so date ranges are numeric filters."""
    digits = "".join(ch for ch in (date or "")[:10] if ch.isdigit())
    return int(digits.ljust(8, "0")[:8]) if len(digits) >= 4 else 0


class LexicalIndex:
    def __init__(self, pids: list[str], records: list[str], dates: np.ndarray, sources: list[str],
                 bm25: bm25s.BM25 | None):
        self.pids = pids
        self.records = records  # Chroma record ids of the live passage versions, same order
        self.dates = dates
        self.sources = np.asarray(sources, dtype=object)
        self._bm25 = bm25
        self._vocab = set(bm25.vocab_dict) if bm25 is not None else set()

    @classmethod
    def build(cls, rows) -> "LexicalIndex":
        pids, records, tokens, dates, sources = [], [], [], [], []
        for pid, record, toks, date, source in rows:
            pids.append(pid)
            records.append(record)
            tokens.append(toks.split())
            dates.append(date_key(date))
            sources.append(source or "")
        bm25 = None
        if pids:
            bm25 = bm25s.BM25()
            bm25.index(tokens, show_progress=False)
        return cls(pids, records, np.asarray(dates, dtype=np.int64), sources, bm25)

    def save(self, directory: Path, generation: int) -> None:
        tmp = directory.with_name(directory.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self._bm25 is not None:
            self._bm25.save(str(tmp / "bm25"), show_progress=False)
        np.save(tmp / "dates.npy", self.dates)
        (tmp / "rows.json").write_text(
            json.dumps({"generation": generation, "pids": self.pids, "records": self.records,
                        "sources": list(self.sources)}, ensure_ascii=False),
            encoding="utf-8",
        )
        shutil.rmtree(directory, ignore_errors=True)
        tmp.rename(directory)

    @classmethod
    def load(cls, directory: Path, generation: int) -> "LexicalIndex | None":
        """The saved index if it was built for this generation, else None (rebuild)."""
        try:
            rows = json.loads((directory / "rows.json").read_text(encoding="utf-8"))
            if rows["generation"] != generation:
                return None
            bm25 = bm25s.BM25.load(str(directory / "bm25"), show_progress=False) if rows["pids"] else None
            return cls(rows["pids"], rows["records"], np.load(directory / "dates.npy"), rows["sources"], bm25)
        except (OSError, ValueError, KeyError):
            return None

    def __len__(self) -> int:
        return len(self.pids)

    def knows(self, token: str) -> bool:
        return token in self._vocab

    def idf(self, token: str) -> float:
        """How informative a token is in this index: BM25's idf, 0 for a token no passage holds.

        A word that every other passage has (قال، عدد، كان) scores near 0; a name held by three
        passages among thousands scores high. The decision and the rerank weigh terms by it.
        """
        df = self.df(token)
        if df == 0:
            return 0.0
        n = len(self.pids)
        return float(np.log(1.0 + (n - df + 0.5) / (df + 0.5)))

    def df(self, token: str) -> int:
        """How many passages hold the token."""
        if self._bm25 is None or token not in self._vocab:
            return 0
        tid = self._bm25.vocab_dict[token]
        indptr = self._bm25.scores["indptr"]
        return int(indptr[tid + 1] - indptr[tid])

    def latest_date(self, tokens) -> int:
        """The latest article date (date_key) among the passages holding any of the tokens; 0 if none."""
        if self._bm25 is None:
            return 0
        indptr, indices = self._bm25.scores["indptr"], self._bm25.scores["indices"]
        latest = 0
        for token in tokens:
            if token in self._vocab:
                tid = self._bm25.vocab_dict[token]
                docs = indices[indptr[tid]: indptr[tid + 1]]
                if len(docs):
                    latest = max(latest, int(self.dates[docs].max()))
        return latest

    def _scale(self, token: str, own: float, borrowed: frozenset[str]) -> float:
        """A borrowed token's BM25 factor: its group's own idf over its own (at most 1)."""
        if token not in borrowed or own <= 0:
            return 1.0
        return min(1.0, own / max(self.idf(token), 1e-9))

    def max_idf(self) -> float:
        """The idf of a token held by a single passage: the scale for term weights."""
        n = len(self.pids)
        return float(np.log(1.0 + (n - 0.5) / 1.5)) if n else 1.0

    def mask(self, date_from: str | None = None, date_to: str | None = None, source: str | None = None) -> np.ndarray | None:
        if not (date_from or date_to or source):
            return None
        keep = np.ones(len(self.pids), dtype=bool)
        if date_from:
            keep &= self.dates >= date_key(date_from)
        if date_to:
            keep &= (self.dates <= date_key(date_to)) & (self.dates > 0)
        if source:
            keep &= np.char.lower(self.sources.astype(str)) == source.lower()
        return keep

    def search(self, groups: list[list[str]], k: int, mask: np.ndarray | None = None,
               borrowed: frozenset[str] = frozenset()) -> list[tuple[str, float]]:
        """(pid, BM25 score) best first; passages sharing no term with the query are left out.

        Each group is one query term: its tokens are alternatives (a name's Arabic spellings, a
        country and its adjective), so a passage scores the best of them, not their sum; a
        passage writing both روسيا and الروسي does not count Russia twice. Groups add up. A
        `borrowed` token scores at the idf of its group's other tokens when that is lower.
        """
        groups = [[t for t in group if t in self._vocab] for group in groups]
        groups = [group for group in groups if group]
        if self._bm25 is None or not groups:
            return []
        singles = [group[0] for group in groups if len(group) == 1]
        scores = self._bm25.get_scores(singles) if singles else np.zeros(len(self.pids), dtype=np.float32)
        for group in (g for g in groups if len(g) > 1):
            own = max((self.idf(t) for t in group if t not in borrowed), default=0.0)
            scores = scores + np.max([self._bm25.get_scores([t]) * self._scale(t, own, borrowed) for t in group], axis=0)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        k = min(k, len(scores))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.pids[i], float(scores[i])) for i in top if scores[i] > 0]
