"""Idempotent ingest, duplicates, bad records, and ingests that die half-way."""

import os
import signal
import subprocess
import sys

import pytest

from retrieval.article import Article
from retrieval.index import Index
from retrieval.ingest import ingest, sync
from retrieval.search import hybrid
from tests.conftest import ROOT

ARTS = [Article(f"n{i}", f"خبر رقم {i} عن مفاوضات السلام بين أرمينيا وأذربيجان في مدينة رقم {i}. " * 3,
                f"عنوان {i}", "2022-01-0%d" % (i + 1), "TASS") for i in range(6)]


def test_second_ingest_embeds_nothing(tmp_path, fake_embedder):
    index = Index(tmp_path, fake_embedder)
    first = ingest(index, ARTS)
    assert len(first.added) == 6 and first.passages >= 6
    embedded = fake_embedder.texts_embedded
    again = ingest(index, ARTS)
    assert again.unchanged == [a.id for a in ARTS] and not again.added and not again.updated
    assert fake_embedder.texts_embedded == embedded  # not one text re-embedded


def test_changed_metadata_is_an_update(tmp_path, fake_embedder):
    index = Index(tmp_path, fake_embedder)
    ingest(index, ARTS[:1])
    renamed = Article(ARTS[0].id, ARTS[0].text, "عنوان جديد", ARTS[0].date, ARTS[0].source)
    assert ingest(index, [renamed]).updated == [ARTS[0].id]
    assert index.catalog.article(ARTS[0].id).title == "عنوان جديد"


def test_duplicates_and_bad_records(tmp_path, fake_embedder):
    index = Index(tmp_path, fake_embedder)
    ingest(index, ARTS[:2])
    rediacritised = Article("copy", ARTS[0].text.replace("مفاوضات", "مُفاوَضات"), "نسخة")
    report = ingest(index, [
        rediacritised,
        Article("empty", "   \n "),
        Article("twice", "نص أول عن الاجتماع"),
        Article("twice", "نص ثان مختلف عن الاجتماع"),
    ])
    assert report.duplicates == [("copy", ARTS[0].id)]
    reasons = dict(report.failed)
    assert "no text" in reasons["empty"]
    assert "twice" in reasons["twice"]
    assert report.added == ["twice"]  # the first of the two is kept
    assert index.catalog.count_articles() == 3


class Crash(Exception):
    pass


def test_crash_between_upsert_and_commit_leaves_old_version(tmp_path, fake_embedder, monkeypatch):
    index = Index(tmp_path, fake_embedder)
    ingest(index, ARTS)
    new = [Article(a.id, f"نص جديد رقم {a.id} عن ممر لاتشين. " * 4, a.title, a.date, a.source) for a in ARTS]
    original = index.catalog.commit_article
    calls = {"n": 0}

    def dying_commit(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise Crash()  # the process "dies" after the third article's vectors were stored
        return original(*args, **kwargs)

    monkeypatch.setattr(index.catalog, "commit_article", dying_commit)
    with pytest.raises(Crash):
        ingest(index, new)
    monkeypatch.setattr(index.catalog, "commit_article", original)

    # Two articles are new, the rest wholly old; the orphan vectors of the third never show.
    for a in ARTS:
        texts = {p.text for p in index.catalog.article_passages(a.id)}
        assert texts and (all("لاتشين" in t for t in texts) or all("لاتشين" not in t for t in texts))
    assert len(index.store.ids()) > index.catalog.count_passages()
    hits = hybrid(index, "ممر لاتشين", 20)
    assert len({h.passage_id for h in hits}) == len(hits) == index.catalog.count_passages()
    assert {h.article_id for h in hits if "لاتشين" in h.text} == {ARTS[0].id, ARTS[1].id}

    report = ingest(index, new)  # running again completes the work and clears the orphans
    assert sorted(report.updated) == sorted(a.id for a in ARTS[2:])
    assert len(index.store.ids()) == index.catalog.count_passages()


KILL_SCRIPT = r"""
import sys, time
sys.path.insert(0, {root!r})
from pathlib import Path
from retrieval.article import Article
from retrieval.index import Index
from retrieval.ingest import ingest
from tests.fakes import HashEmbedder

class Slow(HashEmbedder):
    def embed(self, texts, *, query=False):
        time.sleep(0.3)
        return super().embed(texts, query=query)

arts = [Article(f"k{{i}}", f"مقال رقم {{i}} عن قمة موسكو وممر لاتشين. " * 5, f"t{{i}}") for i in range(40)]
ingest(Index(Path({data!r}), Slow()), arts, progress=lambda d, t, i: print(d, flush=True))
"""


def test_killed_ingest_is_consistent_and_resumable(tmp_path, fake_embedder):
    data = tmp_path / "data"
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT.format(root=str(ROOT), data=str(data))],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT)
    done = 0
    while done < 5:
        line = proc.stdout.readline()
        assert line, "the ingest process ended early"
        done = int(line)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    index = Index(data, fake_embedder)
    n = index.catalog.count_articles()
    assert 5 <= n < 40
    for row in index.catalog.articles():  # no article is half there
        assert len(index.catalog.article_passages(row.id)) == row.n_passages > 0
    assert hybrid(index, "قمة موسكو", 3)  # searchable

    arts = [Article(f"k{i}", f"مقال رقم {i} عن قمة موسكو وممر لاتشين. " * 5, f"t{i}") for i in range(40)]
    report = ingest(index, arts)
    assert len(report.added) == 40 - n and len(report.unchanged) == n
    assert index.catalog.count_articles() == 40
    assert len(index.store.ids()) == index.catalog.count_passages()


def test_sync_removes_what_the_corpus_no_longer_has(tmp_path, fake_embedder):
    index = Index(tmp_path, fake_embedder)
    ingest(index, ARTS)
    report = sync(index, ARTS[:4])
    assert sorted(report.removed) == sorted(a.id for a in ARTS[4:])
    assert index.catalog.count_articles() == 4
