"""Latent terms (retrieval/latent.py): stored with each passage, compared for cross-lingual questions."""

from __future__ import annotations

import asyncio
import threading
import zlib

import numpy as np
import pytest

from bot.cli_common import conversation, run_settled
from bot.config import Settings
from bot.corpus_admin import CorpusAdmin
from bot.runtime import ensure_indexed
from bot.decision import Evidence, confidence, load_calibration
from retrieval.article import Article
from retrieval.embeddings import CachedEmbedder
from retrieval.index import Index
from retrieval.ingest import ingest, remove, sync
from retrieval.latent import TOP_K, Latent
from retrieval.normalize import tokenize
import retrieval.search as search_module
from retrieval.search import hybrid
from tests.fakes import HashEmbedder

# A stand-in for the sparse head: a few words of different languages share a concept id, as the
# model's latent terms do; every other word is a term of its own.
CONCEPTS = {"prisoners": 1, "الاسري": 1, "пленные": 1, "corridor": 2, "الممر": 2, "коридор": 2}


class ConceptEmbedder(HashEmbedder):
    model_id = "test/hash-384+concepts"

    def __init__(self):
        super().__init__()
        self.latent_texts = 0

    def latent(self, texts, *, query: bool = False):
        self.latent_texts += len(texts)
        out = []
        for text in texts:
            ids = {CONCEPTS.get(t, 100 + zlib.crc32(t.encode()) % 60000) for t in _words(text)}
            ids = sorted(ids)  # a concept weighs more than a word, as a content word does in the model
            out.append(Latent.of(ids, [4.0 if i < 100 else 1.0 for i in ids]))
        return out


def _words(text: str) -> list[str]:
    return [w.strip("?؟.,").lower().replace("أ", "ا").replace("ى", "ي") for w in text.split()] + tokenize(text)


ARTICLES = [
    Article(id="a1", title="تبادل", text="أفرجت أذربيجان عن الأسرى الأرمن بعد محادثات طويلة في العاصمة."),
    Article(id="a2", title="طريق", text="أعيد فتح الممر أمام الشاحنات بعد إغلاق دام أسابيع."),
    Article(id="a3", title="اقتصاد", text="ارتفعت أسعار النفط في الأسواق العالمية هذا الأسبوع."),
]


def test_latent_keeps_the_strongest_terms_and_survives_storage():
    rng = np.random.default_rng(0)
    ids = rng.choice(16384, size=300, replace=False)
    weights = rng.random(300).astype(np.float32)
    lat = Latent.of(ids, weights)
    assert len(lat.ids) == TOP_K and list(lat.ids) == sorted(lat.ids)
    strongest = set(ids[np.argsort(-weights)[:TOP_K]])
    assert set(int(i) for i in lat.ids) == strongest
    back = Latent.from_bytes(lat.to_bytes())
    assert np.array_equal(back.ids, lat.ids) and back.ids.dtype == np.uint16
    assert np.allclose(back.weights, lat.weights, atol=2e-3)  # a byte a weight on disk
    assert np.linalg.norm(back.weights) == pytest.approx(1.0, abs=1e-6)
    # runs of 256 up to the highest id, then a byte per id and per weight
    assert len(lat.to_bytes()) == 3 + (int(lat.ids.max()) >> 8) + 1 + 2 * TOP_K < 2 + 4 * TOP_K


def test_latent_terms_stored_before_the_packed_layout_are_still_read():
    """An index built before stop 32 holds uint16 ids and float16 weights, led by their count."""
    lat = Latent.of([5, 300, 16383, 70], [0.1, 0.7, 0.2, 0.4])
    old = np.uint16(4).tobytes() + lat.ids.astype("<u2").tobytes() + lat.weights.astype("<f2").tobytes()
    back = Latent.from_bytes(old)
    assert list(back.ids) == [5, 70, 300, 16383]
    assert np.allclose(back.weights, lat.weights, atol=1e-3)
    assert Latent.from_bytes(lat.to_bytes()).similarity(back) == pytest.approx(1.0, abs=1e-3)
    empty = Latent.of([], [])
    assert len(Latent.from_bytes(empty.to_bytes()).ids) == 0


