"""One conversation service for every front end: the Telegram bot, the `talks` command, a web page.

What a conversation *is* lives here and nowhere else:
- a question is answered with the chat's history; a refusal is not remembered as a turn (the
  next follow-up should lean on something that was answered); the answer's sources are kept
  for the source buttons and /sources;
- forgetting a chat, and what the archive holds;
- corpus changes for admins: additions whose near duplicates are held until confirmed by a
  token, removals confirmed by a token (tokens survive a restart), the list, stats and the
  audit log.

A front end parses its input, calls one method, renders what comes back and replies. No
Telegram, no argparse here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

from retrieval.article import Article
from retrieval.catalog import ArticleRow
from retrieval.ingest import Report
from retrieval.timeline import Event, timeline

from .answer import Answer, Answerer, Asking
from .corpus_admin import CorpusAdmin, OnProgress
from .history import ChatStore
from .llm import OnText


@dataclass
class Asked:
    answer: Answer
    answer_id: str  # names the stored sources behind the answer's source buttons


@dataclass
class Added:
    report: Report
    held: dict[str, str] = field(default_factory=dict)  # near duplicate's article id -> token to add it anyway


@dataclass
class Archive:
    articles: int
    passages: int
    first: str  # earliest article date, "" when none
    last: str
    sources: list[tuple[str, int]] = field(default_factory=list)  # outlets, most articles first


class Conversation:
    def __init__(self, answerer: Answerer, chats: ChatStore, corpus: CorpusAdmin, history_turns: int = 4):
        self.answerer = answerer
        self.chats = chats
        self.corpus = corpus
        self.history_turns = history_turns

    # -- reading ----------------------------------------------------------------------------
    def check(self, text: str) -> Asking:
        """The question as it will be asked, with the asker's language; raises BadQuestion when it cannot be."""
        return self.answerer.check(text)

    async def ask(self, chat_id: int, text: str | Asking, on_text: OnText | None = None) -> Asked:
        history = self.chats.turns(chat_id, self.history_turns)
        answer = await self.answerer.answer(text, history, on_text)
        answer_id = self.chats.save_answer(chat_id, answer.language, [asdict(s) for s in answer.sources])
        if answer.mode != "not_found":
            self.chats.add_turn(chat_id, answer.standalone, answer.text)
        return Asked(answer, answer_id)

    def last_sources(self, chat_id: int) -> tuple[str, list[dict]] | None:
        """(language, sources) of the chat's last answer, None when it had none."""
        last = self.chats.last_answer(chat_id)
        return last if last and last[1] else None

    def source(self, chat_id: int, answer_id: str, n: int) -> tuple[str, dict] | None:
        """Source n of a stored answer of this chat (None when gone or another chat's)."""
        stored = self.chats.answer(answer_id)
        if stored is None or stored[0] != chat_id:
            return None
        _, lang, items = stored
        found = next((s for s in items if s.get("n") == n), None)
        return (lang, found) if found else None

    def timeline(self, topic: str = "", date_from: str = "", date_to: str = "") -> list[Event]:
        """The events the articles speak of, in order (raises retrieval.timeline.BadDate)."""
        return timeline(self.answerer.index, topic, date_from, date_to)

    def timeline_token(self, topic: str) -> str:
        """A short token standing for a timeline's topic, for page buttons (64-byte callback data)."""
        return self.chats.put_pending("timeline", {"topic": topic})

    def timeline_topic(self, token: str) -> str | None:
        payload = self.chats.peek_pending(token, "timeline")
        return payload["topic"] if payload else None

    def forget(self, chat_id: int) -> None:
        self.chats.clear(chat_id)

    def archive(self) -> Archive:
        catalog = self.answerer.index.catalog
        rows = catalog.articles()
        dates = sorted(r.date for r in rows if r.date)
        return Archive(len(rows), catalog.count_passages(), dates[0] if dates else "", dates[-1] if dates else "",
                       Counter(r.source or "—" for r in rows).most_common())

    # -- changing the corpus ------------------------------------------------------------------
    async def add(self, articles: list[Article], who: str, on_progress: OnProgress | None = None,
                  failed: list[tuple[str, str]] | None = None, confirmed: frozenset[str] = frozenset()) -> Added:
        """Add articles; a near duplicate is held, with a token that adds it anyway (confirm_held)."""
        report = await self.corpus.add(articles, who, on_progress, confirmed=confirmed, failed=failed)
        near = {new for new, _, _ in report.near_duplicates}
        held = {a.id: self.chats.put_pending("near_duplicate", asdict(a)) for a in articles if a.id in near}
        return Added(report, held)

    async def confirm_held(self, token: str, who: str, on_progress: OnProgress | None = None) -> Added | None:
        """Add a held near duplicate; None when the token is unknown, used or expired."""
        payload = self.chats.take_pending(token, "near_duplicate")
        if payload is None:
            return None
        article = Article(**payload)
        return await self.add([article], who, on_progress, confirmed=frozenset({article.id}))

    def ask_removal(self, article_id: str) -> tuple[str, ArticleRow] | None:
        """(token, article) to confirm removing it; None when there is no such article."""
        row = self.corpus.index.catalog.article(article_id)
        if row is None:
            return None
        return self.chats.put_pending("remove", {"article_id": article_id}), row

    async def confirm_removal(self, token: str, who: str) -> tuple[str, bool] | None:
        """(article id, removed) once confirmed; None when the token is unknown, used or expired."""
        payload = self.chats.take_pending(token, "remove")
        if payload is None:
            return None
        article_id = payload["article_id"]
        return article_id, await self.corpus.remove(article_id, who)

    def articles(self) -> list[ArticleRow]:
        return self.corpus.index.catalog.articles()

    def log(self, n: int = 15) -> list[dict]:
        return self.corpus.audit.latest(n)
