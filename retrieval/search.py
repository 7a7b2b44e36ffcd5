"""Hybrid search: dense (Chroma) and lexical (BM25) results fused, with date and source filters."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache

import numpy as np

from .embeddings import has_latent_terms, latent_terms, similarity_range
from .index import Index
from .latent import Latent
from .question import Question, Term

# How deep each half looks before fusion; the fused list is cut to k afterwards.
DEPTH = 50
DENSE_WEIGHT = 0.6
# Second stage: the best RERANK_DEPTH fused candidates are re-scored with the share of the
# question's informative terms each one holds (idf-weighted), so that a passage holding the
# question's rare words is not pushed out by the dense side's near misses as the corpus grows.
RERANK_DEPTH = 30
RERANK_WEIGHT = 0.3
# In that second stage, the question's neighbouring terms found side by side in the passage add
# PAIR_WEIGHT times their weighted share to its coverage: a phrase of the question is better
# evidence than its words scattered. Chosen on ARCD and XQuAD Arabic retrieval (0, 0.3, 0.6
# measured; 0.6 best on both: README).
PAIR_WEIGHT = 0.6
# An English or Russian question reaches Arabic text mainly through the embedder, its cosines
# read on the embedder's cross-lingual range (embeddings.py). The lexical side's share is
# cross_lingual_weight(): the share of its terms the Arabic index reads as words, doubled.
# Names matched across scripts count in the second stage instead, at a smaller weight than an
# Arabic question's terms: a passage holding both "Lavrov" and "Minsk" moves ahead of one
# holding either. Measured on XQuAD en/ru -> ar and on the dev questions with 300 distractors
# (README).
CROSS_LINGUAL_LEXICAL = 2.0
READ_AS_ARABIC = 0.75
CROSS_LINGUAL_RERANK = 0.1
# ... and more as the names and words it reads carry more of the question's information
# (cross_lingual_rerank). Chosen on XQuAD en/ru -> ar, all contexts: 0 / 0.3 / 0.6 gave MRR@10
# 0.891 / 0.897 / 0.892 in English and 0.880 / 0.884 / 0.884 in Russian (README).
INFORMED_RERANK = 0.3
# Then the latent terms (retrieval/latent.py) of the question and of each of the top
# RERANK_DEPTH candidates: their cosine, times LATENT_WEIGHT, is added to the fused score. They
# read the ordinary words of an English or Russian question that BM25 cannot ("initiative",
# "discussed"). Chosen on XQuAD en/ru -> ar (README: 1.5 to 6 measured; 2 best in both). An
# Arabic question is not reranked so: BM25 reads its words already (MRR 0.962 -> 0.966 in a
# prototype, not worth a second pass of the model on every question).
LATENT_WEIGHT = 2.0
# An English or Russian question whose only words the index reads are names ("What did
# Lindberg say about his mission?": Lindberg matched across scripts, "say" and "mission" not read)
# gives the lexical side no share of the fusion (cross_lingual_weight), so when the embedder
# ranks the one article that spells the name below its 30 best, nothing brings it back: an
# article added tomorrow about a new envoy could not be found. The lexical side's best
# NAME_CANDIDATES passages therefore join the second stage whatever their fused rank, scored by
# their own cosine; the second stage and the latent terms then order them with the others.
NAME_CANDIDATES = 5
# Candidates whose latent terms are not stored yet (an article the bot's /add committed seconds
# ago: they are filled in after the admin's reply) get them computed on the spot, when at most
# this many are missing: a fresh article's passages, about 0.3 s each with the bundled model.
# More than that (an index built before latent terms) and the question is ranked without them.
LATENT_ON_DEMAND = 8


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
    coverage: float = 0.0  # idf-weighted share of the question's informative terms in the passage
    matched: list[str] = field(default_factory=list)  # the question's words this passage holds
    latent_score: float | None = None  # cosine of the latent terms, when the search compared them

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


def dense_search(index: Index, question: Question, k: int, filters: Filters = Filters()) -> list[tuple[str, float]]:
    """Passages by cosine similarity; with a translation, each passage keeps its better cosine."""
    best = _cosines(index, question, k, filters.chroma_where())
    return sorted(best.items(), key=lambda kv: -kv[1])[:k]


def passage_cosines(index: Index, question: Question, pids: list[str]) -> dict[str, float]:
    """The question's cosine with each of these passages (the better one of its texts), from
    their stored vectors: a few records fetched by id and a dot product, where a search filtered
    to these passages costs a query of the collection."""
    wanted = set(pids)
    live = index.live_records()
    stored = index.store.vectors([rid for rid, pid in live.items() if pid in wanted])
    if not stored:
        return {}
    queries = np.asarray(_query_vectors(index.embedder, tuple(question.dense_texts)), dtype=np.float32)
    queries = queries / np.maximum(np.linalg.norm(queries, axis=1, keepdims=True), 1e-12)
    best: dict[str, float] = {}
    for rid, vec in stored.items():
        sim = float(np.max(queries @ (vec / max(float(np.linalg.norm(vec)), 1e-12))))
        if sim > best.get(live[rid], -2.0):
            best[live[rid]] = sim
    return best


@lru_cache(maxsize=8)
def _query_vectors(embedder, texts: tuple[str, ...]):
    """The question's vectors, once per question however many searches read them (the dense
    search, the name candidates' and the lexical side's passages' cosines): an embedder without
    a query cache would run the model for each."""
    return embedder.embed(list(texts), query=True)


def _cosines(index: Index, question: Question, k: int, where: dict | None) -> dict[str, float]:
    """Live passage -> its best cosine with the question's texts, among Chroma's k nearest."""
    live = index.live_records()
    best: dict[str, float] = {}
    for vec in _query_vectors(index.embedder, tuple(question.dense_texts)):
        # Over-fetch: records of versions not (or no longer) committed are skipped.
        for rid, sim in index.store.query(vec, k + 10, where):
            if rid in live and sim > best.get(live[rid], -2.0):
                best[live[rid]] = sim
    return best


def lexical_search(index: Index, question: Question, k: int, filters: Filters = Filters()) -> list[tuple[str, float]]:
    lex = index.lexical()
    return lex.search(question.tokens, k, lex.mask(filters.date_from, filters.date_to, filters.source),
                      question.borrowed_weight)


def lexical_weight(question: Question) -> float:
    """Share of the question's terms the Arabic index can read.

    Arabic BM25 over an English or Russian question reads only names (matched across scripts),
    numbers and loan words: its vote in the fusion shrinks to what it can actually read.
    """
    return question.readable_share


def cross_lingual_weight(question: Question) -> float:
    """The lexical side's share of the fused score for an English or Russian question.

    It grows with the share of the question the Arabic index reads as words (glossary terms,
    numbers), CROSS_LINGUAL_LEXICAL times as fast: half read is searched as much by those words
    as by the embedder. Names matched across scripts do not raise it (every article on the same
    story shares them), except when the question is only names ("Zakharova?", "Лавров и
    Мирзоян"): the embedder reads a bare foreign name poorly, the passages that spell it decide.
    """
    if question.search_terms and all(t.name for t in question.search_terms):
        return 1.0
    return min(1.0, CROSS_LINGUAL_LEXICAL * question.vocabulary_share)


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


def term_weights(index: Index, terms: tuple[Term, ...]) -> list[tuple[Term, float]]:
    """Each term with its weight: the idf of its rarest realisation in the index (0: unknown).
    A phrase's words get their shares of it: each word's own idf over the rarest word's."""
    lex = index.lexical()
    out = []
    for t in terms:
        w = t.weight * max((lex.idf(tok) for tok in t.weighed), default=0.0)
        if t.parts and w > 0:
            idfs = [max((lex.idf(tok) for tok in part - t.also), default=0.0) for part, _ in t.parts]
            top = max(idfs)
            t = replace(t, parts=tuple((part, idf / top if top > 0 else 1.0) for (part, _), idf in zip(t.parts, idfs)))
        out.append((t, w))
    return out


def held_share(term: Term, tokens: set[str]) -> float:
    """How much of the term these passage tokens hold: all of it, none, or for a phrase the share
    of its best word held ("المجموعات" holds little of "مجموعة مينسك")."""
    if not term.tokens & tokens:
        return 0.0
    if not term.parts:
        return 1.0
    return max((share for part, share in term.parts if part & tokens), default=1.0)


def coverage(weighted: list[tuple[Term, float]], tokens: set[str]) -> tuple[float, list[str]]:
    """idf-weighted share of the known terms that these passage tokens hold, and which words."""
    total = sum(w for _, w in weighted)
    held = [(t, w * share) for t, w in weighted if w > 0 and (share := held_share(t, tokens)) > 0]
    return (sum(w for _, w in held) / total if total > 0 else 0.0), [t.word for t, _ in held]


def hybrid(index: Index, query: str | Question, k: int = 5, filters: Filters = Filters(),
           mode: str = "hybrid") -> list[Hit]:
    """Top-k passages for the question; mode is hybrid, dense or lexical (the last two for evaluation)."""
    if isinstance(query, str):
        if not query.strip() or index.is_empty():
            return []
        query = index.analyse(query)
    elif not query.text.strip() or index.is_empty():
        return []
    dense = dense_search(index, query, DEPTH, filters) if mode in ("hybrid", "dense") else []
    lexical = lexical_search(index, query, DEPTH, filters) if mode in ("hybrid", "lexical") else []
    weighted = term_weights(index, query.search_terms)
    latent: dict[str, float] = {}
    if mode == "dense":
        ranked = dense
    elif mode == "lexical":
        ranked = lexical
    else:
        cross_lingual = query.language != "ar" and query.translation is None
        sim_range = similarity_range(index.embedder, cross_lingual)
        # Searched as Arabic: an Arabic question, one the LLM translated, or one the index reads
        # almost entirely as words (the glossary turned "ceasefire in Nagorno-Karabakh" to Arabic).
        arabic = not cross_lingual or query.vocabulary_share >= READ_AS_ARABIC
        if not cross_lingual:
            ranked = fuse(dense, lexical, lexical_weight(query), sim_range)
        else:
            ranked = fuse(dense, lexical, 1.0, sim_range, alpha=1.0 - cross_lingual_weight(query))
        if arabic:
            ranked = rerank(index, ranked, weighted)
        else:
            if any(t.name for t in query.search_terms):
                alpha = 1.0 - cross_lingual_weight(query)
                ranked, joined = with_name_candidates(index, query, ranked, lexical, sim_range, alpha)
                dense = dense + list(joined.items())
            ranked = rerank(index, ranked, weighted, weight=cross_lingual_rerank(query))
        if cross_lingual:
            ranked, latent = latent_rerank(index, query, ranked)
        # A passage the lexical side alone brought up has no cosine from the dense search, and
        # the decision would read its absence as no similarity at all ("Where did Azerbaijan set
        # up a checkpoint?": the passage that answers, first by its words, outside the
        # embedder's 50 nearest): its own cosine is fetched instead.
        cosines = dict(dense)
        missing = [pid for pid, _ in ranked[:k] if pid not in cosines]
        if missing:
            cosines.update(passage_cosines(index, query, missing))
        return _hits(index, ranked[:k], cosines, dict(lexical), weighted, latent)
    return _hits(index, ranked[:k], dict(dense), dict(lexical), weighted, latent)


def cross_lingual_rerank(question: Question) -> float:
    """The second stage's weight for an English or Russian question: CROSS_LINGUAL_RERANK, plus
    INFORMED_RERANK times the share of the question's information the Arabic index reads.

    Each term weighs by how informative it is in the question's own language (wordfreq's Zipf
    frequency, question.informativeness: "say", Zipf 5.9, counts 0.2; "Rudenko", too rare for
    wordfreq's list of common words, counts 1).
    "What did Rudenko say?" is all but its name, so the one passage that holds the name must win
    over the embedder's near misses, as it would for the Arabic question; "What type of engine
    did the Tesla use?" is mostly words the index cannot read, and its names stay a tie-breaker
    (every paragraph of the article shares them).
    """
    return CROSS_LINGUAL_RERANK + INFORMED_RERANK * question.readable_information


def with_name_candidates(index: Index, question: Question, ranked: list[tuple[str, float]],
                         lexical: list[tuple[str, float]], sim_range: tuple[float, float] | None,
                         alpha: float, depth: int = RERANK_DEPTH) -> tuple[list[tuple[str, float]], dict[str, float]]:
    """The ranking with the lexical side's best NAME_CANDIDATES passages inside its first
    `depth` (the second stage's candidates); also the cosines fetched for those the dense side
    had not returned."""
    head = {pid for pid, _ in ranked[:depth]}
    extra = [pid for pid, _ in lexical[:NAME_CANDIDATES] if pid not in head]
    if not extra:
        return ranked, {}
    scores = dict(ranked)
    sims = passage_cosines(index, question, [pid for pid in extra if pid not in scores])
    for pid in extra:
        if pid not in scores:
            cos = sims.get(pid)
            scaled = min(1.0, max(0.0, (cos - sim_range[0]) / (sim_range[1] - sim_range[0]))) \
                if cos is not None and sim_range else 0.0
            scores[pid] = alpha * scaled
    others = [kv for kv in ranked if kv[0] not in extra]
    keep = depth - len(extra)
    return others[:keep] + [(pid, scores[pid]) for pid in extra] + others[keep:], sims


def rerank(index: Index, ranked: list[tuple[str, float]], weighted: list[tuple[Term, float]],
           depth: int = RERANK_DEPTH, weight: float | None = None) -> list[tuple[str, float]]:
    """Add the idf-weighted term coverage of each of the top candidates to its fused score, and
    the share of the question's neighbouring terms it holds side by side."""
    weight = RERANK_WEIGHT if weight is None else weight
    if not ranked or weight <= 0 or not any(w > 0 for _, w in weighted):
        return ranked
    head, tail = ranked[:depth], ranked[depth:]
    tokens = index.catalog.tokens([pid for pid, _ in head])  # in text order
    pairs = neighbour_pairs(weighted)

    def bonus(pid: str) -> float:
        seq = tokens.get(pid, "").split()
        held = coverage(weighted, set(seq))[0]
        return held + (PAIR_WEIGHT * pair_share(pairs, seq) if pairs else 0.0)

    rescored = [(pid, s + weight * bonus(pid)) for pid, s in head]
    rescored.sort(key=lambda kv: -kv[1])
    return rescored + tail


def neighbour_pairs(weighted: list[tuple[Term, float]]) -> list[tuple[Term, Term, float]]:
    """The question's neighbouring informative terms, each pair weighed by its commoner term
    (a pair is as telling as its weaker word)."""
    known = [(t, w) for t, w in weighted if w > 0]
    return [(a, b, min(wa, wb)) for (a, wa), (b, wb) in zip(known, known[1:])]


def pair_share(pairs: list[tuple[Term, Term, float]], seq: list[str]) -> float:
    """Weighted share of the question's neighbouring term pairs that stand side by side, in the
    same order, among the passage's tokens `seq` ("العلاقات الروسية الأذربيجانية" against "الشراكة
    الاستراتيجية الروسية الأذربيجانية")."""
    total = sum(w for _, _, w in pairs)
    if total <= 0:
        return 0.0
    adjacent = set(zip(seq, seq[1:]))
    held = sum(w for a, b, w in pairs if any((x, y) in adjacent for x in a.tokens for y in b.tokens))
    return held / total


def latent_rerank(index: Index, question: Question, ranked: list[tuple[str, float]],
                  depth: int = RERANK_DEPTH) -> tuple[list[tuple[str, float]], dict[str, float]]:
    """Add the latent-term cosine of each of the top candidates to its score; also returns the
    cosines. Unchanged when the embedder has no sparse head, or when a candidate has no latent
    terms and more than LATENT_ON_DEMAND lack them (an index built before they were recorded:
    the next start or `talks reindex` fills them in), so that passages are never ranked with and
    without them side by side."""
    head, tail = ranked[:depth], ranked[depth:]
    if not head or not has_latent_terms(index.embedder):
        return ranked, {}
    stored = index.catalog.latent([pid for pid, _ in head])
    missing = [pid for pid, _ in head if pid not in stored]
    if 0 < len(missing) <= LATENT_ON_DEMAND:
        rows = index.catalog.passages(missing)
        stored.update(index.add_latent([(pid, rows[pid].text) for pid in missing if pid in rows]))
    if len(stored) < len(head):
        return ranked, {}
    mine = latent_terms(index.embedder, question.dense_texts[:1], query=True)[0]
    sims = {pid: mine.similarity(Latent.from_bytes(blob)) for pid, blob in stored.items()}
    rescored = sorted(((pid, s + LATENT_WEIGHT * sims[pid]) for pid, s in head), key=lambda kv: -kv[1])
    return rescored + tail, sims


def _hits(index: Index, ranked, dense: dict, lexical: dict, weighted: list[tuple[Term, float]],
          latent: dict[str, float] | None = None) -> list[Hit]:
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
        cov, matched = coverage(weighted, set(tokens.get(pid, "").split()))
        hits.append(Hit(pid, row.article_id, float(score), row.text, art.title or "", art.date or "",
                        art.source or "", art.url or "", row.start, row.end,
                        dense.get(pid), lexical.get(pid), cov, matched, (latent or {}).get(pid)))
    return hits


def passages_as_hits(index: Index, pids: list[str]) -> list[Hit]:
    """Hits for passages chosen by something else than the search (the dates they speak of)."""
    return _hits(index, [(pid, 0.0) for pid in dict.fromkeys(pids)], {}, {}, [])
