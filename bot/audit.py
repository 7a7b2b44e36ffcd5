"""The audit log of corpus changes: one JSON line per change (who, what, when) in the data dir."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path


class AuditLog:
    def __init__(self, path: Path):
        self.path = path
        self._lock = threading.Lock()

    def record(self, who: str, action: str, **details) -> dict:
        entry = {"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "who": who, "action": action, **details}
        line = json.dumps(entry, ensure_ascii=False)
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(line + "\n")
                fh.flush()
        return entry

    BOOKKEEPING = ("add_started", "add_finished")  # brackets around an addition, for recovery only

    def latest(self, n: int = 10) -> list[dict]:
        changes = [e for e in self.entries() if e.get("action") not in self.BOOKKEEPING]
        return changes[-n:] if n > 0 else []

    def entries(self) -> list[dict]:
        if not self.path.exists():
            return []
        with self._lock:
            lines = self.path.read_text(encoding="utf-8").splitlines()
        out = []
        for line in lines:
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                continue  # a line cut by a crash is skipped, not fatal
        return out