def test_an_index_written_in_the_old_layout_is_repacked_once(tmp_path):
    index = Index(tmp_path, ConceptEmbedder())
    ingest(index, ARTICLES)
    pids = [p.pid for a in ARTICLES for p in index.catalog.article_passages(a.id)]
    packed = {pid: Latent.from_bytes(blob) for pid, blob in index.catalog.latent(pids).items()}

    def old_layout(blob: bytes) -> bytes:
        lat = Latent.from_bytes(blob)
        return np.uint16(len(lat.ids)).tobytes() + lat.ids.astype("<u2").tobytes() + lat.weights.astype("<f2").tobytes()

    assert index.catalog.rewrite_latent(old_layout) == len(pids)  # as an index before stop 32 holds them
    index.catalog.set_meta("latent_layout", "")
    assert not any(Latent.packed(blob) for blob in index.catalog.latent(pids).values())
    assert index.ensure_latent() == 0  # nothing was missing; the stored terms were repacked on the way
    stored = index.catalog.latent(pids)
    assert all(Latent.packed(blob) for blob in stored.values()) and set(stored) == set(pids)
    for pid, blob in stored.items():
        assert np.array_equal(Latent.from_bytes(blob).ids, packed[pid].ids)
    assert index.repack_latent() == 0  # once


def test_packed_weights_keep_cosines_within_a_thousandth():
    rng = np.random.default_rng(2)
    for _ in range(20):
        ids = rng.choice(16384, 200, replace=False)
        other = np.concatenate([ids[:100], rng.choice(np.setdiff1d(np.arange(16384), ids), 100, replace=False)])
        a, b = Latent.of(ids, rng.random(200) ** 2), Latent.of(other, rng.random(200) ** 2)
        cosine = a.similarity(b)
        assert cosine > 0.1
        assert Latent.from_bytes(a.to_bytes()).similarity(Latent.from_bytes(b.to_bytes())) == \
            pytest.approx(cosine, abs=1e-3)


def test_latent_similarity_is_the_cosine_of_the_sparse_vectors():
    rng = np.random.default_rng(1)
    a_ids, b_ids = rng.choice(500, 60, replace=False), rng.choice(500, 60, replace=False)
    a_w, b_w = rng.random(60), rng.random(60)
    dense_a, dense_b = np.zeros(500), np.zeros(500)
    dense_a[a_ids], dense_b[b_ids] = a_w, b_w
    expected = dense_a @ dense_b / np.linalg.norm(dense_a) / np.linalg.norm(dense_b)
    assert Latent.of(a_ids, a_w).similarity(Latent.of(b_ids, b_w)) == pytest.approx(expected, abs=1e-5)
    assert Latent.of([1, 2], [1, 1]).similarity(Latent.of([3, 4], [1, 1])) == 0.0


def test_ingest_records_latent_terms_and_removal_drops_them(tmp_path):
    index = Index(tmp_path, ConceptEmbedder())
    ingest(index, ARTICLES)
    pids = [p.pid for a in ARTICLES for p in index.catalog.article_passages(a.id)]
    stored = index.catalog.latent(pids)
    assert set(stored) == set(pids)
    a1 = Latent.from_bytes(stored[index.catalog.article_passages("a1")[0].pid])
    assert 1 in set(int(i) for i in a1.ids)  # الأسرى: the prisoners concept
    remove(index, "a1")
    assert not index.catalog.latent([p for p in pids if p.startswith("a1")])
    assert len(index.catalog.latent(pids)) == len(pids) - 1


def test_an_english_question_is_reranked_by_shared_latent_terms(tmp_path):
    plain = Index(tmp_path / "plain", HashEmbedder())
    ingest(plain, ARTICLES)
    latent = Index(tmp_path / "latent", ConceptEmbedder())
    ingest(latent, ARTICLES)
    for question, article in (("Were the prisoners released?", "a1"), ("Когда открыли коридор?", "a2")):
        hits = hybrid(latent, question, 3)
        assert hits[0].article_id == article and hits[0].latent_score > 0
        assert all(h.latent_score is not None for h in hits)
        assert all(h.latent_score is None for h in hybrid(plain, question, 3))
    # An Arabic question is not compared so: BM25 reads its words.
    assert all(h.latent_score is None for h in hybrid(latent, "متى أفرج عن الأسرى؟", 3))


