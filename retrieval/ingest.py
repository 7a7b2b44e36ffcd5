"""load -> normalise -> chunk -> embed -> upsert -> commit; idempotent, reports what changed.

Order per article: vectors go to Chroma under version-specific record ids, then the catalog
commits the version in one transaction, then the replaced version's records are deleted. A kill
at any step leaves the previous version live; running the ingest again completes the work.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable
from urllib.parse import urlsplit

import numpy as np

from . import dedupe
from .article import Article, delete_article_file, write_article
from .catalog import ArticleRow, PassageRow
from .chunking import chunk
from .index import DATES_VERSION, NAME_KEYS_VERSION, NAMES_VERSION, Index
from .lexical import date_key
from .dates import passage_dates
from .embeddings import latent_terms
from .names import announced
from .normalize import analyze_written
from .translit import name_words

log = logging.getLogger(__name__)
Progress = Callable[[int, int, str], None]


@dataclass
class Report:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (new id, existing id)
    near_duplicates: list[tuple[str, str, float]] = field(default_factory=list)  # (new id, existing id, similarity)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (what, why)
    removed: list[str] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)  # (id, what was changed on the way in)
    passages: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def as_dict(self) -> dict:
        return {
            "added": self.added, "updated": self.updated, "unchanged": self.unchanged,
            "duplicates": [{"id": a, "duplicate_of": b} for a, b in self.duplicates],
            "near_duplicates": [{"id": a, "near_duplicate_of": b, "similarity": round(c, 2)}
                                for a, b, c in self.near_duplicates],
            "failed": [{"item": a, "reason": b} for a, b in self.failed],
            "removed": self.removed, "notes": [{"id": a, "note": b} for a, b in self.notes],
            "passages": self.passages,
        }


def ingest(index: Index, articles: Iterable[Article], *, corpus_dir: Path | None = None,
           progress: Progress | None = None, force: bool = False, report: Report | None = None,
           near_duplicates: str = "allow", confirmed: frozenset[str] = frozenset(),
           latent: bool = True) -> Report:
    """Index articles. With corpus_dir, each new or changed article is also written there.

    near_duplicates="hold" reports a new article that looks like a republication of an indexed
    one (dedupe.THRESHOLD) instead of adding it, unless its id is in `confirmed`.

    latent=False commits the passages without their latent terms, which cost the model a second
    pass over every passage (retrieval/latent.py); the article is searchable at once and
    `Index.ensure_latent` adds them afterwards (the bot's /add does so after replying).
    """
    report = report or Report()
    articles = list(articles)
    if index.catalog.get_meta("ingest_running") == "1":
        # The last ingest was killed: drop the records it left behind before adding more.
        n = index.vacuum()
        log.info("removed %d orphan records left by an interrupted ingest", n)
    index.catalog.set_meta("ingest_running", "1")
    if index.catalog.count_articles() == 0:
        # every passage records its names and dates from here
        index.catalog.set_meta("names_version", NAMES_VERSION)
        index.catalog.set_meta("name_keys_version", NAME_KEYS_VERSION)
        index.catalog.set_meta("dates_version", DATES_VERSION)
    state = _State(sigs={k: np.frombuffer(v, dtype=np.uint64) for k, v in index.catalog.signatures().items()})
    hold = near_duplicates == "hold"
    done = 0
    try:
        batch: list[_Prepared] = []
        for article in articles:
            prepared = _prepare(index, article, state, report, force, hold and article.id not in confirmed)
            if prepared is not None:
                batch.append(prepared)
            else:
                done += 1
                if progress:
                    progress(done, len(articles), article.id)
            # Embed several articles' passages in one call (the model batches far better), then
            # commit them one by one, so a kill still leaves each article wholly old or new.
            if sum(len(b.heads) for b in batch) >= EMBED_BATCH:
                done = _flush(index, batch, report, corpus_dir, progress, done, len(articles), latent)
                batch = []
        if batch:
            _flush(index, batch, report, corpus_dir, progress, done, len(articles), latent)
    finally:
        index.catalog.set_meta("ingest_running", "0")
    index.catalog.set_meta("settings_stamp", index.settings_stamp)
    if report.changed or report.failed:
        index.lexical()  # rebuild and save BM25 now, not on the first question
    return report


EMBED_BATCH = 32


@dataclass
class _State:
    sigs: dict[str, np.ndarray]
    seen: dict[str, str] = field(default_factory=dict)  # id -> content hash, in this input
    hashes: dict[str, str] = field(default_factory=dict)  # content hash -> id, prepared in this input


@dataclass
class _Prepared:
    article: Article
    version: str
    content_hash: str
    existing: bool
    sig: np.ndarray
    passages: list
    heads: list[str]


def _prepare(index: Index, article: Article, state: _State, report: Report, force: bool,
             hold_near: bool) -> _Prepared | None:
    """Checks and chunking; None (with the reason in the report) when nothing is to be indexed."""
    label = article.id or article.title or "?"
    if not article.id:
        report.failed.append((label, "the article has no id"))
        return None
    if not article.text or not article.text.strip():
        report.failed.append((label, "the article has no text"))
        return None
    article = _bounded(article, report)
    content_hash = article.content_hash
    if article.id in state.seen:
        if state.seen[article.id] != content_hash:
            report.failed.append((label, "the same id appears twice in this input with different texts"))
        else:
            report.unchanged.append(article.id)
        return None
    state.seen[article.id] = content_hash
    version = _version(index, article)
    existing = index.catalog.article(article.id)
    if existing and existing.version == version and not force:
        report.unchanged.append(article.id)
        return None
    twin = index.catalog.article_by_hash(content_hash)
    twin_id = twin.id if twin else state.hashes.get(content_hash)
    if twin_id and twin_id != article.id:
        report.duplicates.append((article.id, twin_id))
        return None
    sig = dedupe.signature(article.text)
    if hold_near and not existing:
        near = dedupe.most_similar(sig, {k: v for k, v in state.sigs.items() if k != article.id})
        if near and near[1] >= dedupe.THRESHOLD:
            report.near_duplicates.append((article.id, near[0], near[1]))
            return None
    state.hashes[content_hash] = article.id
    state.sigs[article.id] = sig
    passages = chunk(article.id, article.text, index.chunk_size, index.chunk_overlap)
    # The title goes into what is embedded and matched: questions name the event, passages may not.
    heads = [f"{article.title}\n{p.text}" if article.title else p.text for p in passages]
    return _Prepared(article, version, content_hash, existing is not None, sig, passages, heads)


def _flush(index: Index, batch: list[_Prepared], report: Report, corpus_dir: Path | None,
           progress: Progress | None, done: int, total: int, latent: bool = True) -> int:
    heads = [h for b in batch for h in b.heads]
    vectors = index.embedder.embed(heads)
    # Latent terms of the passage's own text: the dense vector already carries the title, which
    # every passage of the article shares (XQuAD en/ru MRR 0.886 / 0.876 with it, 0.889 / 0.881 without).
    latents = latent_terms(index.embedder, [p.text for b in batch for p in b.passages]) if latent else None
    offset = 0
    for b in batch:
        vecs = vectors[offset: offset + len(b.heads)]
        lats = latents[offset: offset + len(b.heads)] if latents is not None else []
        offset += len(b.heads)
        _commit(index, b, vecs, report, corpus_dir, lats)
        done += 1
        if progress:
            progress(done, total, b.article.id)
    return done


def _commit(index: Index, b: _Prepared, vectors: np.ndarray, report: Report, corpus_dir: Path | None,
            latents=()) -> None:
    article, tag = b.article, b.version[:12]
    rows = [PassageRow(p.id, article.id, p.n, p.start, p.end, p.text, f"{p.id}@{tag}") for p in b.passages]
    meta = {"article_id": article.id, "date": date_key(article.date), "source": (article.source or "").lower()}
    dated = {r.pid: passage_dates(r.text, article.date) for r in rows}
    # The dates a passage speaks of go with it into Chroma too (a comma list: metadata is scalar).
    index.store.upsert([r.record_id for r in rows], vectors,
                       [dict(meta, pid=r.pid, dates=",".join(sorted({d.iso for d in dated[r.pid]}))) for r in rows])
    analyzed = [analyze_written(h) for h in b.heads]
    cued = {r.pid: announced(r.text) for r in rows}  # the names each passage announces: (word, token)
    stale = index.catalog.commit_article(
        ArticleRow(article.id, b.version, b.content_hash, article.title, article.date, article.source,
                   article.url, len(rows), 0.0, 0.0),
        rows,
        [" ".join(token for _, token, _ in triples) for triples in analyzed],
        b.sig.tobytes(),
        name_words=name_words(analyzed, {word for pairs in cued.values() for word, _ in pairs}),
        names=[(pid, token) for pid, pairs in cued.items() for _, token in pairs],
        dates=[(r.pid, d.iso, d.start, d.end) for r in rows for d in dated[r.pid]],
        latent=[(r.pid, lat.to_bytes()) for r, lat in zip(rows, latents)],
    )
    index.store.delete(stale)
    if corpus_dir is not None:
        write_article(article, corpus_dir)
    (report.updated if b.existing else report.added).append(article.id)
    report.passages += len(rows)


MAX_TITLE = 300  # characters: a title is shown with every citation of the article


def _bounded(article: Article, report: Report) -> Article:
    """Metadata fit to show: a bounded title, a link only when it is http(s). Said in the report."""
    for note in article.extra.get("notes", ()):
        report.notes.append((article.id, note))
    title, url = " ".join((article.title or "").split()), (article.url or "").strip()
    if len(title) > MAX_TITLE:
        title = title[:MAX_TITLE].rsplit(" ", 1)[0] + "…"
        report.notes.append((article.id, f"title cut to {MAX_TITLE} characters"))
    if url and not is_web_url(url):
        report.notes.append((article.id, f"link dropped (only http and https links are kept): {url[:80]}"))
        url = ""
    if (title, url) == (article.title, article.url):
        return article
    return replace(article, title=title, url=url)


def is_web_url(url: str) -> bool:
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def _version(index: Index, article: Article) -> str:
    import hashlib

    return hashlib.sha256(f"{article.version_hash}|{index.settings_stamp}".encode()).hexdigest()


def remove(index: Index, article_id: str, *, corpus_dir: Path | None = None) -> bool:
    """Remove an article from the index (and its corpus file). False when there was none."""
    if index.catalog.article(article_id) is None:
        return False
    index.store.delete(index.catalog.remove_article(article_id))
    if corpus_dir is not None:
        delete_article_file(article_id, corpus_dir)
    index.lexical()
    return True


def sync(index: Index, articles: list[Article], *, progress: Progress | None = None, force: bool = False,
         latent: bool = True) -> Report:
    """Make the index hold exactly these articles (reindex from the corpus folder). latent=False
    leaves the latent terms of what it adds, and of what lacked them, to `Index.ensure_latent`."""
    report = ingest(index, articles, progress=progress, force=force, latent=latent)
    wanted = {a.id for a in articles}
    for row in index.catalog.articles():
        if row.id not in wanted:
            remove(index, row.id)
            report.removed.append(row.id)
    if latent:
        index.ensure_latent()
    index.vacuum()
    return report
