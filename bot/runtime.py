"""Wiring: settings -> embedder, store, index. The one place that builds the retrieval objects."""

from __future__ import annotations

import logging
from pathlib import Path

from retrieval import normalize, places
from retrieval.embeddings import CachedEmbedder, Embedder, LocalE5Embedder, OpenAIEmbedder
from retrieval.index import Index
from retrieval.ingest import Progress, Report, ingest
from retrieval.loaders import load_corpus
from retrieval.store import ChromaStore

from .config import Settings

log = logging.getLogger(__name__)


def make_embedder(settings: Settings, data_dir: Path | None = None) -> CachedEmbedder:
    inner: Embedder
    if settings.embedding_backend == "openai":
        inner = OpenAIEmbedder(settings.embedding_model, settings.embedding_base_url,
                               settings.embedding_api_key or settings.openai_api_key)
    else:
        inner = LocalE5Embedder()
    return CachedEmbedder(inner, (data_dir or settings.data_dir) / "embeddings.sqlite", latent=settings.latent_terms)


def open_index(settings: Settings, data_dir: Path | None = None, embedder: Embedder | None = None) -> Index:
    data_dir = Path(data_dir or settings.data_dir)
    store = None
    if settings.chroma_host:
        store = ChromaStore(host=settings.chroma_host, port=settings.chroma_port, ssl=settings.chroma_ssl,
                            collection=settings.chroma_collection)
    elif settings.chroma_collection != "passages":
        store = ChromaStore(path=data_dir / "chroma", collection=settings.chroma_collection)
    return Index(data_dir, embedder or make_embedder(settings, data_dir), store,
                 chunk_size=settings.chunk_size, chunk_overlap=settings.chunk_overlap)


def needs_indexing(index: Index) -> bool:
    """Empty (first use), or built with other chunking, embeddings or tokenizer settings."""
    return index.is_empty() or index.catalog.get_meta("settings_stamp") != index.settings_stamp


def ensure_indexed(index: Index, corpus_dir: Path, progress: Progress | None = None,
                   latent: bool = True) -> Report | None:
    """Index the corpus folder on first use, and re-index it after a settings change.

    Re-indexing re-chunks and re-tokenises; vectors come from the cache unless the embedder
    changed. Articles indexed with --no-save are not in the corpus and keep their old form
    until they are ingested again.

    latent=True also computes the latent terms any passage lacks (an /add or an ingest whose
    fill a stop cut short; a first-time indexing), as a one-shot command needs them before it
    answers. The bot passes False: it serves at once and fills them in the background
    (CorpusAdmin.fill_latent_soon), a second pass of the model as long as the first.
    """
    report = None
    if needs_indexing(index):
        loaded = load_corpus(corpus_dir)
        log.info("indexing %d articles from %s", len(loaded.articles), corpus_dir)
        report = ingest(index, loaded.articles, progress=progress, latent=latent)
    if latent and (filled := index.ensure_latent()):
        log.info("filled in the latent terms of %d passages", filled)
    return report


def make_llm(settings: Settings):
    """The chat model, or None when no LLM is configured (answers are then extractive)."""
    if not settings.llm_configured:
        return None
    from .llm import OpenAIChat

    return OpenAIChat.from_settings(settings)


CONFIGURED = "configured"


def make_answerer(settings: Settings, index: Index | None = None, llm=CONFIGURED):
    """The answerer; llm is the configured one by default, or the chat model (None: offline) given."""
    from .answer import Answerer

    places.warm()
    normalize.warm()
    return Answerer(
        index or open_index(settings),
        make_llm(settings) if isinstance(llm, str) and llm == CONFIGURED else llm,
        settings.answer_settings(),
    )