def test_an_index_built_without_latent_terms_is_filled_in_and_ranks_without_them_meanwhile(tmp_path, monkeypatch):
    old = Index(tmp_path, HashEmbedder())
    ingest(old, ARTICLES)
    embedder = ConceptEmbedder()
    index = Index(tmp_path, embedder)
    assert old.settings_stamp != index.settings_stamp  # so the bot re-indexes it once at start
    # More candidates without latent terms than a question computes on the spot (here 3 > 2).
    monkeypatch.setattr(search_module, "LATENT_ON_DEMAND", 2)
    hits = hybrid(index, "Were the prisoners released?", 3)
    assert all(h.latent_score is None for h in hits)  # never some passages with and some without
    assert index.ensure_latent() == 3 and embedder.latent_texts == 3
    assert index.ensure_latent() == 0
    assert hybrid(index, "Were the prisoners released?", 3)[0].article_id == "a1"


def test_an_ingest_without_latent_terms_is_searchable_and_filled_in_step_by_step(tmp_path):
    embedder = ConceptEmbedder()
    index = Index(tmp_path, embedder)
    ingest(index, ARTICLES, latent=False)
    assert embedder.latent_texts == 0 and len(index.catalog.without_latent()) == 3
    assert hybrid(index, "متى أفرج عن الأسرى؟", 1)[0].article_id == "a1"  # searchable meanwhile
    assert index.ensure_latent(limit=2) == 2 and len(index.catalog.without_latent()) == 1
    assert index.ensure_latent(limit=2) == 1 and index.ensure_latent(limit=2) == 0
    assert embedder.latent_texts == 3


def test_a_question_computes_the_latent_terms_its_few_candidates_lack(tmp_path):
    embedder = ConceptEmbedder()
    index = Index(tmp_path, embedder)
    ingest(index, ARTICLES[1:])
    ingest(index, ARTICLES[:1], latent=False)  # just added: its terms are not filled in yet
    pid = index.catalog.article_passages("a1")[0].pid
    assert not index.catalog.latent([pid])
    hits = hybrid(index, "Were the prisoners released?", 3)
    assert hits[0].article_id == "a1" and hits[0].latent_score > 0
    assert all(h.latent_score is not None for h in hits)  # every candidate compared alike
    assert index.catalog.latent([pid])  # and kept: the next question does not compute them again
    before = embedder.latent_texts
    hybrid(index, "Were the prisoners released?", 3)
    assert embedder.latent_texts == before + 1  # the question's own terms only (no cache here)


def test_latent_terms_of_a_passage_changed_or_removed_meanwhile_are_not_stored(tmp_path):
    index = Index(tmp_path, ConceptEmbedder())
    ingest(index, ARTICLES, latent=False)
    stale = index.catalog.without_latent()  # read before the change, as a background fill would
    changed = Article(id="a1", title="تبادل", text="أعلنت أذربيجان أن تبادل الأسرى اكتمل.")
    ingest(index, [changed], latent=False)
    remove(index, "a3")
    index.add_latent(stale)
    kept = index.catalog.latent([pid for pid, _ in stale])
    assert set(kept) == {pid for pid, _ in stale if pid.startswith("a2")}
    assert [text for _, text in index.catalog.without_latent()] == [changed.text]


def test_reindex_fills_in_latent_terms_of_articles_it_keeps(tmp_path):
    ingest(Index(tmp_path, HashEmbedder()), ARTICLES)
    index = Index(tmp_path, ConceptEmbedder())
    sync(index, ARTICLES[:2])
    pids = [p.pid for a in ARTICLES[:2] for p in index.catalog.article_passages(a.id)]
    assert set(index.catalog.latent(pids)) == set(pids)
    assert index.catalog.without_latent() == []


