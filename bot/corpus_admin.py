"""Growing the corpus: add (text, URL, file), remove, reindex, with the audit log.

One ingest at a time (they share one index); each runs in a worker thread so questions keep
being answered meanwhile. Interface-agnostic: the Telegram admin handlers and tests call it.

An addition or a reindex answers the admin as soon as the articles are searchable (their vectors
and words); the latent terms of their passages, a second pass of the bundled model as long as
the first (retrieval/latent.py), are added in the background after the reply, as they are when
the bot starts over an index that lacks some. A question that meets the new passages before then
has them computed on the spot (search.LATENT_ON_DEMAND).
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
import re
import threading
import uuid
from dataclasses import dataclass
from typing import Awaitable, Callable

from retrieval.article import Article, make_id
from retrieval.errors import LoadError
from retrieval.index import Index
from retrieval.ingest import Report, ingest, remove, sync
from retrieval.loaders import Loaded, first_line, load_bytes, load_corpus, load_url

from .audit import AuditLog
from .config import Settings

log = logging.getLogger(__name__)
OnProgress = Callable[[int, int], Awaitable[None]]
# Optional header lines before a pasted article: "title: ...", "العنوان: ...", "date: 2021-10-14", ...
_FIELD = re.compile(r"^\s*(title|date|source|url|العنوان|التاريخ|المصدر|الرابط)\s*[:：]\s*(.+?)\s*$", re.IGNORECASE)
_FIELD_NAMES = {"العنوان": "title", "التاريخ": "date", "المصدر": "source", "الرابط": "url"}
LATENT_STEP = 8  # passages per step of the background fill: about 2.5 s of the bundled model
URL_ONLY = re.compile(r"^\s*(\S+://\S+|www\.\S+)\s*$")


@dataclass
class AddResult:
    report: Report
    articles: list[Article]


class CorpusAdmin:
    def __init__(self, index: Index, settings: Settings, audit: AuditLog | None = None):
        self.index = index
        self.settings = settings
        self.audit = audit or AuditLog(settings.data_dir / "audit.jsonl")
        if self.recover():
            log.warning("completed the audit log of an addition interrupted by a stop")
        self._lock = asyncio.Lock()
        self._thread_lock = threading.Lock()
        self._filling: asyncio.Task | None = None
        self._more = False

    # -- turning input into articles --------------------------------------------------------
    @staticmethod
    def article_from_text(text: str) -> Article:
        """Pasted text: optional field lines first; the title defaults to the first line, the date to today."""
        fields: dict[str, str] = {}
        notes: list[str] = []  # every header line not taken as given is said in the report
        lines = text.strip().splitlines()
        while lines and (m := _FIELD.match(lines[0])):
            name = _FIELD_NAMES.get(m.group(1), m.group(1).lower())
            if name in fields:
                notes.append(f"{name}: given twice, the first kept ({m.group(2)[:80]} ignored)")
            else:
                fields[name] = m.group(2)
            lines.pop(0)
        body = "\n".join(lines).strip()
        if not body:
            raise LoadError("no_article_text")
        today = dtm.date.today().isoformat()
        date = fields.get("date") or today
        try:
            date = dtm.date.fromisoformat(date).isoformat()
        except ValueError:
            notes.append(f"date not understood ({date[:40]}): today's date used; write it as 2021-10-14")
            date = today
        return Article(id=make_id(body, dtm.date.today().strftime("%Y%m%d")), text=body,
                       title=fields.get("title") or first_line(body), date=date,
                       source=fields.get("source", ""), url=fields.get("url", ""), extra={"notes": notes})

    def article_from_url(self, url: str) -> Article:
        s = self.settings
        return load_url(url, allowlist=s.url_allowlist, timeout=s.url_fetch_timeout, max_bytes=s.url_max_bytes)

    @staticmethod
    def articles_from_file(filename: str, data: bytes) -> Loaded:
        loaded = load_bytes(filename, data)
        for a in loaded.articles:
            if not a.date:
                a.date = dtm.date.today().isoformat()
        return loaded

    # -- changes ----------------------------------------------------------------------------
    async def add(self, articles: list[Article], who: str, on_progress: OnProgress | None = None,
                  confirmed: frozenset[str] = frozenset(), failed: list[tuple[str, str]] | None = None) -> Report:
        progress = _from_thread(on_progress)
        batch = uuid.uuid4().hex[:12]
        # Written before anything is committed: a bot killed between an article's commit and its
        # audit line leaves this intent, which recover() completes from the catalog at the next start.
        self.audit.record(who, "add_started", batch=batch, article_ids=[a.id for a in articles],
                          titles=[a.title[:120] for a in articles])
        async with self._lock:
            report = Report(failed=list(failed or []))
            await asyncio.to_thread(self._locked, ingest, self.index, articles, corpus_dir=self.settings.corpus_dir,
                                    progress=progress, report=report, near_duplicates="hold", confirmed=confirmed,
                                    latent=False)
        if report.changed:
            self.fill_latent_soon()
        by_id = {a.id: a for a in articles}
        for aid in report.added + report.updated:
            a = by_id.get(aid)
            self.audit.record(who, "add" if aid in report.added else "update", article_id=aid, batch=batch,
                              title=a.title if a else "", source=a.source if a else "", url=a.url if a else "")
        for new, old in report.duplicates:
            self.audit.record(who, "duplicate_refused", article_id=new, duplicate_of=old)
        for new, old, sim in report.near_duplicates:
            self.audit.record(who, "near_duplicate_held", article_id=new, near_duplicate_of=old, similarity=round(sim, 2))
        for item, why in report.failed:
            self.audit.record(who, "failed", item=item, reason=why)
        self.audit.record(who, "add_finished", batch=batch)
        return report

    def recover(self) -> int:
        """Complete the audit of additions a stopped bot left unfinished; returns the entries written."""
        entries = self.audit.entries()
        finished = {e.get("batch") for e in entries if e.get("action") == "add_finished"}
        logged = {(e.get("batch"), e.get("article_id")) for e in entries if e.get("action") in ("add", "update")}
        written = 0
        for e in entries:
            batch = e.get("batch")
            if e.get("action") != "add_started" or batch in finished:
                continue
            for aid, title in zip(e.get("article_ids", []), e.get("titles", [])):
                row = self.index.catalog.article(aid)
                if row is not None and (batch, aid) not in logged:
                    self.audit.record(e.get("who", "?"), "add", article_id=aid, batch=batch, title=row.title,
                                      source=row.source, url=row.url, recovered=True)
                    written += 1
            self.audit.record(e.get("who", "?"), "add_finished", batch=batch, recovered=True)
            written += 1
        return written

    async def remove(self, article_id: str, who: str) -> bool:
        async with self._lock:
            row = self.index.catalog.article(article_id)
            done = await asyncio.to_thread(self._locked, remove, self.index, article_id, corpus_dir=self.settings.corpus_dir)
        if done:
            self.audit.record(who, "remove", article_id=article_id, title=row.title if row else "")
        return done

    async def reindex(self, who: str, on_progress: OnProgress | None = None) -> Report:
        progress = _from_thread(on_progress)
        async with self._lock:
            loaded = await asyncio.to_thread(load_corpus, self.settings.corpus_dir)
            report = await asyncio.to_thread(self._locked, sync, self.index, loaded.articles, progress=progress,
                                             latent=False)
            await asyncio.to_thread(self._locked, self.index.ensure_dates)
            report.failed[:0] = loaded.errors
        self.fill_latent_soon()
        self.audit.record(who, "reindex", added=len(report.added), updated=len(report.updated),
                          removed=len(report.removed), failed=len(report.failed))
        return report

    def fill_latent_soon(self) -> None:
        """Start the background fill of latent terms, unless one is running (it goes on until
        none is missing, so it covers what was just committed). Called after a change and when
        the bot starts; a step finding nothing missing costs one catalog query."""
        self._more = True  # a running fill may have found none missing just before this commit
        if self._filling is None or self._filling.done():
            self._filling = asyncio.get_running_loop().create_task(self._fill_latent())

    async def _fill_latent(self) -> int:
        done = 0
        try:
            while self._more:
                self._more = False
                # A few passages at a time, each step under the ingest lock: another /add or
                # /remove waits at most one step, and never meets a half-written batch.
                while n := await asyncio.to_thread(self._locked, self.index.ensure_latent, limit=LATENT_STEP):
                    done += n
        except Exception:  # the next start fills in what is left (telegram/app.py _post_init)
            log.exception("filling in latent terms failed after %d passages", done)
        return done

    async def latent_settled(self) -> int:
        """Wait for the background fill of latent terms; how many passages it filled in."""
        task = self._filling
        return await task if task is not None else 0

    def stop_filling(self) -> None:
        """Stop the background fill after its current step (the bot is stopping)."""
        if self._filling is not None:
            self._filling.cancel()

    def _locked(self, fn, *args, **kwargs):
        with self._thread_lock:
            return fn(*args, **kwargs)


def _from_thread(on_progress: OnProgress | None):
    """A progress callback the ingest thread can call; it schedules on_progress on this loop."""
    loop = asyncio.get_running_loop()

    def progress(done: int, total: int, _id: str) -> None:
        if on_progress:
            asyncio.run_coroutine_threadsafe(on_progress(done, total), loop)

    return progress
