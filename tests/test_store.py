"""Store round trip, update and remove: in a persistent directory and against a real server."""

import numpy as np
import pytest

from retrieval.article import Article
from retrieval.errors import StoreUnavailable
from retrieval.index import Index
from retrieval.ingest import ingest, remove
from retrieval.search import Filters, hybrid
from retrieval.store import EF_SEARCH, ChromaStore
from tests.conftest import free_port

ARTICLES = [
    Article("a1", "عقد وزراء خارجية روسيا وأرمينيا وأذربيجان اجتماعا ثلاثيا في مينسك.", "اجتماع مينسك",
            "2021-10-14", "TASS"),
    Article("a2", "بحث بوتين وباشينيان تنفيذ الاتفاقات بشأن قره باغ في موسكو.", "بوتين وباشينيان",
            "2021-02-18", "Sputnik"),
    Article("a3", "وصل وفد أذربيجاني إلى واشنطن لإجراء محادثات مع الجانب الأرمني.", "محادثات واشنطن",
            "2023-05-01", "TASS"),
]


@pytest.fixture(params=["persistent", "server"])
def store(request, tmp_path):
    if request.param == "persistent":
        return ChromaStore(path=tmp_path / "chroma")
    host, port = request.getfixturevalue("chroma_server")
    return ChromaStore(host=host, port=port, collection=f"t{abs(hash(request.node.name))}")


def test_store_round_trip(store):
    vecs = np.eye(3, 8, dtype=np.float32)
    store.upsert(["r1", "r2", "r3"], vecs, [{"date": 20210101, "source": "x"}] * 3)
    assert store.count() == 3
    found = store.query(vecs[1], 2)
    assert found[0][0] == "r2" and found[0][1] == pytest.approx(1.0, abs=1e-5)
    store.upsert(["r2"], np.eye(3, 8, k=2, dtype=np.float32)[1:2], [{"date": 20220101, "source": "y"}])
    sims = dict(store.query(vecs[1], 3))
    assert sims["r2"] == pytest.approx(0.0, abs=1e-5)  # r2's vector was replaced
    assert store.query(vecs[0], 3, where={"source": "y"})[0][0] == "r2"
    store.delete(["r1", "r2"])
    assert store.ids() == ["r3"]


def test_search_breadth_is_set_on_new_and_existing_collections(store, request, tmp_path):
    """An index built before the breadth was raised is widened when opened, and it stays widened."""
    assert store.search_breadth() == EF_SEARCH
    # an existing collection at Chroma's default breadth, as every index built before had
    import chromadb
    from chromadb.config import Settings

    settings = Settings(anonymized_telemetry=False)
    if request.node.callspec.params["store"] == "persistent":
        path = tmp_path / "old"
        chromadb.PersistentClient(path=str(path), settings=settings).get_or_create_collection(
            "passages", embedding_function=None, metadata={"hnsw:space": "cosine"})
        reopen = lambda: ChromaStore(path=path)  # noqa: E731
    else:
        host, port = request.getfixturevalue("chroma_server")
        name = f"old{abs(hash(request.node.name))}"
        chromadb.HttpClient(host=host, port=port, settings=settings).get_or_create_collection(
            name, embedding_function=None, metadata={"hnsw:space": "cosine"})
        reopen = lambda: ChromaStore(host=host, port=port, collection=name)  # noqa: E731
    old = reopen()
    assert old.search_breadth() == EF_SEARCH > 100
    vecs = np.eye(3, 8, dtype=np.float32)
    old.upsert(["r1", "r2", "r3"], vecs, [{"date": 20210101, "source": "x"}] * 3)
    assert old.query(vecs[2], 1)[0][0] == "r3"
    assert reopen().search_breadth() == EF_SEARCH and reopen().count() == 3


def test_a_passage_only_the_lexical_side_found_carries_its_own_cosine(tmp_path, fake_embedder, monkeypatch):
    """The decision reads each hit's cosine: a passage outside the dense side's nearest (here the
    dense search returns one passage) is given its own, not read as no similarity at all."""
    import retrieval.search as search

    index = Index(tmp_path / "data", fake_embedder, ChromaStore(path=tmp_path / "chroma"))
    ingest(index, ARTICLES)
    nearest = search.dense_search
    monkeypatch.setattr(search, "dense_search", lambda *args: nearest(*args)[:1])
    question = index.analyse("محادثات واشنطن ولقاء بوتين وباشينيان واجتماع مينسك")
    hits = hybrid(index, question, 3)
    assert len(hits) == 3 and all(h.lexical_score for h in hits)
    # the cosine Chroma's own search gives each passage (three articles: every passage is near)
    cosines = dict(nearest(index, question, 50))
    assert [h.dense_score for h in hits] == pytest.approx([cosines[h.passage_id] for h in hits], abs=1e-6)


def test_index_update_and_remove(store, tmp_path, fake_embedder):
    index = Index(tmp_path / "data", fake_embedder, store)
    report = ingest(index, ARTICLES)
    assert sorted(report.added) == ["a1", "a2", "a3"]
    assert hybrid(index, "اجتماع مينسك الثلاثي", 1)[0].article_id == "a1"

    changed = Article("a1", "التقى الوزراء في سوتشي لبحث ممر لاتشين.", "لقاء سوتشي", "2021-10-15", "TASS")
    report = ingest(index, [changed])
    assert report.updated == ["a1"]
    top = hybrid(index, "ممر لاتشين سوتشي", 1)[0]
    assert top.article_id == "a1" and "سوتشي" in top.text and top.title == "لقاء سوتشي"
    # the old version's vectors are gone from the store, not just hidden
    assert len(store.ids()) == index.catalog.count_passages()

    assert remove(index, "a2")
    assert all(h.article_id != "a2" for h in hybrid(index, "بوتين وباشينيان", 5))
    assert not remove(index, "a2")
    assert len(store.ids()) == index.catalog.count_passages()


def test_filters_by_date_and_source(store, tmp_path, fake_embedder):
    index = Index(tmp_path / "data", fake_embedder, store)
    ingest(index, ARTICLES)
    ids = lambda f: {h.article_id for h in hybrid(index, "محادثات اجتماع مينسك موسكو واشنطن", 10, f)}  # noqa: E731
    assert ids(Filters(date_from="2022-01-01")) == {"a3"}
    assert ids(Filters(date_to="2021-06-30")) == {"a2"}
    assert ids(Filters(source="tass")) == {"a1", "a3"}
    assert ids(Filters(date_from="2021-01-01", date_to="2021-12-31", source="TASS")) == {"a1"}


def test_unreachable_server_is_a_clear_error():
    with pytest.raises(StoreUnavailable, match="127.0.0.1"):
        ChromaStore(host="127.0.0.1", port=free_port())