def test_latent_terms_are_cached_on_disk_for_passages_and_in_memory_for_questions(tmp_path):
    inner = ConceptEmbedder()
    cached = CachedEmbedder(inner, tmp_path / "cache.sqlite")
    first = cached.latent(["نص أول", "نص ثان"])
    assert inner.latent_texts == 2 and cached.latent_misses == 2
    again = CachedEmbedder(inner, tmp_path / "cache.sqlite").latent(["نص ثان", "نص أول"])
    assert inner.latent_texts == 2  # from disk
    assert np.array_equal(again[1].ids, first[0].ids)
    cached.latent(["question?"], query=True)
    cached.latent(["question?"], query=True)
    assert inner.latent_texts == 3
    fresh = CachedEmbedder(inner, tmp_path / "cache.sqlite")
    fresh.latent(["question?"], query=True)
    assert inner.latent_texts == 4  # questions are not kept on disk
    assert not hasattr(CachedEmbedder(HashEmbedder(), None), "latent")  # no sparse head, no latent terms


def test_a_cross_lingual_decision_without_latent_terms_uses_the_model_fitted_without_them():
    calibration = load_calibration()
    xx = calibration["pairs"]["xx"]
    assert "latent" in xx["features"] and "latent" not in xx["without_latent"]["features"]
    ev = Evidence(pair="xx", dense=0.5, coverage=0.6, unknown=0.0, margin=0.1, support=0.4, wide=0.5, sentence=0.5)
    base = xx["without_latent"]
    z = base["bias"] + sum(w * getattr(ev, f) for f, w in zip(base["features"], base["weights"]))
    assert confidence(ev) == pytest.approx(1 / (1 + np.exp(-z)))
    ev.latent = 0.5
    z = xx["bias"] + sum(w * getattr(ev, f) for f, w in zip(xx["features"], xx["weights"]))
    assert confidence(ev) == pytest.approx(1 / (1 + np.exp(-z)))


@pytest.mark.parametrize("question, evidence", [
    # "discuss" (English) and "discussed" (Russian) are words BM25 cannot read; the latent terms
    # can: two meetings in Minsk name the same ministers. (Until stop 21 "Какую инициативу
    # выдвинули азербайджанский и турецкий президенты?" was the Russian example; with و/ب/ل read
    # apart from words, BM25 puts its passage first already. Until stop 25 "What did Pashinyan
    # and Aliyev say two days before Lavrov's separate talks in October 2020?" was the English
    # one; with names' spellings compared as Arabic writes them, Aliyev reaches علييف alone, not
    # بوليفيا and حلفاء too, and BM25 puts that passage first as well.)
    ("What did Lavrov and Bayramov discuss when they met in Minsk?", "ناقش الجانبان بشكل جوهري"),
    ("Что обсуждали Лавров и Мирзоян на отдельной встрече в Минске?", "نوقشت قضايا الساعة المتعلقة بالعلاقات الروسية"),
])
def test_the_real_latent_terms_lift_the_answering_passage_of_an_english_or_russian_question(
        seed_index, monkeypatch, question, evidence):
    # The latent terms alone: the names' weight (search.cross_lingual_rerank) lifts the English
    # one's passage too, three of its terms being names (tests/test_translit.py tests that).
    monkeypatch.setattr("retrieval.search.INFORMED_RERANK", 0.0)

    def first_holding():
        hits = hybrid(seed_index, question, 5)
        return next(i for i, h in enumerate(hits, 1) if evidence in h.text), hits

    rank, hits = first_holding()
    assert rank == 1
    latent = {h.passage_id: h.latent_score for h in hits}
    monkeypatch.setattr("retrieval.search.LATENT_WEIGHT", 0.0)
    rank, near = first_holding()
    assert rank > 1  # without them the dense side's near miss comes first...
    assert latent[near[0].passage_id] < latent[hits[0].passage_id]  # ...which shares fewer latent terms


