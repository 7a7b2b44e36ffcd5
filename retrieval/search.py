"""Hybrid search: dense (Chroma) and lexical (BM25) results fused, with date and source filters."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from .index import Index
from .normalize import tokenize

# How deep each half looks before fusion; the fused list is cut to k afterwards.
DEPTH = 50
DENSE_WEIGHT = 0.6


@dataclass
class Hit:
    passage_id: str
    article_id: str
    score: float
    text: str
    title: str
    date: str
    source: str
    url: str
    start: int
    end: int
    dense_score: float | None = None  # cosine similarity, when dense search found it
    lexical_score: float | None = None  # BM25, when lexical search found it
    coverage: float = 0.0  # share of the question's distinct search terms found in the passage

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Filters:
    date_from: str | None = None
    date_to: str | None = None
    source: str | None = None

    def chroma_where(self) -> dict | None:
        from .lexical import date_key

        clauses: list[dict] = []
        if self.date_from:
            clauses.append({"date": {"$gte": date_key(self.date_from)}})
        if self.date_to:
            clauses.append({"date": {"$lte": date_key(self.date_to)}})
            clauses.append({"date": {"$gt": 0}})
        if self.source:
            clauses.append({"source": self.source.lower()})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def dense_search(index: Index, query: str, k: int, filters: Filters = Filters()) -> list[tuple[str, float]]:
    vec = index.embedder.embed([query], query=True)[0]
    live = index.live_records()
    # Over-fetch: records of versions not (or no longer) committed are skipped.
    found = index.store.query(vec, k + 10, filters.chroma_where())
    out = [(live[rid], sim) for rid, sim in found if rid in live]
    return out[:k]


def lexical_search(index: Index, query: str, k: int, filters: Filters = Filters()) -> list[tuple[str, float]]:
    lex = index.lexical()
    return lex.search(tokenize(query), k, lex.mask(filters.date_from, filters.date_to, filters.source))


def lexical_weight(query: str) -> float:
    """Share of the query's searchable tokens that are Arabic.

    Arabic BM25 over an English or Russian question only matches numbers and loan words, which
    is noise: its vote in the fusion shrinks to what it can actually read.
    """
    tokens = tokenize(query)
    if not tokens:
        return 0.0
    arabic = sum(1 for t in tokens if any("\u0600" <= ch <= "\u06ff" for ch in t))
    return arabic / len(tokens)


def fuse(dense: list[tuple[str, float]], lexical: list[tuple[str, float]], w_lex: float,
         sim_range: tuple[float, float] | None = None, alpha: float = DENSE_WEIGHT) -> list[tuple[str, float]]:
    """Convex combination of calibrated scores.

    Plain reciprocal rank fusion throws the scores away, so a confident first place in one list
    ties with a weak one in the other; min-max scaling makes the best dense passage a 1.0 even
    when every similarity is mediocre (an English question over Arabic text with a small model).
    Dense cosines are therefore mapped through the embedder's own similarity range (unrelated ->
    0, strong match -> 1) and BM25 is scaled by its best score, then weighted by how much of the
    question BM25 can read. Figures against RRF are in the README.
    """
    scores: dict[str, float] = {}
    if dense:
        sims = np.array([s for _, s in dense], dtype=np.float64)
        if sim_range is not None:
            lo, hi = sim_range
            scaled = np.clip((sims - lo) / (hi - lo), 0.0, 1.0)
        else:  # an embedder of unknown calibration: fall back to the candidates' own spread
            spread = sims.max() - sims.min()
            scaled = (sims - sims.min()) / spread if spread > 1e-9 else np.ones_like(sims)
        for (pid, _), x in zip(dense, scaled):
            scores[pid] = alpha * x
    beta = (1.0 - alpha) * w_lex
    if lexical and beta > 0:
        top = lexical[0][1]
        for pid, s in lexical:
            scores[pid] = scores.get(pid, 0.0) + beta * (s / top)
    return sorted(scores.items(), key=lambda kv: -kv[1])


def hybrid(index: Index, query: str, k: int = 5, filters: Filters = Filters(), mode: str = "hybrid") -> list[Hit]:
    """Top-k passages for the query; mode is hybrid, dense or lexical (the last two for evaluation)."""
    if not query.strip() or index.is_empty():
        return []
    dense = dense_search(index, query, DEPTH, filters) if mode in ("hybrid", "dense") else []
    lexical = lexical_search(index, query, DEPTH, filters) if mode in ("hybrid", "lexical") else []
    if mode == "dense":
        ranked = dense
    elif mode == "lexical":
        ranked = lexical
    else:
        ranked = fuse(dense, lexical, lexical_weight(query), getattr(index.embedder, "similarity_range", None))
    return _hits(index, ranked[:k], dict(dense), dict(lexical), set(tokenize(query)))


def _hits(index: Index, ranked, dense: dict, lexical: dict, terms: set[str]) -> list[Hit]:
    pids = [pid for pid, _ in ranked]
    rows = index.catalog.passages(pids)
    tokens = index.catalog.tokens(pids)
    articles: dict = {}
    hits = []
    for pid, score in ranked:
        row = rows.get(pid)
        if row is None:  # removed between search and lookup
            continue
        art = articles.get(row.article_id) or index.catalog.article(row.article_id)
        if art is None:
            continue
        articles[row.article_id] = art
        hits.append(Hit(pid, row.article_id, float(score), row.text, art.title or "", art.date or "",
                        art.source or "", art.url or "", row.start, row.end,
                        dense.get(pid), lexical.get(pid),
                        len(terms & set(tokens.get(pid, "").split())) / len(terms) if terms else 0.0))
    return hits
