"""The committed state of the index, in SQLite: live article versions, their passages and tokens.

An article version becomes visible in one transaction, after its vectors are already in Chroma;
search ignores Chroma records the catalog does not list. So an ingest killed at any point
leaves every article either wholly old or wholly new, never half there.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .dates import first_day, last_day

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, version TEXT NOT NULL, content_hash TEXT NOT NULL,
    title TEXT, date TEXT, source TEXT, url TEXT, n_passages INTEGER,
    added_at REAL, updated_at REAL
);
CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
CREATE TABLE IF NOT EXISTS passages (
    pid TEXT PRIMARY KEY, article_id TEXT NOT NULL, n INTEGER, start INTEGER, "end" INTEGER,
    text TEXT NOT NULL, tokens TEXT NOT NULL, record_id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS passages_article ON passages(article_id);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS signatures (article_id TEXT PRIMARY KEY, sig BLOB NOT NULL);
-- Cross-script name key (retrieval/translit.py) -> an Arabic word that has it, as analysed
-- (its BM25 token is its stem): the word, not the stem, is what a name's spelling is compared
-- with (لاتشين, not its stem لاتش). Only ever added to: a word whose last article is gone simply
-- matches no passage. Replaces name_keys (key -> token), which indexes before stop 39 have.
CREATE TABLE IF NOT EXISTS name_words (key TEXT NOT NULL, word TEXT NOT NULL, PRIMARY KEY (key, word))
    WITHOUT ROWID;
-- Passage -> index token of a word a title or a kind of place announces as a name there
-- (retrieval/names.py); the claim check reads which tokens are names (Index.names()).
CREATE TABLE IF NOT EXISTS names (pid TEXT NOT NULL, token TEXT NOT NULL, PRIMARY KEY (pid, token))
    WITHOUT ROWID;
-- The dates a passage speaks of (retrieval/dates.py): ISO at the precision known, and where.
CREATE TABLE IF NOT EXISTS passage_dates (pid TEXT NOT NULL, date TEXT NOT NULL, start INTEGER, "end" INTEGER,
    PRIMARY KEY (pid, start)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS passage_dates_date ON passage_dates(date);
-- Passage -> its latent terms (retrieval/latent.py), when the embedder has a sparse head.
CREATE TABLE IF NOT EXISTS latent (pid TEXT PRIMARY KEY, vec BLOB NOT NULL) WITHOUT ROWID;
"""
# Tables of per-passage rows, deleted with their passages.
_PASSAGE_TABLES = ("names", "passage_dates", "latent")


@dataclass(frozen=True)
class ArticleRow:
    id: str
    version: str
    content_hash: str
    title: str
    date: str
    source: str
    url: str
    n_passages: int
    added_at: float
    updated_at: float


@dataclass(frozen=True)
class PassageRow:
    pid: str
    article_id: str
    n: int
    start: int
    end: int
    text: str
    record_id: str