def test_latent_terms_can_be_turned_off(tmp_path, monkeypatch):
    from bot.config import Settings
    from bot.runtime import make_embedder, needs_indexing

    monkeypatch.setattr("bot.runtime.LocalE5Embedder", ConceptEmbedder)  # the seam, without the model
    on = Index(tmp_path, make_embedder(Settings(_env_file=None, data_dir=tmp_path)))
    ingest(on, ARTICLES)
    monkeypatch.setenv("LATENT_TERMS", "false")
    off = Index(tmp_path, make_embedder(Settings(_env_file=None, data_dir=tmp_path)))
    assert needs_indexing(off)  # the next start re-indexes once, vectors from the cache
    assert all(h.latent_score is None for h in hybrid(off, "Were the prisoners released?", 3))


class HeldLatent(ConceptEmbedder):
    """Latent terms of passages wait until the test lets them through."""

    def __init__(self):
        super().__init__()
        self.release = threading.Event()
        self.entered = threading.Event()  # a fill step is computing

    def latent(self, texts, *, query: bool = False):
        if not query:
            self.entered.set()
            assert self.release.wait(10), "latent terms were awaited before the reply"
        return super().latent(texts, query=query)


def _settings(tmp_path):
    (tmp_path / "corpus").mkdir(exist_ok=True)
    return Settings(_env_file=None, data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus")


def test_an_addition_replies_before_its_latent_terms_which_follow_in_the_background(tmp_path):
    embedder = HeldLatent()
    index = Index(tmp_path / "data", embedder)
    admin = CorpusAdmin(index, _settings(tmp_path))

    async def scenario():
        report = await asyncio.wait_for(admin.add(ARTICLES, "42 (admin)"), 5)
        assert sorted(report.added) == ["a1", "a2", "a3"]
        assert len(index.catalog.without_latent()) == 3  # the fill is waiting on the model
        assert hybrid(index, "متى أفرج عن الأسرى؟", 1)[0].article_id == "a1"  # searchable already
        embedder.release.set()
        assert await admin.latent_settled() == 3
        assert index.catalog.without_latent() == []
        # The next addition, after that fill ended, starts its own.
        await admin.add([Article(id="a4", title="حدود", text="بدأت لجنة ترسيم الحدود عملها.")], "42 (admin)")
        assert await admin.latent_settled() == 1
        assert index.catalog.without_latent() == []
        # One made while a fill is running is covered too, whichever of the two ends first.
        embedder.release.clear()
        await admin.add([Article(id="a5", title="ممر", text="ناقش الوزراء فتح الممر البري.")], "42 (admin)")
        second = asyncio.create_task(admin.add([Article(id="a6", title="أسرى", text="عاد الأسرى إلى ديارهم.")], "42 (admin)"))
        await asyncio.sleep(0.05)
        embedder.release.set()
        await second
        await admin.latent_settled()
        assert index.catalog.without_latent() == []

    asyncio.run(scenario())


def test_a_bot_stopping_stops_the_fill_and_its_next_start_completes_it(tmp_path, monkeypatch):
    import bot.corpus_admin as corpus_admin

    monkeypatch.setattr(corpus_admin, "LATENT_STEP", 1)
    embedder = HeldLatent()
    index = Index(tmp_path / "data", embedder)
    settings = _settings(tmp_path)
    admin = CorpusAdmin(index, settings)

    async def scenario():
        await admin.add(ARTICLES, "42 (admin)")
        assert await asyncio.to_thread(embedder.entered.wait, 10)  # the first step is computing
        admin.stop_filling()
        embedder.release.set()  # the step under way ends and is kept; no other starts
        with pytest.raises(asyncio.CancelledError):
            await admin.latent_settled()

    asyncio.run(scenario())
    assert len(index.catalog.without_latent()) == 2
    assert ensure_indexed(index, settings.corpus_dir) is None and index.catalog.without_latent() == []


def test_an_addition_from_a_command_ends_with_its_latent_terms_and_a_start_fills_in_what_a_stop_left(tmp_path):
    embedder = ConceptEmbedder()
    index = Index(tmp_path / "data", embedder)
    settings = _settings(tmp_path)
    conv = conversation(settings, index, llm=None)
    run_settled(conv, conv.add(ARTICLES[:2], "terminal"))  # talks ingest --hold-near, talks confirm
    assert index.catalog.without_latent() == []
    ingest(index, ARTICLES[2:], latent=False)  # an /add whose bot stopped before the fill
    assert ensure_indexed(index, settings.corpus_dir) is None  # nothing to re-index ...
    assert index.catalog.without_latent() == []  # ... but the latent terms are filled in


def test_a_reindex_replies_before_its_latent_terms_which_follow_in_the_background(tmp_path):
    settings = _settings(tmp_path)
    ingest(Index(tmp_path / "elsewhere", HashEmbedder()), ARTICLES, corpus_dir=settings.corpus_dir)
    embedder = HeldLatent()
    index = Index(settings.data_dir, embedder)
    admin = CorpusAdmin(index, settings)

    async def scenario():
        report = await asyncio.wait_for(admin.reindex("42 (admin)"), 5)  # the model is held: no wait for it
        assert sorted(report.added) == ["a1", "a2", "a3"]
        assert len(index.catalog.without_latent()) == 3
        assert hybrid(index, "متى أفرج عن الأسرى؟", 1)[0].article_id == "a1"
        embedder.release.set()
        assert await admin.latent_settled() == 3
        assert index.catalog.without_latent() == []

    asyncio.run(scenario())


def test_the_bot_starts_without_waiting_for_latent_terms_and_fills_them_in_while_serving(tmp_path, tg):
    from bot.answer import Answerer, AnswerSettings
    from bot.telegram.app import build_application
    from tests.telegram_harness import RunningBot, bot_settings

    settings = bot_settings(tg, tmp_path / "data", corpus_dir=tmp_path / "corpus")
    ingest(Index(tmp_path / "elsewhere", HashEmbedder()), ARTICLES, corpus_dir=settings.corpus_dir)
    embedder = HeldLatent()
    index = Index(settings.data_dir, embedder)
    # A first-time indexing as the bot's start does it (telegram/app.py run): no latent terms yet.
    assert ensure_indexed(index, settings.corpus_dir, latent=False) is not None
    assert len(index.catalog.without_latent()) == 3
    app = build_application(settings, Answerer(index, None, AnswerSettings()))
    with RunningBot(app) as running:
        tg.message("متى أفرج عن الأسرى؟", chat_id=7)
        tg.wait_for(lambda: any(c["method"] == "sendMessage" and "الأسرى" in c["params"]["text"] for c in tg.calls))
        assert len(index.catalog.without_latent()) == 3  # answered while the fill waits on the model
        embedder.release.set()
        filled = asyncio.run_coroutine_threadsafe(app.bot_data["admin"].latent_settled(), running.loop).result(10)
    assert filled == 3 and index.catalog.without_latent() == []


def test_the_terminal_chat_answers_while_the_latent_terms_are_filled_in(tmp_path, monkeypatch, capsys):
    import bot.cli_common as cli_common
    from bot.cli import main

    embedder = HeldLatent()
    index = Index(tmp_path / "data", embedder)
    ingest(index, ARTICLES, latent=False)  # as a first indexing of the corpus leaves it
    monkeypatch.setattr(cli_common, "open_index", lambda settings: index)
    monkeypatch.setenv("CORPUS_DIR", str(tmp_path / "corpus"))
    missing_when_answered = []

    def questions():
        yield "متى أفرج عن الأسرى؟"
        missing_when_answered.append(len(index.catalog.without_latent()))
        embedder.release.set()
        yield "/quit"

    lines = questions()
    monkeypatch.setattr("builtins.input", lambda prompt="": next(lines))
    assert main(["chat", "--data-dir", str(tmp_path / "data")]) == 0
    assert "الأسرى" in capsys.readouterr().out
    assert missing_when_answered == [3]  # answered while the fill waited on the model
    for filler in threading.enumerate():
        if filler.name == "latent-fill":  # still running (or already done)
            filler.join(10)
    assert index.catalog.without_latent() == []
