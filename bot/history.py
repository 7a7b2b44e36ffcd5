"""Per-chat conversation history and the answers shown, in SQLite under the data dir.

Kept across restarts: a follow-up after a redeploy still knows what "it" was, and a source
button under yesterday's answer still opens its passage.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from pathlib import Path

PENDING_TTL = 24 * 3600

SCHEMA = """
CREATE TABLE IF NOT EXISTS turns (chat_id INTEGER, ts REAL, question TEXT, answer TEXT);
CREATE INDEX IF NOT EXISTS turns_chat ON turns(chat_id, ts);
CREATE TABLE IF NOT EXISTS answers (id TEXT PRIMARY KEY, chat_id INTEGER, ts REAL, language TEXT, sources TEXT);
CREATE INDEX IF NOT EXISTS answers_chat ON answers(chat_id, ts);
CREATE TABLE IF NOT EXISTS pending (token TEXT PRIMARY KEY, kind TEXT, ts REAL, payload TEXT);
"""


class ChatStore:
    def __init__(self, path: Path, keep_turns: int = 20, keep_answers: int = 200):
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(SCHEMA)
        self._lock = threading.Lock()
        self.keep_turns, self.keep_answers = keep_turns, keep_answers

    def turns(self, chat_id: int, n: int) -> list[tuple[str, str]]:
        with self._lock:
            rows = self._db.execute("SELECT question, answer FROM turns WHERE chat_id=? ORDER BY ts DESC, rowid DESC "
                                    "LIMIT ?", (chat_id, n)).fetchall()
        return list(reversed(rows))

    def add_turn(self, chat_id: int, question: str, answer: str) -> None:
        with self._lock:
            self._db.execute("INSERT INTO turns VALUES (?, ?, ?, ?)", (chat_id, time.time(), question, answer))
            self._db.execute("DELETE FROM turns WHERE chat_id=? AND rowid NOT IN (SELECT rowid FROM turns WHERE "
                             "chat_id=? ORDER BY ts DESC, rowid DESC LIMIT ?)", (chat_id, chat_id, self.keep_turns))

    def clear(self, chat_id: int) -> None:
        with self._lock:
            self._db.execute("DELETE FROM turns WHERE chat_id=?", (chat_id,))

    def save_answer(self, chat_id: int, language: str, sources: list[dict]) -> str:
        answer_id = uuid.uuid4().hex[:12]
        with self._lock:
            self._db.execute("INSERT INTO answers VALUES (?, ?, ?, ?, ?)",
                             (answer_id, chat_id, time.time(), language, json.dumps(sources, ensure_ascii=False)))
            self._db.execute("DELETE FROM answers WHERE chat_id=? AND id NOT IN (SELECT id FROM answers WHERE "
                             "chat_id=? ORDER BY ts DESC LIMIT ?)", (chat_id, chat_id, self.keep_answers))
        return answer_id

    def answer(self, answer_id: str) -> tuple[int, str, list[dict]] | None:
        with self._lock:
            row = self._db.execute("SELECT chat_id, language, sources FROM answers WHERE id=?", (answer_id,)).fetchone()
        return (row[0], row[1], json.loads(row[2])) if row else None

    def put_pending(self, kind: str, payload: dict) -> str:
        """Park what a button will confirm later (a held near duplicate, a removal); returns its token.

        Kept in SQLite, so a confirmation still works after a restart or on another replica.
        """
        token = uuid.uuid4().hex[:10]
        with self._lock:
            self._db.execute("DELETE FROM pending WHERE ts < ?", (time.time() - PENDING_TTL,))
            self._db.execute("INSERT INTO pending VALUES (?, ?, ?, ?)",
                             (token, kind, time.time(), json.dumps(payload, ensure_ascii=False)))
        return token

    def peek_pending(self, token: str, kind: str) -> dict | None:
        """The parked payload, left in place (what a page button reads again and again)."""
        with self._lock:
            row = self._db.execute("SELECT payload, ts FROM pending WHERE token=? AND kind=?", (token, kind)).fetchone()
        if row is None or time.time() - row[1] > PENDING_TTL:
            return None
        return json.loads(row[0])

    def take_pending(self, token: str, kind: str) -> dict | None:
        """The parked payload, once: a second press of the same button finds nothing."""
        with self._lock:
            row = self._db.execute("SELECT payload, ts FROM pending WHERE token=? AND kind=?", (token, kind)).fetchone()
            self._db.execute("DELETE FROM pending WHERE token=?", (token,))
        if row is None or time.time() - row[1] > PENDING_TTL:
            return None
        return json.loads(row[0])

    def last_answer(self, chat_id: int) -> tuple[str, list[dict]] | None:
        with self._lock:
            row = self._db.execute("SELECT language, sources FROM answers WHERE chat_id=? ORDER BY ts DESC LIMIT 1",
                                   (chat_id,)).fetchone()
        return (row[0], json.loads(row[1])) if row else None
