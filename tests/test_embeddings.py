"""The embedding seam: the OpenAI-compatible option against the fake server, and the cache."""

import numpy as np
import pytest

from retrieval.article import Article
from retrieval.embeddings import CachedEmbedder, OpenAIEmbedder
from retrieval.errors import EmbeddingError
from retrieval.index import Index
from retrieval.ingest import ingest
from retrieval.search import hybrid


def test_openai_compatible_embeddings_index_and_search(fake_openai, tmp_path):
    embedder = OpenAIEmbedder("fake-embed", fake_openai.base_url, "k", batch_size=2)
    vecs = embedder.embed(["اجتماع مينسك", "ممر لاتشين", "قمة سوتشي"])
    assert vecs.shape == (3, 384) and np.allclose(np.linalg.norm(vecs, axis=1), 1.0, atol=1e-5)
    assert len([r for r in fake_openai.requests if r["path"].endswith("/embeddings")]) == 2  # batched
    index = Index(tmp_path, CachedEmbedder(embedder, tmp_path / "cache.sqlite"))
    ingest(index, [Article("a", "عقد اجتماع مينسك الثلاثي في أكتوبر.", "مينسك"),
                   Article("b", "بحث القادة فتح ممر لاتشين أمام حركة النقل.", "لاتشين")])
    assert hybrid(index, "ممر لاتشين", 1)[0].article_id == "b"


def test_embeddings_endpoint_failure_is_a_clear_error(fake_openai):
    fake_openai.embeddings_status = 500
    embedder = OpenAIEmbedder("fake-embed", fake_openai.base_url, "k")
    embedder._client = embedder._client.with_options(max_retries=0)
    with pytest.raises(EmbeddingError, match="embeddings endpoint failed"):
        embedder.embed(["نص"])


def test_cache_embeds_each_text_once(tmp_path, fake_embedder):
    cache = CachedEmbedder(fake_embedder, tmp_path / "c.sqlite")
    first = cache.embed(["أ", "ب", "أ"])
    again = CachedEmbedder(fake_embedder, tmp_path / "c.sqlite").embed(["ب", "أ"])  # a new process, same file
    assert fake_embedder.texts_embedded == 2  # "أ" once, "ب" once
    assert np.allclose(first[1], again[0]) and np.allclose(first[0], again[1])
    cache.embed(["أ"], query=True)
    assert fake_embedder.texts_embedded == 3  # a query is embedded with its own prefix