class Catalog:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._lock = threading.RLock()
        self._db.executescript(SCHEMA)

    def _all(self, sql: str, args=()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    def _one(self, sql: str, args=()):
        rows = self._all(sql, args)
        return rows[0] if rows else None

    # -- reads ---------------------------------------------------------------
    def generation(self) -> int:
        row = self._one("SELECT value FROM meta WHERE key='generation'")
        return int(row[0]) if row else 0

    def article(self, article_id: str) -> ArticleRow | None:
        row = self._one(f"SELECT {_ACOLS} FROM articles WHERE id=?", (article_id,))
        return ArticleRow(*row) if row else None

    def article_by_hash(self, content_hash: str) -> ArticleRow | None:
        row = self._one(f"SELECT {_ACOLS} FROM articles WHERE content_hash=?", (content_hash,))
        return ArticleRow(*row) if row else None

    def articles(self) -> list[ArticleRow]:
        rows = self._all(f"SELECT {_ACOLS} FROM articles ORDER BY date DESC, id")
        return [ArticleRow(*r) for r in rows]

    def count_articles(self) -> int:
        return self._one("SELECT COUNT(*) FROM articles")[0]

    def count_passages(self) -> int:
        return self._one("SELECT COUNT(*) FROM passages")[0]

    def passages(self, pids: list[str]) -> dict[str, PassageRow]:
        out: dict[str, PassageRow] = {}
        for i in range(0, len(pids), 500):
            batch = pids[i : i + 500]
            marks = ",".join("?" * len(batch))
            for row in self._all(f"SELECT {_PCOLS} FROM passages WHERE pid IN ({marks})", batch):
                out[row[0]] = PassageRow(*row)
        return out

    def tokens(self, pids: list[str]) -> dict[str, str]:
        marks = ",".join("?" * len(pids))
        return dict(self._all(f"SELECT pid, tokens FROM passages WHERE pid IN ({marks})", pids)) if pids else {}

    def latent(self, pids: list[str]) -> dict[str, bytes]:
        """Passage id -> its latent terms as stored (absent: none recorded)."""
        marks = ",".join("?" * len(pids))
        return dict(self._all(f"SELECT pid, vec FROM latent WHERE pid IN ({marks})", pids)) if pids else {}

    def without_latent(self, limit: int = -1) -> list[tuple[str, str]]:
        """(pid, text) of live passages with no latent terms (at most `limit`; -1: all)."""
        return self._all("SELECT pid, text FROM passages WHERE pid NOT IN (SELECT pid FROM latent) ORDER BY rowid "
                         "LIMIT ?", (limit,))

    def count_without_latent(self) -> int:
        return self._all("SELECT COUNT(*) FROM passages WHERE pid NOT IN (SELECT pid FROM latent)")[0][0]

    def name_words(self, keys: list[str]) -> dict[str, set[str]]:
        """Cross-script key -> the Arabic words in the corpus that have it."""
        out: dict[str, set[str]] = {}
        keys = sorted(set(keys))
        if keys:
            marks = ",".join("?" * len(keys))
            for key, word in self._all(f"SELECT key, word FROM name_words WHERE key IN ({marks})", keys):
                out.setdefault(key, set()).add(word)
        return out

    def refill_name_words(self, rows) -> None:
        """Replace every (key, word) row and drop the old name_keys table, in one transaction."""
        with self._lock:
            cur = self._db.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                cur.execute("DELETE FROM name_words")
                cur.executemany("INSERT OR IGNORE INTO name_words VALUES (?, ?)", list(rows))
                cur.execute("DROP TABLE IF EXISTS name_keys")
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise

    def name_counts(self) -> dict[str, int]:
        """Name token -> how many passages announce it as a name."""
        return dict(self._all("SELECT token, COUNT(*) FROM names GROUP BY token"))

    def add_names(self, names) -> None:
        """(pid, token) rows for passages committed before names were recorded."""
        self._add("INSERT OR IGNORE INTO names VALUES (?, ?)", names)

    def add_dates(self, rows) -> None:
        """(pid, date, start, end) rows for passages committed before dates were recorded."""
        self._add("INSERT OR IGNORE INTO passage_dates VALUES (?, ?, ?, ?)", rows)

    def add_latent(self, rows) -> None:
        """(pid, text, bytes) rows for passages committed without latent terms. A row is kept only
        while its passage still has that text: the terms are computed outside any lock (after the
        admin's reply, or for a question's candidates), and the article may have been updated or
        removed meanwhile."""
        self._add("INSERT OR REPLACE INTO latent SELECT pid, ? FROM passages WHERE pid = ? AND text = ?",
                  ((blob, pid, text) for pid, text, blob in rows))

    def rewrite_latent(self, rewrite: Callable[[bytes], bytes | None]) -> int:
        """Store rewrite(blob) for each passage's latent terms it returns bytes for; how many."""
        rows = [(new, pid) for pid, blob in self._all("SELECT pid, vec FROM latent")
                if (new := rewrite(blob)) is not None]
        self._add("UPDATE latent SET vec = ? WHERE pid = ?", rows)
        return len(rows)

    def _add(self, sql: str, rows) -> None:
        with self._lock:
            cur = self._db.cursor()
            cur.execute("BEGIN IMMEDIATE")
            cur.executemany(sql, list(rows))
            cur.execute("COMMIT")

    def dated_passages(self, date_from: str = "", date_to: str = "", pids: list[str] | None = None):
        """(pid, date, start, end) of live passages' dates that lie wholly within the range, in date order.

        A date is the span it names: "2020" runs from 2020-01-01 to 2020-12-31, so it is inside
        --from 2020 but not inside --from 2020-11.
        """
        sql = 'SELECT d.pid, d.date, d.start, d."end" FROM passage_dates d JOIN passages p ON p.pid = d.pid WHERE 1=1'
        args: list = []
        if date_from:
            sql += " AND d.date || substr('-01-01', 1, 10 - length(d.date)) >= ?"
            args.append(first_day(date_from))
        if date_to:
            sql += " AND d.date || substr('-12-31', length(d.date) - 3) <= ?"
            args.append(last_day(date_to))
        if pids is not None:
            sql += f" AND d.pid IN ({','.join('?' * len(pids))})"
            args += pids
        return self._all(sql + " ORDER BY d.date, d.pid, d.start", args)

    def dated_in(self, year: str) -> bool:
        """Whether an article was written in the year or a passage speaks of a date in it."""
        if self._one("SELECT 1 FROM articles WHERE substr(date, 1, 4) = ? LIMIT 1", (year,)):
            return True
        return bool(self._one("SELECT 1 FROM passage_dates d JOIN passages p ON p.pid = d.pid "
                              "WHERE substr(d.date, 1, 4) = ? LIMIT 1", (year,)))

    def article_of(self, pids: list[str]) -> dict[str, str]:
        marks = ",".join("?" * len(pids))
        return dict(self._all(f"SELECT pid, article_id FROM passages WHERE pid IN ({marks})", pids)) if pids else {}

    def passage_texts(self):
        """(pid, text, article date) of every live passage."""
        return self._all("SELECT p.pid, p.text, a.date FROM passages p JOIN articles a ON a.id = p.article_id "
                         "ORDER BY p.rowid")

    def article_passages(self, article_id: str) -> list[PassageRow]:
        rows = self._all(f"SELECT {_PCOLS} FROM passages WHERE article_id=? ORDER BY n", (article_id,))
        return [PassageRow(*r) for r in rows]

    def lexical_rows(self):
        """(pid, record_id, tokens, date, source) for every live passage, in a stable order."""
        return self._all(
            'SELECT p.pid, p.record_id, p.tokens, a.date, a.source FROM passages p '
            "JOIN articles a ON a.id = p.article_id ORDER BY p.rowid"
        )

    # -- writes --------------------------------------------------------------
    def signatures(self) -> dict[str, bytes]:
        return dict(self._all("SELECT article_id, sig FROM signatures"))

    def commit_article(self, row: ArticleRow, passages: list[PassageRow], tokens: list[str],
                       signature: bytes | None = None, name_words=(), names=(), dates=(), latent=()) -> list[str]:
        """Make this version live; returns the record ids of the version it replaced."""
        with self._lock:
            cur = self._db.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                old = [r[0] for r in cur.execute("SELECT record_id FROM passages WHERE article_id=?", (row.id,))]
                prev = cur.execute("SELECT added_at FROM articles WHERE id=?", (row.id,)).fetchone()
                for table in _PASSAGE_TABLES:
                    cur.execute(f"DELETE FROM {table} WHERE pid IN (SELECT pid FROM passages WHERE article_id=?)",
                                (row.id,))
                cur.execute("DELETE FROM passages WHERE article_id=?", (row.id,))
                cur.executemany("INSERT OR IGNORE INTO names VALUES (?, ?)", list(names))
                cur.executemany("INSERT OR REPLACE INTO latent VALUES (?, ?)", list(latent))
                cur.executemany("INSERT OR IGNORE INTO passage_dates VALUES (?, ?, ?, ?)", list(dates))
                cur.executemany(
                    f"INSERT INTO passages ({_PCOLS}, tokens) VALUES (?,?,?,?,?,?,?,?)",
                    [(p.pid, p.article_id, p.n, p.start, p.end, p.text, p.record_id, t) for p, t in zip(passages, tokens)],
                )
                now = time.time()
                cur.execute(
                    f"INSERT OR REPLACE INTO articles ({_ACOLS}) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    (row.id, row.version, row.content_hash, row.title, row.date, row.source, row.url,
                     len(passages), prev[0] if prev else now, now),
                )
                if signature is not None:
                    cur.execute("INSERT OR REPLACE INTO signatures VALUES (?, ?)", (row.id, signature))
                cur.executemany("INSERT OR IGNORE INTO name_words VALUES (?, ?)", list(name_words))
                self._bump(cur)
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
        return [r for r in old if r not in {p.record_id for p in passages}]

    def remove_article(self, article_id: str) -> list[str]:
        with self._lock:
            cur = self._db.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                old = [r[0] for r in cur.execute("SELECT record_id FROM passages WHERE article_id=?", (article_id,))]
                for table in _PASSAGE_TABLES:
                    cur.execute(f"DELETE FROM {table} WHERE pid IN (SELECT pid FROM passages WHERE article_id=?)",
                                (article_id,))
                cur.execute("DELETE FROM passages WHERE article_id=?", (article_id,))
                cur.execute("DELETE FROM articles WHERE id=?", (article_id,))
                cur.execute("DELETE FROM signatures WHERE article_id=?", (article_id,))
                self._bump(cur)
                cur.execute("COMMIT")
            except BaseException:
                cur.execute("ROLLBACK")
                raise
        return old

    def clear(self) -> None:
        with self._lock:
            self._db.executescript("BEGIN; DELETE FROM passages; DELETE FROM articles; DELETE FROM signatures; "
                                   "DELETE FROM name_words; DELETE FROM names; DELETE FROM passage_dates; DELETE FROM latent; "
                                   "COMMIT;")
            self._bump(self._db.cursor())

    def live_record_ids(self) -> set[str]:
        return {r[0] for r in self._all("SELECT record_id FROM passages")}

    def get_meta(self, key: str) -> str | None:
        row = self._one("SELECT value FROM meta WHERE key=?", (key,))
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    @staticmethod
    def _bump(cur) -> None:
        cur.execute(
            "INSERT INTO meta (key, value) VALUES ('generation', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    def close(self) -> None:
        self._db.close()


_ACOLS = "id, version, content_hash, title, date, source, url, n_passages, added_at, updated_at"
_PCOLS = 'pid, article_id, n, start, "end", text, record_id'
