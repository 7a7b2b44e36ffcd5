"""The conversation service, without any front end: history, sources, held corpus changes."""

import asyncio
from pathlib import Path

from bot.answer import Answerer, AnswerSettings
from bot.config import Settings
from bot.conversation import Conversation
from bot.corpus_admin import CorpusAdmin
from bot.history import ChatStore
from retrieval.article import Article
from retrieval.index import Index
from retrieval.ingest import ingest
from retrieval.loaders import load_corpus
from tests.conftest import SEED_CORPUS
from tests.fakes import HashEmbedder


def make(tmp_path, index=None) -> Conversation:
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus")
    if index is None:
        index = Index(tmp_path / "data", HashEmbedder())
        ingest(index, load_corpus(SEED_CORPUS).articles)
    return Conversation(Answerer(index, None, AnswerSettings()), ChatStore(Path(":memory:")),
                        CorpusAdmin(index, settings), history_turns=4)


def test_answers_are_remembered_refusals_are_not(seed_index, tmp_path):
    conv = make(tmp_path, seed_index)
    asked = asyncio.run(conv.ask(7, "متى عقد الاجتماع الثلاثي في مينسك؟"))
    assert asked.answer.mode == "extractive" and len(conv.chats.turns(7, 10)) == 1
    refused = asyncio.run(conv.ask(7, "ما هي عاصمة أستراليا؟"))
    assert refused.answer.mode == "not_found" and len(conv.chats.turns(7, 10)) == 1
    lang, source = conv.source(7, asked.answer_id, 1)
    assert lang == "ar" and source["article_id"] == asked.answer.sources[0].article_id
    assert conv.source(8, asked.answer_id, 1) is None  # another chat's answer
    assert conv.source(7, asked.answer_id, 99) is None and conv.source(7, "nope", 1) is None
    conv.forget(7)
    assert conv.chats.turns(7, 10) == [] and conv.last_sources(7) is not None


def test_near_duplicates_are_held_and_confirmed_once(tmp_path):
    conv = make(tmp_path)
    text = load_corpus(SEED_CORPUS).articles[0].text
    added = asyncio.run(conv.add([Article(id="copy", text="خبر منقول.\n" + text, title="نسخة")], "t"))
    assert added.report.added == [] and set(added.held) == {"copy"}
    confirmed = asyncio.run(conv.confirm_held(added.held["copy"], "t"))
    assert confirmed.report.added == ["copy"] and confirmed.held == {}
    assert asyncio.run(conv.confirm_held(added.held["copy"], "t")) is None


def test_removal_needs_its_token_once(tmp_path):
    conv = make(tmp_path)
    assert conv.ask_removal("no-such-article") is None
    article_id = conv.articles()[0].id
    token, row = conv.ask_removal(article_id)
    assert row.id == article_id and article_id in {r.id for r in conv.articles()}
    assert asyncio.run(conv.confirm_removal(token, "t")) == (article_id, True)
    assert article_id not in {r.id for r in conv.articles()}
    assert asyncio.run(conv.confirm_removal(token, "t")) is None
    assert conv.archive().articles == len(conv.articles()) == 4
