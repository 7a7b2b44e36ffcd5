"""Write bench/data/decisions_chat_spelling.jsonl: every Arabic question of the dev files as chat
types it, with the same labels, to measure how the bot reads a reader's spelling.

  python bench/make_chat_spelling.py

Chat writes a final ة as ه (الحكومه), a final ى as ي (الي، مستشفي) and alef without its hamza
(اعلن). The rule is mechanical, so the file measures the reading of those spellings, not
questions chosen for it; a question the rule leaves unchanged is left out.
"""

from __future__ import annotations

import json
import re

from common import ROOT

SOURCES = sorted((ROOT / "tests" / "data").glob("*.jsonl")) + [ROOT / "bench" / "data" / "decisions_statements.jsonl"]
OUT = ROOT / "bench" / "data" / "decisions_chat_spelling.jsonl"
_END = r"(?=[\s؟?،,.!]|$)"


def chat(question: str) -> str:
    q = re.sub("ة" + _END, "ه", question)
    q = re.sub("ى" + _END, "ي", q)
    return q.translate(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا"}))


def main() -> None:
    seen, rows = set(), []
    for path in SOURCES:
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("lang") != "ar" or row["question"] in seen:
                continue
            seen.add(row["question"])
            typed = chat(row["question"])
            if typed != row["question"]:
                rows.append(dict(row, id=f"{path.stem}/{row['id']}", question=typed))  # ids repeat across files
    OUT.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} questions -> {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
